"""The native CSV reader: columns, mapping, places, notices, errors, streaming, real sheets."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest

from tracker.errors import ValidationError
from tracker.interchange import csv_items
from tracker.interchange.record import ReadOptions

from .conftest import engine_accepts, items, real, run

SHEET = (
    "key,title,points,tags,depends_on,deadline,Colour\n"
    'MTD-1,"File a return, quickly",3,"tax; vat",,2019-04-01,red\n'
    "MTD-2,Check,NULL,,MTD-1;MTD-3, ,blue\n"
    "\n"
    'MTD-3,"Two\nlines",5,a,,,\n'
    ",,,,,,\n"
)


def test_rows_become_items_with_raw_values() -> None:
    records, opts = run(csv_items.read, SHEET, "sheet.csv")
    assert [r.kind for r in records] == ["items"] * 3
    first, second, third = items(records)
    assert first == {
        "key": "MTD-1",
        "title": "File a return, quickly",
        "points": "3",
        "tags": "tax; vat",
        "deadline": "2019-04-01",
    }
    assert second == {"key": "MTD-2", "title": "Check", "depends_on": "MTD-1;MTD-3"}
    assert third["title"] == "Two\nlines"
    assert opts.notices == ["ignored 1 unknown column(s): 'Colour'"]


def test_values_pass_the_engine_field_checks() -> None:
    records, _ = run(csv_items.read, SHEET)
    checked = engine_accepts(items(records)[0])
    assert checked["tags"] == ("tax", "vat")
    assert checked["deadline"] == date(2019, 4, 1)
    assert checked["points"] == 3.0


def test_where_is_the_physical_line_the_row_starts_on_and_locate_names_the_column() -> None:
    records, _ = run(csv_items.read, SHEET.replace("title", "Title"), "sheet.csv")
    assert [r.where for r in records] == ["sheet.csv:2", "sheet.csv:3", "sheet.csv:5"]
    assert records[1].place("depends_on") == "sheet.csv:3 column depends_on"
    assert records[0].place("title") == "sheet.csv:2 column Title"
    assert records[0].place(None) == "sheet.csv:2"


def test_blank_lines_before_the_header_count_in_line_numbers() -> None:
    records, _ = run(csv_items.read, "\n\nkey,title\nA-1,x\n", "f")
    assert records[0].where == "f:4"


def test_map_renames_source_columns_and_replaces_our_own_name() -> None:
    text = "issuekey,title,storypoint,key\nXD-1,Writer,3,IGNORED-1\n"
    records, opts = run(csv_items.read, text, mapping={"issuekey": "key", "storypoint": "points"})
    assert items(records) == [{"key": "XD-1", "title": "Writer", "points": "3"}]
    assert records[0].place("points") == "f:2 column storypoint"
    assert opts.notices == []


def test_without_key_the_project_comes_from_the_column_or_the_option() -> None:
    records, _ = run(csv_items.read, "project,title\nMTD,One\n")
    assert items(records) == [{"project": "MTD", "title": "One"}]
    records, _ = run(csv_items.read, "title\nOne\n", project="DWP")
    assert items(records) == [{"title": "One", "project": "DWP"}]


def test_semicolon_separated_sheets_from_excel_are_read() -> None:
    records, _ = run(csv_items.read, 'key;title;tags\nA-1;One;"x,y"\n')
    assert items(records) == [{"key": "A-1", "title": "One", "tags": "x,y"}]


def test_rows_longer_than_the_header_are_reported_once() -> None:
    records, opts = run(csv_items.read, "key,title\nA-1,x,extra\nA-2,y\nA-3,z,more\n")
    assert len(records) == 3
    assert opts.notices == [
        "2 row(s) have more cells than the header (first at line 2); the extra cells were ignored"
    ]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "f", "empty"),
        ("\n\n", "f", "empty"),
        ("key,title\n", "f:2", "no rows"),
        ("key,title\n,\n", "f:3", "no rows"),
        ("key,title,Key\nA-1,x,y\n", "f:1 column Key", "both give key"),
        ('key,title\nA-1,x\nA-2,"never closed\nA-3,y\n', "f:3", "unexpected end of data"),
        ('key,title\nA-1,"x"y\n', "f:2", "cannot read the CSV"),
        ("title,points\nx,1\n", "f:1", "give --project"),
    ],
)
def test_files_that_cannot_be_read_raise_with_a_place(text: str, where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        run(csv_items.read, text)
    assert caught.value.where == where
    assert message in caught.value.message


def test_bad_mappings_are_refused() -> None:
    with pytest.raises(ValidationError, match="not one of our fields") as caught:
        run(csv_items.read, "a,title\nX-1,y\n", mapping={"a": "identifier"})
    assert caught.value.where == "--map"
    with pytest.raises(ValidationError, match="no such column"):
        run(csv_items.read, "key,title\nX-1,y\n", mapping={"storypoint": "points"})
    with pytest.raises(ValidationError, match="both give points"):
        run(csv_items.read, "key,title,a,b\nX-1,y,1,2\n", mapping={"a": "points", "b": "points"})


class _CountingStream(io.StringIO):
    """Counts the lines a reader has pulled, to show it reads lazily."""

    pulled = 0

    def __next__(self) -> str:
        self.pulled += 1
        return super().__next__()


def test_reading_is_lazy_row_by_row() -> None:
    stream = _CountingStream("key,title\n" + "".join(f"A-{n},t{n}\n" for n in range(1, 10_001)))
    reader = csv_items.read(stream, "big", ReadOptions())
    first = next(reader)
    assert first.values["key"] == "A-1"
    assert stream.pulled < 100
    assert sum(1 for _ in reader) == 9_999


def test_springxd_sheet_imports_with_map() -> None:
    path = real("deepse-storypoints", "springxd.csv")
    opts = ReadOptions(mapping={"issuekey": "key", "storypoint": "points"})
    with path.open(encoding="utf-8", newline="") as stream:
        records = list(csv_items.read(stream, path.name, opts))
    assert len(records) == 3526
    assert opts.notices == []
    assert records[0].values == {
        "key": "XD-1",
        "title": "HDFS ItemWriter",
        "description": "Base integration of core HDFS writer functionality with Spring Batch.",
        "points": "1",
    }
    assert "description" not in records[2].values  # the literal NULL
    assert len({r.values["key"] for r in records}) == 3526
    for record in records:
        engine_accepts(record.values)
    assert records[-1].where == f"springxd.csv:{len(records) + 1}"


def test_tawos_table_imports_with_maps_and_null_cells() -> None:
    path = real("tawos-sp-effort", "XD.csv")
    mapping = {
        "Issue_Key": "key",
        "Status": "status",
        "Creation_Date": "created",
        "Resolution_Date": "done_on",
        "Story_Point": "points",
        "Type": "kind",
    }
    opts = ReadOptions(mapping=mapping)
    with path.open(encoding="utf-8", newline="") as stream:
        records = list(csv_items.read(stream, path.name, opts))
    assert len(records) == 2407
    assert records[0].values == {
        "key": "XD-1",
        "kind": "story",
        "status": "Done",
        "created": "2013-04-12 06:37:17",
        "done_on": "2013-05-08 08:59:00",
        "points": "1",
    }
    assert opts.notices[0].startswith("ignored 6 unknown column(s): 'ID', 'Resolution', 'Timespent'")
    kinds = Counter(r.values["kind"] for r in records)  # Jira's type names, mapped as its readers map them
    assert kinds == {"story": 1747, "bug": 378, "task": 207 + 51, "epic": 24}  # Improvement, Technical task
    for record in records:
        assert engine_accepts(record.values)["created"] is not None
    assert records[0].place("kind") == "XD.csv:2 column Type"


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("Story", "story"), ("USER STORY", "story"), ("Bug", "bug"), ("defect", "bug"), ("Task", "task"),
     ("Sub-task", "task"), ("subtask", "task"), ("Technical  Task", "task"), ("Improvement", "task"),
     ("New Feature", "task"), ("Spike", "spike"), ("Research", "spike"), ("EPIC", "epic"), ("epic", "epic")],
)  # fmt: skip
def test_a_kind_may_be_a_jira_issue_type_mapped_as_the_jira_readers_map_it(cell: str, kind: str) -> None:
    from tracker.interchange.jira_common import Defaults, map_kind

    records, _ = run(csv_items.read, f"key,title,kind\nMTD-1,a,{cell}\n", "sheet.csv")
    assert items(records)[0]["kind"] == kind == map_kind(cell, False, Defaults("rows"))
    assert engine_accepts(items(records)[0])["kind"].value == kind


def test_a_kind_no_one_maps_is_still_refused_naming_its_cell(ctx: object) -> None:
    from tracker.errors import ImportFailed
    from tracker.services.importing import import_records

    records, _ = run(csv_items.read, "key,title,kind\nMTD-1,a,Story\nMTD-2,b,Chore\n", "sheet.csv")
    with pytest.raises(ImportFailed) as failed:
        import_records(ctx, iter(records))  # type: ignore[arg-type]
    assert failed.value.errors == [
        "sheet.csv:3 column kind: 'chore' is not one of story, bug, spike, task, epic"
    ]


def test_springxd_sheet_goes_through_the_import_engine(ctx: object) -> None:
    from tracker.services.importing import import_records

    path = real("deepse-storypoints", "springxd.csv")
    opts = ReadOptions(mapping={"issuekey": "key", "storypoint": "points"})
    with path.open(encoding="utf-8", newline="") as stream:
        report = import_records(ctx, csv_items.read(stream, path.name, opts))  # type: ignore[arg-type]
    assert report.tallies["items"].created == 3526
    assert report.tallies["projects"].created == 1
