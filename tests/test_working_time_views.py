"""What the views read of working time, on a real store: the Board's working
time and who is away, and the Plan's per-iteration figures (working days,
person-days, effective capacity, leave and closures) and marked days off."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.services import plan, projects
from tracker.services import team as team_services
from tracker.services.board import load_board
from tracker.services.context import Context

THURSDAY = date(2026, 11, 26)


@pytest.fixture
def mtd(ctx: Context) -> Context:
    """Sprint 6 (23 Nov – 4 Dec, capacity 30) and Sprint 7 (7–18 Dec, none set) of an
    England project; Ada in England, Bea in Scotland (St Andrew's Day, Mon 30 Nov)."""
    projects.add_project(ctx, "MTD", "Making Tax Digital")
    plan.add_sprint(ctx, "MTD", "Sprint 6", "2026-11-23", "2026-12-04", 30)
    plan.add_sprint(ctx, "MTD", "Sprint 7", "2026-12-07", "2026-12-18")
    plan.start_sprint(ctx, "Sprint 6", "MTD")
    team_services.add_person(ctx, "MTD", "Ada")
    team_services.add_person(ctx, "MTD", "Bea", holidays="scotland")
    return ctx


def test_the_board_names_who_is_away_today(mtd: Context) -> None:
    team_services.add_leave(mtd, "Ada", "2026-11-25", "2026-11-27", "MTD")
    board = load_board(mtd, "MTD", THURSDAY)
    assert board.away == [("Ada", "on leave")]
    assert board.days_left == 6
    assert load_board(mtd, "MTD", date(2026, 11, 30)).away == [("Bea", "bank holiday")]
    assert load_board(mtd, "MTD", date(2026, 12, 1)).away == []


def test_the_board_s_working_time_is_the_iteration_s(mtd: Context) -> None:
    time = load_board(mtd, "MTD", THURSDAY).working_time
    assert time is not None
    assert (time.working_days, time.person_days, time.capacity, time.derived) == (10, 19.0, 30, False)
