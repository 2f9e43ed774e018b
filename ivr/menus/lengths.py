"""Every text the menus give to one <Say> is no longer than its voice can speak: Twilio counts
UTF-8 bytes (a Japanese character is three), 3,000 for Amazon Polly voices, 5,000 for Google's,
4,096 for the others. Recordings are played, not spoken, and have no such limit.

The sentences the IVR builds from these texts (a closed desk's hours) are checked where they are
built, by ivr.calls.limits.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ivr.menus.fields import Prompt
from ivr.menus.model import Language, Line
from ivr.menus.options import SayOption, TransferOption
from ivr.menus.problems import Problem
from ivr.menus.twiml_types import say_limit
from ivr.menus.yamlsource import Document

# The IVR's own sentences that are said whole, as written (closed is a pattern: filled in, it is
# checked with the hours it holds).
SAID_AS_WRITTEN = ("invalid", "no_input", "goodbye", "connecting", "trying_fallback",
                   "transfer_failed", "unknown_menu", "error")


def check_lengths(languages: Mapping[str, Language], language_docs: Mapping[str, Document],
                  lines: Mapping[str, Line], line_docs: Mapping[str, Document]) -> list[Problem]:
    """A problem for each text longer than one <Say> of its language's voice may be."""
    problems = []
    for code, language in languages.items():
        for field in SAID_AS_WRITTEN:
            problems += _too_long(language_docs[code], ("messages", field),
                                  getattr(language.messages, field), language.voice)
    for name, line in lines.items():
        for where, code, prompt in said_texts(line):
            if code in languages and isinstance(prompt, str):
                problems += _too_long(line_docs[name], where + (code,), prompt,
                                      languages[code].voice)
    return problems


def spoken_bytes(text: str) -> int:
    """A text's length as Twilio counts it for <Say>."""
    return len(text.encode("utf-8"))


def too_long(text: str, voice: str) -> str | None:
    """What is wrong when `text` is longer than one <Say> of `voice` may be; None if it fits."""
    size, limit = spoken_bytes(text), say_limit(voice)
    if size <= limit:
        return None
    return (f"this is {size:,} bytes of UTF-8, and one <Say> of {voice} speaks at most "
            f"{limit:,}")


def _too_long(doc: Document, where: tuple, text: str, voice: str) -> list[Problem]:
    found = too_long(text, voice)
    return [doc.problem(where, found, "shorten it, split it in two, or record it and write "
                                      "{play: https://…, text: …}")] if found else []


def said_texts(line: Line) -> Iterator[tuple[tuple, str, Prompt]]:
    """(YAML path, language, text) of every text of the line that is one <Say>."""
    for code, prompt in (line.greeting or {}).items():
        yield ("greeting",), code, prompt
    for menu_name, menu in line.menus.items():
        where = ("menus", menu_name)
        for said in ("intro", "prompt"):
            for code, prompt in (getattr(menu, said) or {}).items():
                yield where + (said,), code, prompt
        for key, option in menu.options.items():
            texts: list[tuple[tuple, Mapping[str, Prompt]]] = [
                (("announce",), option.announce or {})]
            if isinstance(option, SayOption):
                texts.append((("say",), option.say))
            if isinstance(option, TransferOption):
                texts.append((("transfer", "when_closed"), option.transfer.when_closed or {}))
            for path, by_code in texts:
                for code, prompt in by_code.items():
                    yield where + ("options", key) + path, code, prompt
