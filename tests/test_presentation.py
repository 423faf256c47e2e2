"""One source for each presentation rule: the command line, the UI and the
documents say the same thing the same way."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.display import SEVERITY_GLYPHS, percent_text, short_date
from tracker.model import Severity
from tracker.services.context import Context
from tracker.services.timeline import MANDATE, Mark, Odds


@pytest.mark.parametrize(
    ("share", "text"),
    [(0.0, "0%"), (0.004, "<1%"), (0.5, "50%"), (0.994, "99%"), (0.996, ">99%"), (1.0, "100%")],
)
def test_the_plan_reads_a_chance_as_the_forecast_prints_it(share: float, text: str) -> None:
    """``tracker forecast`` printed >99% where the Plan said 99% for the same 0.996."""
    from tracker.tui.widgets.plan_text import mark_text

    day = date(2027, 4, 6)
    mark = Mark(day, MANDATE, "S60", "Finance Act", hard=True, open_items=2)
    odds = Odds(by_day={day: (2, share)})
    assert percent_text(share) == text
    assert f"lowest chance {text} ·" in mark_text(mark, odds)


def test_severity_glyphs_are_one_table() -> None:
    from tracker.tui.severity import GLYPH

    assert {s.value: g for s, g in GLYPH.items()} == SEVERITY_GLYPHS
    assert set(SEVERITY_GLYPHS) == {s.value for s in Severity}


def test_a_short_date_leaves_the_year_out() -> None:
    assert short_date(date(2026, 11, 6)) == "6 Nov"
    assert short_date(None) == ""


def test_tied_ranks_keep_the_keys_natural_order_everywhere() -> None:
    """``by_rank`` put MTD-10 before MTD-9 where the store and the forecast put MTD-9 first."""
    from tracker.analysis.order import burn_order, ranked
    from tracker.model import Item, backlog_order

    items = [Item("MTD-10", "b", rank=1.0), Item("MTD-9", "a", rank=1.0), Item("MTD-2", "c", rank=0.5)]
    expected = ["MTD-2", "MTD-9", "MTD-10"]
    assert [i.key for i in sorted(items, key=backlog_order)] == expected
    assert [i.key for i in ranked(items)] == expected
    assert burn_order({i.key: i for i in items}) == expected


def test_the_forecast_burns_tied_ranks_of_two_projects_in_the_one_order() -> None:
    """The forecast's own copy of the order (rank, shorter key first) put Z-1
    before AB-10 where the rules' put AB-10 first."""
    from tracker.analysis.order import ranked
    from tracker.model import Item, backlog_order

    items = [Item("Z-1", "z", rank=1.0), Item("AB-10", "a", rank=1.0)]
    assert [i.key for i in ranked(items)] == [i.key for i in sorted(items, key=backlog_order)]


_KEYS = st.builds(
    "{}-{}".format, st.sampled_from(["A", "AB", "MTD", "Z", "Z9"]), st.integers(min_value=1, max_value=120)
)


@given(st.lists(st.tuples(_KEYS, st.sampled_from([0.0, 1.0, 1.5, 2.0])), unique_by=lambda t: t[0]))
def test_the_forecast_and_the_rules_agree_on_any_backlog(rows: list[tuple[str, float]]) -> None:
    from tracker.analysis.order import burn_order, ranked
    from tracker.model import Item, backlog_order

    items = [Item(key, key, rank=rank) for key, rank in rows]
    expected = [i.key for i in sorted(items, key=backlog_order)]
    assert [i.key for i in ranked(items)] == expected
    assert burn_order({i.key: i for i in items}) == expected


def test_the_store_lists_a_backlog_in_the_one_order(ctx: Context) -> None:
    """The store sorts in SQL (rank, then the key's number): the Backlog view, the
    item list and the forecast must agree with ``backlog_order`` on tied ranks."""
    from tracker.analysis.order import ranked
    from tracker.model import backlog_order
    from tracker.services.backlog import Backlog, RowFilter
    from tracker.services.items import add_item, list_items
    from tracker.services.projects import add_project

    add_project(ctx, "MTD", "Making Tax Digital")
    for n, rank in enumerate([2.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0], start=1):
        add_item(ctx, "MTD", f"item {n}", rank=rank)
    items = list_items(ctx, "MTD")
    expected = [i.key for i in sorted(items, key=backlog_order)]
    assert expected[:3] == ["MTD-5", "MTD-2", "MTD-3"] and expected[-2:] == ["MTD-1", "MTD-12"]
    assert [i.key for i in items] == expected
    assert [i.key for i in ranked(reversed(items))] == expected
    assert [line.key for line in Backlog(ctx).page(RowFilter("MTD"), 0, 50)] == expected


def test_the_command_line_offers_the_services_choices() -> None:
    """``import --format`` was a hand copy of ``documents.FORMATS``, in another order."""
    import click

    from tracker.cli import cli
    from tracker.services.check import FAIL_LEVELS
    from tracker.services.documents import FORMATS

    def choices(command: str, name: str) -> tuple[str, ...]:
        param = next(p for p in cli.commands[command].params if p.name == name)
        assert isinstance(param.type, click.Choice)
        return tuple(param.type.choices)

    assert choices("import", "fmt") == FORMATS
    assert choices("check", "fail_on") == FAIL_LEVELS


def test_the_help_still_imports_no_service() -> None:
    """The choices are read when a command needs them, not at start-up."""
    import subprocess
    import sys

    code = (
        "import sys, runpy\nsys.argv = ['tracker', '--help']\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = out.stderr.split("MODULES", 1)[1].split()
    assert not [m for m in modules if m.startswith("tracker.services")]


def test_the_ui_modes_are_the_view_bar_s_views() -> None:
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.view_bar import VIEWS

    assert list(TrackerApp.MODES) == [mode for mode, _ in VIEWS]
    assert all(getattr(screen, "VIEW", None) == mode for mode, screen in TrackerApp.MODES.items())
