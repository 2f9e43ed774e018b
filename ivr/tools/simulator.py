"""A simulated phone call: requests a webhook app and reads its TwiML the way Twilio does.

It knows TwiML and Twilio's webhook protocol, nothing about our menus, so tests, the
terminal simulator and the browser simulator can all drive any voice app with it.
"""
from __future__ import annotations

import secrets
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ivr.menus.instants import read_instant
from ivr.tools.webhook_client import SimulatorError, WebhookClient

__all__ = ["Caller", "SimulatorError", "Utterance", "parse_instant"]

OUTCOMES = ("completed", "busy", "no-answer", "failed", "canceled")
DTMF = "0123456789*#"
MAX_REQUESTS_PER_INPUT = 50  # Twilio gives up on Redirect loops too; 50 is far past any real menu


@dataclass(frozen=True)
class Utterance:
    """One thing the caller heard: spoken text (kind "say") or an audio URL (kind "play")."""

    text: str
    language: str | None = None
    voice: str | None = None
    kind: str = "say"

    def __str__(self) -> str:
        tags = ["play"] if self.kind == "play" else [t for t in (self.language, self.voice) if t]
        return f"[{' '.join(tags)}] {self.text}" if tags else self.text


def parse_instant(value: str | datetime) -> datetime:
    """An aware datetime from an ISO 8601 string with offset (or Z) or from a datetime."""
    instant = read_instant(value, None) if isinstance(value, str) else value
    if instant.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset — write e.g. 2026-12-30T10:00+09:00")
    return instant


class Caller:
    """One caller phoning a webhook app; each method is what a person does on the phone."""

    def __init__(self, *, client: Any = None, base_url: str = "http://localhost",
                 auth_token: str | None = None) -> None:
        self._webhook = WebhookClient(client, base_url, auth_token)
        self._base = self._webhook.base_url
        self.account_sid = "AC" + secrets.token_hex(16)
        self._reset()

    @classmethod
    def for_app(cls, app: Any, auth_token: str | None = None) -> Caller:
        """Call a Flask app in-process through its test client."""
        return cls(client=app.test_client(), auth_token=auth_token)

    @classmethod
    def for_url(cls, base_url: str, auth_token: str | None = None) -> Caller:
        """Call a live server over HTTP, e.g. "http://127.0.0.1:8000"."""
        return cls(base_url=base_url, auth_token=auth_token)

    def _reset(self) -> None:
        self.call_sid = "CA" + secrets.token_hex(16)
        self.heard: list[Utterance] = []
        self.transcript: list[Utterance] = []
        self.dialled: list[str] = []
        self.decisions: list[dict[str, str]] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.ended = False
        self.waiting_for: str | None = None  # "keys", "transfer", or None
        self._events: list[str] = []
        self._dialled_in = False
        self._pending: ET.Element | None = None  # the Gather or Dial waiting for the caller
        self._rest: list[ET.Element] = []  # verbs after it, in its document
        self._doc_url = ""
        self._keys = ""  # keys typed ahead for the following Gathers
        self._at: datetime | None = None
        self._input_decision: dict[str, str] = {}
        self._params: dict[str, str] = {}

    # --- what the caller does -------------------------------------------------------------

    def dial(self, line: str | None = None, at: str | datetime | None = None,
             from_: str = "+819012345678", to: str | None = None,
             method: str = "POST") -> Caller:
        """Place a new call to /voice (or /voice/<line>); `at` freezes the app's clock."""
        self._reset()
        self._check_clock(at)
        self._at = parse_instant(at) if at is not None else None
        self._dialled_in = True
        self._params = {"CallSid": self.call_sid, "AccountSid": self.account_sid,
                        "From": from_, "To": to or "+815000000000", "Direction": "inbound",
                        "ApiVersion": "2010-04-01"}
        path = "/voice" + (f"/{urllib.parse.quote(line, safe='')}" if line else "")
        self._events.append(f"call {path} from {from_} to {self._params['To']}"
                            + (f" at {self._at.isoformat()}" if self._at else ""))
        self._go((method.upper(), self._base + path, {}))
        return self

    def press(self, keys: str) -> Caller:
        """Press keys at the pending Gather; keys beyond its numDigits answer the next ones."""
        if not keys or any(k not in DTMF for k in keys):
            raise ValueError(f"press() takes keys from {DTMF!r}, got {keys!r}; "
                             "use silence() for no input")
        self._expect("keys", f"press({keys!r})")
        if "dtmf" not in self._pending.get("input", "dtmf"):
            raise SimulatorError(f"press({keys!r}): the pending <Gather> takes "
                                 f"input={self._pending.get('input')!r}, not keys")
        self._keys = keys
        self._go(self._answer_gather(typed_ahead=False))
        return self

    def say(self, words: str, confidence: float = 0.9) -> Caller:
        """Speak at the pending Gather; Twilio sends what it recognised as SpeechResult."""
        self._expect("keys", f"say({words!r})")
        if "speech" not in self._pending.get("input", "dtmf"):
            raise SimulatorError(f"say({words!r}): the pending <Gather> takes "
                                 f"input={self._pending.get('input', 'dtmf')!r}, not speech")
        self._events.append(f"say {words!r}")
        gather, _, doc_url = self._take_pending()
        self._go((gather.get("method", "POST"),
                  urllib.parse.urljoin(doc_url, gather.get("action", doc_url)),
                  {"SpeechResult": words, "Confidence": f"{confidence:.2f}"}))
        return self

    def silence(self) -> Caller:
        """Say nothing until the pending Gather times out."""
        self._expect("keys", "silence()")
        self._events.append("silence")
        self._go(self._empty_gather())
        return self

    def transfer(self, outcome: str = "completed") -> Caller:
        """Decide how the pending Dial ends: completed, busy, no-answer, failed or canceled."""
        if outcome not in OUTCOMES:
            raise ValueError(f"transfer() outcome must be one of {OUTCOMES}, got {outcome!r}")
        self._expect("transfer", f"transfer({outcome!r})")
        dial, rest, doc_url = self._take_pending()
        self._events.append(f"transfer {outcome}")
        if dial.get("action") is None:
            self._go(self._run(rest, doc_url))
            return self
        params = {"DialCallStatus": outcome, "DialCallSid": "CA" + secrets.token_hex(16)}
        if outcome == "completed":
            params["DialCallDuration"] = "42"
        self._go((dial.get("method", "POST"), urllib.parse.urljoin(doc_url, dial.get("action")),
                  params))
        return self

    def hang_up(self) -> None:
        """The caller puts the phone down; Twilio makes no webhook request for that here."""
        self._expect(None, "hang_up()")
        self._end("caller hangs up")

    def at(self, instant: str | datetime) -> Caller:
        """Move the app's clock for the following requests of this call."""
        self._check_clock(instant)
        self._expect(None, f"at({instant!r})", reset=False)
        self._at = parse_instant(instant)
        self._events.append(f"clock {self._at.isoformat()}")
        return self

    # --- what the test reads --------------------------------------------------------------

    @property
    def heard_text(self) -> str:
        return " ".join(u.text for u in self.heard)

    @property
    def gather(self) -> dict[str, str] | None:
        """The attributes of the pending Gather, or None when no Gather is pending."""
        return dict(self._pending.attrib) if self.waiting_for == "keys" else None

    @property
    def decision(self) -> dict[str, str]:
        """The last X-IVR-Decision header of the call, as a dict ({} when none came)."""
        return self.decisions[-1] if self.decisions else {}

    @property
    def closed(self) -> bool:
        """Whether the answer to the last input (dial, press, silence, transfer) said closed."""
        return self._input_decision.get("decision") == "closed"

    def transcript_text(self) -> str:
        """The whole call, one line per event, for terminals and failing test messages."""
        return "\n".join(self._events)

    # --- how Twilio runs TwiML ------------------------------------------------------------

    def _check_clock(self, at: Any) -> None:
        if at is not None and self._webhook.live:
            raise ValueError(f"cannot set the clock of the live server at {self._base}: it reads "
                             "its own clock; use Caller.for_app() to test other instants")

    def _expect(self, waiting_for: str | None, action: str, reset: bool = True) -> None:
        """Refuse an action the caller cannot take now, saying what the call is waiting for."""
        if self._dialled_in and not self.ended and waiting_for in (None, self.waiting_for):
            if reset:  # a new caller action: what follows is heard and decided anew
                self.heard, self._input_decision = [], {}
            return
        state = ("no call was placed; dial() first" if not self._dialled_in
                 else "the call has ended" if self.ended
                 else "the call is waiting for keys (a <Gather> is pending)"
                 if self.waiting_for == "keys"
                 else "the call is waiting for a transfer outcome (a <Dial> is pending)")
        last = " / ".join(str(u) for u in (self.heard or self.transcript[-3:])) or "(nothing)"
        raise SimulatorError(f"{action}: {state}. Last heard: {last}")

    def _take_pending(self) -> tuple[ET.Element, list[ET.Element], str]:
        pending, self._pending, self.waiting_for = self._pending, None, None
        return pending, self._rest, self._doc_url

    def _answer_gather(self, typed_ahead: bool) -> tuple[str, str, dict[str, str]]:
        """Answer the pending Gather from the typed-ahead keys, as Twilio's DTMF collector does."""
        finish, limit = self._pending.get("finishOnKey", "#"), self._pending.get("numDigits")
        digits, used = "", len(self._keys)
        for i, key in enumerate(self._keys):
            if finish and key == finish:
                # Twilio drops the finishOnKey from Digits, but sends it when it was all pressed.
                digits, used = digits or key, i + 1
                break
            digits += key
            if limit and len(digits) >= int(limit):
                used = i + 1
                break
        self._keys = self._keys[used:]
        self._events.append(f"press {digits}" + (" (typed ahead)" if typed_ahead else ""))
        gather, _, doc_url = self._take_pending()
        return (gather.get("method", "POST"),
                urllib.parse.urljoin(doc_url, gather.get("action", doc_url)), {"Digits": digits})

    def _empty_gather(self) -> tuple[str, str, dict[str, str]] | None:
        gather, rest, doc_url = self._take_pending()
        if gather.get("actionOnEmptyResult", "false").lower() == "true":
            return (gather.get("method", "POST"),
                    urllib.parse.urljoin(doc_url, gather.get("action", doc_url)), {})
        return self._run(rest, doc_url)

    def _fetch(self, method: str, url: str, extra: dict[str, str]) -> ET.Element:
        """Request one TwiML document, as Twilio would with this call's parameters."""
        params = {**self._params, "CallStatus": "in-progress" if self.requests else "ringing",
                  **extra}
        self.requests.append((method.upper(), url, params))
        answer = self._webhook.request(method, url, params, self._at)
        if answer.decision is not None:
            self._input_decision = answer.decision
            self.decisions.append(answer.decision)
        return answer.root

    def _go(self, request: tuple[str, str, dict[str, str]] | None) -> None:
        """Make requests and run their documents until the caller must act or the call ends."""
        count = 0
        try:
            while request is not None:
                count += 1
                if count > MAX_REQUESTS_PER_INPUT:
                    raise SimulatorError(f"{MAX_REQUESTS_PER_INPUT} requests without caller input "
                                         f"— a Redirect loop? Last: {self.requests[-1][:2]}")
                method, url, extra = request
                request = self._run(list(self._fetch(method, url, extra)), url)
        except Exception as error:
            self._end(f"simulator stopped: {(str(error).splitlines() or [''])[0][:200]}")
            raise

    def _run(self, verbs: list[ET.Element], doc_url: str) -> tuple[str, str, dict[str, str]] | None:
        """Execute verbs in order; return the next request, or None when the caller must act."""
        for i, verb in enumerate(verbs):
            if verb.tag in ("Say", "Play", "Pause"):
                self._hear(verb)
            elif verb.tag == "Gather":
                for child in verb:
                    self._hear(child)
                self._pending, self._rest, self._doc_url = verb, verbs[i + 1:], doc_url
                self.waiting_for = "keys"
                if "dtmf" not in verb.get("input", "dtmf"):
                    self._drop_keys()
                return self._answer_gather(typed_ahead=True) if self._keys else None
            elif verb.tag == "Dial":
                numbers = [(n.text or "").strip() for n in verb] or [(verb.text or "").strip()]
                self.dialled.extend(numbers)
                self._events.append(f"dial {', '.join(numbers)}")
                self._drop_keys()
                self._pending, self._rest, self._doc_url = verb, verbs[i + 1:], doc_url
                self.waiting_for = "transfer"
                return None
            elif verb.tag == "Redirect":
                if not (verb.text or "").strip():
                    raise SimulatorError(f"<Redirect> without a URL in {doc_url}")
                return (verb.get("method", "POST"),
                        urllib.parse.urljoin(doc_url, verb.text.strip()), {})
            elif verb.tag in ("Hangup", "Reject"):
                self._end(f"call ended by <{verb.tag}>")
                return None
            else:
                raise SimulatorError(f"<{verb.tag}> in {doc_url} is not a verb the simulator runs")
        self._end("call ended (end of document)")
        return None

    def _hear(self, element: ET.Element) -> None:
        if element.tag == "Pause":
            return
        if element.tag not in ("Say", "Play"):
            raise SimulatorError(f"<{element.tag}> cannot be nested in <Gather>")
        # itertext() keeps the words inside SSML tags such as <prosody> or <say-as>.
        text = "".join(element.itertext()).strip()
        said = (Utterance(text, element.get("language"), element.get("voice"))
                if element.tag == "Say" else Utterance(text, None, None, kind="play"))
        self.heard.append(said)
        self.transcript.append(said)
        self._events.append(f"  {said}")

    def _drop_keys(self) -> None:
        if self._keys:
            self._events.append(f"keys {self._keys} ignored (no <Gather> was listening)")
            self._keys = ""

    def _end(self, event: str) -> None:
        self._drop_keys()
        self._events.append(event)
        self.ended, self.waiting_for, self._pending = True, None, None
