"""How a call ended, from the steps the IVR decided: exactly one of five endings per call.

A call's steps are folded one at a time into a `Summary`, in whatever batches and order they
reach the database (two workers may answer one call's turns), so the fold orders them itself by
`seq`, when each request arrived. The ending is a function of the summary alone:

- `connected`: a transfer was answered (whatever came after);
- `gave-up`: the IVR ended the call after repeated failures (its last step was `goodbye`);
- `closed`: the last thing the caller heard was a closed desk;
- `transfer-failed`: the last transfer the call made failed, and the caller hung up;
- `abandoned`: the caller hung up in a menu otherwise (or while a transfer rang).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

CONNECTED, GAVE_UP, CLOSED = "connected", "gave-up", "closed"
TRANSFER_FAILED, ABANDONED = "transfer-failed", "abandoned"
ENDINGS = (CONNECTED, TRANSFER_FAILED, CLOSED, GAVE_UP, ABANDONED)

# The navigator's decisions (ivr.calls.navigator) that the endings and counts tell apart.
# What a transfer did: it rang (transfer, fallback), failed for good, or was answered.
TRANSFER_STEPS = frozenset({"transfer", "fallback", "transfer-failed", "connected"})
# A caller's answer in a menu (a key, words or silence), as opposed to a new call's greeting,
# a transfer's outcome or a URL that led nowhere; and those that were invalid or silent.
ANSWERS = frozenset({"repeat", "invalid", "no-input", "goodbye", "closed", "transfer",
                     "submenu", "line", "back", "message"})
FAILED_ANSWERS = frozenset({"invalid", "no-input", "goodbye"})


@dataclass(frozen=True)
class StepFacts:
    """What the fold needs of one step: when it came, what was decided, where it left the caller."""

    seq: int  # when the request arrived (ns, the real clock): orders a call's steps
    at: datetime  # the app's clock (a simulated call's pretend instant), aware
    local: datetime  # `at` on the wall clock of the menus' zone
    line: str | None  # where the step was answered (a new call: the line and its first menu)
    menu: str | None
    decision: str
    next_line: str | None  # where the step leaves the caller: the menu they hear next
    next_menu: str | None
    language: str | None
    caller: str | None = None  # the keyed hash of the caller's number, on a call's first step


@dataclass(slots=True)
class Summary:
    """A call as its steps so far describe it: the row the `calls` table keeps.

    Changed in place by `add`: the writer folds thousands of steps a second, and a copy per
    step cost more than the rest of the fold."""

    steps: int = 0
    first_seq: int | None = None
    started_at: datetime | None = None
    local: datetime | None = None  # started_at on the zone's wall clock
    line: str | None = None  # the line the call came in on
    caller: str | None = None
    connected: bool = False
    last_seq: int | None = None
    last_decision: str | None = None
    last_line: str | None = None
    last_menu: str | None = None
    language: str | None = None  # the language the call was last in
    transfer_seq: int | None = None
    transfer_failed: bool = False

    @property
    def day(self) -> date | None:
        return self.local.date() if self.local else None

    def add(self, step: StepFacts) -> Summary:
        """Fold one more step in, whether it came before or after the others; returns self.

        Ties (a frozen clock in tests) go to the step added later: steps are added in the order
        one process took them.
        """
        self.steps += 1
        self.caller = self.caller or step.caller
        self.connected = self.connected or step.decision == CONNECTED
        if self.first_seq is None or step.seq < self.first_seq:
            self.first_seq, self.started_at, self.local = step.seq, step.at, step.local
            self.line = step.line
        if self.last_seq is None or step.seq >= self.last_seq:
            self.last_seq, self.last_decision = step.seq, step.decision
            # a step that hung up leaves the caller where it was answered
            self.last_line = step.next_line or step.line
            self.last_menu = step.next_menu or step.menu
            self.language = step.language or self.language
        if step.decision in TRANSFER_STEPS and (self.transfer_seq is None
                                                or step.seq >= self.transfer_seq):
            self.transfer_seq, self.transfer_failed = step.seq, step.decision == TRANSFER_FAILED
        return self

    @property
    def ending(self) -> str:
        if self.connected:
            return CONNECTED
        if self.last_decision == "goodbye":
            return GAVE_UP
        if self.last_decision == "closed":
            return CLOSED
        if self.transfer_failed:
            return TRANSFER_FAILED
        return ABANDONED


def summarize(steps: list[StepFacts]) -> Summary:
    """The summary of a whole call's steps, in any order."""
    summary = Summary()
    for step in steps:
        summary.add(step)
    return summary
