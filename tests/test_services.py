"""Validation lives once, in the services: every front end gets the same refusals."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.errors import Conflict, NotFound, TrackerError, ValidationError
from tracker.model import IterationState, Kind, Status
from tracker.services import items, mandates_externals, plan, projects
from tracker.services.context import Context

from .conftest import BOTH

ENGINES = BOTH


@pytest.fixture
def mtd(ctx: Context) -> Context:
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 1", "2026-11-23", "2026-12-04", 20)
    plan.add_sprint(ctx, "MTD", "Sprint 2", "07/12/2026", "18/12/2026", 20)
    return ctx


@pytest.mark.parametrize("key", ["mtd", "M-T", "", "1AB", "A" * 21])
def test_project_keys_are_checked(ctx: Context, key: str) -> None:
    with pytest.raises(ValidationError, match="project key"):
        projects.add_project(ctx, key, "x")


def test_duplicate_project_is_refused(mtd: Context) -> None:
    with pytest.raises(ValidationError, match="already exists"):
        projects.add_project(mtd, "MTD", "again")


def test_item_keys_are_assigned_in_sequence(mtd: Context) -> None:
    keys = [items.add_item(mtd, "MTD", f"item {n}").key for n in range(3)]
    assert keys == ["MTD-1", "MTD-2", "MTD-3"]
    assert [i.rank for i in items.list_items(mtd, "MTD")] == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("points", "-1", "0 or more"),
        ("points", "lots", "not a number"),
        ("kind", "saga", "not one of"),
        ("status", "waiting", "not one of"),
        ("deadline", "31/02/2027", "February 2027 has no day 31"),
        ("deadline", "March", "is not a date \\(use YYYY-MM-DD"),
        ("iteration", "Sprint 99", "no iteration"),
        ("depends_on", ("MTD-77",), "no item MTD-77"),
        ("parent", "MTD-77", "no item MTD-77"),
        ("mandates", ("NOPE",), "no mandate"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    mtd: Context, field: str, value: object, message: str
) -> None:
    with pytest.raises(TrackerError, match=message) as caught:
        items.add_item(mtd, "MTD", "Quarterly update API", **{field: value})
    assert field in str(caught.value)
    assert mtd.store.items() == []


def test_empty_title_is_refused(mtd: Context) -> None:
    with pytest.raises(ValidationError, match="title: must not be empty"):
        items.add_item(mtd, "MTD", "  ")


def test_dates_are_day_first_and_iso(mtd: Context) -> None:
    a = items.add_item(mtd, "MTD", "a", deadline="01/04/2027")
    b = items.add_item(mtd, "MTD", "b", deadline="2027-04-01")
    c = items.add_item(mtd, "MTD", "c", deadline="1 April 2027")
    assert a.deadline == b.deadline == c.deadline == date(2027, 4, 1)


def test_an_item_cannot_depend_on_itself(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a")
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        plan.add_dependency(mtd, "MTD-1", "MTD-1")


def test_dependencies_only_between_existing_items(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a")
    with pytest.raises(NotFound, match="no item MTD-2"):
        plan.add_dependency(mtd, "MTD-1", "MTD-2")


def test_parent_must_be_an_epic(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a story")
    with pytest.raises(ValidationError, match="not an epic"):
        items.add_item(mtd, "MTD", "b", parent="MTD-1")
    items.add_item(mtd, "MTD", "an epic", kind="epic")
    assert items.add_item(mtd, "MTD", "c", parent="MTD-2").parent == "MTD-2"  # the refused add used no number


def test_sprint_end_before_start_is_refused(mtd: Context) -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        plan.add_sprint(mtd, "MTD", "Sprint 3", "2027-01-10", "2027-01-01")


def test_sprint_names_unique_within_a_project(mtd: Context) -> None:
    with pytest.raises(ValidationError, match="already has an iteration"):
        plan.add_sprint(mtd, "MTD", "Sprint 1", "2027-01-01", "2027-01-10")
    projects.add_project(mtd, "DWP", "Another team")
    plan.add_sprint(mtd, "DWP", "Sprint 1", "2027-01-01", "2027-01-10")


def test_edit_records_history_and_bumps_version(mtd: Context) -> None:
    item = items.add_item(mtd, "MTD", "a", points=3)
    edited = items.edit_item(mtd, "MTD-1", points=5, status="doing")
    assert edited.version == item.version + 1
    history = items.show_item(mtd, "MTD-1").history
    assert [(c.field, c.old, c.new, c.who) for c in history] == [
        ("created", None, "a", "tester"),
        ("points", "3", "5", "tester"),
        ("status", "todo", "doing", "tester"),
    ]


def test_an_edit_that_changes_nothing_writes_nothing(mtd: Context) -> None:
    item = items.add_item(mtd, "MTD", "a", points=3)
    assert items.edit_item(mtd, "MTD-1", points=3).version == item.version
    assert len(items.show_item(mtd, "MTD-1").history) == 1


def test_a_stale_version_is_refused(mtd: Context) -> None:
    item = items.add_item(mtd, "MTD", "a")
    items.edit_item(mtd, "MTD-1", title="b")
    with pytest.raises(Conflict):
        items.edit_item(mtd, "MTD-1", version=item.version, title="c")
    assert items.get_item(mtd, "MTD-1").title == "b"


def test_done_sets_and_clears_done_on(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a")
    assert items.finish_item(mtd, "MTD-1").done_on == date(2026, 11, 26)
    assert items.edit_item(mtd, "MTD-1", status="doing").done_on is None


def test_move_to_backlog_and_back(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a")
    assert items.move_item(mtd, "MTD-1", "Sprint 2").iteration == "Sprint 2"
    assert items.move_item(mtd, "MTD-1", "backlog").iteration is None


def test_only_one_active_sprint_per_project(mtd: Context) -> None:
    assert plan.start_sprint(mtd, "Sprint 1").state is IterationState.ACTIVE
    with pytest.raises(ValidationError, match="still active"):
        plan.start_sprint(mtd, "Sprint 2")


def test_close_carries_open_items_and_records_it(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "open", iteration="Sprint 1", points=3)
    items.add_item(mtd, "MTD", "done", iteration="Sprint 1", points=2, status="done")
    plan.start_sprint(mtd, "Sprint 1")
    closed, carried = plan.close_sprint(mtd, "Sprint 1", "Sprint 2")
    assert closed.state is IterationState.CLOSED
    assert carried == ["MTD-1"]
    assert items.get_item(mtd, "MTD-1").iteration == "Sprint 2"
    assert items.get_item(mtd, "MTD-2").iteration == "Sprint 1"
    fields = [c.field for c in items.show_item(mtd, "MTD-1").history]
    assert "carried_over" in fields


def test_mandate_links_make_items_implement_it(mtd: Context) -> None:
    items.add_item(mtd, "MTD", "a")
    mandates_externals.add_mandate(
        mtd, "FA2025-S60", "Finance Act 2025 s.60", "2027-04-06", "Finance Act 2025, s.60"
    )
    mandates_externals.link_mandate(mtd, "FA2025-S60", ["MTD-1"])
    assert items.get_item(mtd, "MTD-1").mandates == ("FA2025-S60",)
    mandates_externals.link_mandate(mtd, "FA2025-S60", ["MTD-1"], unlink=True)
    assert items.get_item(mtd, "MTD-1").mandates == ()


def test_external_delivery(mtd: Context) -> None:
    ext = mandates_externals.add_external(mtd, "HMRC-API", "Agent API", "HMRC", "delivery", "2027-01-15")
    assert ext.expected == date(2027, 1, 15)
    delivered = mandates_externals.deliver_external(mtd, "HMRC-API", "2026-11-20")
    assert delivered.status.value == "delivered"
    assert (delivered.expected, delivered.delivered_on) == (date(2027, 1, 15), date(2026, 11, 20))
    assert not delivered.late
    assert mtd.store.external("HMRC-API") == delivered


def test_kinds_and_statuses_are_enums(mtd: Context) -> None:
    item = items.add_item(mtd, "MTD", "a", kind="Bug", status="Blocked")
    assert item.kind is Kind.BUG
    assert item.status is Status.BLOCKED
