"""What each key of the menus YAML means, said for the JSON Schemas that editors show on hover.

The model's own comments describe the fields that have one (`ivr.menus.schemas` reads them); this
table describes the others, and replaces a comment written for programmers rather than operators.
"""
from __future__ import annotations

from ivr.menus.changes import Change, ChangesFile
from ivr.menus.model import (
    Language,
    Line,
    Menu,
    Messages,
    Option,
    Recording,
    SchedulesFile,
    Transfer,
)
from ivr.menus.schedule import Closure, Schedule

DESCRIPTIONS: dict[tuple[type, str], str] = {
    (Line, "default"): "true for the line that /voice answers when the call's number is not "
                       "listed in any line; exactly one line has it",
    (Line, "numbers"): "Twilio numbers (E.164, e.g. \"+815012345678\") whose calls to plain "
                       "/voice come to this line",
    (Line, "languages"): "the languages the line speaks; the first is the one a call starts in, "
                         "each needs a file languages/<code>.yaml",
    (Line, "start"): "the menu a call starts in, after the greeting",
    (Line, "menus"): "the line's menus by name (lower-case letters, digits and dashes)",
    (Line, "timeout"): "seconds of silence after a menu before the caller is told nothing "
                       "was pressed",
    (Line, "max_failures"): "silences or wrong keys in a row after which the call ends politely",
    (Menu, "prompt"): "what the menu says, per language of the line",
    (Menu, "options"): "what each key does: \"0\"-\"9\" or \"#\", in quotes; * always repeats "
                       "the menu",
    (Option, "transfer"): "transfer the call to a desk when its schedule says it is open; when "
                          "closed the caller hears why and when it opens, then this menu again",
    (Option, "announce"): "said after the menu's prompt, in the one language given, e.g. "
                          "{en: \"For English, press 1.\"}",
    (Transfer, "to"): "the desk's number, E.164: + then country code and number, e.g. "
                      "\"+81120950178\" for 0120-95-0178",
    (Transfer, "fallback"): "tried when the first number is busy, unanswered or fails, E.164",
    (Recording, "play"): "the https:// address of the recording",
    (Recording, "text"): "what the recording says, for logs and reviews",
    (Language, "locale"): "CLDR locale for dates, times and lists, e.g. ja_JP or en_US",
    (Language, "voice"): "Twilio <Say> voice, e.g. Polly.Mizuki",
    (Language, "say"): "<Say language>, e.g. ja-JP",
    (Language, "listen"): "<Gather language> for speech recognition, e.g. ja-JP",
    (Language, "messages"): "every sentence the IVR says by itself in this language",
    (Messages, "invalid"): "said for a key (or words) that means nothing in the menu",
    (Messages, "no_input"): "said when nothing was pressed or said",
    (Messages, "goodbye"): "said before the call ends after too many failures in a row",
    (Messages, "connecting"): "said before the transfer to a desk",
    (Messages, "trying_fallback"): "said when the desk's number failed and its fallback is dialled",
    (Messages, "transfer_failed"): "said when no number of the desk answered; the menu "
                                   "follows",
    (Messages, "unknown_menu"): "said when the call lost its place (the menus changed "
                                "during it) and starts again at the first menu",
    (Messages, "error"): "said when the IVR itself failed, and on Twilio's fallback URL",
    (Messages, "closed"): "said when a desk is closed",
    (Messages, "reasons"): "why a desk is closed, by reason: outside-hours, holiday, and each "
                           "closure's reason",
    (Messages, "hours"): "the desk's opening hours",
    (Messages, "always_open"): "the hours of a 24-hour desk",
    (Messages, "day_hours"): "the hours of some day types",
    (Messages, "every_day_hours"): "the hours when every day type has the same",
    (Messages, "interval"): "one opening interval",
    (Messages, "closed_days"): "the day types when the desk is closed, after the hours",
    (Messages, "closure"): "a yearly closure, after the hours",
    (Messages, "closure_names"): "the name of each closure reason, e.g. year-end",
    (Messages, "days"): "the name of each day type: weekday, saturday, sunday, holiday",
    (Messages, "date_format"): "CLDR date pattern of the next opening, e.g. M月d日(E)",
    (Messages, "time_format"): "CLDR time pattern, e.g. aK時m分 or h:mm a",
    (Messages, "time_format_on_the_hour"): "CLDR time pattern for a time on the hour, e.g. "
                                           "aK時 or h a",
    (SchedulesFile, "timezone"): "IANA time zone of every time in the menus, e.g. Asia/Tokyo",
    (SchedulesFile, "holidays"): "ISO 3166 country whose public holidays are the day type "
                                 "holiday, e.g. JP",
    (SchedulesFile, "schedules"): "opening hours by name; options name them in schedule:",
    (Schedule, "always"): "true: open 24 hours, every day of the year (no hours or closures)",
    (Schedule, "hours"): "opening intervals per day type: weekday (Monday-Friday that is not "
                         "a public holiday), saturday, sunday, holiday; or every-day alone. A "
                         "day type left out is closed",
    (Schedule, "closures"): "closed every year from start to end inclusive, e.g. "
                            "{start: \"12-29\", end: \"01-03\", reason: year-end}",
    (Closure, "start"): "first closed day, \"MM-DD\"",
    (Closure, "end"): "last closed day, \"MM-DD\"; may be in the next year (New Year)",
    (Closure, "reason"): "what callers are told (messages.reasons in each language)",
    (ChangesFile, "changes"): "temporary changes; each ends by itself at its end",
    (Change, "name"): "a name for logs and the check command, e.g. maintenance-2026-12",
    (Change, "schedules"): "the schedules it changes, or [all]",
    (Change, "state"): "closed (the default) or open, whatever the regular hours say",
    (Change, "start"): "when it begins, \"YYYY-MM-DD HH:MM\" in the menus' time zone; "
                       "left out: now",
    (Change, "end"): "when it ends, \"YYYY-MM-DD HH:MM\" in the menus' time zone",
}
