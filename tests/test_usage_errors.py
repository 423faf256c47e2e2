"""Click's usage errors are one line on stderr and exit 2, like the tracker's own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from .conftest import BOTH, Tracker

ENGINES = BOTH


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["item", "add", "MTD"], "error: item add: missing argument 'TITLE' (see tracker item add --help)"),
        (
            ["item", "add", "MTD", "t", "--nope"],
            "error: item add: no such option '--nope' (see tracker item add --help)",
        ),
        (
            ["external", "add", "X", "x", "--kind", "parcel"],
            "error: external add: invalid value for '--kind': 'parcel' is not one of 'delivery', 'approval' "
            "(see tracker external add --help)",
        ),
        (
            ["item", "list", "--format", "yaml"],
            "error: item list: invalid value for '--format': 'yaml' is not one of 'text', 'json' "
            "(see tracker item list --help)",
        ),
        (
            ["forecast", "--trials", "many"],
            "error: forecast: invalid value for '--trials': 'many' is not a valid integer (see tracker forecast --help)",
        ),
        (["nope"], "error: no such command 'nope' (see tracker --help)"),
        (["item"], "error: item: missing a command (see tracker item --help)"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(tracker: Tracker, args: list[str], line: str) -> None:
    result = tracker(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_an_unknown_option_of_tracker_itself_is_one_line(tracker: Tracker) -> None:
    result = tracker("--bogus")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["error: no such option '--bogus' (see tracker --help)"]


def test_a_bare_tracker_without_a_terminal_prints_the_help_and_fails(tracker: Tracker) -> None:
    result = tracker()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: tracker" in result.stderr and "Commands:" in result.stderr
    assert not tracker.exists()  # no UI, no store created


def test_the_console_script_prints_one_line(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), "item", "add"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "error: item add: missing argument 'PROJECT' (see tracker item add --help)"
    ]
    bare = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert bare.returncode == 2 and "Usage: tracker" in bare.stderr and bare.stdout == ""


#: Every command that takes --today, with the arguments it needs to get that far.
TODAY_COMMANDS = {
    "check": [],
    "accept": ["list"],
    "forecast": [],
    "export collisions": [],
    "export sprint": ["Sprint 6"],
    "sprint show": ["Sprint 6"],
    "report board": [],
    "baseline save": ["b"],
    "ui": [],
    "demo": [],
}


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path, command


def test_every_today_option_is_the_one_option() -> None:
    """A new command with its own --today would read or word a bad day its own way."""
    from tracker.cli import cli

    with_today = {
        path: command for path, command in _commands(cli) for p in command.params if p.name == "today"
    }
    assert set(with_today) == set(TODAY_COMMANDS)
    callbacks = {next(p for p in c.params if p.name == "today").callback for c in with_today.values()}
    assert len(callbacks) == 1 and None not in callbacks


@pytest.mark.parametrize("command", sorted(TODAY_COMMANDS))
def test_a_bad_today_is_the_same_usage_error_in_every_command(tracker: Tracker, command: str) -> None:
    """``check --today nope`` exited 1 where ``ui --today nope`` exited 2."""
    result = tracker(*command.split(), *TODAY_COMMANDS[command], "--today", "nope")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"error: {command}: invalid value for '--today': 'nope' is not a date (use YYYY-MM-DD or DD/MM/YYYY) "
        f"(see tracker {command} --help)"
    ]
    assert not tracker.exists()  # refused while parsing, before any store opens
