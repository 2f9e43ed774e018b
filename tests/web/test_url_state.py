"""A `back` in a follow-up URL that is malformed, or names a menu no longer there, is read as no
way back: the call goes on, and `#` is then a key this menu does not offer."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ivr import create_app
from tests.fixture_menus import write_menus

LINES = {
    "home": """\
        default: true
        languages: [ja]
        start: main
        menus:
          main:
            prompt: {ja: メインメニューです。}
            options:
              "9": {line: abroad}
        """,
    "abroad": """\
        languages: [en]
        start: choose
        menus:
          choose:
            prompt: {en: Choose.}
            options:
              "1": {say: {en: Hello.}}
              "#": {back: true}
        """,
}


@pytest.fixture
def client(settings, tmp_path):
    folder = write_menus(tmp_path / "menus", "open: {always: true}\n", LINES)
    return create_app({**settings, "IVR_MENUS": str(folder)}).test_client()


def press(client, url: str, key: str) -> tuple[str, list[str], str]:
    """The decision, what is said, and the menu's next URL after pressing `key` at `url`."""
    response = client.post(url, data={"CallSid": "CA" + "0" * 32, "Digits": key})
    assert response.status_code == 200 and response.mimetype == "text/xml"
    gather = ET.fromstring(response.data).find("Gather")
    assert gather is not None
    decision = dict(part.split("=", 1) for part in
                    response.headers["X-IVR-Decision"].split("; "))["decision"]
    return decision, [say.text or "" for say in gather.iter("Say")], gather.attrib["action"]


@pytest.mark.parametrize("back", ["home", "home/main", "home/main/ja/x", "home/gone/ja",
                                  "gone/main/ja", ""])
def test_a_malformed_or_stale_back_in_the_url_is_no_way_back(client, back):
    decision, said, action = press(client, f"/voice/abroad/choose?lang=en&back={back}", "#")
    messages = client.application.extensions["ivr"].menus.languages["en"].messages
    assert (decision, said[0]) == ("invalid", messages.invalid)
    assert action.startswith("/voice/abroad/choose?lang=en&fails=1&v=")


def test_a_back_to_a_menu_still_there_leads_back_in_its_language(client):
    decision, said, action = press(client, "/voice/abroad/choose?lang=en&back=home/main/ja", "#")
    assert (decision, said) == ("back", ["メインメニューです。"])
    assert action.startswith("/voice/home/main?lang=ja&fails=0&v=")


def test_the_way_back_is_kept_while_the_caller_stays_on_the_other_line(client):
    _, _, action = press(client, "/voice/abroad/choose?lang=en&back=home/main/ja", "1")
    assert "&back=home/main/ja&" in action
