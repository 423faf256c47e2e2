"""The README's recipes (Development: add a rule, an importer, a view) end with the
README itself: these fail when the code gained a rule, a format or a view that
the README does not tell, or the README tells one the code no longer has."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The README's text from the heading ``title`` to the next heading of its level."""
    heading = re.search(rf"^(#+) {re.escape(title)}\n", README, re.MULTILINE)
    assert heading, f"no section {title!r} in the README"
    level = heading.group(1)
    rest = README[heading.end() :]
    end = re.search(rf"^{level} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def test_every_rule_has_its_row_in_the_readme() -> None:
    from tracker.rules import RULES

    rows = re.findall(
        r"^\| `([a-z-]+)` \| (error|warning|info) \|", _section("Collision rules"), re.MULTILINE
    )
    assert dict(rows) == {code: r.severity.value for code, r in RULES.items()}


def test_every_import_format_has_its_row_in_the_readme() -> None:
    from tracker.services.documents import FORMATS, READERS

    told = re.findall(r"^\| (`[^|]+`) \|", _section("Importing what teams already have"), re.MULTILINE)
    names = {name for cell in told for name in re.findall(r"`([a-z-]+)`", cell)} - {"format"}
    assert names == set(READERS)
    command = re.search(r"`tracker import FILE[^`]*--format ([a-z|\\-]+)\]", README)
    assert command, "the Commands table's `tracker import` row names its formats"
    assert set(command.group(1).replace("\\", "").split("|")) == set(FORMATS)


def test_every_view_has_its_keys_in_the_readme() -> None:
    from tracker.tui.widgets.view_bar import VIEWS

    keys = _section("The terminal UI")
    everywhere = re.search(r"^\| everywhere \| (.*)$", keys, re.MULTILINE)
    assert everywhere, "the keys table has its 'everywhere' row"
    numbered = re.findall(r"`(\d)` ([A-Z][\w-]*)", everywhere.group(1))
    assert numbered == [(str(n), label) for n, (_, label) in enumerate(VIEWS, start=1)]
    rows = set(re.findall(r"^\| ([A-Z][\w-]*) \|", keys, re.MULTILINE))
    assert {label for _, label in VIEWS} <= rows, "each view has its row of keys"
