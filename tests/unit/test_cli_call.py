"""`python -m ivr call`: scripted and interactive calls print what the tests' simulator hears."""
import io

import pytest

from ivr import create_app
from ivr.menus.loader import load_menus
from ivr.simulator import Caller
from ivr.tools.cli import main
from tests.helpers import HOTLINE

MENUS = load_menus(HOTLINE)
JA = MENUS.languages["ja"].messages
YEAR_END = "2026-12-30T10:00+09:00"
TUESDAY_10 = "2026-12-01T10:00+09:00"
CALL = "call /voice/{} from +819012345678 to +815000000000"
YEAR_END_CLOSED = (
    "  [ja-JP Polly.Mizuki] 申し訳ございません。この窓口は、年末年始のためお休みです。"
    "受付時間は、平日は午前9時30分から午後8時まで、土曜日・日曜日・祝日は午前9時30分から"
    "午後5時30分までです。なお、年末年始（12月29日から1月3日まで）は受付を行っておりません。"
    "次の受付開始は1月4日月曜日、午前9時30分です。")
CARD_CENTER_HOLIDAY_CLOSED = (
    "  [ja-JP Polly.Mizuki] 申し訳ございません。この窓口は、本日は祝日のためお休みです。"
    "受付時間は、平日は午前9時30分から午後8時までです。土曜日・日曜日・祝日はお休みです。"
    "なお、年末年始（12月29日から1月3日まで）は受付を行っておりません。"
    "次の受付開始は9月24日木曜日、午前9時30分です。")


def ja(text: str) -> str:
    return f"  [ja-JP Polly.Mizuki] {text}"


@pytest.fixture(autouse=True)
def no_settings_from_the_environment(monkeypatch):
    for name in ("TWILIO_AUTH_TOKEN", "IVR_DIAL_OVERRIDE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IVR_MENUS", str(HOTLINE))  # the engine's tests' menus, not menus/


@pytest.fixture
def call(capsys, monkeypatch):
    """Run `python -m ivr call ARGS` with `stdin` piped in: (exit code, stdout lines, stderr)."""

    def run(*args: str, stdin: str = "") -> tuple[int, list[str], str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()  # not what the tests' own simulator logged before
        code = main(["call", *args])
        out, err = capsys.readouterr()
        return code, out.splitlines(), err

    return run


def greeting_and_menu(line: str) -> tuple[list[str], list[str]]:
    """What the tests' simulator hears on dialling `line` (its greeting, then its main menu as
    a caller arriving hears it), and its main menu as said again."""
    caller = Caller.for_app(create_app(SETTINGS)).dial(line, at=TUESDAY_10)
    arrival = [f"  {u}" for u in caller.heard]
    return arrival, [f"  {u}" for u in caller.press("*").heard]


SETTINGS = {"IVR_MENUS": str(HOTLINE), "TWILIO_AUTH_TOKEN": "", "IVR_DIAL_OVERRIDE": ""}


def test_a_scripted_call_at_year_end_hears_why_then_reaches_the_24_hour_desk(call):
    arrival, menu = greeting_and_menu("mynumber")
    code, out, err = call("mynumber", "--at", YEAR_END, "--keys", "3,2,busy")
    assert (code, err) == (0, "")
    assert out == ["clock 2026-12-30T10:00:00+09:00", CALL.format("mynumber"), *arrival,
                   "press 3", YEAR_END_CLOSED, *menu,
                   "press 2", ja(JA.connecting), "dial +81120950178 (then keys ww2)",
                   "transfer busy", ja(JA.trying_fallback), "dial +815038181250",
                   "caller hangs up"]


def test_a_scripted_call_at_an_open_instant_is_connected(call):
    arrival, _ = greeting_and_menu("card-center")
    code, out, _ = call("card-center", "--at", TUESDAY_10, "--keys", "1,answered")
    assert code == 0
    assert out == ["clock 2026-12-01T10:00:00+09:00", CALL.format("card-center"), *arrival,
                   "press 1", ja(JA.connecting), "dial +81570783578",
                   "transfer completed", "call ended by <Hangup>"]


def test_a_time_without_offset_is_tokyo_time_and_utc_works_too(call):
    _, menu = greeting_and_menu("card-center")
    for at in ("2026-09-22T10:00", "2026-09-22T01:00Z"):  # 国民の休日, 10:00 in Tokyo
        code, out, _ = call("card-center", "--at", at, "--keys", "1")
        assert code == 0
        assert out[0] == "clock 2026-09-22T10:00:00+09:00"  # shown in the menus' zone
        assert out[-3 - len(menu):] == ["press 1", CARD_CENTER_HOLIDAY_CLOSED, *menu,
                                        "caller hangs up"]


def test_silence_and_failures_end_the_call_as_the_menus_say(call):
    _, menu = greeting_and_menu("card-center")
    code, out, _ = call("card-center", "--at", TUESDAY_10, "--keys", ",-,7")
    assert code == 0
    assert out[-(2 * len(menu) + 8):] == [
        "silence", ja(JA.no_input), *menu, "silence", ja(JA.no_input), *menu,
        "press 7", ja(JA.invalid), ja(JA.goodbye), "call ended by <Hangup>"]


@pytest.mark.parametrize("line, at, script", [
    ("mynumber", YEAR_END, "1,no-answer,failed,*,6"),
    ("mynumber", "2026-12-05T17:30+09:00", "4,3,12"),        # Saturday, just closed; typed ahead
    ("card-center", "2027-01-04T09:29:59+09:00", "1,2,busy,busy"),
    ("card-center", "2026-12-07T09:30+09:00", "1,failed,failed,,1,canceled"),
])
def test_the_transcript_is_the_tests_simulators_word_for_word(call, line, at, script):
    caller = Caller.for_app(create_app(SETTINGS)).dial(line, at=at).act(*script.split(","))
    caller.hang_up()
    expected = caller.transcript_text().splitlines()
    expected[0] = expected[0].split(" at ")[0]  # the CLI sends its clock in a header instead
    code, out, _ = call(line, "--at", at, "--keys", script.replace("no-answer", "no answer"))
    assert code == 0
    assert out[1:] == expected


def test_interactive_input_gives_the_scripted_transcript_with_prompts_on_stderr(call):
    _, scripted, _ = call("mynumber", "--at", YEAR_END, "--keys", "3,2,busy")
    code, out, err = call("mynumber", "--at", YEAR_END, stdin="3\n2\nbusy\n")
    assert code == 0
    assert out == scripted  # stdout is the transcript alone; the end of input hangs up
    assert err == ("key or say:WORDS (Enter: silence, q: hang up)> " * 2
                   + "transfer to +81120950178: answered, busy, no answer or failed? "
                   + "transfer to +815038181250: answered, busy, no answer or failed? \n")


def test_interactive_input_that_does_not_fit_is_explained_and_asked_again(call):
    code, out, err = call("card-center", "--at", TUESDAY_10, stdin="x\nbusy\n2\nmaybe\nfailed\nq\n")
    assert code == 0
    assert [line for line in out if not line.startswith("  ")][-5:] == [
        "press 2", "dial +81570783578", "transfer failed", "dial +815038181250",
        "caller hangs up"]
    assert ("type keys (0-9 * #), - or nothing for silence, say:WORDS, or q to hang up\n"
            in err)
    assert "no transfer is ringing; type keys" in err
    assert ("a transfer to +81570783578 is ringing: type answered, busy, no answer or failed\n"
            in err)


def test_the_caller_can_say_an_option_where_the_menu_listens_for_words(call, edited_menus):
    code, out, _ = call("card-center", "--at", YEAR_END,
                        "--keys", "say:カードの一時停止をお願いします")
    assert code == 0
    assert out[-4:] == ["say 'カードの一時停止をお願いします'", ja(JA.connecting),
                        "dial +81570783578", "caller hangs up"]
    keys_only = edited_menus()  # card-center without its words: it listens for keys only
    line = keys_only / "card-center.yaml"
    line.write_text("".join(row for row in line.read_text(encoding="utf-8").splitlines(True)
                            if not row.lstrip().startswith("words:")), encoding="utf-8")
    code, _, err = call("card-center", "--menus", str(keys_only), "--at", YEAR_END,
                        "--keys", "say:一時停止")
    assert (code, err) == (2, "error: --keys item 1 ('say:一時停止'): this menu listens for keys "
                              "only, not for speech\n")


def test_a_deployments_dial_override_is_what_the_transfer_dials(call, monkeypatch):
    monkeypatch.setenv("IVR_DIAL_OVERRIDE", "+815011112222")
    _, out, _ = call("card-center", "--at", YEAR_END, "--keys", "2")
    assert out[-2:] == ["dial +815011112222", "caller hangs up"]


def test_without_a_line_the_call_goes_to_plain_voice_and_its_default_line(call):
    arrival, menu = greeting_and_menu(MENUS.default_line)
    code, out, _ = call("--at", TUESDAY_10, "--keys", "")
    assert code == 0
    assert out[1:] == ["call /voice from +819012345678 to +815000000000", *arrival,
                       "silence", ja(JA.no_input), *menu, "caller hangs up"]


@pytest.mark.parametrize("args, message", [
    (["mynumber", "--at", "30 December"],
     "error: --at '30 December' is not a date and time — write ISO 8601, e.g. "
     "2026-12-30T10:00+09:00, or 2026-12-30T10:00 for Asia/Tokyo time\n"),
    (["my-number", "--keys", "1"],
     f"error: unknown line 'my-number' — did you mean 'mynumber'? the lines in {HOTLINE} "
     f"are: {', '.join(sorted(MENUS.lines))}\n"),
])
def test_a_bad_instant_or_line_is_a_usage_error(call, args, message):
    code, out, err = call(*args)
    assert (code, out, err) == (2, [], message)


def test_a_script_that_does_not_fit_the_call_stops_with_the_transcript_so_far(call):
    code, out, err = call("card-center", "--at", TUESDAY_10, "--keys", "busy")
    assert code == 2
    assert out[-1].startswith("  [ja-JP Polly.Mizuki] ")  # the greeting and menu were printed
    assert err == ("error: --keys item 1 ('busy'): no transfer is ringing; type keys (0-9 * #), "
                   "- or nothing for silence, say:WORDS, or q to hang up\n")
    code, out, err = call("card-center", "--at", TUESDAY_10, "--keys", "1,answered,3")
    assert (code, out[-1]) == (2, "call ended by <Hangup>")
    assert err == "error: --keys item 3 ('3'): the call has ended\n"


def test_menus_with_problems_exit_1(call, edited_menus):
    folder = edited_menus({"mynumber.yaml": ("schedule: every-day", "schedule: everyday")})
    code, out, err = call("--menus", str(folder), "--keys", "1")
    assert (code, out) == (1, [])
    assert err.startswith("The menus have problems:\n")
    assert "unknown schedule 'everyday' — did you mean 'every-day'?" in err


def test_help_says_how_times_without_offset_are_read(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["call", "--help"])
    assert exited.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "without a UTC offset it is read in the menus' time zone (Asia/Tokyo" in help_text
    assert "python -m ivr call mynumber --at 2026-12-30T10:00+09:00 --keys 3,2,busy" in help_text
