"""The validated, frozen model of the menus YAML: languages, lines, menus and options."""
from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from ivr.menus.fields import E164, KEYS, REPEAT_KEY, Frozen, Name, Text, between
from ivr.menus.schedule import Schedule


class Messages(Frozen):
    """Every sentence the IVR itself says in one language; {names} are filled in."""

    invalid: Text
    no_input: Text
    goodbye: Text
    connecting: Text
    trying_fallback: Text
    transfer_failed: Text
    unknown_menu: Text
    error: Text
    closed: Text
    reasons: dict[Name, Text]
    hours: Text
    always_open: Text
    day_hours: Text
    every_day_hours: Text
    interval: Text
    closed_days: Text
    closure: Text
    closure_names: dict[Name, Text]
    days: dict[str, Text]
    date_format: Text
    time_format: Text
    time_format_on_the_hour: Text

    PLACEHOLDERS: ClassVar[dict[str, set[str]]] = {
        "closed": {"reason", "hours", "next_open"},
        "hours": {"hours"},
        "day_hours": {"days", "intervals"},
        "every_day_hours": {"intervals"},
        "interval": {"start", "end"},
        "closed_days": {"days"},
        "closure": {"name", "start", "end"},
    }


class Language(Frozen):
    """How the IVR speaks and listens in one language, and what it says there."""

    locale: str
    voice: str
    say: str
    listen: str
    messages: Messages


def _web_address(url: str) -> str:
    if not re.fullmatch(r"https?://\S+", url):
        raise ValueError(f"{url!r} is not a web address — write the recording's full URL, "
                         "e.g. https://example.jp/prompts/welcome.mp3")
    return url


class Recording(Frozen):
    """A recorded prompt, played with <Play> instead of being spoken; `text` is what it says."""

    play: Annotated[str, AfterValidator(_web_address)]
    text: Text


def _prompt_kind(value: object) -> str:
    return "recorded" if isinstance(value, (dict, Recording)) else "spoken"


# Either a text to speak or a recording; the discriminator keeps errors to the branch written.
Prompt = Annotated[Annotated[Text, Tag("spoken")] | Annotated[Recording, Tag("recorded")],
                   Discriminator(_prompt_kind)]
Texts = dict[str, Prompt]  # language code → what is said in that language


def _one_language(texts: Texts) -> Texts:
    if len(texts) != 1:
        raise ValueError("an announcement is spoken in one language — write one entry, "
                         "e.g. announce: {en: \"For English, press 1.\"}")
    return texts


class Transfer(Frozen):
    to: E164
    fallback: E164 | None = None
    # One schedule, or one per language of the caller (group A and group B desks).
    schedule: Annotated[Annotated[Name, Tag("one")]
                        | Annotated[dict[str, Name], Tag("per-language")],
                        Discriminator(lambda v: "per-language" if isinstance(v, dict) else "one")]

    def schedule_for(self, language: str) -> str:
        return self.schedule if isinstance(self.schedule, str) else self.schedule[language]


ACTIONS = ("transfer", "menu", "say", "line", "back")


class Option(Frozen):
    """What one key does: transfer, open a menu or another line, go back, or speak a message."""

    transfer: Transfer | None = None
    menu: Name | None = None  # another menu of this line
    say: Texts | None = None  # a message, then this menu again
    line: Name | None = None  # another line's first menu; its `back` option returns here
    back: bool = False  # return to the line and menu the caller came from
    language: str | None = None  # with menu or line: the caller's language from now on
    words: tuple[Text, ...] = ()  # what a caller may say instead of pressing the key
    announce: Annotated[Texts | None, AfterValidator(lambda t: t and _one_language(t))] = None

    @model_validator(mode="after")
    def _one_action(self) -> Option:
        chosen = [name for name in ACTIONS if getattr(self, name)]
        if len(chosen) != 1:
            found = " and ".join(chosen) or "none"
            raise ValueError(f"an option does exactly one thing, this one has {found} — "
                             "write one of transfer:, menu:, say:, line: or back: true")
        if self.language and not (self.menu or self.line):
            raise ValueError("language: switches language on the way to a menu — add menu: "
                             "or line: to this option, or remove language:")
        return self


def _key(key: str) -> str:
    if key == REPEAT_KEY:
        raise ValueError("* always repeats the menu — give this option another key: 0-9 or #")
    if len(key) != 1 or key not in KEYS:
        raise ValueError(f"{key!r} is not a phone key — use one of 0-9 or #, in quotes, "
                         "e.g. \"1\":")
    return key


Key = Annotated[str, AfterValidator(_key)]


class Menu(Frozen):
    """A prompt in the caller's language, then each option's own announcement, in key order."""

    prompt: Texts | None = None
    options: dict[Key, Option]

    @model_validator(mode="after")
    def _said_somehow(self) -> Menu:
        if self.prompt is None and not any(o.announce for o in self.options.values()):
            raise ValueError("a caller would hear nothing in this menu — give it a prompt:, "
                             "or give its options announce:")
        return self

    @property
    def listens_for_words(self) -> bool:
        return any(option.words for option in self.options.values())


class Line(Frozen):
    """One phone line: the numbers that reach it, its languages and its menus."""

    default: bool = False
    numbers: tuple[E164, ...] = ()
    languages: tuple[str, ...] = Field(min_length=1)  # the first is the one a call starts in
    greeting: Texts | None = None  # said once, at the start, in the first language
    start: Name
    menus: dict[Name, Menu] = Field(min_length=1)
    timeout: Annotated[int, AfterValidator(between(1, 60, "seconds of silence"))] = 6
    max_failures: Annotated[int, AfterValidator(between(1, 10, "failures in a row"))] = 3


class SchedulesFile(Frozen):
    timezone: str
    holidays: str = "JP"
    schedules: dict[Name, Schedule] = Field(min_length=1)

