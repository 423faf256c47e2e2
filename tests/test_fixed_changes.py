"""When the fixed things move: mandates and externals are edited with a reason,
previewed with `--dry-run`, and every change is kept in an append-only log."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.services.check import run_check
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.services.mandates_externals import edit_external, edit_mandate
from tracker.services.plan import edit_sprint
from tracker.store import Store

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH


def iso(days: int) -> str:
    """A date relative to the real today, read at each call (not at import: a run
    that crosses midnight must not compare against yesterday)."""
    return (date.today() + timedelta(days=days)).isoformat()


@pytest.fixture
def plan(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", iso(-3), "--end", iso(10))
    tracker.ok("sprint", "add", "MTD", "Sprint 2", "--start", iso(11), "--end", iso(24))
    tracker.ok("mandate", "add", "FA2025-S60", "Finance Act", "--deadline", iso(30))
    tracker.ok("external", "add", "ONELOGIN", "One Login", "--party", "GDS", "--expected", iso(5))
    tracker.ok("external", "add", "ASSESS", "Service assessment", "--kind", "approval", "--expected", iso(8))
    tracker.ok("item", "add", "MTD", "Final declaration", "--points", "3", "--iteration", "Sprint 2")  # MTD-1
    tracker.ok("item", "add", "MTD", "Sign in", "--points", "2", "--iteration", "Sprint 2")  # MTD-2
    tracker.ok("mandate", "link", "FA2025-S60", "MTD-1")
    tracker.ok("external", "link", "ONELOGIN", "MTD-2")
    tracker.ok("external", "link", "ASSESS", "MTD-1")
    return tracker


def test_a_law_moved_earlier_is_previewed_then_made_and_logged(plan: Tracker) -> None:
    before = plan.state()
    preview = plan.ok("mandate", "edit", "FA2025-S60", "--deadline", iso(20), "--reason", "FA2026 s.12",
                      "--dry-run")  # fmt: skip
    assert preview.splitlines()[:2] == [
        f"mandate FA2025-S60: deadline {iso(30)} → {iso(20)} (dry run: nothing was written)",
        "why: FA2026 s.12",
    ]
    assert "error deadline-breach  MTD-1 is planned in Sprint 2" in preview
    assert plan.state() == before
    done = json.loads(plan.ok("mandate", "edit", "FA2025-S60", "--deadline", iso(20), "--reason", "FA2026 s.12",
                              "--format", "json"))  # fmt: skip
    assert [c["rule"] for c in done["new"]] == ["deadline-breach"] and done["dry_run"] is False
    logged = json.loads(plan.ok("log", "--entity", "mandate", "--code", "FA2025-S60", "--format", "json"))
    assert [e["field"] for e in logged] == ["created", "linked", "deadline"]
    entry = logged[-1]
    assert entry == {
        "at": entry["at"], "who": "tester", "entity": "mandate", "code": "FA2025-S60",
        "field": "deadline", "old": iso(30), "new": iso(20), "reason": "FA2026 s.12",
    }  # fmt: skip
    assert json.loads(plan.ok("mandate", "list", "--format", "json"))[0]["deadline"] == iso(20)


def test_a_supplier_s_slip_and_a_date_nobody_knows(plan: Tracker) -> None:
    slipped = json.loads(plan.ok("external", "edit", "ONELOGIN", "--expected", iso(40), "--reason", "GDS slipped",
                                 "--format", "json"))  # fmt: skip
    assert [(c["rule"], c["items"]) for c in slipped["new"]] == [("external-late", ["MTD-2"])]
    unknown = json.loads(plan.ok("external", "edit", "ONELOGIN", "--no-expected", "--reason", "no date from GDS",
                                 "--format", "json"))  # fmt: skip
    assert [c["rule"] for c in unknown["new"]] == ["external-undated"]
    assert [c["rule"] for c in unknown["cleared"]] == ["external-late"]
    assert "GDS slipped" in plan.ok("log", "--code", "ONELOGIN")


def test_a_refused_approval_holds_up_what_waits_for_it(plan: Tracker) -> None:
    before = date.today()
    out = plan.ok("external", "deliver", "ASSESS", "--outcome", "refused", "--note", "Not accessible")
    days = {str(before), str(date.today())}
    assert any(out.startswith(f"ASSESS refused on {day}") for day in days)
    assert out.rstrip().endswith("Not accessible")
    rules = {
        (c["rule"], tuple(c["items"]))
        for c in json.loads(plan("check", "--format", "json").stdout)["collisions"]
    }
    assert ("approval-refused", ("MTD-1",)) in rules
    (ext,) = [e for e in json.loads(plan.ok("external", "list", "--format", "json")) if e["code"] == "ASSESS"]
    assert (ext["status"], ext["outcome"], ext["note"]) == ("refused", "refused", "Not accessible")


def test_approved_with_conditions_is_delivered_with_its_note(plan: Tracker) -> None:
    plan.ok("external", "deliver", "ASSESS", "--outcome", "conditions", "--note", "Fix the contrast issues")
    assert "Service assessment (Fix the contrast issues)" in plan.ok("external", "list")
    rules = {c["rule"] for c in json.loads(plan("check", "--format", "json").stdout)["collisions"]}
    assert "approval-refused" not in rules


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["mandate", "edit", "FA2025-S60", "--deadline", iso(20)], 2, "--reason: say why it changed"),
        (["mandate", "edit", "NOPE", "--deadline", iso(20), "--reason", "r"], 1, "no mandate NOPE"),
        (["mandate", "edit", "FA2025-S60", "--deadline", "31/02/2027", "--reason", "r"], 1, "--deadline"),
        (
            ["mandate", "edit", "FA2025-S60", "--deadline", iso(1), "--no-deadline", "--reason", "r"],
            2,
            "not both",
        ),
        (["mandate", "edit", "FA2025-S60", "--reason", "r"], 2, "nothing to change"),
        (["external", "edit", "ONELOGIN", "--expected", iso(9)], 2, "--reason"),
        (["external", "deliver", "ONELOGIN", "--outcome", "refused"], 2, "--outcome is for approvals"),
        (["external", "deliver", "ASSESS", "--outcome", "maybe"], 2, "maybe"),
    ],
)
def test_a_bad_change_is_one_line_and_changes_nothing(
    plan: Tracker, args: list[str], status: int, says: str
) -> None:
    before = plan.state()
    result = plan(*args)
    assert result.exit_code == status and says in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert plan.state() == before


def _record(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        log = conn.execute("SELECT * FROM change_log ORDER BY id").fetchall()
        history = conn.execute("SELECT * FROM history ORDER BY id").fetchall()
    return [*log, ("--",), *history]


@pytest.mark.sqlite_only
def test_the_record_only_grows(plan: Tracker, tmp_path: Path) -> None:
    doc = tmp_path / "more.toml"
    doc.write_text('format = "tracker/1"\n[[mandates]]\ncode = "NEW-REG"\ntitle = "New regulation"\n')
    steps = [
        ["project", "add", "VISA", "Visas"],
        ["item", "add", "MTD", "Agent view", "--iteration", "Sprint 2"],
        ["item", "move", "MTD-3", "Sprint 1"],
        ["item", "done", "MTD-3"],
        ["mandate", "add", "MIN-1", "Minister's target", "--soft", "--deadline", iso(40)],
        ["mandate", "link", "MIN-1", "MTD-1"],
        ["external", "add", "HMT", "Treasury approval", "--kind", "approval", "--expected", iso(9)],
        ["external", "link", "HMT", "MTD-2"],
        ["external", "deliver", "HMT", "--outcome", "conditions", "--note", "spend cap"],
        ["import", str(doc)],
        ["sprint", "add", "MTD", "Sprint 3", "--start", iso(25), "--end", iso(38)],
        ["item", "edit", "MTD-1", "--deadline", iso(20)],
        ["accept", "deadline-breach", "MTD-1", "--reason", "agreed"],
        ["accept", "--revoke", "deadline-breach", "MTD-1", "--reason", "replanned"],
        ["mandate", "edit", "NOPE", "--deadline", iso(5), "--reason", "a typo: refused"],
        ["sprint", "start", "Sprint 1"],
        ["sprint", "edit", "Sprint 2", "--end", iso(26), "--reason", "bank holiday"],
        ["mandate", "edit", "FA2025-S60", "--deadline", iso(25), "--reason", "moved"],
        ["external", "edit", "ONELOGIN", "--expected", iso(12), "--reason", "slip"],
        ["external", "deliver", "ONELOGIN"],
        ["dep", "add", "MTD-1", "MTD-2"],
        ["dep", "rm", "MTD-1", "MTD-2"],
        ["mandate", "link", "FA2025-S60", "MTD-2", "--unlink"],
        ["item", "edit", "MTD-2", "--points", "5"],
        ["sprint", "close", "Sprint 1", "--carry-to", "Sprint 2"],
    ]
    kept = _record(plan.db)
    for args in steps:
        plan(*args)  # refused or not: the record never shrinks nor changes
        now = _record(plan.db)
        cut = now.index(("--",))
        assert now[: kept.index(("--",))] == kept[: kept.index(("--",))], args
        assert (
            now[cut + 1 : cut + 1 + len(kept) - kept.index(("--",)) - 1] == kept[kept.index(("--",)) + 1 :]
        ), args
        kept = now
    entities = {e["entity"] for e in json.loads(plan.ok("log", "--format", "json"))}
    assert entities >= {"project", "iteration", "mandate", "external", "dependency", "acceptance", "item"}
    with sqlite3.connect(plan.db) as conn:
        for sql in ("UPDATE change_log SET reason = 'x'", "DELETE FROM change_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)


def test_log_filters_and_bad_filters(plan: Tracker) -> None:
    assert all(
        e["entity"] == "item" for e in json.loads(plan.ok("log", "--entity", "item", "--format", "json"))
    )
    assert json.loads(plan.ok("log", "--since", "2999-01-01", "--format", "json")) == []
    result = plan("log", "--entity", "sprint")
    assert result.exit_code == 2 and "unknown entity 'sprint'" in result.stderr


NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
SAMPLE = (SAMPLES / "making-tax-digital.toml").read_text(encoding="utf-8")

edits = st.one_of(
    st.tuples(st.just("mandate"), st.sampled_from(["FA2025-S60", "SI2026-412-R9", "MIN-ITSA-100K"]),
              st.integers(-60, 60)),
    st.tuples(st.just("external"), st.sampled_from(["ONELOGIN-MTD", "SVC-ASSESS-BETA"]), st.integers(-60, 60)),
    st.tuples(st.just("sprint"), st.sampled_from(["Sprint 8", "Sprint 10", "Sprint 14"]), st.integers(-5, 20)),
)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_a_dry_run_tells_exactly_what_the_edit_then_does(edit: tuple[str, str, int]) -> None:
    kind, code, days = edit
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "t.db") as store:
        ctx = Context(store, who="tester", clock=lambda: NOW)
        import_text(ctx, SAMPLE, "mtd.toml", "toml")

        def change(dry_run: bool):  # type: ignore[no-untyped-def]
            if kind == "mandate":
                day = store.mandate(code).deadline + timedelta(days=days)  # type: ignore[union-attr,operator]
                return edit_mandate(ctx, code, "moved", dry_run=dry_run, deadline=day.isoformat())
            if kind == "external":
                day = store.external(code).expected + timedelta(days=days)  # type: ignore[union-attr,operator]
                return edit_external(ctx, code, "slipped", dry_run=dry_run, expected=day.isoformat())
            it = store.iteration("MTD", code)
            day = it.end + timedelta(days=days)  # type: ignore[union-attr,operator]
            return edit_sprint(ctx, code, "MTD", dry_run=dry_run, end=day.isoformat())

        def found() -> set[tuple[str, tuple[str, ...]]]:
            return {(c.rule, tuple(sorted(c.items))) for c in run_check(ctx).collisions}

        was = found()
        try:
            preview = change(dry_run=True)
        except Exception as error:  # a refused edit (nothing to change, end before start)
            assert type(error).__name__ in ("UsageError", "ValidationError")
            return
        assert found() == was
        change(dry_run=False)
        now = found()
        assert {(c.rule, tuple(sorted(c.items))) for c in preview.new} == now - was
        assert {(c.rule, tuple(sorted(c.items))) for c in preview.cleared} == was - now


def test_a_refusal_can_be_previewed_before_it_is_recorded(plan: Tracker) -> None:
    before = plan.state()
    preview = json.loads(plan.ok("external", "deliver", "ASSESS", "--outcome", "refused", "--note", "Not accessible",
                                 "--dry-run", "--format", "json"))  # fmt: skip
    assert preview["dry_run"] is True and preview["change"]["fields"]["status"] == ["pending", "refused"]
    assert [(c["rule"], c["items"]) for c in preview["new"]] == [("approval-refused", ["MTD-1"])]
    assert plan.state() == before
