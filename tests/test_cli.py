"""Every command through the real entry point, against a real store file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH


@pytest.fixture
def planned(tracker: Tracker) -> Tracker:
    tracker.ok("project", "add", "MTD", "Making Tax Digital")
    tracker.ok("sprint", "add", "MTD", "Sprint 1", "--start", "23/11/2054", "--end", "04/12/2054",
               "--capacity", "20")  # fmt: skip
    tracker.ok("sprint", "add", "MTD", "Sprint 2", "--start", "2054-12-07", "--end", "2054-12-18")
    return tracker


def test_help_names_the_default_store(tracker: Tracker) -> None:
    out = tracker.ok("--help")
    assert "tracker.db" in out and "TRACKER_DB" in out


def test_version(tracker: Tracker) -> None:
    assert "tracker, version" in tracker.ok("--version")


def test_init_creates_the_store(tracker: Tracker) -> None:
    assert "store ready" in tracker.ok("init")
    assert tracker.exists()


def test_db_from_environment(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli

    path = tmp_path / "env.db"
    result = CliRunner().invoke(cli, ["init"], env={"TRACKER_DB": str(path)})
    assert result.exit_code == 0
    assert path.exists()


def test_project_add_and_list(planned: Tracker) -> None:
    assert json.loads(planned.ok("project", "list", "--format", "json")) == [
        {"key": "MTD", "name": "Making Tax Digital"}
    ]
    assert "MTD" in planned.ok("project", "list")


def test_item_add_prints_the_next_key(planned: Tracker) -> None:
    assert planned.ok("item", "add", "MTD", "Quarterly update API", "--points", "5").strip() == "MTD-1"
    assert planned.ok("item", "add", "MTD", "Agent authorisation").strip() == "MTD-2"


def test_item_add_with_every_option(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "Epic", "--kind", "epic")
    out = planned.ok(
        "item", "add", "MTD", "Quarterly update API", "--points", "5", "--kind", "story",
        "--iteration", "Sprint 1", "--deadline", "01/04/2055", "--not-before", "2054-11-01",
        "--fixed", "--tag", "api", "--tag", "itsa", "--assignee", "Priya", "--parent", "MTD-1",
        "--format", "json",
    )  # fmt: skip
    item = json.loads(out)
    assert item["key"] == "MTD-2"
    assert item["deadline"] == "2055-04-01"
    assert item["tags"] == ["api", "itsa"]
    assert item["fixed"] is True
    assert item["parent"] == "MTD-1"
    assert item["iteration"] == "Sprint 1"


def test_item_edit_move_done_show(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "Quarterly update API", "--points", "5")
    planned.ok("item", "edit", "MTD-1", "--title", "Quarterly updates", "--status", "doing")
    planned.ok("item", "move", "MTD-1", "Sprint 2")
    planned.ok("item", "done", "MTD-1")
    shown = json.loads(planned.ok("item", "show", "MTD-1", "--format", "json"))
    assert shown["title"] == "Quarterly updates"
    assert shown["status"] == "done"
    assert shown["iteration"] == "Sprint 2"
    assert shown["done_on"]
    fields = [h["field"] for h in shown["history"]]
    assert fields == ["created", "title", "status", "iteration", "status", "done_on"]
    assert set(shown["history"][0]) == {"at", "who", "field", "old", "new"}
    assert shown["history"][1]["who"] == "tester"
    planned.ok("item", "edit", "MTD-1", "--backlog")
    assert json.loads(planned.ok("item", "show", "MTD-1", "--format", "json"))["iteration"] is None
    assert "history:" in planned.ok("item", "show", "MTD-1")


def test_item_list_filters(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "a", "--iteration", "Sprint 1")
    planned.ok("item", "add", "MTD", "b")
    planned.ok("item", "edit", "MTD-2", "--status", "doing")
    keys = lambda *a: [i["key"] for i in json.loads(planned.ok("item", "list", "--format", "json", *a))]  # noqa: E731
    assert keys() == ["MTD-1", "MTD-2"]
    assert keys("--iteration", "Sprint 1") == ["MTD-1"]
    assert keys("--iteration", "backlog") == ["MTD-2"]
    assert keys("--status", "doing") == ["MTD-2"]
    assert keys("--project", "MTD") == ["MTD-1", "MTD-2"]
    assert "MTD-1" in planned.ok("item", "list")


def test_sprint_start_close_list_show(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "a", "--iteration", "Sprint 1", "--points", "3")
    planned.ok("sprint", "start", "Sprint 1")
    assert "active" in planned.ok("sprint", "show", "Sprint 1")
    out = planned.ok("sprint", "close", "Sprint 1", "--carry-to", "Sprint 2")
    assert "1 item(s) carried to Sprint 2" in out
    sprints = json.loads(planned.ok("sprint", "list", "--format", "json"))
    assert [(s["name"], s["state"]) for s in sprints] == [("Sprint 1", "closed"), ("Sprint 2", "planned")]
    shown = json.loads(planned.ok("sprint", "show", "Sprint 2", "--format", "json"))
    assert [i["key"] for i in shown["items"]] == ["MTD-1"]
    assert "Sprint 2" in planned.ok("sprint", "list")


def test_dep_add_and_rm(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "a")
    planned.ok("item", "add", "MTD", "b")
    planned.ok("dep", "add", "MTD-1", "MTD-2")
    assert json.loads(planned.ok("item", "show", "MTD-1", "--format", "json"))["depends_on"] == ["MTD-2"]
    assert json.loads(planned.ok("item", "show", "MTD-2", "--format", "json"))["dependents"] == ["MTD-1"]
    planned.ok("dep", "rm", "MTD-1", "MTD-2")
    assert json.loads(planned.ok("item", "show", "MTD-1", "--format", "json"))["depends_on"] == []


def test_mandates_and_externals(planned: Tracker) -> None:
    planned.ok("item", "add", "MTD", "a")
    planned.ok("mandate", "add", "FA2025-S60", "Finance Act 2025 s.60", "--deadline", "06/04/2055",
               "--reference", "Finance Act 2025, s.60")  # fmt: skip
    planned.ok("mandate", "link", "FA2025-S60", "MTD-1")
    planned.ok("external", "add", "HMRC-AGENT-API", "Agent Services API", "--party", "HMRC Platform",
               "--expected", "2055-01-15")  # fmt: skip
    planned.ok("external", "link", "HMRC-AGENT-API", "MTD-1")
    planned.ok("external", "deliver", "HMRC-AGENT-API", "--on", "2026-01-10")
    item = json.loads(planned.ok("item", "show", "MTD-1", "--format", "json"))
    assert item["mandates"] == ["FA2025-S60"]
    assert item["externals"] == ["HMRC-AGENT-API"]
    assert json.loads(planned.ok("mandate", "list", "--format", "json"))[0]["deadline"] == "2055-04-06"
    ext = json.loads(planned.ok("external", "list", "--format", "json"))[0]
    assert (ext["status"], ext["expected"], ext["delivered_on"]) == ("delivered", "2055-01-15", "2026-01-10")
    assert "FA2025-S60" in planned.ok("mandate", "list")
    assert "HMRC-AGENT-API" in planned.ok("external", "list")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["item", "add", "MTD", "x", "--points", "-3"], 1, "points: must be 0 or more"),
        (["item", "add", "MTD", "x", "--deadline", "31/02/2055"], 1, "deadline: '31/02/2055' is not a date"),
        (["item", "add", "NOPE", "x"], 1, "no project NOPE"),
        (["item", "show", "MTD-99"], 1, "no item MTD-99"),
        (["item", "show", "not-a-key"], 1, "not an item key"),
        (["item", "move", "MTD-1", "Sprint 9"], 1, "no iteration"),
        (["item", "edit", "MTD-1"], 2, "nothing to change"),
        (
            ["sprint", "add", "MTD", "S", "--start", "2055-01-10", "--end", "2055-01-01"],
            1,
            "before it starts",
        ),
        (["sprint", "close", "Sprint 1"], 2, "--carry-to"),
        (["dep", "add", "MTD-1", "MTD-1"], 1, "cannot depend on itself"),
        (["check", "--fail-on", "sometimes"], 2, "sometimes"),
        (["item", "list", "--status", "waiting"], 1, "not one of"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    planned: Tracker, args: list[str], code: int, message: str
) -> None:
    planned.ok("item", "add", "MTD", "a")
    before = planned.ok("export", "project")
    result = planned(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1
    assert planned.ok("export", "project") == before


def test_a_foreign_file_is_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all\n" * 50)
    result = Tracker(path)("item", "list")
    assert result.exit_code == 1
    assert "not a tracker store" in result.stderr
    assert path.read_text() == "not a database at all\n" * 50


def test_item_list_narrows_by_assignee_tag_search_and_open(tracker: Tracker) -> None:
    import json as _json

    tracker.ok("project", "add", "MTD", "Tax")
    tracker.ok("item", "add", "MTD", "Quarterly update API", "--assignee", "Priya", "--tag", "api")
    tracker.ok("item", "add", "MTD", "Sign-up journey", "--assignee", "priya")
    tracker.ok("item", "add", "MTD", "Agent API", "--tag", "api")
    tracker.ok("item", "done", "MTD-1")

    def keys(*args: str) -> list[str]:
        return [i["key"] for i in _json.loads(tracker.ok("item", "list", "--format", "json", *args))]

    assert keys("--assignee", "PRIYA") == ["MTD-1", "MTD-2"]
    assert keys("--tag", "api") == ["MTD-1", "MTD-3"]
    assert keys("--search", "api") == ["MTD-1", "MTD-3"] and keys("--search", "mtd-2") == ["MTD-2"]
    assert keys("--open") == ["MTD-2", "MTD-3"]
    assert keys("--tag", "api", "--open", "--assignee", "priya") == []


def test_an_iteration_only_one_project_has_needs_no_project(tracker: Tracker) -> None:
    tracker.ok("project", "add", "TAX", "Tax")
    tracker.ok("project", "add", "BEN", "Benefits")
    tracker.ok("sprint", "add", "TAX", "Sprint 1", "--start", "2027-01-04", "--end", "2027-01-15")
    tracker.ok("sprint", "add", "TAX", "Shared", "--start", "2027-01-04", "--end", "2027-01-15")
    tracker.ok("sprint", "add", "BEN", "Shared", "--start", "2027-01-04", "--end", "2027-01-15")
    assert tracker.ok("sprint", "start", "Sprint 1") == "TAX Sprint 1 is active\n"
    both = tracker("sprint", "show", "Shared")
    assert (both.exit_code, both.stderr) == (  # as when the store has several projects
        2,
        "error: --project: 'Shared' is in projects BEN, TAX; say which with --project\n",
    )
    none = tracker("sprint", "show", "Nowhere")
    assert (none.exit_code, none.stderr) == (1, "error: NAME: no iteration 'Nowhere' in any project\n")


@pytest.mark.parametrize(
    "args",
    [["check"], ["forecast"], ["report", "board"], ["export", "project"], ["export", "sprint", "S1"],
     ["backup"], ["item", "list"], ["item", "show", "MTD-1"], ["sprint", "list"], ["sprint", "show", "S1"],
     ["log"], ["baseline", "list"]],
)  # fmt: skip
def test_a_reading_command_refuses_a_store_that_is_not_there(tmp_path: Path, args: list[str]) -> None:
    """A mistyped --db in CI must not pass as an empty plan: one line, exit 2, nothing made."""
    typo = tmp_path / "no-such-folder" / "tracker.db"
    result = Tracker(typo)(*args)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {typo}: no store here (run `tracker init` or `tracker import`)\n",
    )
    assert not typo.parent.exists()


def test_a_fixed_item_may_not_be_dropped(tracker: Tracker) -> None:
    """The spec's "fixed (may not be dropped)": refused in one line that says how,
    the store untouched; once the flag or the hard mandate's link is gone, it may."""
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    before = tracker.state()
    by_law = tracker("item", "edit", "MTD-21", "--status", "dropped")
    assert by_law.exit_code == 1 and by_law.stderr.count("\n") == 1
    assert "--status: MTD-21 is fixed (by FA2025-S60, a hard mandate)" in by_law.stderr
    assert "mandate link --unlink FA2025-S60 MTD-21" in by_law.stderr
    assert tracker.state() == before
    tracker.ok("item", "add", "MTD", "Ours to keep", "--fixed")
    key = "MTD-" + str(len(json.loads(tracker.ok("item", "list", "--format", "json"))))
    flagged = tracker("item", "edit", key, "--status", "dropped")
    assert flagged.exit_code == 1 and "--not-fixed" in flagged.stderr
    tracker.ok("item", "edit", key, "--not-fixed", "--status", "dropped")
    tracker.ok("mandate", "link", "--unlink", "FA2025-S60", "MTD-21")
    tracker.ok("item", "edit", "MTD-21", "--status", "dropped")


def test_sprint_close_tells_what_carrying_its_work_does_and_a_dry_run_keeps_nothing(tracker: Tracker) -> None:
    """Carrying Sprint 6's open work into Sprint 7 brings collisions there, clears
    Sprint 6's and lapses the risk accepted on one of them; a dry run says all of it
    and writes nothing; the close says the same and keeps it."""
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("accept", "planned-in-past", "MTD-20", "--reason", "closing Friday")
    before = tracker.state()
    preview = tracker.ok("sprint", "close", "Sprint 6", "--carry-to", "Sprint 7", "--dry-run")
    assert preview.startswith("MTD Sprint 6 would be closed; 5 item(s) carried to Sprint 7\n")
    assert "dependency-same-iteration  MTD-26 depends on MTD-20" in preview.split("cleared:")[0]
    assert "planned-in-past  MTD-20" in preview.split("cleared:")[1]
    assert "accepted risks that lapse:\n  planned-in-past MTD-20 (tester: closing Friday)" in preview
    assert tracker.state() == before
    as_json = json.loads(tracker.ok("sprint", "close", "Sprint 6", "--carry-to", "Sprint 7", "--dry-run",
                                    "--format", "json"))  # fmt: skip
    assert as_json["dry_run"] and as_json["change"]["fields"]["state"] == ["active", "closed"]
    assert [a["items"] for a in as_json["lapsed"]] == [["MTD-20"]]
    closed = tracker.ok("sprint", "close", "Sprint 6", "--carry-to", "Sprint 7")
    assert closed.replace("is closed", "would be closed") == preview
    assert tracker.state() != before
