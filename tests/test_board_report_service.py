"""The board report's read model on the MTD sample: the same figures as the
forecast, the sprint summary and the check it stands on."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.analysis import forecast
from tracker.services import check, documents
from tracker.services.board_report import ProjectReport, board_report, latest, report_seed
from tracker.services.board_status import Rag
from tracker.services.context import Context
from tracker.services.summary import sprint_summary

from .conftest import BOTH, SAMPLES

ENGINES = BOTH

TODAY = date(2026, 11, 26)


@pytest.fixture
def mtd(ctx: Context) -> Context:
    text = (SAMPLES / "making-tax-digital.toml").read_text()
    documents.import_text(ctx, text, "making-tax-digital.toml", "toml")
    return ctx


@pytest.fixture
def project(mtd: Context) -> ProjectReport:
    report = board_report(mtd, today=TODAY)
    assert report.seed == report_seed(TODAY) == 20261126
    (p,) = report.projects
    return p


def test_a_mandate_carries_the_worst_chance_and_the_latest_dates_of_its_work(
    mtd: Context, project: ProjectReport
) -> None:
    result = forecast(mtd.store.snapshot(), TODAY, seed=report_seed(TODAY), projects=["MTD"])
    law = next(m for m in project.milestones if m.code == "FA2025-S60")
    mine = [f for f in result.items if f.deadline == law.day]
    assert mine and law.chance == min(f.probability for f in mine)
    assert law.p85 == latest(f.p85 for f in mine)
    assert law.kind == "hard mandate" and "MTD-52" in law.waiting
    soft = next(m for m in project.milestones if m.code == "MIN-ITSA-100K")
    assert soft.kind == "soft mandate" and soft.chance is None  # a target sets no deadline


def test_the_decisions_are_the_checks_errors_not_accepted(mtd: Context, project: ProjectReport) -> None:
    found = check.run_check(mtd, TODAY, "MTD").collisions
    errors = [c for c in found if c.severity.value == "error" and not c.accepted]
    assert list(project.decisions) == errors
    assert project.status.rag is Rag.RED


def test_the_iterations_agree_with_the_sprint_summary(mtd: Context, project: ProjectReport) -> None:
    assert project.last_closed is not None and project.active is not None
    assert project.last_closed.iteration.name == "Sprint 5"
    totals = sprint_summary(mtd, "Sprint 5", "MTD", TODAY)["totals"]
    assert (project.last_closed.committed, project.last_closed.done) == (
        totals["committed_points"],
        totals["done_points"],
    )
    assert project.active.iteration.name == "Sprint 6"
    assert project.active.days_left == 6  # Thursday 26 November to Friday 4 December


def test_latest_reads_none_as_not_within_ten_years() -> None:
    assert latest([date(2027, 1, 1), date(2027, 3, 1)]) == date(2027, 3, 1)
    assert latest([date(2027, 1, 1), None]) is None
