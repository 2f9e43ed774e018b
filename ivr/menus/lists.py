"""How a language joins what the IVR lists when it says a desk's hours: day names, the
intervals of a day, the hours of different days, and the sentences of the hours.

Each is optional in a language's file: left out, lists are joined with the locale's own "and"
(CLDR, through Babel), and the sentences with nothing between them, as before these existed.
Written out, the separators keep their spaces, since Thai separates with a space alone.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from ivr.menus.fields import Frozen

# A separator, spaces at its ends kept: ", " and " " mean what they say.
Separator = Annotated[str, StringConstraints(strip_whitespace=False)]


class ListPattern(Frozen):
    """Separators between listed items, spaces kept, e.g. {between: ", ", last: ", and "}."""

    between: Separator = Field(description="between two items, e.g. \", \"")
    last: Separator | None = Field(None, description="before the last of three or more items, "
                                                     "e.g. \", and \"; default: between")
    two: Separator | None = Field(None, description="between the only two items, e.g. \" and \"; "
                                                    "default: last")

    def join(self, items: list[str]) -> str:
        if len(items) < 2:
            return "".join(items)
        last = self.between if self.last is None else self.last
        if len(items) == 2:
            return items[0] + (last if self.two is None else self.two) + items[1]
        return self.between.join(items[:-1]) + last + items[-1]


class Lists(Frozen):
    """How the pieces of the hours are joined in one language."""

    days: ListPattern | None = Field(None, description="between day names in one group, e.g. "
                                                       "Saturdays, Sundays and public holidays; "
                                                       "default: the locale's \"and\" (CLDR)")
    intervals: ListPattern | None = Field(None, description="between the intervals of one day "
                                                            "type; default: the locale's \"and\" "
                                                            "(CLDR)")
    day_groups: ListPattern | None = Field(None, description="between the hours of different "
                                                             "days (weekdays …, Saturdays …); "
                                                             "default: the locale's \"and\" "
                                                             "(CLDR), which doubles when a group "
                                                             "of days says it too")
    sentences: ListPattern | None = Field(None, description="between the hours, closed_days and "
                                                            "each closure; default: nothing, each "
                                                            "starts with its own punctuation")
