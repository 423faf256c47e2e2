"""External rules: late, in the iteration, undated.

Sprint 5 runs 2019-01-28 to 2019-02-08; Sprint 6 starts 2019-02-11.
"""

from __future__ import annotations

import pytest

from tracker.model import Status

from .conftest import Plan


@pytest.fixture
def waiting(plan: Plan) -> Plan:
    plan.item("MTD-1", "Sprint 5", externals="GW")
    return plan


def test_late_external(waiting: Plan) -> None:
    waiting.external("GW", "Gateway API", "GDS", expected="2019-02-11")
    c = waiting.one("external-late")
    assert c.message == (
        "MTD-1 is planned in Sprint 5, which ends 2019-02-08, "
        "but waits for Gateway API (from GDS), expected 2019-02-11"
    )
    assert c.hint == "move MTD-1 to Sprint 6 or later, or ask GDS for an earlier date"
    assert (c.items, c.iteration, c.severity.value) == (("MTD-1",), "Sprint 5", "error")


@pytest.mark.parametrize(
    ("expected", "rule"),
    [
        ("2019-01-20", None),
        ("2019-01-28", None),  # on the first day: it is there as the work starts
        ("2019-01-29", "external-in-iteration"),
        ("2019-02-08", "external-in-iteration"),  # on the last day: still inside
        ("2019-02-09", "external-late"),
    ],
)
def test_expected_date_boundaries(waiting: Plan, expected: str, rule: str | None) -> None:
    waiting.external("GW", expected=expected)
    assert waiting.rules() == ({rule} if rule else set())


def test_in_iteration_message(waiting: Plan) -> None:
    waiting.external("GW", "Gateway API", "GDS", expected="2019-02-04")
    c = waiting.one("external-in-iteration")
    assert c.message == (
        "MTD-1 in Sprint 5 (2019-01-28 to 2019-02-08) waits for Gateway API (from GDS), "
        "expected 2019-02-04, part-way through"
    )
    assert c.hint.endswith("or move MTD-1 to Sprint 6")
    assert c.severity.value == "warning"


def test_delivered_externals_are_silent(waiting: Plan) -> None:
    waiting.external("GW", expected="2019-03-01", delivered=True)
    assert waiting.check() == []


def test_external_rules_need_a_dated_sprint(plan: Plan) -> None:
    plan.sprint("MTD", "Someday", "2019-01-28", None)
    plan.item("MTD-1", "Someday", externals="GW")
    plan.external("GW", expected="2019-05-01")
    assert plan.rules() == {"undated-iteration"}


def test_undated_external(plan: Plan) -> None:
    plan.external("GW", "Gateway API", "GDS")
    plan.item("MTD-1", None, externals="GW")
    c = plan.one("external-undated")
    assert c.message == "MTD-1 waits for Gateway API (from GDS), which has no expected date"
    assert c.hint == "ask GDS for a date and record it on GW"
    assert c.severity.value == "warning" and c.iteration is None


@pytest.mark.parametrize("status", [Status.DONE, Status.DROPPED])
def test_undated_external_is_silent_for_closed_items(plan: Plan, status: Status) -> None:
    plan.external("GW")
    plan.item("MTD-1", "Sprint 5", externals="GW", status=status)
    assert plan.check() == []


def test_undated_but_delivered_is_silent(plan: Plan) -> None:
    plan.external("GW", delivered=True)
    plan.item("MTD-1", "Sprint 5", externals="GW")
    assert plan.check() == []


def test_two_late_externals_are_two_collisions(waiting: Plan) -> None:
    waiting.item("MTD-1", "Sprint 5", externals=("GW", "PAY"))
    waiting.external("GW", expected="2019-03-01").external("PAY", expected="2019-03-02")
    found = waiting.fired("external-late")
    assert len(found) == 2 and found[0].fingerprint != found[1].fingerprint


@pytest.mark.parametrize(
    ("party", "said"), [("HM Treasury", "which HM Treasury refused"), ("", "which was refused")]
)
def test_a_refused_approval_names_who_refused_it_or_says_it_was(plan: Plan, party: str, said: str) -> None:
    from dataclasses import replace

    from tracker.model import ExternalKind, ExternalStatus

    plan.external("OK", "Treasury approval", party=party)
    plan.snapshot.externals["OK"] = replace(
        plan.snapshot.externals["OK"], kind=ExternalKind.APPROVAL, status=ExternalStatus.REFUSED
    )
    plan.item("MTD-1", "Sprint 5", externals="OK")
    message = plan.one("approval-refused").message
    assert message.startswith("MTD-1 waits for Treasury approval") and message.endswith(said)
