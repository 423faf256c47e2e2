"""`tracker report board`: the programme board's report of the samples, in Markdown
and in HTML, compared with golden files; the HTML self-contained and escaped."""

from __future__ import annotations

import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tracker.services.board_report import board_report
from tracker.services.context import Context
from tracker.store import Store

from .conftest import BOTH, SAMPLES, Tracker

ENGINES = BOTH

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-26"
SAMPLE_FILES = {"mtd": "making-tax-digital.toml", "visa": "visa-programme.toml"}
_GENERATED = re.compile(r"Generated \d+ \w+ \d{4} at \d\d:\d\d (GMT|BST)")


def _report(t: Tracker, *args: str) -> str:
    """The report with its generation time (the real clock's) blanked out."""
    return _GENERATED.sub("Generated (time)", t.ok("report", "board", "--today", TODAY, *args))


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TRACKER_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), (
        "if the change is meant, review the new text and rerun with TRACKER_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("sample", ["mtd", "visa"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_matches_its_golden_file(tracker: Tracker, sample: str, fmt: str) -> None:
    tracker.ok("import", str(SAMPLES / SAMPLE_FILES[sample]))
    text = _report(tracker, "--all", "--format", fmt)
    _golden(f"board-{sample}.{fmt}", text)


class _Html(HTMLParser):
    """Collects the tags opened and closed, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened.append(tag)
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(text: str) -> _Html:
    parser = _Html()
    parser.feed(text)
    parser.close()
    assert not parser.stack, parser.stack
    return parser


def test_the_html_is_one_self_contained_file(tracker: Tracker) -> None:
    tracker.ok("import", str(SAMPLES / "visa-programme.toml"))
    text = tracker.ok("report", "board", "--all", "--format", "html", "--today", TODAY)
    for banned in ("http", "src=", "<script", "<link", "@import", "url("):
        assert banned not in text.lower(), banned
    page = _parsed(text)
    assert page.opened.count("table") == page.opened.count("caption") > 0
    assert "th" in page.opened and "style" in page.opened
    assert '<meta name="viewport"' in text and "@media print" in text and "size: A4" in text
    words = " ".join(page.text)
    assert "How the status is set" in words
    assert "✖ RED" in words and "▲ AMBER" in words  # glyphs and words, not colour alone


def test_stored_text_is_escaped_and_never_obeyed(tracker: Tracker) -> None:
    tracker.ok("project", "add", "EVIL", "<script>alert(1)</script> \x1b[2J & co")
    tracker.ok(
        "mandate", "add", "LAW-1", "<b>law</b>", "--deadline", "2027-01-01", "--reference", "<img src=x>"
    )
    key = tracker.ok("item", "add", "EVIL", "<i>title</i>", "--points", "3").strip()
    tracker.ok("mandate", "link", "LAW-1", key)
    text = tracker.ok("report", "board", "--format", "html", "--today", TODAY)
    assert "<script" not in text and "src=" not in text and "\x1b" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\x1b[2J &amp; co" in text
    assert "&lt;b&gt;law&lt;/b&gt;" in text
    _parsed(text)
    md = tracker.ok("report", "board", "--today", TODAY)
    assert (
        "\x1b" not in md
        and "<" not in md
        and "## EVIL: &lt;script>alert(1)&lt;/script> \\\\x1b[2J & co" in md
    )


def test_an_accepted_risk_is_listed_and_the_status_says_so(tracker: Tracker) -> None:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    tracker.ok("accept", "deadline-breach", "MTD-52", "--reason", "Ministers agreed a soft landing",
               "--owner", "SRO", "--review-by", "2027-01-15", "--today", TODAY)  # fmt: skip
    text = _report(tracker)
    assert (
        "| deadline-breach | MTD-52 | Ministers agreed a soft landing | SRO | 15 January 2027 | tester |"
        in text
    )
    assert "**deadline-breach** (MTD-52)" not in text  # no longer a decision needed
    # The status says so among its reasons (the report prints the worst dozen of them).
    with Store(tracker.db) as store:
        (mtd,) = board_report(Context(store), today=date.fromisoformat(TODAY)).projects
    assert any(r.text.endswith("(deadline-breach: accepted as a risk)") for r in mtd.status.reasons)


def test_the_report_goes_to_a_file(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("import", str(SAMPLES / "making-tax-digital.toml"))
    out = tmp_path / "board.html"
    result = tracker("report", "board", "--format", "html", "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_usage_errors(tracker: Tracker) -> None:
    tracker.ok("import", str(SAMPLES / "visa-programme.toml"))
    several = tracker("report", "board", "--today", TODAY)
    assert several.exit_code == 2
    assert several.stderr == "error: --project: the store has 3 projects; give --project KEY or --all\n"
    unknown = tracker("report", "board", "--project", "NOPE", "--today", TODAY)
    assert unknown.exit_code == 1 and unknown.stderr == "error: no project NOPE\n"
    both = tracker("report", "board", "--project", "VISA", "--all")
    assert both.exit_code == 2 and "not both" in both.stderr
    bad_day = tracker("report", "board", "--all", "--today", "someday")
    assert bad_day.exit_code == 2 and "--today" in bad_day.stderr and "Traceback" not in bad_day.output
    bad_format = tracker("report", "board", "--all", "--format", "pdf")
    assert bad_format.exit_code == 2


def test_an_empty_store_is_told_so(tracker: Tracker) -> None:
    tracker.ok("init")
    result = tracker("report", "board")
    assert result.exit_code == 1 and "no projects yet" in result.stderr
