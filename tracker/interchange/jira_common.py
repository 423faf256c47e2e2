"""Provides what the Jira CSV and REST readers share: statuses, types, dates, sprints, links.

Jira sites name their statuses, types and link types as they please, so each
mapping is a table of the usual names with a stated default, and every value
mapped by default is counted and reported in one line per field, never
guessed in silence.  Links are gathered while reading and put, once each, on
the issue that depends, whichever end of the link the file mentioned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from ..dates import parse_date
from ..errors import ValidationError
from .record import ReadOptions, Record


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


def is_epic(name: str) -> bool:
    return KINDS.get(_norm(name)) == "epic"


def map_kind(name: str, subtask: bool, defaults: Defaults) -> str:
    """Our kind for a Jira issue type; a site's own sub-task types are tasks."""
    kind = KINDS.get(_norm(name))
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


def jira_date(text: str) -> date | str | None:
    """A date from Jira's forms (``12/Jan/23 10:15 AM``, ISO, locale month names).

    What cannot be read is returned as it is, so that the import engine
    reports it with its line and column rather than the reader stopping.
    """
    text = text.strip()
    if not text:
        return None
    if len(text) >= 10 and text[4] == "-":
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    if "/" in text:
        day = _slashed(text.split(None, 1)[0])
        if day is not None:
            return day or text
    try:
        return parse_date(text)
    except ValidationError:
        return text


@lru_cache(maxsize=4096)
def _slashed(text: str) -> date | Literal[False] | None:
    """``12/Jan/23`` (a day repeats on many rows, hence the cache); False for an impossible date."""
    parts = text.split("/")
    if len(parts) != 3:
        return None
    day, month_text, year_text = parts
    month = _MONTHS.get(month_text.strip().rstrip(".").casefold())
    if month is None and month_text.isdigit():
        month = int(month_text)
    if not (month and day.isdigit() and year_text.isdigit()):
        return None
    year = int(year_text)
    if year < 100:
        year += 2000 if year < 70 else 1900
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


#: Link words, read as "THIS <word> OTHER": +1 this depends on other, -1 the reverse.
_LINK_WORDS = {
    "is blocked by": 1, "blocked by": 1, "depends on": 1, "depends upon": 1, "is dependent on": 1,
    "blocks": -1, "is blocking": -1, "is depended on by": -1, "is depended upon by": -1,
}  # fmt: skip


def link_direction(word: str) -> int:
    """+1 when "this <word> other" makes this depend on other, -1 the reverse, 0 for any other link."""
    return _LINK_WORDS.get(_norm(word), 0)


def ref_of(key: str | None, issue_id: str | None, options: ReadOptions) -> str:
    """How items of one import name each other.

    Under ``--project`` our keys are new, so the Jira id (kept as the item's
    source id) is the ref that also finds items of earlier imports; otherwise
    the Jira key, which is ours too and reads well in messages.
    """
    if issue_id and (options.project or not key):
        return f"jira:{issue_id}"
    return key or ""


@dataclass(slots=True)
class Issue:
    """One Jira issue on its way out: our values, its project's name, its sprints."""

    values: dict[str, Any]
    where: str
    locate: Callable[[str], str] | None
    project: tuple[str, str] | None = None
    sprints: list[Sprint] = field(default_factory=list)

    @classmethod
    def of(
        cls, key: str, issue_id: str, options: ReadOptions, where: str, locate: Callable[[str], str]
    ) -> Issue:
        """An issue with its identity: key (or ``--project``), source id, and the names links use for it."""
        values: dict[str, Any] = (
            {"project": options.project} if options.project else {"key": key} if key else {}
        )
        if issue_id or key:
            values["source_id"] = f"jira:{issue_id or key}"
            values["aliases"] = [a for a in (key, issue_id) if a]
        return cls(values, where, locate)

    def plan(self, sprints: list[Sprint]) -> None:
        """The last sprint is the item's iteration; earlier ones, oldest first, its carry-over history."""
        self.sprints = sprints
        if sprints:
            current = sprints[-1].name
            self.values["iteration"] = current
            earlier = [s.name for s in sprints[:-1] if s.name != current]
            if earlier:
                self.values["carried_from"] = list(dict.fromkeys(earlier))


class Links:
    """The links between one file's issues, gathered first and then put on the issue that depends.

    Issues are known by their position in the file; links may point forwards,
    so they are resolved once every issue has been added.
    """

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.known: dict[str, int] = {}
        self.refs: list[str] = []
        self.epics: set[int] = set()
        self.links: list[tuple[int, str, str, int, str]] = []
        self.parent_links: list[tuple[int, str, str, bool | None]] = []
        self.depends: dict[int, dict[str, None]] = {}
        self.parents: dict[int, str] = {}
        self.outside: list[str] = []
        self.orphans = 0

    def add(self, key: str, issue_id: str, epic: bool) -> int:
        """A new issue of the file; returns its index."""
        index = len(self.refs)
        self.refs.append(ref_of(key or None, issue_id or None, self.options))
        for alias in (key, issue_id):
            if alias:
                self.known.setdefault(alias, index)
        if epic:
            self.epics.add(index)
        return index

    def link(self, index: int, other: tuple[str, str], direction: int, where: str, this: str) -> None:
        """``direction`` +1: issue ``index`` depends on ``other`` (key, id); -1: the reverse.

        ``where`` and ``this`` (its Jira key) name the issue in the notice when the other is not in the file.
        """
        note = f"{where}: {other[0] or other[1]} -> {this}" if direction < 0 else ""
        self.links.append((index, *other, direction, note))

    def parent(self, index: int, other: tuple[str, str], epic: bool | None) -> None:
        """A parent (key, id); ``epic`` says whether it is one, when the file says (None: unknown)."""
        self.parent_links.append((index, *other, epic))

    def _find(self, key: str, issue_id: str) -> tuple[int | None, str]:
        """The other issue's index in the file (by key, else id: a moved issue keeps its id) and ref."""
        target = self.known.get(key) if key else None
        if target is None and issue_id:
            target = self.known.get(issue_id)
        if target is not None:
            return target, self.refs[target]
        return None, ref_of(key or None, issue_id or None, self.options)

    def resolve(self) -> None:
        for index, key, issue_id, direction, where in self.links:
            target, ref = self._find(key, issue_id)
            if direction > 0:
                self.depends.setdefault(index, {})[ref] = None
            elif target is not None:
                self.depends.setdefault(target, {})[self.refs[index]] = None
            else:  # we cannot add to an item we do not read
                self.outside.append(where)
        for index, key, issue_id, said_epic in self.parent_links:
            target, ref = self._find(key, issue_id)
            epic = target in self.epics if target is not None else said_epic
            if epic is not False:
                self.parents[index] = ref
            elif target is not None:  # ours must be an epic; any other parent waits for its sub-task
                self.depends.setdefault(target, {})[self.refs[index]] = None
            else:
                self.orphans += 1
        self.links, self.parent_links = [], []

    def finish(self, index: int, values: dict[str, Any]) -> None:
        """Put the resolved dependencies and parent on the values of issue ``index``."""
        depends = [r for r in self.depends.get(index, ()) if r != self.refs[index]]
        if depends:
            values["depends_on"] = depends
        if index in self.parents and self.parents[index] != self.refs[index]:
            values["parent"] = self.parents[index]

    def notices(self) -> None:
        n = len(self.outside)
        if n:
            shown = "; ".join(self.outside[:10]) + (f" and {n - 10} more" if n > 10 else "")
            what = "link(s) making an issue outside the file depend on one in it were skipped"
            self.options.notices.append(f"{n} {what}: {shown}")
        if self.orphans:
            what = "sub-task(s) name a parent that is not in the file; the parent links were skipped"
            self.options.notices.append(f"{self.orphans} {what}")


class Announcer:
    """Projects (and, with dates, iterations) once per file, each before the first item using it."""

    def __init__(self, dated_sprints: bool) -> None:
        self.dated = dated_sprints
        self.projects: set[str] = set()
        self.iterations: set[tuple[str, str]] = set()

    def records(self, issue: Issue) -> Iterator[Record]:
        key = str(issue.values.get("key") or "")
        project = str(issue.values.get("project") or key.rsplit("-", 1)[0])
        if issue.project and issue.project[0] == project and project not in self.projects:
            self.projects.add(project)
            yield Record("projects", {"key": project, "name": issue.project[1]}, issue.where)
        for sprint in issue.sprints if self.dated and project else ():
            if (project, sprint.name) not in self.iterations:
                self.iterations.add((project, sprint.name))
                yield Record("iterations", sprint.values(project), issue.where, issue.locate)
        yield Record("items", issue.values, issue.where, issue.locate)
