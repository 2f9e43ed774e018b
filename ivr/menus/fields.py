"""Building blocks shared by the menus model: the frozen base class, checked field types, and
prompts (a text to speak, or a recording).

Validators raise ValueError("what is wrong — what to write instead"); `ivr.menus.loader` turns those
into problems that name the file and line. Each checked type also says what it checks in JSON
Schema terms (a pattern, limits), so that editors flag the same mistakes (`ivr.menus.schemas`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Tag,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ivr.menus import phones
from ivr.menus.phones import E164_PATTERN

KEYS = "0123456789#"
REPEAT_KEY = "*"
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _e164(value: str, info: ValidationInfo) -> str:
    return phones.check(value, (info.context or {}).get(phones.REGION))


E164 = Annotated[str, AfterValidator(_e164),
                 Field(json_schema_extra={"pattern": f"^{E164_PATTERN.pattern}$"})]
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


@dataclass(frozen=True)
class Between:
    """A whole number from `low` to `high`, e.g. `Annotated[int, Between(1, 60, "seconds")]`.

    Loading refuses another number with a message that names `unit`; editors are told the
    limits as the JSON Schema's minimum and maximum.
    """

    low: int
    high: int
    unit: str

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**handler(schema), "minimum": self.low, "maximum": self.high}

    def _check(self, value: int) -> int:
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} is out of range — write a number of {self.unit} from "
                             f"{self.low} to {self.high}")
        return value


def _web_address(url: str) -> str:
    if not re.fullmatch(r"https?://\S+", url):
        raise ValueError(f"{url!r} is not a web address — write the recording's full URL, "
                         "e.g. https://example.jp/prompts/welcome.mp3")
    return url


class Recording(Frozen):
    """A recorded prompt, played with <Play> instead of being spoken; `text` is what it says."""

    play: Annotated[str, AfterValidator(_web_address),
                    Field(json_schema_extra={"pattern": r"^https?://\S+$"})] = Field(
        description="the https:// address of the recording")
    text: Text = Field(description="what the recording says, for logs and reviews")


def _prompt_kind(value: object) -> str:
    return "recorded" if isinstance(value, (dict, Recording)) else "spoken"


# Either a text to speak or a recording; the discriminator keeps errors to the branch written.
Prompt = Annotated[Annotated[Text, Tag("spoken")] | Annotated[Recording, Tag("recorded")],
                   Discriminator(_prompt_kind)]
Texts = dict[str, Prompt]  # language code → what is said in that language
