"""Hostile input: whatever arrives, an import ends cleanly or fails cleanly, and a
failed import leaves the store exactly as it was."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.dates import parse_date
from tracker.errors import TrackerError
from tracker.interchange.record import ReadOptions
from tracker.services.context import Context
from tracker.services.documents import READERS, export_document, import_stream
from tracker.store import Store

from ..conftest import FIXED_NOW, SAMPLES, Tracker

FORMATS = sorted(READERS)
SEED_DOC = (SAMPLES / "making-tax-digital.toml").read_text()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the MTD sample: hostile imports must leave it as it is."""
    path = tmp_path_factory.mktemp("hostile") / "seed.db"
    with Store(path) as s:
        ctx = Context(s, who="t", clock=lambda: FIXED_NOW)
        import_stream(ctx, io.StringIO(SEED_DOC), "seed", "toml")
    return path


def _attempt(path: Path, data: bytes, fmt: str) -> None:
    """Import ``data``; it may succeed or fail, but only with our own errors."""
    with Store(path) as s:
        ctx = Context(s, who="t", clock=lambda: FIXED_NOW)
        before = export_document(ctx)
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        try:
            import_stream(ctx, text, "fuzz", fmt, options=ReadOptions(project="FUZZ"))
        except TrackerError:
            assert export_document(ctx) == before  # all or nothing
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_random_bytes_never_crash_an_import(seeded: Path, data: bytes, fmt: str) -> None:
    _attempt(seeded, data, fmt)


_cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cells, min_size=1, max_size=6), min_size=1, max_size=6))
def test_random_csv_never_crashes_an_import(seeded: Path, rows: list[list[str]]) -> None:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["key", "title", "points", "status", "depends_on", "deadline"][: len(rows[0])])
    writer.writerows(rows)
    _attempt(seeded, out.getvalue().encode(), "csv")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _cells,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_cells, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=_json, fmt=st.sampled_from(["json", "jsonl", "jira-json", "taskwarrior"]))
def test_random_json_never_crashes_an_import(seeded: Path, doc: object, fmt: str) -> None:
    _attempt(seeded, json.dumps(doc).encode(), fmt)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_the_date_parser_reads_or_refuses(text: str) -> None:
    try:
        parse_date(text, "deadline")
    except TrackerError as error:
        assert "deadline" in str(error)


CASES = {
    "deeply nested json": ("json", b"[" * 100_000 + b"]" * 100_000),
    "deeply nested jira": ("jira-json", b'{"issues": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"),
    "a million columns": ("csv", b",".join(b"c%d" % i for i in range(1_000_000)) + b"\nx\n"),
    "a 10 MB title": ("csv", b"key,title\nFUZZ-1," + b"x" * 10_000_000 + b"\n"),
    "a 10 MB cell in jsonl": ("jsonl", b'{"key": "FUZZ-1", "title": "' + b"y" * 10_000_000 + b'"}\n'),
    "truncated quote": ("csv", b'key,title\nFUZZ-1,"never closed\n'),
    "truncated toml": ("toml", SEED_DOC.encode()[: len(SEED_DOC) // 2]),
    "truncated json": ("json", b'{"format": "tracker/1", "items": [{"key": "FUZZ-1", "ti'),
    "latin-1 bytes": ("csv", "key,title\nFUZZ-1,Caf\u00e9 cr\u00e8me\n".encode("latin-1")),
    "utf-16": ("csv", "key,title\nFUZZ-1,x\n".encode("utf-16")),
    "bom only": ("csv", b"\xef\xbb\xbf"),
    "nul bytes": ("csv", b"key,title\nFUZZ-1,a\x00b\n"),
    "sql in keys": (
        "csv",
        b'key,title\n"FUZZ-1\'; DROP TABLE items; --",x\nFUZZ-2,"\'); DELETE FROM items; --"\n',
    ),
    "sql in project": ("csv", b'project,title\n"X\'); DROP TABLE items;--",x\n'),
    "escape sequences": ("csv", b"key,title\nFUZZ-1,\x1b[2J\x1b]0;pwned\x07red \x1b[31malert\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case_ends_cleanly_and_quickly(seeded: Path, case: str) -> None:
    fmt, data = CASES[case]
    start = time.monotonic()
    _attempt(seeded, data, fmt)
    assert time.monotonic() - start < 30


def test_escape_sequences_never_reach_the_terminal_raw(tracker: Tracker, tmp_path: Path) -> None:
    source = tmp_path / "evil.csv"
    source.write_bytes(b"key,title,assignee\nEVIL-1,\x1b[2Jcleared \x1b]0;title\x07,\x1b[31mred\n")
    tracker.ok("import", str(source))
    for args in (["item", "list"], ["item", "show", "EVIL-1"], ["check"]):
        out = tracker.ok(*args) if args[0] != "check" else tracker(*args).stdout
        assert "\x1b" not in out and "\x07" not in out
    shown = tracker.ok("item", "show", "EVIL-1")
    assert "\\x1b[2Jcleared" in shown  # visible, harmless


def test_sql_looking_values_are_data(tracker: Tracker, tmp_path: Path) -> None:
    source = tmp_path / "sql.csv"
    source.write_text('key,title\nSQL-1,"x\'); DROP TABLE items; --"\n')
    tracker.ok("import", str(source))
    shown = json.loads(tracker.ok("item", "show", "SQL-1", "--format", "json"))
    assert shown["title"] == "x'); DROP TABLE items; --"
