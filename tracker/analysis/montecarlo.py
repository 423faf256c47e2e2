"""Provides the Monte Carlo burn-down: how many points each trial has burned
by the end of each future iteration, kept in the form the forecast asks of it.

An item is done by iteration j in a trial when the points burned by then
reach the item's threshold.  So "the share of trials in which it is done by
its deadline" and "the iteration by which half the trials have it done"
depend only on how the trials' totals are spread at each iteration, never on
one trial's path.  The run therefore goes an iteration (a column) at a time
and keeps, per column, the distinct totals and how many trials have each:
every question after that is a bisect, so 10,000 trials cost the same per
item as one.

Each trial still draws its own velocity each iteration: N random indices a
column, from random bytes (two C calls).  Trials with the same total so far
are alike, so they are advanced as a group, by counting their indices; a
team's velocities are sums of whole or half points, so a column holds a few
hundred distinct totals, not 10,000.  Should the totals spread too thin for
that to pay, the column is advanced trial by trial instead: the same trials
meet the same draws, so the result is the same either way.

Less time never burns more, seed for seed: a column with k values always
takes the same random bytes (however alike its values), and the i-th
lowest total always meets the i-th pick.  If every value of every column is
at most what it was, the i-th lowest total before a column is at most what
it was, so each sum of the pairs is too, and so is the i-th lowest of them:
every share done is at most what it was.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from random import Random

EPSILON = 1e-6
"""Slack on comparing point totals, so 0.1 + 0.2 points reach a threshold of 0.3."""
SHARES = (50, 85)
"""The percentiles reported: the dates by which 50% and 85% of trials are done."""


@dataclass(slots=True)
class Columns:
    """The points burned by the end of each simulated iteration."""

    trials: int
    """Trials actually run: 1 when every draw is certain (all trials agree)."""
    kept: dict[int, tuple[list[float], list[int]]] = field(default_factory=dict)
    """Column → its distinct totals ascending, and how many trials have at
    least each; kept for the columns asked for (the deadlines' columns)."""
    reached: dict[int, list[float]] = field(default_factory=dict)
    """Percentile → per column, the most points at least that share of trials has burned."""

    @property
    def columns(self) -> int:
        """How many columns (iterations) were run."""
        return len(self.reached[SHARES[0]])

    def share_done(self, column: int, threshold: float) -> float:
        """The share of trials that have burned ``threshold`` points by ``column``."""
        if column < 0:
            return 0.0
        totals, at_least = self.kept[column]
        return at_least[bisect_left(totals, threshold - EPSILON)] / self.trials

    def first_column(self, percent: int, threshold: float) -> int:
        """The first column by which ``percent``% of trials have burned ``threshold``.

        The number of columns run when none has: the caller reads that as
        "not within the horizon".
        """
        return bisect_left(self.reached[percent], threshold - EPSILON)


def run(
    draws: Sequence[Sequence[float]],
    trials: int,
    rng: Random,
    keep: Set[int],
    until: int,
    target: float,
) -> Columns:
    """Burn down column by column.

    Args:
        draws: per future iteration, the equally likely points it may burn.
        trials: how many trials to run.
        rng: the only source of randomness, so a seed fixes the result.
        keep: columns whose totals are kept (the deadlines' columns).
        until: run at least to this column...
        target: ...and on until 85% of trials have burned this many points.
    """
    if all(len(set(values)) <= 1 for values in draws):
        trials = 1  # every trial would be the same: one is the answer
    out = Columns(trials, reached={p: [] for p in SHARES})
    ranks = [trials - (p * trials + 99) // 100 for p in SHARES]  # ascending position of each percentile
    groups: dict[float, int] = {0.0: trials}  # total so far → trials with it
    for column, values in enumerate(draws):
        if len(values) > 1:
            # Drawn even when the values happen to be equal (an iteration
            # everyone is away for burns 0 whatever is drawn), so each column
            # takes the same random bytes however much time the team has in
            # the others: with a seed, less time then never burns more.
            picks = _indices(rng, len(values), trials)
        if len(set(values)) <= 1:
            step = values[0] if values else 0.0
            groups = {total + step: count for total, count in groups.items()}
        else:
            groups = _advance(groups, values, picks)
        totals = sorted(groups)
        counts = [groups[t] for t in totals]
        below = list(accumulate(counts))  # trials at or below each total
        for p, rank in zip(SHARES, ranks, strict=True):
            out.reached[p].append(totals[bisect_right(below, rank)])
        if column in keep:
            out.kept[column] = (totals, [trials - b + c for b, c in zip(below, counts, strict=True)] + [0])
        if column >= until and out.reached[SHARES[-1]][-1] >= target - EPSILON:
            break
    return out


def _advance(groups: dict[float, int], values: Sequence[float], picks: bytes | list[int]) -> dict[float, int]:
    """Each trial adds ``values[pick]``; trials are taken in ascending order of total."""
    k = len(values)
    ordered = sorted(groups)
    if len(ordered) * k > len(picks) // 2:  # too spread to group: trial by trial
        totals = [t for t in ordered for _ in range(groups[t])]
        moved = map(add, totals, map(values.__getitem__, picks))
        found: dict[float, int] = {}
        for total in moved:
            found[total] = found.get(total, 0) + 1
        return found
    out: dict[float, int] = {}
    start = 0
    for total in ordered:
        end = start + groups[total]
        chunk = picks[start:end]
        start = end
        for i, value in enumerate(values):
            n = chunk.count(i)
            if n:
                key = total + value
                out[key] = out.get(key, 0) + n
    return out


def _indices(rng: Random, k: int, n: int) -> bytes | list[int]:
    """``n`` uniform draws from ``range(k)``.

    For k up to 256, random bytes with those at or above the largest multiple
    of k rejected (so no value is favoured), then reduced mod k: two C calls,
    where ``rng.choices`` loops in Python.
    """
    if k > 256:
        return rng.choices(range(k), k=n)
    limit = 256 - 256 % k
    table = bytes(b % k if b < limit else 0 for b in range(256))
    reject = bytes(range(limit, 256))
    out = b""
    while len(out) < n:
        want = n - len(out)
        out += rng.randbytes(want + (want >> 2) + 16).translate(table, reject)
    return out[:n]
