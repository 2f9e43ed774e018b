"""What a key of a menu does: one of five kinds of option, told apart by the one action the YAML
gives it (`transfer:`, `menu:`, `say:`, `line:` or `back: true`), each carrying what it leads to.

Tools that only need where an option leads ask it (`next_menu`, `next_line`, `goes_back`,
`switches_to`, `summary`). Code that acts differently on each kind (the navigator, the checks
across files) matches on the kinds and ends with `assert_never`, so that mypy names whatever
forgets a new kind. A new kind is a class here, added to `_Kinds`; how options are read, refused
and described to editors follows from the kinds' fields (`ivr.menus.option_reading`).
"""
from __future__ import annotations

import re
from abc import abstractmethod
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from ivr.menus.fields import E164, Frozen, Name, Text, Texts
from ivr.menus.option_reading import ReadByAction

SEND_DIGITS = re.compile(r"[0-9*#w]+")


def _keys_to_send(digits: str) -> str:
    if not SEND_DIGITS.fullmatch(digits):
        raise ValueError(f"{digits!r} cannot be pressed on a phone — write keys 0-9, * and #, "
                         "with w for each half-second wait, e.g. ww3")
    return digits


class Transfer(Frozen):
    to: E164 = Field(description="the desk's number, E.164: + then country code and number, e.g. "
                                 "\"+81120950178\" for 0120-95-0178")
    send_digits: Annotated[str, AfterValidator(_keys_to_send),
                           Field(json_schema_extra={"pattern": f"^{SEND_DIGITS.pattern}$"})
                           ] | None = Field(
        None, description="keys pressed for the caller once `to` answers, e.g. \"ww3\" (each w "
                          "waits half a second): to choose the same topic in that desk's own "
                          "menu; the fallback gets none")
    fallback: E164 | None = Field(None, description="tried when the first number is busy, "
                                                    "unanswered or fails, E.164")
    schedule: Annotated[Annotated[Name, Tag("one")]
                        | Annotated[dict[str, Name], Tag("per-language")],
                        Discriminator(lambda v: "per-language" if isinstance(v, dict) else "one")
                        ] = Field(description="One schedule, or one per language of the caller "
                                              "(group A and group B desks).")
    when_closed: Texts | None = Field(None, description="said after the closed desk's hours, "
                                                        "in the languages given: where else the "
                                                        "caller can turn, e.g. a 24-hour desk")

    def schedule_for(self, language: str) -> str:
        return self.schedule if isinstance(self.schedule, str) else self.schedule[language]


def _one_language(texts: Texts | None) -> Texts | None:
    if texts and len(texts) != 1:
        raise ValueError("an announcement is spoken in one language — write one entry, "
                         "e.g. announce: {en: \"For English, press 1.\"}")
    return texts


class BaseOption(Frozen):
    """What every kind of option has besides its action."""

    ACTION: ClassVar[str]  # the YAML key that says what the option does

    words: Annotated[Annotated[tuple[Text, ...], Tag("any-language")]
                     | Annotated[dict[str, tuple[Text, ...]], Tag("per-language")],
                     Discriminator(lambda v: "per-language" if isinstance(v, dict)
                                   else "any-language")] = Field(
        (), description="what a caller may say instead of pressing the key: per language of "
                        "the line, e.g. {ja: [紛失, なくした], en: [lost, stolen]}, or one list "
                        "heard in any language (a language's own name, e.g. [English, Eigo]); "
                        "the menu then listens for speech, with these words as hints")
    announce: Annotated[Texts | None, AfterValidator(_one_language),
                        Field(json_schema_extra={"minProperties": 1, "maxProperties": 1})] = Field(
        None, description="said after the menu's prompt, in the one language given, e.g. "
                          "{en: \"For English, press 1.\"}")
    announce_first: bool = Field(False, description="true: the announcement is said before the "
                                                    "menu's prompt instead of after it, e.g. the "
                                                    "way out for callers who do not speak the "
                                                    "prompt's language")

    @model_validator(mode="after")
    def _announced(self) -> BaseOption:
        if self.announce_first and not self.announce:
            raise ValueError("announce_first: true places an announcement, and this option has "
                             "none — add announce: {en: \"…\"}, or remove announce_first")
        return self

    def words_in(self, language: str) -> tuple[str, ...]:
        """What a caller speaking `language` may say instead of pressing the key."""
        return self.words.get(language, ()) if isinstance(self.words, dict) else self.words

    @property
    def next_menu(self) -> str | None:
        """The menu of this line that the key opens, if it opens one."""
        return None

    @property
    def next_line(self) -> str | None:
        """The line whose start menu the key opens, if it opens one."""
        return None

    @property
    def goes_back(self) -> bool:
        """Whether the key returns the caller to the line and menu they came from."""
        return False

    @property
    def switches_to(self) -> str | None:
        """The caller's language from this key on, when the key switches it."""
        return None

    @property
    @abstractmethod
    def summary(self) -> str:
        """What the key does, in a few words, e.g. "menu news, in en from now on"."""


_LANGUAGE = "with menu or line: the caller's language from now on"


def _from_now_on(language: str | None) -> str:
    return f", in {language} from now on" if language else ""


class TransferOption(BaseOption):
    ACTION = "transfer"
    transfer: Transfer = Field(description="transfer the call to a desk when its schedule says "
                                           "it is open; when closed the caller hears why and "
                                           "when it opens, then this menu again")

    @property
    def summary(self) -> str:
        keys = f" (keys {self.transfer.send_digits})" if self.transfer.send_digits else ""
        fallback = f", then {self.transfer.fallback}" if self.transfer.fallback else ""
        return f"transfer to {self.transfer.to}{keys}{fallback}"


class MenuOption(BaseOption):
    ACTION = "menu"
    menu: Name = Field(description="another menu of this line")
    language: str | None = Field(None, description=_LANGUAGE)

    @property
    def next_menu(self) -> str:
        return self.menu

    @property
    def switches_to(self) -> str | None:
        return self.language

    @property
    def summary(self) -> str:
        return f"menu {self.menu}{_from_now_on(self.language)}"


class SayOption(BaseOption):
    ACTION = "say"
    say: Texts = Field(description="a message, then this menu again")

    @property
    def summary(self) -> str:
        return "a message, then this menu again"


class LineOption(BaseOption):
    ACTION = "line"
    line: Name = Field(description="another line's first menu; its `back` option returns here")
    language: str | None = Field(None, description=_LANGUAGE)

    @property
    def next_line(self) -> str:
        return self.line

    @property
    def switches_to(self) -> str | None:
        return self.language

    @property
    def summary(self) -> str:
        return f"line {self.line}{_from_now_on(self.language)}"


class BackOption(BaseOption):
    """Offered only to a caller who came from another line."""

    ACTION = "back"
    back: Literal[True] = Field(description="return to the line and menu the caller came from")

    @property
    def goes_back(self) -> bool:
        return True

    @property
    def summary(self) -> str:
        return "back to the line and menu the caller came from"


# Every kind, tagged for pydantic's discriminated union. The tags name classes, never YAML keys,
# so that explain.py can drop them from the YAML path of a mistake.
_Kinds = (Annotated[TransferOption, Tag("TransferOption")]
          | Annotated[MenuOption, Tag("MenuOption")]
          | Annotated[SayOption, Tag("SayOption")]
          | Annotated[LineOption, Tag("LineOption")]
          | Annotated[BackOption, Tag("BackOption")])
READING = ReadByAction(_Kinds)
Option = Annotated[_Kinds, READING.discriminator, READING.validator]
