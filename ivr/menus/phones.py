"""Phone numbers checked as phone numbers, by Google's libphonenumber (`phonenumbers`).

A transfer number must be E.164 (+81120950178), and one that can be dialled: a number of the
wrong length for its country, or with the trunk prefix kept after the country code
(+8105012345678, the 0 that is dialled only inside Japan), is refused. A number written the way
it is dialled at home (050-1234-5678) is refused with its E.164 form, read in the menus' own
country: `schedules.yaml`'s `holidays:`, handed to validation as pydantic context (REGION).

Whether a number is in use, and what kind it is, is only warned about (`check`): the library's
data lags new number ranges, and a folder that loads today must load tomorrow.
"""
from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from babel import Locale
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import ValidationResult as Length

from ivr.menus.lookalikes import retyped

E164_PATTERN = re.compile(r"\+[1-9][0-9]{6,14}")
REGION = "region"  # the key of the menus' country (ISO 3166, e.g. JP) in the validation context
_E164_HINT = "write + then the country code and the number, no spaces or dashes"

# Kinds of number that a desk is not expected to have, as `check` names them. Toll-free,
# shared-cost (ナビダイヤル 0570), fixed, mobile and VoIP numbers are all usual.
UNUSUAL = {
    PhoneNumberType.PREMIUM_RATE: "a premium-rate number, which callers pay extra for",
    PhoneNumberType.PAGER: "a pager number",
    PhoneNumberType.VOICEMAIL: "a voicemail access number",
    PhoneNumberType.PERSONAL_NUMBER: "a personal number, which follows its owner to any phone",
}


def check(value: str, region: str | None) -> str:
    """`value`, if it is an E.164 number that can be dialled; else ValueError("what is wrong —
    what to write"). `region` is the country a number without + is read in."""
    refusal = _refusal(value, region)
    if refusal is not None:
        raise ValueError(refusal)
    return value


@lru_cache(maxsize=4096)  # a large tree names each desk's number many times
def _refusal(value: str, region: str | None) -> str | None:
    if not E164_PATTERN.fullmatch(value):
        return retyped(value, lambda text: _refusal(text, region) is None) \
            or _not_e164(value, region)
    try:
        number = phonenumbers.parse(value)
    except NumberParseException:
        return (f"{value!r} starts with no country's code — write + then the country code, "
                "e.g. +81 for Japan, then the number")
    code = number.country_code or 0  # set by parse: the number starts with +
    country = _country(code)
    length = phonenumbers.is_possible_number_with_reason(number)
    if length == Length.TOO_SHORT or length == Length.IS_POSSIBLE_LOCAL_ONLY:
        return (f"{value!r} is too short for a {country} number, so it cannot be dialled — "
                "write the whole number: + then the country code, the area code and the number")
    if length == Length.TOO_LONG:
        return (f"{value!r} is too long for a {country} number, so it cannot be dialled — "
                "check its digits")
    if length != Length.IS_POSSIBLE:
        return (f"{value!r} has a number of digits that no {country} number has, so it "
                "cannot be dialled — check its digits")
    written = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if written == value:
        return None
    prefix = _trunk_prefix(code)
    if prefix and value == written.replace(f"+{code}", f"+{code}{prefix}", 1):
        return (f"{value!r} keeps the trunk prefix {prefix}, which is dialled only on calls "
                f"within the country: after {country} it cannot be dialled — write {written}")
    return f"{value!r} is not written as the number it means — write {written}"


def _not_e164(value: str, region: str | None) -> str:
    meant = e164_of(value, region)
    if meant is None:
        return (f"{value!r} is not an E.164 phone number — {_E164_HINT}, e.g. +81120950178 for "
                "0120-95-0178")
    prefix = _trunk_prefix(phonenumbers.parse(meant).country_code or 0)
    home = f", without the {prefix} dialled first at home" if prefix else ""
    return (f"{value!r} is not an E.164 phone number — did you mean {meant}? "
            f"{_E164_HINT[0].upper()}{_E164_HINT[1:]}{home}")


def unusual(value: str) -> str | None:
    """What is unusual about a sound E.164 number for a desk, e.g. "a premium-rate number",
    or None."""
    number = phonenumbers.parse(value)
    if not phonenumbers.is_valid_number(number):
        return (f"not a {_country(number.country_code or 0)} number in use, as far as "
                "libphonenumber knows")
    return UNUSUAL.get(phonenumbers.number_type(number))


def e164_of(value: str, region: str | None) -> str | None:
    """The E.164 form of a number written another way (050-1234-5678 in `region`, or
    +81 50-1234-5678), when it is a number in use."""
    try:
        number = phonenumbers.parse(value, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _country(code: int) -> str:
    """"+81 (Japan)": a country code, and the country it belongs to in English."""
    region = phonenumbers.region_code_for_country_code(code)
    name = Locale("en").territories.get(region) if region.isalpha() else None
    return f"+{code} ({name})" if name else f"+{code}"


def _trunk_prefix(code: int) -> str | None:
    """The digits dialled before a number inside its country (0 in Japan), if any."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(
        phonenumbers.region_code_for_country_code(code), None)
    return metadata.national_prefix if metadata is not None else None
