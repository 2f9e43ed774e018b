"""A simulated phone call: requests a webhook app and reads its TwiML the way Twilio does.

It knows TwiML and Twilio's webhook protocol, nothing about our menus, so tests, the
terminal simulator and the browser simulator can all drive any voice app with it. What Twilio
does between two of the caller's actions is ivr.tools.twiml_runner.
"""
from __future__ import annotations

import secrets
import urllib.parse
from datetime import datetime
from typing import Any

from ivr.menus.instants import read_instant
from ivr.menus.scenarios import ITEMS, KEYS, read_item
from ivr.tools.twiml_runner import ActionError, Event, TwimlRunner, Utterance
from ivr.tools.webhook_client import SimulatorError, WebhookClient

__all__ = ["ActionError", "Caller", "Event", "SimulatorError", "Utterance", "parse_instant"]

OUTCOMES = ("completed", "busy", "no-answer", "failed", "canceled")
DTMF = KEYS


def parse_instant(value: str | datetime) -> datetime:
    """An aware datetime from an ISO 8601 string with offset (or Z) or from a datetime."""
    instant = read_instant(value, None) if isinstance(value, str) else value
    if instant.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset — write e.g. 2026-12-30T10:00+09:00")
    return instant


class Caller(TwimlRunner):
    """One caller phoning a webhook app; each method is what a person does on the phone."""

    def __init__(self, *, client: Any = None, base_url: str = "http://localhost",
                 auth_token: str | None = None) -> None:
        super().__init__(WebhookClient(client, base_url, auth_token))
        self._base = self._webhook.base_url

    @classmethod
    def for_app(cls, app: Any, auth_token: str | None = None) -> Caller:
        """Call a Flask app in-process through its test client."""
        return cls(client=app.test_client(), auth_token=auth_token)

    @classmethod
    def for_url(cls, base_url: str, auth_token: str | None = None) -> Caller:
        """Call a live server over HTTP, e.g. "http://127.0.0.1:8000"."""
        return cls(base_url=base_url, auth_token=auth_token)

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
        self.events.append(Event("call", f"call {path} from {from_} to {self._params['To']}"
                                 + (f" at {self._at.isoformat()}" if self._at else "")))
        self._go((method.upper(), self._base + path, {}))
        return self

    def press(self, keys: str) -> Caller:
        """Press keys at the pending Gather; keys beyond its numDigits answer the next ones."""
        if not keys or any(k not in DTMF for k in keys):
            raise ValueError(f"press() takes keys from {DTMF!r}, got {keys!r}; "
                             "use silence() for no input")
        self._expect("keys", f"press({keys!r})")
        if "dtmf" not in self._pending_verb().get("input", "dtmf"):
            raise ActionError(f"press({keys!r}): the pending <Gather> takes "
                              f"input={self._pending_verb().get('input')!r}, not keys")
        self._keys = keys
        self._go(self._answer_gather(typed_ahead=False))
        return self

    def say(self, words: str, confidence: float = 0.9) -> Caller:
        """Speak at the pending Gather; Twilio sends what it recognised as SpeechResult."""
        self._expect("keys", f"say({words!r})")
        if "speech" not in self._pending_verb().get("input", "dtmf"):
            raise ActionError(f"say({words!r}): the pending <Gather> takes "
                              f"input={self._pending_verb().get('input', 'dtmf')!r}, not speech")
        self.events.append(Event("say", f"say {words!r}"))
        gather, _, doc_url = self._take_pending()
        self._go((gather.get("method", "POST"),
                  urllib.parse.urljoin(doc_url, gather.get("action", doc_url)),
                  {"SpeechResult": words, "Confidence": f"{confidence:.2f}"}))
        return self

    def silence(self) -> Caller:
        """Say nothing until the pending Gather times out."""
        self._expect("keys", "silence()")
        self.events.append(Event("silence", "silence"))
        self._go(self._empty_gather())
        return self

    def transfer(self, outcome: str = "completed") -> Caller:
        """Decide how the pending Dial ends: completed, busy, no-answer, failed or canceled."""
        if outcome not in OUTCOMES:
            raise ValueError(f"transfer() outcome must be one of {OUTCOMES}, got {outcome!r}")
        self._expect("transfer", f"transfer({outcome!r})")
        dial, rest, doc_url = self._take_pending()
        self.events.append(Event("transfer", f"transfer {outcome}"))
        action = dial.get("action")
        if action is None:
            self._go(self._run(rest, doc_url))
            return self
        params = {"DialCallStatus": outcome, "DialCallSid": "CA" + secrets.token_hex(16)}
        if outcome == "completed":
            params["DialCallDuration"] = "42"
        self._go((dial.get("method", "POST"), urllib.parse.urljoin(doc_url, action),
                  params))
        return self

    def hang_up(self) -> None:
        """The caller puts the phone down; Twilio makes no webhook request for that here."""
        self._expect(None, "hang_up()")
        self._end("caller hangs up")

    def status_callback(self, path: str = "/voice/status", status: str = "completed",
                        duration: int = 60) -> Caller:
        """What Twilio sends the number's "Call status changes" URL once the call is over: its
        CallStatus and CallDuration (seconds), with the call's parameters, at its instant."""
        if not self.ended:
            raise ActionError("status_callback(): the call has not ended; hang_up() first")
        params = {**self._params, "CallStatus": status, "CallDuration": str(duration)}
        self._webhook.request("POST", self._base + path, params, self._at)
        return self

    def at(self, instant: str | datetime | None) -> Caller:
        """Move the app's clock for the following requests of this call; None: the real clock."""
        self._check_clock(instant)
        self._expect(None, f"at({instant!r})", reset=False)
        self._at = parse_instant(instant) if instant is not None else None
        shown = self._at.isoformat() if self._at else "(the real clock)"
        self.events.append(Event("clock", f"clock {shown}"))
        return self

    def act(self, *items: str) -> Caller:
        """Do what each item of a script says, in order, as `python -m ivr call --keys` reads it.

        An item is keys (0-9 * #); "" or "-" for silence; "say:WORDS"; at a transfer, how it
        ends: answered, busy, no answer, failed (or a DialCallStatus); "hangup" or "q". An item
        that does not fit the call as it stands raises ActionError before any request.
        """
        for item in items:
            self._act(item.strip())
        return self

    # --- what the test reads --------------------------------------------------------------

    @property
    def heard_text(self) -> str:
        return " ".join(u.text for u in self.heard)

    @property
    def gather(self) -> dict[str, str] | None:
        """The attributes of the pending Gather, or None when no Gather is pending."""
        return dict(self._pending_verb().attrib) if self.waiting_for == "keys" else None

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
        return "\n".join(event.line for event in self.events if event.line)

    def _check_clock(self, at: Any) -> None:
        if at is not None and self._webhook.live:
            raise ValueError(f"cannot set the clock of the live server at {self._base}: it reads "
                             "its own clock; use Caller.for_app() to test other instants")

    def _act(self, word: str) -> None:
        """One item, read as the operators' scenarios read it (ivr.menus.scenarios), so that a
        script means the same here as in menus/scenarios.yaml."""
        if not self._dialled_in or self.ended:
            raise ActionError("no call was placed; dial() first" if not self._dialled_in
                              else "the call has ended")
        item = read_item(word)
        if item is not None and item.kind == "hangup":
            self.hang_up()
        elif self.waiting_for == "transfer":
            if item is None or item.kind != "outcome":
                raise ActionError(f"a transfer to {self.dialled[-1]} is ringing: "
                                  "type answered, busy, no answer or failed")
            self.transfer(item.value)
        elif item is None:
            raise ActionError(ITEMS)
        elif item.kind == "outcome":
            raise ActionError("no transfer is ringing; " + ITEMS)
        elif item.kind == "silence":
            self.silence()
        elif item.kind == "say":
            if "speech" not in self._pending_verb().get("input", "dtmf"):
                raise ActionError("this menu listens for keys only, not for speech")
            if not item.value:
                raise ActionError("say what? e.g. say:English")
            self.say(item.value)
        else:
            self.press(item.value)
