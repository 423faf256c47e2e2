"""Typos fail loudly: a mistyped key or name is an error in one line, and the
store is left as it was, through every entry point that takes one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.cli import ui as ui_command

from .conftest import BOTH, Tracker

ENGINES = BOTH

TASKS = json.dumps([{"uuid": "u1", "description": "Write the notice", "status": "pending"}])


@pytest.fixture
def team(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", "2054-11-23", "--end", "2054-12-04")
    tracker.ok("item", "add", "MTD", "Quarterly update API")  # MTD-1
    return tracker


def refused(tracker: Tracker, *args: str, status: int, says: str, lines: int = 1) -> None:
    """Refused in ``lines`` lines (an import adds its summary), the store as it was."""
    before = tracker.state()
    result = tracker(*args)
    assert result.exit_code == status, (args, result.output)
    assert result.stderr.count("\n") == lines and says in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert tracker.state() == before


def test_import_into_a_mistyped_project_is_refused(team: Tracker, tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.json"
    tasks.write_text(TASKS)
    refused(team, "import", str(tasks), "--format", "taskwarrior", "--project", "MDT", status=2,
            says="--project: no project MDT in the store")  # fmt: skip
    refused(team, "import", str(tasks), "--format", "taskwarrior", "--project", "MDT", "--dry-run",
            status=2, says="--create-project")  # fmt: skip
    assert "1 created" in team.ok("import", str(tasks), "--format", "taskwarrior", "--project", "MTD")


def test_create_project_starts_the_project_the_import_names(team: Tracker, tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.json"
    tasks.write_text(TASKS)
    team.ok("import", str(tasks), "--format", "taskwarrior", "--project", "NEW", "--create-project")
    assert [i["key"] for i in json.loads(team.ok("item", "list", "-p", "NEW", "--format", "json"))] == [
        "NEW-1"
    ]


def test_a_file_that_names_its_project_needs_no_flag(team: Tracker, tmp_path: Path) -> None:
    doc = tmp_path / "plan.toml"
    doc.write_text(
        'format = "tracker/1"\n[[projects]]\nkey = "VISA"\nname = "Visas"\n\n[[items]]\nkey = "VISA-1"\ntitle = "Apply"\n'
    )
    team.ok("import", str(doc), "--project", "VISA")
    assert "VISA-1" in team.ok("item", "list", "-p", "VISA")


def test_item_list_of_an_unknown_iteration_is_an_error(team: Tracker) -> None:
    refused(team, "item", "list", "--iteration", "Sprint 9", status=1, says="no iteration 'Sprint 9'")
    assert "MTD-1" in team.ok("item", "list", "--iteration", "backlog")


def test_unlinking_what_is_not_linked_says_so(team: Tracker) -> None:
    team.ok("mandate", "add", "FA2025-S60", "Finance Act 2025 s.60", "--deadline", "2054-12-20")
    refused(team, "mandate", "link", "FA2025-S60", "MTD-1", "--unlink", status=1,
            says="MTD-1 is not linked to FA2025-S60")  # fmt: skip
    team.ok("mandate", "link", "FA2025-S60", "MTD-1")
    team.ok("mandate", "link", "FA2025-S60", "MTD-1", "--unlink")


def test_an_iteration_may_not_be_called_backlog(team: Tracker, tmp_path: Path) -> None:
    refused(team, "sprint", "add", "MTD", "Backlog", "--start", "2055-01-04", "--end", "2055-01-15",
            status=1, says="backlog")  # fmt: skip
    doc = tmp_path / "plan.toml"
    doc.write_text(
        'format = "tracker/1"\n[[iterations]]\nproject = "MTD"\nname = "backlog"\nstart = 2055-01-04\nend = 2055-01-15\n'
    )
    refused(team, "import", str(doc), status=1, says="plan.toml:4 iterations[0]: name: 'backlog'", lines=2)


def test_an_epic_with_children_keeps_its_kind(team: Tracker) -> None:
    team.ok("item", "add", "MTD", "Agent services", "--kind", "epic")  # MTD-2
    team.ok("item", "add", "MTD", "Agent sign-in", "--parent", "MTD-2")  # MTD-3
    refused(team, "item", "edit", "MTD-2", "--kind", "story", status=1, says="MTD-2 is the epic of MTD-3")
    team.ok("item", "edit", "MTD-3", "--parent", "")
    team.ok("item", "edit", "MTD-2", "--kind", "story")


def test_ui_on_an_unknown_project_is_an_error(team: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str | None] = []
    monkeypatch.setattr(
        ui_command, "run_ui", lambda where, today, project=None, clock=None: opened.append(project)
    )
    result = CliRunner().invoke(cli, ["--db", str(team.db), "ui", "-p", "MDT"])
    assert result.exit_code == 1 and result.stderr.strip() == "error: no project MDT"
    assert opened == []
    assert CliRunner().invoke(cli, ["--db", str(team.db), "ui", "-p", "MTD"]).exit_code == 0
    assert opened == ["MTD"]


@pytest.mark.sqlite_only
def test_an_export_onto_a_folder_leaves_no_partial_file(team: Tracker, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = team("export", "project", "-p", "MTD", "-o", str(folder))
    assert result.exit_code == 2 and result.stderr.startswith(f"error: -o {folder}: names a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tracker.db"]
