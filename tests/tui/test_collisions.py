"""The collisions view: worst first, Enter jumps to the item, accept and revoke."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tracker.model import Severity
from tracker.store import Store
from tracker.tui.screens.collisions import CollisionsScreen, describe
from tracker.tui.screens.prompt import Prompt

from .conftest import Notes, app_on, settle


async def test_worst_first_and_enter_jumps_to_the_item(mtd: Path) -> None:
    app = app_on(mtd, view="collisions")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CollisionsScreen)
        severities = [c.severity for c in screen.shown]
        assert severities == sorted(severities, key=lambda s: -s.rank)
        assert severities.count(Severity.ERROR) == 5
        assert screen.selected is not None and screen.selected.rule == "dependency-order"
        await pilot.press("down", "enter")
        assert app.current_mode == "item" and app.item_key == "MTD-28"


async def test_R_on_a_collision_not_accepted_says_so_and_changes_nothing(mtd: Path) -> None:
    notes = Notes()
    app = app_on(mtd, view="collisions")
    async with app.run_test(message_hook=notes) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CollisionsScreen) and screen.selected is not None
        assert not screen.selected.accepted
        await pilot.press("R")
        await pilot.pause()
        assert app.screen is screen  # no prompt
        assert "dependency-order on MTD-26 MTD-27 is not accepted: nothing to revoke (A accepts it)" in notes
        with Store(mtd) as store:
            assert store.acceptance_records() == []


async def test_accept_with_a_reason_then_revoke(mtd: Path) -> None:
    app = app_on(mtd, view="collisions")
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CollisionsScreen)
        await pilot.press("A")
        assert isinstance(app.screen, Prompt)
        await pilot.press("enter")  # a reason is required
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"Security agreed", "enter")
        await settle(pilot)
        with Store(mtd) as store:
            accepted = store.acceptances()
        assert [(a.rule, a.items, a.reason, a.who) for a in accepted] == [
            ("dependency-order", ("MTD-26", "MTD-27"), "Security agreed", "tester")
        ]
        assert app.sub_title == "✖ 4 errors · ▲ 12 warnings · 1 accepted"
        accepted_row = next(c for c in screen.shown if c.accepted)
        assert (accepted_row.reason, accepted_row.accepted_by) == ("Security agreed", "tester")
        assert "accepted by tester on " in str(describe(accepted_row))
        listing = screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(str(screen.shown.index(accepted_row)))
        await pilot.press("R")  # it asks first: Esc keeps the acceptance
        assert isinstance(app.screen, Prompt)
        await pilot.press("escape")
        await settle(pilot)
        with Store(mtd) as store:
            assert len(store.acceptances()) == 1
        await pilot.press("R")
        await pilot.press(*"Fixed after all", "enter")
        await settle(pilot)
        with Store(mtd) as store:
            assert store.acceptances() == []
            (record,) = store.acceptance_records()
        assert (record.revoked_by, record.revoke_reason) == ("tester", "Fixed after all")
        assert app.sub_title == "✖ 5 errors · ▲ 12 warnings"


async def test_u_takes_back_an_acceptance(mtd: Path) -> None:
    app = app_on(mtd, view="collisions")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("A", *"Security agreed", "enter")
        await settle(pilot)
        with Store(mtd) as store:
            assert len(store.acceptances()) == 1
        await pilot.press("u")
        await settle(pilot)
    with Store(mtd) as store:
        assert store.acceptances() == []
        (record,) = store.acceptance_records()
        assert (record.reason, record.revoked_by, record.revoke_reason) == (
            "Security agreed",
            "tester",
            "undone",
        )
