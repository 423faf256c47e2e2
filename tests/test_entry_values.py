"""Every entry point reads dates and numbers the same way: the command line's options
and an imported CSV's cells refuse what the one parser and validator refuse, in one
line naming the field, and leave the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH

REFUSED_DATES = ["2027-13-01", "1/13/2027", "1/4/27", "2027-04-01T10:00"]


@pytest.fixture
def project(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("item", "add", "MTD", "First")
    return tracker


def refused(tracker: Tracker, *args: str, field: str, code: int = 1) -> str:
    """Run a command that must fail: one line naming ``field`` (an import adds its count
    of errors), no traceback, the store's bytes unchanged."""
    before = tracker.state()
    result = tracker(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert field in lines[0], lines
    assert lines[1:] in ([], ["error: 1 error(s); nothing was imported"]), lines
    assert tracker.state() == before
    return lines[0]


@pytest.mark.parametrize("text", REFUSED_DATES)
def test_cli_date_options_refuse(project: Tracker, text: str) -> None:
    line = refused(project, "item", "add", "MTD", "x", "--deadline", text, field="deadline")
    assert f"{text!r} is not a date" in line and "use YYYY-MM-DD or DD/MM/YYYY" in line
    refused(project, "sprint", "add", "MTD", "S", "--start", text, "--end", "2027-04-30", field="--start")


def test_cli_date_options_read_year_first_as_year_month_day(project: Tracker) -> None:
    out = project.ok("item", "add", "MTD", "x", "--deadline", "2027-4-1", "--format", "json")
    assert json.loads(out)["deadline"] == "2027-04-01"
    project.ok("sprint", "add", "MTD", "S", "--start", "2027-4-1", "--end", "14/4/2027")
    sprint = json.loads(project.ok("sprint", "list", "--format", "json"))[0]
    assert (sprint["start"], sprint["end"]) == ("2027-04-01", "2027-04-14")


def write_csv(tmp_path: Path, header: str, *rows: str) -> str:
    path = tmp_path / "items.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text", REFUSED_DATES)
def test_a_csv_date_cell_is_refused(project: Tracker, tmp_path: Path, text: str) -> None:
    path = write_csv(tmp_path, "key,title,deadline", "MTD-9,Good,2027-04-01", f"MTD-10,Bad,{text}")
    line = refused(project, "import", path, field="deadline")
    assert "items.csv:3" in line and f"{text!r} is not a date" in line


def test_a_csv_date_cell_reads_year_first_as_year_month_day(project: Tracker, tmp_path: Path) -> None:
    project.ok("import", write_csv(tmp_path, "key,title,deadline", "MTD-9,Good,2027-4-1"))
    assert json.loads(project.ok("item", "show", "MTD-9", "--format", "json"))["deadline"] == "2027-04-01"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--points", "1500", "points: 1500 is above 1000"),
        ("--points", "nan", "points: 'nan' is not a finite number"),
        ("--points", "inf", "points: 'inf' is not a finite number"),
        ("--points", "-1", "points: must be 0 or more"),
        ("--tag", "api,itsa", "tags: 'api,itsa': a tag cannot contain a comma or a semicolon"),
        ("--tag", "api;itsa", "tags: 'api;itsa': a tag cannot contain a comma or a semicolon"),
    ],
)
def test_cli_numbers_and_tags_are_sane(project: Tracker, option: str, value: str, message: str) -> None:
    assert message in refused(project, "item", "add", "MTD", "x", option, value, field=message.split(":")[0])
    assert message in refused(project, "item", "edit", "MTD-1", option, value, field=message.split(":")[0])


def test_cli_titles_have_a_bound(project: Tracker) -> None:
    line = refused(project, "item", "add", "MTD", "x" * 501, field="title")
    assert "title: is 501 characters long, above 500" in line
    assert project.ok("item", "add", "MTD", "y" * 500).strip() == "MTD-2"
    assert project.ok("item", "add", "MTD", "z", "--points", "1000").strip() == "MTD-3"


@pytest.mark.parametrize(
    ("header", "cell", "message"),
    [
        ("points", "1500", "points: 1500 is above 1000"),
        ("points", "NaN", "points: 'NaN' is not a finite number"),
        ("points", "-inf", "points: '-inf' is not a finite number"),
        ("title", "t" * 501, "title: is 501 characters long, above 500"),
    ],
)
def test_a_csv_cell_out_of_bounds_is_refused(
    project: Tracker, tmp_path: Path, header: str, cell: str, message: str
) -> None:
    columns = "key,title" if header == "title" else f"key,title,{header}"
    good = "MTD-9,Good" if header == "title" else "MTD-9,Good,3"
    bad = f"MTD-10,{cell}" if header == "title" else f"MTD-10,Bad,{cell}"
    line = refused(project, "import", write_csv(tmp_path, columns, good, bad), field=header)
    assert "items.csv:3" in line and message in line


def test_a_csv_tag_cell_is_a_list_and_a_native_tag_list_may_not_hide_one(
    project: Tracker, tmp_path: Path
) -> None:
    project.ok("import", write_csv(tmp_path, "key,title,tags", 'MTD-9,Good,"api, itsa;beta"'))
    assert json.loads(project.ok("item", "show", "MTD-9", "--format", "json"))["tags"] == [
        "api",
        "itsa",
        "beta",
    ]
    path = tmp_path / "items.json"
    path.write_text(
        json.dumps(
            {"format": "tracker/1", "items": [{"key": "MTD-10", "title": "Bad", "tags": ["api", "a,b"]}]}
        )
    )
    line = refused(project, "import", str(path), field="tags")
    assert "a tag cannot contain a comma or a semicolon" in line


def test_a_csv_of_unknown_columns_says_so_and_how_to_map_them(project: Tracker, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "a,b,c", "1,2,3")
    for args in ([], ["--project", "MTD"]):
        line = refused(project, "import", path, *args, field="items.csv")
        assert line == (
            f"error: {path}: none of the columns (a, b, c) is a field the tracker knows; "
            "name them with --map SOURCE=FIELD"
        )
    project.ok("import", path, "--project", "MTD", "--map", "a=title")


def test_imported_timestamps_keep_their_day_but_a_deadline_has_no_time(
    project: Tracker, tmp_path: Path
) -> None:
    path = tmp_path / "items.json"
    item = {"key": "MTD-9", "title": "Stamped", "created": "2027-04-01T23:30:00-05:00", "updated": "2027-4-2"}
    path.write_text(json.dumps({"format": "tracker/1", "items": [item]}))
    project.ok("import", str(path))
    shown = json.loads(project.ok("item", "show", "MTD-9", "--format", "json"))
    assert (shown["created"], shown["updated"]) == ("2027-04-01", "2027-04-02")
    item = {"key": "MTD-10", "title": "Bad", "deadline": "2027-04-01T10:00:00Z"}
    path.write_text(json.dumps({"format": "tracker/1", "items": [item]}))
    assert "give the day without a time" in refused(project, "import", str(path), field="deadline")
