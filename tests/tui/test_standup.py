"""The Stand-up view: one person at a time, what changed since the last stand-up
(another process's edits too), and "mark held" recorded in the store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import FIXED_NOW
from tracker.model import Status
from tracker.services.context import Context
from tracker.services.items import edit_item
from tracker.services.mandates_externals import edit_external
from tracker.store import Store
from tracker.store.standups import standups
from tracker.tui.screens.standup import StandupScreen

from .conftest import app_on, item, settle


def standup_screen(app: object) -> StandupScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StandupScreen)
    return screen


def shown(screen: StandupScreen) -> list[str]:
    listing = screen.listing
    return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]


async def test_walk_through_the_team(mtd: Path) -> None:
    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        s = screen.standup
        assert s is not None and s.iteration is not None and s.iteration.name == "Sprint 6"
        assert (s.day, s.done, s.committed) == ((4, 10), 3, 26)
        # Everyone on the team; Tom is on leave (25-27 Nov): told in the heading, not walked through
        team = ["Aisha", "Dan", "Fatima", "Kwame", "Owen", "Priya", "Rhys", "Siobhan"]
        assert [p.name for p in s.people] == team
        assert s.off == (("Tom", "on leave, back Mon 30 Nov"),)
        head = str(screen.query_one("#standup-head", Static).render())
        assert "off today: Tom (on leave, back Mon 30 Nov)" in head
        assert "changes since Wed 25 Nov 00:00 (previous working day)" in head
        assert screen.person == "Aisha"  # on the team, nothing in this sprint: still asked
        await pilot.press("n", "n", "n", "n")
        assert screen.person == "Owen" and screen.current_key() == "MTD-23"
        assert shown(screen)[0].startswith("Blocked")
        assert "⧗ waits for HMRC Communications: approval of the reminder wording" in shown(screen)[1]
        assert s.blocked_since == {}  # imported blocked: no status change in its history to date it
        await pilot.press("right", "right")
        assert screen.person == "Rhys"
        await pilot.press("p", "left")
        assert screen.person == "Owen"
        await pilot.press("p", "p", "p", "p", "p")
        assert screen.person == "Siobhan"  # round the team, Tom skipped
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "item" and app.item_key == "MTD-22"


async def test_what_changed_since_yesterday_shows_another_process_edit(mtd: Path) -> None:
    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        with Store(mtd) as store:
            edit_item(Context(store, who="tom", clock=lambda: FIXED_NOW), "MTD-21", status=Status.REVIEW)
        app.poll()
        await settle(pilot)
        assert screen.standup is not None
        priya = screen.standup.person("Priya")
        assert priya is not None and [(m.key, m.who, m.what) for m in priya.moves] == [
            ("MTD-21", "tom", "doing → review")
        ]
        await pilot.press("n", "n", "n", "n", "n")
        assert screen.person == "Priya"
        assert any("doing → review" in line for line in shown(screen))


async def test_mark_the_stand_up_held(mtd: Path) -> None:
    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        assert screen.standup is not None and not screen.standup.held
        await pilot.press("n")
        await pilot.press("h")
        await settle(pilot)
        with Store(mtd) as store:
            assert standups(store, "MTD") == ["2026-11-26T09:30:00Z"]
        assert screen.standup.held and screen.standup.since == "2026-11-26T09:30:00Z"
        assert screen.person == "Dan"  # the place is kept


async def test_a_supplier_s_slip_reaches_the_stand_up(mtd: Path) -> None:
    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        assert screen.standup is not None and screen.standup.outside == ()
        assert not any(line.startswith("Moved outside the team") for line in shown(screen))
        with Store(mtd) as store:
            ctx = Context(store, who="dm", clock=lambda: FIXED_NOW)
            edit_external(ctx, "ONELOGIN-MTD", "GDS moved the release", expected="2027-02-12")
        app.poll()
        await settle(pilot)
        (moved,) = screen.standup.outside
        assert (moved.code, moved.what, moved.who, moved.reason) == (
            "ONELOGIN-MTD", "expected 2027-01-15 → 2027-02-12", "dm", "GDS moved the release",
        )  # fmt: skip
        assert moved.collisions >= 1  # the items waiting for it are now late
        lines = shown(screen)
        assert lines[0].startswith("Moved outside the team")
        assert "ONELOGIN-MTD expected 2027-01-15 → 2027-02-12" in lines[1]
        assert "reason: GDS moved the release" in lines[1] and "collision" in lines[1]


async def test_collisions_new_since_the_last_stand_up_are_marked(mtd: Path) -> None:
    from datetime import timedelta

    from tracker.services.standup import mark_held

    with Store(mtd) as store:
        mark_held(Context(store, who="dm", clock=lambda: FIXED_NOW + timedelta(hours=1)), "MTD")
        later = Context(store, who="dm", clock=lambda: FIXED_NOW + timedelta(hours=2))
        edit_external(later, "ONELOGIN-MTD", "GDS brought it forward", expected="2026-12-10")
    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        assert screen.new == {("external-in-iteration", ("MTD-28",))}
        owner = next(p for p in screen.standup.people if any(c.line.key == "MTD-28" for c in p.clashes))
        while screen.person != owner.name:
            await pilot.press("n")
        lines = shown(screen)
        assert any("MTD-28 [new]" in line for line in lines)
        assert not any("[new]" in line for line in lines if "MTD-28" not in line)


async def test_a_long_title_is_wrapped_inside_the_option_s_padding(visa: Path) -> None:
    app = app_on(visa, view="standup")  # IDV: Joe's blocked item has a long title
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        while screen.person != "Joe":
            await pilot.press("n")
        room = screen.listing.scrollable_content_region.width - 2  # the option's padding
        lines = [line for option in shown(screen) for line in option.split("\n")]
        assert any("(Document Checking Service)" in line for line in lines)
        assert max(len(line) for line in lines) <= room


async def test_status_and_assignee_change_without_leaving_the_page(mtd: Path) -> None:
    from tracker.tui.screens.prompt import Prompt

    app = app_on(mtd, view="standup")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = standup_screen(app)
        while screen.person != "Priya":
            await pilot.press("n")
        assert screen.current_key() == "MTD-21"  # doing
        await pilot.press(">")
        await settle(pilot)
        # The flow of work, not the Board's columns: doing goes on to review (being
        # blocked takes a reason, never a step).
        assert item(mtd, "MTD-21").status is Status.REVIEW  # type: ignore[attr-defined]
        assert screen.person == "Priya" and app.current_mode == "standup"
        await pilot.press("a")
        assert isinstance(app.screen, Prompt)
        await pilot.press("ctrl+a", "ctrl+k", *"Dan", "enter")
        await settle(pilot)
        assert item(mtd, "MTD-21").assignee == "Dan"  # type: ignore[attr-defined]
        assert screen.person == "Priya" and app.current_mode == "standup"


def test_a_stand_up_moves_work_along_its_flow() -> None:
    from tracker.services.board import next_in_flow

    assert [next_in_flow(s, 1) for s in Status] == [
        {Status.TODO: Status.DOING, Status.DOING: Status.REVIEW, Status.BLOCKED: Status.DOING,
         Status.REVIEW: Status.DONE}.get(s) for s in Status
    ]  # fmt: skip
    assert next_in_flow(Status.BLOCKED, -1) is Status.TODO  # unblocked, back to the pile
    assert next_in_flow(Status.DOING, -1) is Status.TODO and next_in_flow(Status.TODO, -1) is None
