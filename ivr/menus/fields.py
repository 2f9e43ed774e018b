"""Building blocks shared by the menus model: the frozen base class and checked field types.

Validators raise ValueError("what is wrong — what to write instead"); `ivr.menus.loader` turns those
into problems that name the file and line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

E164_PATTERN = re.compile(r"\+[1-9][0-9]{6,14}")
KEYS = "0123456789#"
REPEAT_KEY = "*"
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _e164(value: str) -> str:
    if not E164_PATTERN.fullmatch(value):
        raise ValueError(f"{value!r} is not an E.164 phone number — write + then the country "
                         "code and the number, no spaces or dashes, e.g. +81120950178 "
                         "for 0120-95-0178")
    return value


E164 = Annotated[str, AfterValidator(_e164)]
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


def between(low: int, high: int, unit: str) -> Callable[[int], int]:
    """A validator for a whole number from `low` to `high`."""

    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range — write a number of {unit} from "
                             f"{low} to {high}")
        return value

    return check
