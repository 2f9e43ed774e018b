"""The score of a run: for each module, how many of the mutants that can change what the code
does the tests kill, and every one they do not. A mutant that cannot change behaviour counts
apart only when bench/mutants-equivalent.txt says why; an entry that matches no surviving
mutant is reported too, so the file cannot hide a survivor or go stale unnoticed."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.mutation.operators import Mutant

KILLED, TIMEOUT, SURVIVED, UNCOVERED, ERROR = "killed", "timeout", "survived", "not covered", \
    "error"


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str
    tests: int  # how many tests the mutant ran against, in its last run

    @property
    def killed(self) -> bool:
        return self.status in (KILLED, TIMEOUT)


def read_equivalents(path: Path) -> dict[str, str]:
    """Mutant key → why it cannot change behaviour. An entry is the key as the report prints it,
    on a line of its own, then the reason on indented lines; `#` starts a comment line."""
    entries: dict[str, str] = {}
    key = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            if key is None:
                raise ValueError(f"{path}:{number}: a reason with no mutant above it")
            entries[key] = f"{entries[key]} {line.strip()}".strip()
        else:
            key = line.strip()
            entries[key] = ""
    if missing := [k for k, why in entries.items() if not why]:
        raise ValueError(f"{path}: no reason given for {missing[0]}")
    return entries


def score(killed: int, counted: int) -> str:
    return f"{100 * killed / counted:5.1f} %" if counted else "    - "


def report(outcomes: Sequence[Outcome], equivalents: dict[str, str], seconds: float) -> float:
    """Print the table, the survivors and the equivalents; return the overall score (0-1)."""
    explained = {o.mutant.key for o in outcomes if not o.killed and o.mutant.key in equivalents}
    survivors = [o for o in outcomes if not o.killed and o.mutant.key not in explained]
    print(f"{'module':34} {'mutants':>7} {'killed':>7} {'equivalent':>10} {'survived':>8}  score")
    paths = list(dict.fromkeys(o.mutant.path for o in outcomes))
    total_killed = total_counted = 0
    for path in [*paths, "core"]:
        mine = [o for o in outcomes if path in (o.mutant.path, "core")]
        killed = sum(o.killed for o in mine)
        equivalent = sum(o.mutant.key in explained for o in mine)
        counted = len(mine) - equivalent
        if path == "core":
            total_killed, total_counted = killed, counted
            print("-" * 80)
        print(f"{path:34} {len(mine):7} {killed:7} {equivalent:10} {counted - killed:8}  "
              f"{score(killed, counted)}")
    print(f"\n{len(outcomes)} mutants in {seconds / 60:.1f} min; score = killed / (mutants - "
          "equivalent)")
    _survivors(survivors)
    _equivalents(outcomes, equivalents, explained)
    return total_killed / total_counted if total_counted else 1.0


def _survivors(survivors: Sequence[Outcome]) -> None:
    print(f"\nSurvivors ({len(survivors)}): the tests pass with these changes")
    for o in survivors:
        ran = "no test runs this line" if o.status == UNCOVERED else \
            "the tests could not run" if o.status == ERROR else f"{o.tests} tests ran"
        print(f"  {o.mutant.key}\n      line {o.mutant.line}; {ran}")


def _equivalents(outcomes: Sequence[Outcome], equivalents: dict[str, str],
                 explained: set[str]) -> None:
    print(f"\nEquivalent ({len(explained)}), as bench/mutants-equivalent.txt explains:")
    for key in sorted(explained):
        print(f"  {key}\n      {equivalents[key]}")
    keys = {o.mutant.key: o for o in outcomes}
    modules = {o.mutant.path for o in outcomes}
    for key in equivalents:
        if key in explained or key.split(" ", 1)[0] not in modules:
            continue  # explained, or of a module not mutated in this run
        what = "is killed: it is not equivalent" if key in keys else "matches no mutant"
        print(f"  stale entry: {key}\n      {what}; delete it from bench/mutants-equivalent.txt")
