"""Warnings about the numbers desks are reached at: a number libphonenumber does not know to be
in use, or of a kind no desk is expected to have (premium rate, pager, voicemail, personal
number). Loading refuses only numbers that cannot be dialled (ivr.menus.phones): the library's
data lags new number ranges, and a kind may be meant."""
from __future__ import annotations

from collections.abc import Mapping

from ivr.menus import phones
from ivr.menus.model import Line
from ivr.menus.options import TransferOption
from ivr.menus.problems import Problem
from ivr.menus.yamlsource import Document


def warnings(lines: Mapping[str, Line], docs: Mapping[str, Document]) -> list[Problem]:
    found = []
    for name, line in lines.items():
        for menu_name, menu in line.menus.items():
            for key, option in menu.options.items():
                if not isinstance(option, TransferOption):
                    continue
                where = ("menus", menu_name, "options", key, "transfer")
                for field, number in (("to", option.transfer.to),
                                      ("fallback", option.transfer.fallback)):
                    kind = phones.unusual(number) if number else None
                    if kind is not None:
                        found.append(docs[name].problem(
                            where + (field,), f"key {key} transfers to {number}, {kind}",
                            "make sure it is the desk's number; callers are put through to it "
                            "as written"))
    return found
