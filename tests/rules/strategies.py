"""Hypothesis strategies: small, messy snapshots, cycles and bad data included."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from tracker.model import (
    External,
    ExternalStatus,
    Item,
    Iteration,
    IterationState,
    Mandate,
    Project,
    Snapshot,
    Status,
)

BASE = date(2019, 1, 1)
PROJECTS = ("MTD", "API", "VISA")

days = st.integers(min_value=0, max_value=120).map(lambda n: BASE + timedelta(days=n))
maybe_days = st.none() | days


@st.composite
def snapshots(draw: st.DrawFn, max_items: int = 14) -> Snapshot:
    """A snapshot of up to three projects, with dangling references and cycles."""
    snap = Snapshot()
    projects = draw(st.lists(st.sampled_from(PROJECTS), min_size=1, max_size=3, unique=True))
    names: dict[str, list[str]] = {}
    for p in projects:
        snap.projects[p] = Project(p, p, squeeze_share=draw(st.sampled_from([0.5, 0.8, 1.0])))
        names[p] = []
        for n in range(draw(st.integers(0, 4))):
            start = draw(maybe_days)
            end = None if start is None else start + timedelta(days=draw(st.integers(-2, 20)))
            if draw(st.booleans()) and draw(st.booleans()):
                start = None  # an end without a start
            name = f"Sprint {n + 1}"
            names[p].append(name)
            capacity = draw(st.none() | st.integers(0, 30).map(float))
            state = draw(st.sampled_from(list(IterationState)))
            snap.iterations[(p, name)] = Iteration(p, name, start, end, capacity, state=state)
    codes = [f"M{n}" for n in range(draw(st.integers(0, 3)))]
    for code in codes:
        snap.mandates[code] = Mandate(
            code, f"Act {code}", deadline=draw(maybe_days), hard=draw(st.booleans())
        )
    externals = [f"X{n}" for n in range(draw(st.integers(0, 3)))]
    for code in externals:
        snap.externals[code] = External(
            code,
            f"API {code}",
            draw(st.sampled_from(["", "DWP"])),
            expected=draw(maybe_days),
            status=draw(st.sampled_from(list(ExternalStatus))),
        )
    count = draw(st.integers(1, max_items))
    keys = [f"{draw(st.sampled_from(projects))}-{n + 1}" for n in range(count)]
    for key in keys:
        project = key.rsplit("-", 1)[0]
        iteration = draw(st.none() | st.sampled_from([*names[project], "Ghost"]))
        snap.items[key] = Item(
            key,
            key,
            points=draw(st.none() | st.sampled_from([0.0, 0.5, 1.0, 3.0, 8.0, 13.0])),
            status=draw(st.sampled_from(list(Status))),
            rank=draw(st.integers(0, 5)),
            iteration=iteration,
            deadline=draw(st.none() | days),
            not_before=draw(st.none() | days),
            fixed=draw(st.booleans()),
            depends_on=tuple(draw(st.lists(st.sampled_from([*keys, "GONE-1"]), max_size=4))),
            mandates=tuple(draw(st.lists(st.sampled_from([*codes, "NOPE"]), max_size=2))),
            externals=tuple(draw(st.lists(st.sampled_from([*externals, "NOPE"]), max_size=2))),
        )
    return snap


def reversed_snapshot(s: Snapshot) -> Snapshot:
    """The same facts, loaded in the opposite order."""
    return Snapshot(
        projects=dict(reversed(s.projects.items())),
        iterations=dict(reversed(s.iterations.items())),
        items=dict(reversed(s.items.items())),
        mandates=dict(reversed(s.mandates.items())),
        externals=dict(reversed(s.externals.items())),
    )
