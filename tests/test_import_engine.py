"""The import engine's bulk path: checked values remembered per field, history as before."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest

from tracker.errors import ImportFailed, ValidationError
from tracker.model import Kind, Status
from tracker.services.context import Context
from tracker.services.documents import import_text
from tracker.validate import FieldMemo, item_fields

from .conftest import BOTH, FIXED_NOW, Tracker

ENGINES = BOTH

CELLS = [
    {"title": " Pay ", "kind": "Bug", "points": "3", "status": "done", "iteration": " Sprint 2 "},
    {"tags": "api; welsh,api", "deadline": "2027-01-31", "not_before": "31/01/2027", "fixed": "yes"},
    {"assignee": "ann", "description": "  as written ", "rank": "-2.5", "mandates": "FA-1;FA-2"},
    {"points": "  ", "created": "", "done_on": " ", "parent": "MTD-1"},
    {"tags": ["a", "b"], "points": 3, "fixed": True, "deadline": date(2027, 1, 31), "kind": Kind.EPIC},
]


@pytest.mark.parametrize("values", CELLS)
def test_the_memo_gives_what_item_fields_gives(values: dict[str, object]) -> None:
    memo = FieldMemo()
    assert memo.item_fields(values) == item_fields(values)
    assert memo.item_fields(values) == item_fields(values)  # the second time from the memo


def test_the_memo_skips_the_names_it_is_told_to() -> None:
    memo = FieldMemo()
    assert memo.item_fields({"key": "not checked", "status": "todo"}, frozenset({"key"})) == {
        "status": Status.TODO
    }


def test_bad_text_is_refused_every_time_naming_the_field() -> None:
    memo = FieldMemo()
    for _ in range(2):
        with pytest.raises(ValidationError, match="is not one of") as caught:
            memo.item_fields({"status": "finished"})
        assert caught.value.where == "status"
    with pytest.raises(ValidationError, match="is not an item field"):
        memo.item_fields({"colour": "red"})


def test_only_text_is_remembered() -> None:
    """``True == 1 == 1.0`` as dict keys: a typed value must never hit a text's entry."""
    memo = FieldMemo()
    assert memo.item_fields({"points": "1"}) == {"points": 1.0}
    with pytest.raises(ValidationError, match="expected a number"):
        memo.item_fields({"points": True})


def test_the_memo_is_emptied_at_its_limit() -> None:
    memo = FieldMemo(limit=3)
    for n in range(10):
        assert memo.item_fields({"points": str(n)}) == {"points": float(n)}
        assert len(memo.memos["points"]) <= 3


def test_an_import_records_one_created_entry_per_new_item(ctx: Context) -> None:
    rows = "\n".join(f"MTD-{n},Item {n},,MTD-{n - 1}" if n > 1 else "MTD-1,Item 1,," for n in range(1, 2501))
    report = import_text(ctx, f"key,title,status,depends_on\n{rows}\n", "a.csv", "csv")
    assert report.tallies["items"].created == 2500  # more than one batch
    stamp = FIXED_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    for key in ("MTD-1", "MTD-2000", "MTD-2001", "MTD-2500"):
        assert [tuple(c) for c in ctx.store.history(key)] == [
            (key, stamp, "tester", "created", None, "imported")
        ]
    (count,) = ctx.store.conn.execute("SELECT count(*) FROM history").fetchone()
    assert count == 2500
    again = import_text(ctx, f"key,title,status,depends_on\n{rows}\n", "a.csv", "csv")
    assert again.tallies["items"].unchanged == 2500


def test_a_carry_over_follows_its_items_created_entry(ctx: Context) -> None:
    text = (
        "Summary,Issue key,Issue id,Issue Type,Status,Sprint,Sprint\n"
        "Log in,XD-1,10001,Story,To Do,Sprint 1,Sprint 2\n"
        "Log out,XD-2,10002,Story,To Do,,Sprint 2\n"
    )
    import_text(ctx, text, "jira.csv", "jira-csv")
    assert [(c.field, c.old, c.new) for c in ctx.store.history("XD-1")] == [
        ("created", None, "imported"),
        ("carried_over", "Sprint 1", None),
    ]
    assert [c.field for c in ctx.store.history("XD-2")] == ["created"]


def test_a_bad_cell_in_a_later_row_still_writes_nothing(ctx: Context) -> None:
    rows = "\n".join(f"MTD-{n},Item {n},todo" for n in range(1, 3001)) + "\nMTD-3001,Late,finished"
    with pytest.raises(ImportFailed) as caught:
        import_text(ctx, f"key,title,status\n{rows}\n", "a.csv", "csv")
    assert caught.value.errors == ["a.csv:3002 column status: 'finished' is not one of "
                                   "todo, doing, blocked, review, done, dropped"]  # fmt: skip
    assert ctx.store.items() == []
    assert ctx.store.conn.execute("SELECT count(*) FROM history").fetchone() == (0,)


def test_rows_good_and_bad_leave_no_garbage_cycles(ctx: Context) -> None:
    """The import pauses the cyclic collector: that is only safe while rows make no cycles."""
    good = "\n".join(f"MTD-{n},Item {n},todo,2027-01-0{n % 9 + 1},MTD-{n - 1}" for n in range(2, 3000))
    bad = "\n".join(f"MTD-{n},Item {n},nope,31/02/2027,MTD-{n + 9000}" for n in range(3000, 6000))
    text = f"key,title,status,deadline,depends_on\nMTD-1,First,todo,,\n{good}\n{bad}\n"
    gc.collect()
    gc.disable()
    try:
        with pytest.raises(ImportFailed) as caught:
            import_text(ctx, text, "a.csv", "csv")
        assert caught.value.total == 3000
        assert gc.collect() < 100  # a few from first use of modules, not one a row
    finally:
        gc.enable()
    import_text(ctx, text.split("\nMTD-3000")[0] + "\n", "a.csv", "csv")
    assert gc.isenabled()


def test_columns_no_row_fills_get_the_same_defaults_as_empty_cells(ctx: Context) -> None:
    import_text(ctx, "key,title\nMTD-1,Bare\n", "a.csv", "csv")
    text = "key,title,kind,status,tags,description,fixed,assignee\nMTD-2,Full,bug,done,a,Why,yes,ann\nMTD-3,Empty,,,,,,\n"
    import_text(ctx, text, "b.csv", "csv")
    bare, full, empty = (ctx.store.item(f"MTD-{n}") for n in (1, 2, 3))
    assert bare is not None and full is not None and empty is not None
    assert bare._replace(key="MTD-3", title="Empty", rank=3.0, version=0) == empty._replace(version=0)
    assert (bare.kind, bare.status, bare.tags, bare.description, bare.fixed) == (
        Kind.STORY,
        Status.TODO,
        (),
        "",
        False,
    )
    assert (bare.assignee, bare.points, bare.source_id, bare.done_on) == (None, None, None, None)
    assert (full.kind, full.status, full.tags, full.fixed, full.assignee) == (
        Kind.BUG,
        Status.DONE,
        ("a",),
        True,
        "ann",
    )
    assert full.done_on == FIXED_NOW.date()


@pytest.mark.parametrize(
    ("cells", "wanted"),
    [
        ("MTD-1", ("MTD-1",)),  # seen above: written at once
        ("MTD-1;MTD-1, MTD-2", ("MTD-1", "MTD-2")),  # once each
        ("MTD-1;MTD-9", ("MTD-1", "MTD-9")),  # one further down: waits for it
        ("MTD-9", ("MTD-9",)),
    ],
)
def test_dependencies_in_any_order_are_written_once(
    ctx: Context, cells: str, wanted: tuple[str, ...]
) -> None:
    text = f'key,title,depends_on\nMTD-1,One,\nMTD-2,Two,\nMTD-3,Three,"{cells}"\nMTD-9,Nine,\n'
    import_text(ctx, text, "a.csv", "csv")
    item = ctx.store.item("MTD-3")
    assert item is not None and item.depends_on == wanted
    assert ctx.store.dependents("MTD-1") == (["MTD-3"] if "MTD-1" in wanted else [])


@pytest.mark.parametrize("cells", ["MTD-2", "MTD-1;MTD-2", "MTD-9;MTD-2"])
def test_an_item_depending_on_itself_is_refused_with_its_place(ctx: Context, cells: str) -> None:
    text = f'key,title,depends_on\nMTD-1,One,\nMTD-2,Two,"{cells}"\nMTD-9,Nine,\n'
    with pytest.raises(ImportFailed) as caught:
        import_text(ctx, text, "a.csv", "csv")
    assert caught.value.errors == ["a.csv:3 column depends_on: MTD-2 cannot depend on itself"]
    assert ctx.store.items() == []


def test_long_text_is_checked_but_not_remembered() -> None:
    memo = FieldMemo(longest=10)
    assert memo.item_fields({"iteration": "Sprint 1", "assignee": "x" * 11}) == {
        "iteration": "Sprint 1",
        "assignee": "x" * 11,
    }
    assert memo.memos["iteration"] == {"Sprint 1": "Sprint 1"}
    assert memo.memos["assignee"] == {}


def test_every_kind_of_record_has_a_handler(ctx: Context) -> None:
    """The table of handlers covers ``KINDS``: items batched apart, the rest one by one."""
    from tracker.services.importing import KINDS, Run

    run = Run(ctx, None, lenient_links=False)
    assert {*run.handlers, "items"} == set(KINDS)


def test_errors_past_those_shown_are_counted_by_field(tracker: Tracker, tmp_path: Path) -> None:
    """A sheet whose rows lack titles must not hide that behind twenty kind errors."""
    sheet = tmp_path / "sheet.csv"
    rows = ["title,kind"] + ["a,weird"] * 25 + [",story"] * 3
    sheet.write_text("\n".join(rows) + "\n")
    result = tracker("import", str(sheet), "--project", "X", "--create-project")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 22 and all("column kind" in line for line in lines[:20])
    assert lines[20:] == [
        "error: ... and 8 more (kind 5, title 3)",
        "error: 28 error(s); nothing was imported",
    ]
