"""Invariant 2 over any sequence of a team's moves: whatever is moved, closed,
carried, reopened or imported, an open item never sits in a closed or ended
iteration unless ``planned-in-past`` says so."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.model import IterationState
from tracker.services.check import run_check
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.services.items import add_item, edit_item, move_item
from tracker.services.plan import add_sprint, close_sprint, start_sprint
from tracker.services.projects import add_project
from tracker.store import Store

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
#: Past (ended), Now (holds today), Soon, Later: two weeks each.
SPRINTS = {"Past": -21, "Now": -7, "Soon": 7, "Later": 21}
KEYS = [f"MTD-{n}" for n in range(1, 5)]
TARGETS = [*SPRINTS, None]

actions = st.one_of(
    st.tuples(st.just("move"), st.sampled_from(KEYS), st.sampled_from(TARGETS)),
    st.tuples(st.just("start"), st.sampled_from(list(SPRINTS)), st.none()),
    st.tuples(st.just("close"), st.sampled_from(list(SPRINTS)), st.sampled_from(TARGETS)),
    st.tuples(st.just("force-close"), st.sampled_from(list(SPRINTS)), st.sampled_from(TARGETS)),
    st.tuples(
        st.just("status"), st.sampled_from(KEYS), st.sampled_from(["todo", "doing", "done", "dropped"])
    ),
    st.tuples(st.just("import"), st.sampled_from(KEYS), st.sampled_from(list(SPRINTS))),
)


def _do(ctx: Context, action: tuple[str, str, str | None]) -> None:
    verb, what, where = action
    if verb == "move":
        move_item(ctx, what, where)
    elif verb == "start":
        start_sprint(ctx, what, "MTD")
    elif verb in ("close", "force-close"):
        close_sprint(ctx, what, where or "backlog", "MTD", force=verb == "force-close")
    elif verb == "status":
        edit_item(ctx, what, status=where)
    else:  # an import names any iteration: existing data is accepted, and told
        doc = f'format = "tracker/1"\n[[items]]\nkey = "{what}"\ntitle = "t"\niteration = "{where}"\n'
        import_text(ctx, doc, "plan.toml", "toml")


def _stranded(ctx: Context) -> set[str]:
    """Open items in a closed iteration, or one that ended before today."""
    its = {it.name: it for it in ctx.store.iterations("MTD")}
    out = set()
    for item in ctx.store.items(project="MTD"):
        it = its.get(item.iteration or "")
        ended = it is not None and (it.state is IterationState.CLOSED or (it.end or TODAY) < TODAY)
        if item.status.is_open and ended:
            out.add(item.key)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions, max_size=12))
def test_no_open_item_is_stranded_in_the_past_unseen(steps: list[tuple[str, str, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "t.db") as store:
        ctx = Context(store, who="tester", clock=lambda: NOW)
        add_project(ctx, "MTD", "Making Tax Digital")
        for name, offset in SPRINTS.items():
            start = TODAY + timedelta(days=offset)
            add_sprint(ctx, "MTD", name, start, start + timedelta(days=13))
        for key in KEYS:
            add_item(ctx, "MTD", f"work {key}", iteration="Now")
        for step in steps:
            with contextlib.suppress(TrackerError):  # refused: nothing written
                _do(ctx, step)
            flagged = {k for c in run_check(ctx).collisions if c.rule == "planned-in-past" for k in c.items}
            stranded = _stranded(ctx)
            event("an item stranded" if stranded else "none stranded")
            assert stranded <= flagged, step
