"""Provides the issues both Jira readers build, the links between them, and their records.

An issue is known by its position in the file, and its links by the key or
id the file gives for the other end.  Links are gathered while reading and
resolved once every issue is known (they may point forwards), then put, once
each, on the issue that depends, whichever end of the link the file
mentioned.  Projects (and, where the file dates its sprints, iterations)
become records once per file, each before the first item that uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .csv_items import shortlist
from .jira_common import Sprint
from .record import ReadOptions, Record


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
    so they are resolved once every issue has been added, when ``records``
    is given the issues in the order they were added.
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

    def records(self, issues: Iterable[Issue], dated_sprints: bool) -> Iterator[Record]:
        """The issues' records, each with its links, in the order they were added; then the notices."""
        self._resolve()
        announcer = Announcer(dated_sprints)
        for index, issue in enumerate(issues):
            self._finish(index, issue.values)
            yield from announcer.records(issue)
        self._notices()

    def _resolve(self) -> None:
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

    def _finish(self, index: int, values: dict[str, Any]) -> None:
        """Put the resolved dependencies and parent on the values of issue ``index``."""
        depends = [r for r in self.depends.get(index, ()) if r != self.refs[index]]
        if depends:
            values["depends_on"] = depends
        if index in self.parents and self.parents[index] != self.refs[index]:
            values["parent"] = self.parents[index]

    def _notices(self) -> None:
        n = len(self.outside)
        if n:
            shown = shortlist(self.outside, 10, "; ")
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
