"""How Twilio runs a call's TwiML: requests, verbs, the pending Gather or Dial, and the record.

`Caller` (ivr.tools.simulator) is what a person does on the phone; this is what Twilio does
between two of those actions, and the record of everything that happened, in order.
"""
from __future__ import annotations

import secrets
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from ivr.menus.twiml_types import attribute_problem, describes
from ivr.tools.webhook_client import SimulatorError, WebhookClient

MAX_REQUESTS_PER_INPUT = 50  # Twilio gives up on Redirect loops too; 50 is far past any real menu


class ActionError(SimulatorError):
    """What the caller tried does not fit the call now (or is no action); nothing was requested."""


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


@dataclass(frozen=True)
class Event:
    """One step of a call, in the order it happened.

    `kind` is call, press, say, silence, transfer, clock, heard, dial, ignored, decision, end or
    stopped (the app answered what Twilio could not use). `line` is the step in the transcript;
    a decision has none: it is the app's X-IVR-Decision on the answer that follows the step.
    """

    kind: str
    line: str = ""
    heard: Utterance | None = None
    decision: dict[str, str] | None = None
    numbers: tuple[str, ...] = ()


class TwimlRunner:
    """One call's TwiML, run as Twilio runs it, on a webhook app in-process or live."""

    def __init__(self, webhook: WebhookClient) -> None:
        self._webhook = webhook
        self.account_sid = "AC" + secrets.token_hex(16)
        self._reset()

    def _reset(self) -> None:
        self.call_sid = "CA" + secrets.token_hex(16)
        self.heard: list[Utterance] = []
        self.transcript: list[Utterance] = []
        self.dialled: list[str] = []
        self.decisions: list[dict[str, str]] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.events: list[Event] = []
        self.ended = False
        self.waiting_for: str | None = None  # "keys", "transfer", or None
        self._dialled_in = False
        self._pending: ET.Element | None = None  # the Gather or Dial waiting for the caller
        self._rest: list[ET.Element] = []  # verbs after it, in its document
        self._doc_url = ""
        self._keys = ""  # keys typed ahead for the following Gathers
        self._at: datetime | None = None
        self._input_decision: dict[str, str] = {}
        self._params: dict[str, str] = {}

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
        raise ActionError(f"{action}: {state}. Last heard: {last}")

    def _pending_verb(self) -> ET.Element:
        assert self._pending is not None, "_expect() made sure a verb is pending"
        return self._pending

    def _take_pending(self) -> tuple[ET.Element, list[ET.Element], str]:
        pending, self._pending, self.waiting_for = self._pending_verb(), None, None
        return pending, self._rest, self._doc_url

    def _answer_gather(self, typed_ahead: bool) -> tuple[str, str, dict[str, str]]:
        """Answer the pending Gather from the typed-ahead keys, as Twilio's DTMF collector does."""
        gather = self._pending_verb()
        finish, limit = gather.get("finishOnKey", "#"), gather.get("numDigits")
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
        line = f"press {digits}" + (" (typed ahead)" if typed_ahead else "")
        self.events.append(Event("press", line))
        _, _, doc_url = self._take_pending()
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
            self.events.append(Event("decision", decision=answer.decision))
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
            self._end(f"simulator stopped: {(str(error).splitlines() or [''])[0][:200]}",
                      kind="stopped")
            raise

    def _run(self, verbs: list[ET.Element], doc_url: str) -> tuple[str, str, dict[str, str]] | None:
        """Execute verbs in order; return the next request, or None when the caller must act."""
        for i, verb in enumerate(verbs):
            _check_types(verb, doc_url)
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
                # sendDigits: keys Twilio presses for the caller once the number answers.
                sent = [f" (then keys {n.get('sendDigits')})" if n.get("sendDigits") else ""
                        for n in verb] or [""]
                line = ", ".join(number + keys for number, keys in zip(numbers, sent, strict=True))
                self.events.append(Event("dial", f"dial {line}", numbers=tuple(numbers)))
                self._drop_keys()
                self._pending, self._rest, self._doc_url = verb, verbs[i + 1:], doc_url
                self.waiting_for = "transfer"
                return None
            elif verb.tag == "Redirect":
                target = (verb.text or "").strip()
                if not target:
                    raise SimulatorError(f"<Redirect> without a URL in {doc_url}")
                return (verb.get("method", "POST"), urllib.parse.urljoin(doc_url, target), {})
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
        self.events.append(Event("heard", f"  {said}", heard=said))

    def _drop_keys(self) -> None:
        if self._keys:
            line = f"keys {self._keys} ignored (no <Gather> was listening)"
            self.events.append(Event("ignored", line))
            self._keys = ""

    def _end(self, line: str, kind: str = "end") -> None:
        self._drop_keys()
        self.events.append(Event(kind, line))
        self.ended, self.waiting_for, self._pending = True, None, None


def _check_types(verb: ET.Element, doc_url: str) -> None:
    """Refuse an answer whose attributes Twilio's own TwiML types do not allow."""
    for element in verb.iter():
        if not describes(element.tag):
            continue
        for name, value in element.attrib.items():
            problem = attribute_problem(element.tag, name, value)
            if problem:
                raise SimulatorError(f"{doc_url}: {problem}, so Twilio would not take this answer")
