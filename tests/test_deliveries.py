"""Deliveries are recorded as they happen: today by default, never in the future,
and beside the expected date, so that a late one stays visible as late."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from tracker.errors import ValidationError
from tracker.interchange.native import to_toml
from tracker.services import mandates_externals
from tracker.services.context import Context
from tracker.services.documents import export_document, import_text
from tracker.store import Store

from .conftest import BOTH, FIXED_NOW, Tracker

ENGINES = BOTH

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def waiting(ctx: Context) -> Context:
    mandates_externals.add_external(ctx, "GW", "Gateway API", "GDS", "delivery", "2026-11-20")
    return ctx


def test_deliver_without_a_date_records_today_by_the_services_clock(waiting: Context) -> None:
    delivered = mandates_externals.deliver_external(waiting, "GW")
    assert delivered.delivered_on == FIXED_NOW.date()
    assert delivered.expected == date(2026, 11, 20)  # kept, not overwritten
    assert delivered.late


def test_a_delivery_in_the_future_is_refused(waiting: Context) -> None:
    with pytest.raises(ValidationError, match="in the future"):
        mandates_externals.deliver_external(waiting, "GW", "2026-11-27")
    assert waiting.store.external("GW").delivered_on is None  # type: ignore[union-attr]


def test_an_early_or_on_time_delivery_is_not_late(waiting: Context) -> None:
    assert not mandates_externals.deliver_external(waiting, "GW", "2026-11-20").late
    assert not mandates_externals.deliver_external(waiting, "GW", "2026-11-02").late


def test_cli_deliver_records_today_and_shows_it_late(tracker: Tracker) -> None:
    tracker.ok("external", "add", "GW", "Gateway API", "--expected", "2020-01-31")
    said = tracker.ok("external", "deliver", "GW")
    today = datetime.now().astimezone().date()
    assert said.startswith(f"GW delivered on {today} (expected 2020-01-31, ")
    assert "late" in said
    (ext,) = json.loads(tracker.ok("external", "list", "--format", "json"))
    assert (ext["expected"], ext["delivered_on"], ext["status"]) == ("2020-01-31", str(today), "delivered")
    header, row = tracker.ok("external", "list").splitlines()
    assert "DELIVERED" in header.split()
    assert f"{today} late" in row


def test_cli_refuses_a_future_delivery_in_one_line(tracker: Tracker) -> None:
    tracker.ok("external", "add", "GW", "Gateway API", "--expected", "2020-01-31")
    before = tracker.state()
    result = tracker("external", "deliver", "GW", "--on", "2999-01-01")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: --on: 2999-01-01 is in the future: record a delivery once it has happened"
    ]
    (ext,) = json.loads(tracker.ok("external", "list", "--format", "json"))
    assert ext["status"] == "pending" and ext["delivered_on"] is None
    assert tracker.state() == before


def test_external_list_json_has_every_key(tracker: Tracker) -> None:
    tracker.ok("external", "add", "GW", "Gateway API")
    (ext,) = json.loads(tracker.ok("external", "list", "--format", "json"))
    assert ext == {
        "code": "GW", "name": "Gateway API", "party": None, "kind": "delivery",
        "expected": None, "status": "pending", "delivered_on": None, "outcome": None, "note": None,
    }  # fmt: skip


def test_a_delivered_external_no_longer_blocks_even_late(waiting: Context) -> None:
    from tracker.services.check import run_check

    import_text(
        waiting,
        'format = "tracker/1"\n[[projects]]\nkey = "MTD"\nname = "x"\n'
        '[[iterations]]\nproject = "MTD"\nname = "S1"\nstart = 2026-11-02\nend = 2026-11-13\n'
        '[[items]]\nkey = "MTD-1"\ntitle = "a"\niteration = "S1"\nexternals = ["GW"]\n',
        "doc.toml",
        "toml",
    )
    rules = {c.rule for c in run_check(waiting, today=date(2026, 11, 10)).collisions}
    assert "external-late" in rules
    mandates_externals.deliver_external(waiting, "GW", "2026-11-25")
    rules = {c.rule for c in run_check(waiting, today=date(2026, 11, 10)).collisions}
    assert not rules & {"external-late", "external-in-iteration", "external-undated"}


def test_delivered_on_round_trips_through_the_native_document(waiting: Context, tmp_path: Path) -> None:
    mandates_externals.deliver_external(waiting, "GW", "2026-11-24")
    doc = export_document(waiting)
    assert doc["externals"] == [
        {"code": "GW", "name": "Gateway API", "party": "GDS", "kind": "delivery",
         "expected": date(2026, 11, 20), "status": "delivered", "delivered_on": date(2026, 11, 24)}
    ]  # fmt: skip
    text = to_toml(doc)
    with Store(tmp_path / "other.db") as other:
        again = Context(other, who="t", clock=lambda: FIXED_NOW)
        import_text(again, text, "doc.toml", "toml")
        assert to_toml(export_document(again)) == text


def test_a_v1_store_keeps_its_delivery_dates_as_delivered_on(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "store-v1.db", path)
    conn = sqlite3.connect(path)
    before = dict(conn.execute("SELECT code, expected FROM externals WHERE status = 'delivered'").fetchall())
    conn.close()
    assert before  # the fixture has a delivered external
    with Store(path) as store:
        for e in store.externals():
            assert e.delivered_on == (e.expected if e.code in before else None)


def test_the_plan_marks_a_late_delivery_as_late() -> None:
    from tracker.services.timeline import EXTERNAL, Mark
    from tracker.tui.widgets.plan_text import mark_text

    late = Mark(date(2026, 11, 20), EXTERNAL, "GW", "Gateway API", late=date(2026, 11, 24))
    assert mark_text(late, None).startswith("GW · delivered late, on 24 Nov")
    on_time = Mark(date(2026, 11, 20), EXTERNAL, "GW", "Gateway API")
    assert mark_text(on_time, None).startswith("GW · delivered")


def test_a_document_with_delivered_on_but_not_delivered_is_refused(tracker: Tracker, tmp_path: Path) -> None:
    doc = tmp_path / "doc.toml"
    doc.write_text(
        'format = "tracker/1"\n\n[[externals]]\ncode = "GW"\nname = "Gateway"\ndelivered_on = 2026-11-24\n'
    )
    result = tracker("import", str(doc))
    assert result.exit_code == 1
    assert f'{doc}:6 externals[0]: delivered_on: is set but status is "pending"' in result.stderr
