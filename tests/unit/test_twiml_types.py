"""Twilio's own TwiML types, vendored: what each attribute takes, and how long a <Say> may be."""
import pytest

from ivr.menus.twiml_types import attribute_problem, catalog, say_limit, values


def test_the_vendored_lists_name_their_source_and_version():
    assert catalog()["twilio_version"] == "6.3.1"
    assert "lib/twiml/VoiceResponse.d.ts" in catalog()["_source"]
    assert {"Polly.Mizuki", "Google.hi-IN-Wavenet-A"} <= values("SayVoice")
    assert "ne-NP" in values("GatherLanguage") and "ne-NP" not in values("SayLanguage")


@pytest.mark.parametrize("verb, name, value, problem", [
    ("Gather", "input", "dtmf speech", None),
    ("Gather", "input", "dtmf voice", "Gather@input: voice not in Twilio's GatherInput"),
    ("Gather", "language", "cmn-Hans-CN", None),
    ("Gather", "language", "cmn-CN", "Gather@language: cmn-CN not in Twilio's GatherLanguage"),
    ("Gather", "actionOnEmptyResult", "yes", "Gather@actionOnEmptyResult is true or false"),
    ("Gather", "timeout", "6", None),
    ("Gather", "timeout", "six", "Gather@timeout is a number"),
    ("Number", "sendDigits", "ww3", None),
    ("Say", "voice", "Polly.Nobody", "Say@voice: Polly.Nobody not in Twilio's SayVoice"),
    ("Say", "speed", "1", "<Say> has no attribute 'speed': it takes language, loop, voice"),
    ("Conference", "beep", "true",
     "<Conference> is not a verb of Twilio's TwiML that the IVR answers with"),
])
def test_an_attribute_is_checked_against_twilios_own_types(verb, name, value, problem):
    assert attribute_problem(verb, name, value) == problem


@pytest.mark.parametrize("voice, limit", [("Polly.Mizuki", 3000), ("Polly.Joanna-Neural", 3000),
                                          ("Google.th-TH-Standard-A", 5000), ("alice", 4096)])
def test_a_say_is_limited_by_its_voices_family(voice, limit):
    assert say_limit(voice) == limit
