"""The validated, frozen model of the menus YAML: languages, lines and their menus (whose
options are in `ivr.menus.options`), and the schedules file."""
from __future__ import annotations

from typing import Annotated, ClassVar, cast

from pydantic import AfterValidator, ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from ivr.menus.fields import E164, KEYS, REPEAT_KEY, Between, Frozen, Name, Text, Texts
from ivr.menus.lists import Lists
from ivr.menus.options import Option
from ivr.menus.schedule import Schedule


def _name_placeholders(schema: JsonDict) -> None:
    """Editors show, with each sentence, the {placeholders} the IVR fills into it."""
    properties = cast(JsonDict, schema["properties"])
    for name, placeholders in Messages.PLACEHOLDERS.items():
        field = cast(JsonDict, properties[name])
        filled = ", ".join(f"{{{placeholder}}}" for placeholder in sorted(placeholders))
        field["description"] = f"{field['description']}; the IVR fills in {filled}"


class Messages(Frozen):
    """Every sentence the IVR itself says in one language; {names} are filled in."""

    model_config = ConfigDict(json_schema_extra=_name_placeholders)

    invalid: Text = Field(description="said for a key (or words) that means nothing in the menu")
    no_input: Text = Field(description="said when nothing was pressed or said")
    goodbye: Text = Field(description="said before the call ends after too many failures in a "
                                      "row")
    connecting: Text = Field(description="said before the transfer to a desk")
    trying_fallback: Text = Field(description="said when the desk's number failed and its "
                                              "fallback is dialled")
    transfer_failed: Text = Field(description="said when no number of the desk answered; the "
                                              "menu follows")
    unknown_menu: Text = Field(description="said when the call lost its place (the menus "
                                           "changed during it) and starts again at the first "
                                           "menu")
    error: Text = Field(description="said when the IVR itself failed, and on Twilio's fallback "
                                    "URL")
    closed: Text = Field(description="said when a desk is closed")
    # Optional, so that a language file written before it still loads: without it, a caller
    # hears the reason and the hours alone (and check warns).
    closed_no_next_open: Text | None = Field(
        None, description="said instead of closed when the desk does not open within the "
                          "coming year, so there is no next opening to name")
    reasons: dict[Name, Text] = Field(description="why a desk is closed, by reason: "
                                                  "outside-hours, holiday, and each closure's "
                                                  "reason")
    hours: Text = Field(description="the desk's opening hours")
    always_open: Text = Field(description="the hours of a 24-hour desk")
    day_hours: Text = Field(description="the hours of some day types")
    every_day_hours: Text = Field(description="the hours when every day type has the same")
    interval: Text = Field(description="one opening interval")
    closed_days: Text = Field(description="the day types when the desk is closed, after the "
                                          "hours")
    closure: Text = Field(description="a yearly closure, after the hours")
    today_hours: Text | None = Field(None, description="today's hours, after the desk's hours, "
                                                       "while dated hours with an end "
                                                       "(temporary.yaml) change them")
    closure_names: dict[Name, Text] = Field(description="the name of each closure reason, e.g. "
                                                        "year-end")
    days: dict[str, Text] = Field(description="the name of each day type: weekday, saturday, "
                                              "sunday, holiday")
    date_format: Text = Field(description="CLDR date pattern of the next opening, e.g. "
                                          "M月d日EEEE、 (not M月d日(E): a voice may misread (月))")
    time_format: Text = Field(description="CLDR time pattern, e.g. aK時m分 or h:mm a")
    time_format_on_the_hour: Text = Field(description="CLDR time pattern for a time on the "
                                                      "hour, e.g. aK時 or h a")
    lists: Lists = Field(default_factory=Lists, description="how lists in the hours are joined "
                                                            "(days, intervals, day groups, "
                                                            "sentences); each defaults to CLDR's")
    number_words: tuple[Text, ...] = Field(
        (), description="for a voice that reads digits in another language: the words for 0, 1, "
                        "2, … (at least to 59), with which every number of a date or time the "
                        "IVR says is written")

    PLACEHOLDERS: ClassVar[dict[str, set[str]]] = {
        "closed": {"reason", "hours", "next_open"},
        "closed_no_next_open": {"reason", "hours"},
        "hours": {"hours"},
        "day_hours": {"days", "intervals"},
        "every_day_hours": {"intervals"},
        "interval": {"start", "end"},
        "closed_days": {"days"},
        "closure": {"name", "start", "end"},
        "today_hours": {"intervals"},
    }


class Language(Frozen):
    """How the IVR speaks and listens in one language, and what it says there."""

    locale: str = Field(description="CLDR locale for dates, times and lists, e.g. ja_JP or "
                                    "en_US")
    voice: str = Field(description="Twilio <Say> voice, e.g. Polly.Mizuki")
    say: str = Field(description="<Say language>, e.g. ja-JP")
    listen: str = Field(description="<Gather language> for speech recognition, e.g. ja-JP")
    messages: Messages = Field(description="every sentence the IVR says by itself in this "
                                           "language")


def _key(key: str) -> str:
    if key == REPEAT_KEY:
        raise ValueError("* always repeats the menu — give this option another key: 0-9 or #")
    if len(key) != 1 or key not in KEYS:
        raise ValueError(f"{key!r} is not a phone key — use one of 0-9 or #, in quotes, "
                         "e.g. \"1\":")
    return key


Key = Annotated[str, AfterValidator(_key), Field(json_schema_extra={"pattern": "^[0-9#]$"})]


class Menu(Frozen):
    """A prompt in the caller's language, and each option's own announcement, in key order:
    after the prompt, or before it (announce_first); on arrival, an intro before the prompt."""

    intro: Texts | None = Field(None, description="said before the prompt when a caller arrives "
                                                  "in the menu (after the greeting, or by a key "
                                                  "from another menu), not when the menu is said "
                                                  "again; per language of the line")
    prompt: Texts | None = Field(None, description="what the menu says, per language of the line")
    options: dict[Key, Option] = Field(description="what each key does: \"0\"-\"9\" or \"#\", "
                                                   "in quotes; * always repeats the menu")

    @model_validator(mode="after")
    def _said_somehow(self) -> Menu:
        if self.prompt is None and not any(o.announce for o in self.options.values()):
            raise ValueError("a caller would hear nothing in this menu — give it a prompt:, "
                             "or give its options announce:")
        return self

    def words_in(self, language: str) -> tuple[str, ...]:
        """Every word a caller speaking `language` may say here: the menu listens when any."""
        return tuple(word for option in self.options.values()
                     for word in option.words_in(language))


class Line(Frozen):
    """One phone line: the numbers that reach it, its languages and its menus."""

    default: bool = Field(False, description="true for the line that /voice answers when the "
                                             "call's number is not listed in any line; exactly "
                                             "one line has it")
    numbers: tuple[E164, ...] = Field((), description="Twilio numbers (E.164, e.g. "
                                                      "\"+815012345678\") whose calls to plain "
                                                      "/voice come to this line")
    languages: tuple[str, ...] = Field(min_length=1, description="the languages the line speaks; "
                                       "the first is the one a call starts in, each needs a file "
                                       "languages/<code>.yaml")
    greeting: Texts | None = Field(None, description="said once, at the start: in the first "
                                                     "language, and in each other one it is "
                                                     "written in, each in its own voice")
    start: Name = Field(description="the menu a call starts in, after the greeting")
    menus: dict[Name, Menu] = Field(min_length=1, description="the line's menus by name "
                                    "(lower-case letters, digits and dashes)")
    timeout: Annotated[int, Between(1, 60, "seconds of silence")] = Field(
        6, description="seconds of silence after a menu before the caller is told nothing was "
                       "pressed")
    max_failures: Annotated[int, Between(1, 10, "failures in a row")] = Field(
        3, description="silences or wrong keys in a row after which the call ends politely")


class SchedulesFile(Frozen):
    timezone: str = Field(description="IANA time zone of every time in the menus, e.g. "
                                      "Asia/Tokyo")
    holidays: str = Field("JP", description="ISO 3166 country whose public holidays are the day "
                                            "type holiday, e.g. JP")
    schedules: dict[Name, Schedule] = Field(min_length=1, description="opening hours by name; "
                                            "options name them in schedule:")

