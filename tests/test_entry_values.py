"""Every entry point reads dates and numbers the same way: the command line's options
and an imported CSV's cells refuse what the one parser and validator refuse, in one
line naming the field, and leave the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Tracker

REFUSED_DATES = ["2027-13-01", "1/13/2027", "1/4/27", "2027-04-01T10:00"]


@pytest.fixture
def project(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("item", "add", "MTD", "First")
    return tracker


def refused(tracker: Tracker, *args: str, field: str, code: int = 1) -> str:
    """Run a command that must fail: one line naming ``field`` (an import adds its count
    of errors), no traceback, the store's bytes unchanged."""
    before = tracker.db.read_bytes()
    result = tracker(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert field in lines[0], lines
    assert lines[1:] in ([], ["error: 1 error(s); nothing was imported"]), lines
    assert tracker.db.read_bytes() == before
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
