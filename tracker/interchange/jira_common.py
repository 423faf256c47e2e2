"""Provides the mappings both Jira readers share: statuses, types, dates, sprints, link words.

Jira sites name their statuses, types and link types as they please, so each
mapping is a table of the usual names with a stated default, and every value
mapped by default is counted and reported in one line per field, never
guessed in silence.  What the readers build from these values (issues, their
links, the records they become) is in ``jira_links``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from ..dates import parse_stamp
from ..errors import ValidationError


def _table(names: dict[str, str]) -> dict[str, str]:
    """``{ours: "their name|another name"}`` turned round, for lookup by their name."""
    return {theirs: ours for ours, spelled in names.items() for theirs in spelled.split("|")}


STATUSES = _table({
    "todo": "to do|todo|open|backlog|new|selected for development|reopened",
    "doing": "in progress|in development",
    "blocked": "blocked|on hold|impeded",
    "review": "in review|code review|qa|in qa|testing|in testing|review",
    "done": "done|closed|resolved",
    "dropped": "won't do|won't fix|cancelled|canceled|rejected|duplicate|obsolete",
})  # fmt: skip
#: Jira's three status categories: what a site's own status names fall back to.
CATEGORIES = {"new": "todo", "indeterminate": "doing", "done": "done"}
#: Resolutions that mean "closed without doing it".
DROPPING = frozenset(_table({
    "dropped": "won't do|won't fix|cancelled|canceled|rejected|duplicate|duplicate issue|obsolete|"
    "cannot reproduce|out of date"
}))  # fmt: skip
KINDS = _table({
    "story": "story|user story",
    "bug": "bug|defect",
    "spike": "spike|research",
    "task": "task|sub-task|subtask|technical task|improvement|new feature|enhancement|feature|"
    "feature request",
    "epic": "epic",
})  # fmt: skip
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@lru_cache(maxsize=1024)
def _norm(name: str) -> str:
    """Names compare without case, spacing or curly apostrophes; a few names repeat on every row."""
    return " ".join(name.translate(_APOSTROPHES).casefold().split())


class Defaults:
    """Counts values mapped by default, to report one line per field."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def note(self, field: str, raw: str, mapped: str) -> str:
        self.counts[(field, raw, mapped)] += 1
        return mapped

    def notices(self) -> list[str]:
        lines: dict[str, list[str]] = {}
        for (name, raw, mapped), n in sorted(self.counts.items()):
            unit = self.unit if n > 1 else self.unit.removesuffix("s")
            lines.setdefault(name, []).append(f"{raw!r} ({n} {unit}) mapped to {mapped}")
        return [f"{name}: {'; '.join(parts)} by default" for name, parts in lines.items()]


def map_status(name: str, category: str | None, resolution: str | None, defaults: Defaults) -> str:
    """Our status for a Jira status: by name, else by its category, else todo (reported)."""
    status = STATUSES.get(_norm(name)) or CATEGORIES.get((category or "").casefold())
    if status is None:
        status = defaults.note("status", name, "todo")
    if status == "done" and resolution and _norm(resolution) in DROPPING:
        return "dropped"
    return status


def kind_of(name: str) -> str | None:
    """Our kind for an issue type's usual name (``User Story``, ``Sub-task``, ``Defect``),
    in any case or spacing; None for a name not in the table.  The native CSV reads
    its ``kind`` cells through this too, so a spreadsheet exported from Jira imports."""
    return KINDS.get(_norm(name))


def is_epic(name: str) -> bool:
    return kind_of(name) == "epic"


def map_kind(name: str, subtask: bool, defaults: Defaults) -> str:
    """Our kind for a Jira issue type; a site's own sub-task types are tasks."""
    kind = kind_of(name)
    if kind is not None:
        return kind
    return "task" if subtask else defaults.note("kind", name, "task")


#: Month names and abbreviations as Jira writes them in English and the usual other locales.
_MONTHS = {
    name: number
    for number, names in enumerate(
        ("jan january jän janv ene gen", "feb february févr fév fev", "mar march mär mrz mars mrt",
         "apr april avr abr", "may mai mag mei", "jun june juin giu", "jul july juil lug",
         "aug august août ago", "sep sept september set", "oct october okt ott out", "nov november",
         "dec december dez déc dic"),
        start=1,
    )
    for name in names.split()
}  # fmt: skip


#: The time of day after a date in Jira's CSV export: ``10:15 AM``, ``17:00``.
_JIRA_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?", re.ASCII)


def jira_date(text: str) -> date | str | None:
    """A date in Jira's own forms: a day and a time of day (its CSV export), the day as
    ``12/Jan/23`` (the month by name, locale names too) or any form
    ``dates.parse_date`` accepts; or an ISO timestamp (its REST API).  The written
    day is kept.

    What cannot be read is returned as it is, so that the import engine
    reports it with its line and column rather than the reader stopping.
    """
    text = text.strip()
    if not text:
        return None
    day_text, _, time_text = text.partition(" ")
    if not _JIRA_TIME.fullmatch(time_text.strip()):
        day_text = text  # not Jira's "day time": the whole text is the date
    if "/" in day_text:
        day = _slashed(day_text)
        if day is not None:
            return day or text
    try:
        return parse_stamp(day_text)
    except ValidationError:
        return text


@lru_cache(maxsize=4096)
def _slashed(text: str) -> date | Literal[False] | None:
    """``12/Jan/23`` (a day repeats on many rows, hence the cache); False for an impossible date.

    Only Jira's own form, the month by name, is read here, its two-digit year
    included; numeric dates are read as everywhere else, by ``parse_date``.
    """
    parts = text.split("/")
    if len(parts) != 3:
        return None
    day, month_text, year_text = parts
    month = _MONTHS.get(month_text.strip().rstrip(".").casefold())
    if not (month and day.isascii() and day.isdigit() and year_text.isascii() and year_text.isdigit()):
        return None
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    elif len(year_text) != 4:
        return False
    try:
        return date(year, month, int(day))
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Sprint:
    """A Jira sprint as an iteration of ours: only the name is certain."""

    name: str
    start: date | None = None
    end: date | None = None
    state: str | None = None
    goal: str = ""

    def values(self, project: str) -> dict[str, Any]:
        """An iteration record's values, leaving out what Jira did not say."""
        out = {"project": project, "name": self.name, "start": self.start, "end": self.end}
        out |= {"state": self.state, "goal": self.goal}
        return {k: v for k, v in out.items() if v}


def jira_tags(labels: list[str], priority: str, releases: list[str], components: list[str]) -> list[str]:
    """An issue's tags: its labels, then ``priority:<name>``, ``release:<fix version>`` and
    ``component:<name>``.  A tag cannot hold a comma or semicolon (they separate tags in
    a cell), so one in a Jira name becomes a space; blanks are collapsed."""
    tags = [label.strip() for label in labels]
    for prefix, names in (("priority", [priority]), ("release", releases), ("component", components)):
        for name in names:
            text = " ".join(name.replace(",", " ").replace(";", " ").split())
            if text:
                tags.append(f"{prefix}:{text}")
    return list(dict.fromkeys(t for t in tags if t))


def rank_positions(ranks: list[str]) -> list[int] | None:
    """Our rank (1, 2, …) for each issue in file order, from Jira's Rank (LexoRank strings,
    which sort as text); issues without one follow the ranked, in file order.  None when
    no issue has a rank: then the file's order is the backlog's."""
    if not any(ranks):
        return None
    order = sorted(range(len(ranks)), key=lambda i: (not ranks[i], ranks[i]))
    positions = [0] * len(ranks)
    for position, index in enumerate(order, start=1):
        positions[index] = position
    return positions


#: Link words, read as "THIS <word> OTHER": +1 this depends on other, -1 the reverse.
_LINK_WORDS = {
    "is blocked by": 1, "blocked by": 1, "depends on": 1, "depends upon": 1, "is dependent on": 1,
    "blocks": -1, "is blocking": -1, "is depended on by": -1, "is depended upon by": -1,
}  # fmt: skip


def link_direction(word: str) -> int:
    """+1 when "this <word> other" makes this depend on other, -1 the reverse, 0 for any other link."""
    return _LINK_WORDS.get(_norm(word), 0)
