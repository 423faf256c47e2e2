"""Undo in a UI session: a step takes back every field an edit changed, through
the services (so the history records it as a change of its own), and is refused
whole when any of its items changed since."""

from __future__ import annotations

import pytest

from tracker.errors import Conflict
from tracker.model import Status
from tracker.services import undo
from tracker.services.context import Context
from tracker.services.items import add_item, edit_item, get_item, show_item
from tracker.services.plan import add_sprint
from tracker.services.projects import add_project

from .conftest import BOTH

ENGINES = BOTH


@pytest.fixture
def two(ctx: Context) -> Context:
    add_project(ctx, "MTD", "Tax")
    add_sprint(ctx, "MTD", "S1", "2030-01-07", "2030-01-18")
    add_item(ctx, "MTD", "a", points=3, deadline="2030-03-01")
    add_item(ctx, "MTD", "b", points=5)
    return ctx


def test_a_step_takes_back_every_field_and_is_recorded(two: Context) -> None:
    was = undo.before(two, ["MTD-1"])
    edit_item(two, "MTD-1", iteration="S1", status="blocked", blocked_by="Comms", points=8, deadline=None)
    step = undo.step_after(two, was)
    assert step is not None and step.label == "MTD-1: blocked_by, deadline, iteration, points, status"
    undo.undo(two, step)
    back = get_item(two, "MTD-1")
    assert (back.iteration, back.status, back.blocked_by, back.points, str(back.deadline)) == (
        None, Status.TODO, None, 3, "2030-03-01",
    )  # fmt: skip
    fields = [c.field for c in show_item(two, "MTD-1").history]
    assert fields.count("status") == 2 and fields.count("points") == 2  # the undo is a change of its own


def test_nothing_changed_is_no_step(two: Context) -> None:
    was = undo.before(two, ["MTD-1"])
    assert undo.step_after(two, was) is None


def test_a_step_is_refused_whole_when_an_item_changed_since(two: Context) -> None:
    was = undo.before(two, ["MTD-1", "MTD-2"])
    edit_item(two, "MTD-1", iteration="S1")
    edit_item(two, "MTD-2", iteration="S1")
    step = undo.step_after(two, was)
    assert step is not None and len(step.items) == 2
    edit_item(two, "MTD-2", points=13)  # someone else, meanwhile
    with pytest.raises(Conflict, match="MTD-2 was changed since"):
        undo.undo(two, step)
    assert get_item(two, "MTD-1").iteration == "S1"  # nothing undone, not even MTD-1
