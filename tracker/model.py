"""Provides the plain types of the tracker's domain: no I/O, no clock.

Every layer above speaks in these types; the store returns them and the
rule engine reads them.  Enumerations are ``str`` subclasses so their value
is the public spelling used in files, JSON and on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from hashlib import blake2b
from typing import NamedTuple


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    BLOCKED = "blocked"
    REVIEW = "review"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Open means neither done nor dropped (the spec's definition)."""
        return self not in (Status.DONE, Status.DROPPED)


class Kind(StrEnum):
    STORY = "story"
    BUG = "bug"
    SPIKE = "spike"
    TASK = "task"
    EPIC = "epic"


class IterationState(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


class ExternalKind(StrEnum):
    DELIVERY = "delivery"
    APPROVAL = "approval"


class ExternalStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    REFUSED = "refused"
    """An approval that was refused: it will not come as asked."""


class Outcome(StrEnum):
    """What an approval came back as."""

    APPROVED = "approved"
    CONDITIONS = "conditions"
    """Approved with conditions: delivered, and its note says which."""
    REFUSED = "refused"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used to sort and to compare with ``--fail-on``."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


PROJECT_KEY = re.compile(r"^[A-Z][A-Z0-9]{0,19}$")
ITEM_KEY = re.compile(r"^([A-Z][A-Z0-9]{0,19})-([1-9][0-9]{0,8})$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}$")

DEFAULT_SQUEEZE_SHARE = 0.6
"""The share of what a team can do that fixed work may take: DSDM's guidance
that Must-Have work above 60% of the effort puts delivery at risk."""


def project_of(item_key: str) -> str:
    """The project key of an item key (its prefix before the last dash)."""
    return item_key.rsplit("-", 1)[0]


@dataclass(frozen=True, slots=True)
class Project:
    key: str
    name: str
    description: str = ""
    squeeze_share: float = DEFAULT_SQUEEZE_SHARE
    holidays: str = "england"
    """Whose bank holidays its working days leave out (``tracker.workdays.NATIONS``)."""


class ClosureKind(StrEnum):
    NON_WORKING = "non-working"
    """Days nobody works (an office shutdown): they leave the working days."""
    FREEZE = "freeze"
    """Days worked, but certain work may not finish in them (a change freeze,
    a pre-election period)."""


@dataclass(frozen=True, slots=True)
class Closure:
    """A stretch of a project's calendar set apart from ordinary working days."""

    project: str
    name: str
    start: date
    end: date
    kind: ClosureKind = ClosureKind.NON_WORKING
    tags: tuple[str, ...] = ()
    """For a freeze: the tags of the work it bars; none bars any fixed work."""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on a project's team: whose days count towards its person-days."""

    project: str
    name: str
    days_per_week: float = 5.0
    holidays: str | None = None
    """Their own bank holidays (``tracker.workdays.NATIONS``); None: the project's."""


@dataclass(frozen=True, slots=True)
class Leave:
    """Days a person is away, from ``start`` to ``end`` inclusive."""

    project: str
    person: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Iteration:
    project: str
    name: str
    start: date | None = None
    end: date | None = None
    capacity: float | None = None
    goal: str = ""
    state: IterationState = IterationState.PLANNED

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None


class Item(NamedTuple):
    """A backlog item.

    A named tuple, not a frozen dataclass like its neighbours: a check loads
    every item of the store, and at 100,000 items a frozen dataclass's
    ``__init__`` alone costs a quarter of a second, a tuple's a fifth of
    that.  Immutable all the same; change one with ``item._replace(...)``.
    """

    key: str
    title: str
    kind: Kind = Kind.STORY
    points: float | None = None
    status: Status = Status.TODO
    rank: float = 0.0
    iteration: str | None = None
    parent: str | None = None
    assignee: str | None = None
    tags: tuple[str, ...] = ()
    description: str = ""
    deadline: date | None = None
    not_before: date | None = None
    fixed: bool = False
    created: date | None = None
    updated: date | None = None
    done_on: date | None = None
    depends_on: tuple[str, ...] = ()
    mandates: tuple[str, ...] = ()
    externals: tuple[str, ...] = ()
    source_id: str | None = None
    version: int = 0
    blocked_by: str | None = None
    """Who or what a blocked item waits for; None unless it is blocked."""

    @property
    def project(self) -> str:
        return project_of(self.key)

    @property
    def is_open(self) -> bool:
        return self.status.is_open


def key_order(key: str) -> tuple[str, int, str]:
    """Natural sort key of an item key, fast for ``PROJECT-N``: (project, N, "").

    Anything else sorts after its project's numbered keys, by text.
    """
    project, _, number = key.rpartition("-")
    if number.isdigit():
        return (project, int(number), "")
    return (project, 1 << 62, number)


def backlog_order(item: Item) -> tuple[float, tuple[str, int, str]]:
    """The one backlog order: rank, then the key naturally (MTD-9 before MTD-10).

    The store lists a project's backlog in it (``ORDER BY rank, seq``), the
    forecast burns it in, and the rules and summaries name tied items in it,
    so every front end shows tied items alike.
    """
    return (item.rank, key_order(item.key))


BACKLOG = "backlog"
"""The word for "in no iteration" wherever a person writes or reads it: the
command line (``--iteration backlog``, ``item move KEY backlog``, ``--carry-to
backlog``), an imported file's iteration cell, every listing.  In the domain
an item in no iteration has ``iteration=None``; no iteration may be named this."""

IN_BACKLOG = ""
"""An iteration filter's value for "in no iteration" (a filter's None means any)."""


def is_backlog(name: object) -> bool:
    """Whether what a person wrote names the backlog (any case, blanks around)."""
    return isinstance(name, str) and name.strip().casefold() == BACKLOG


def iteration_text(name: str | None) -> str:
    """Where an item is planned, as every listing shows it: its iteration, else ``backlog``."""
    return BACKLOG if name is None or name == IN_BACKLOG else name


@dataclass(frozen=True, slots=True)
class Mandate:
    code: str
    title: str
    reference: str = ""
    deadline: date | None = None
    hard: bool = True


@dataclass(frozen=True, slots=True)
class External:
    code: str
    name: str
    party: str = ""
    kind: ExternalKind = ExternalKind.DELIVERY
    expected: date | None = None
    status: ExternalStatus = ExternalStatus.PENDING
    delivered_on: date | None = None
    """The day it arrived, or the day an approval was decided."""
    outcome: Outcome | None = None
    """An approval's decision; None while pending, and for deliveries."""
    note: str = ""
    """What came with it: an approval's conditions, a refusal's reasons."""

    @property
    def pending(self) -> bool:
        return self.status is ExternalStatus.PENDING

    @property
    def delivered(self) -> bool:
        """Arrived (or approved): it no longer holds anything up."""
        return self.status is ExternalStatus.DELIVERED

    @property
    def late(self) -> bool:
        """Delivered after the date it was expected."""
        return (
            self.delivered
            and self.delivered_on is not None
            and self.expected is not None
            and self.delivered_on > self.expected
        )


class LogEntry(NamedTuple):
    """One entry of the change log: a field of a project, iteration, mandate,
    external, dependency or acceptance changed, by whom, when and why."""

    at: str  # ISO timestamp, UTC
    who: str
    entity: str
    """``project``, ``iteration``, ``mandate``, ``external``, ``dependency`` or ``acceptance``."""
    code: str
    """Its name: ``MTD``, ``MTD/Sprint 3``, ``FA2025-S60``, ``MTD-3 > MTD-2``, ``deadline-breach MTD-2``."""
    field: str
    old: str | None
    new: str | None
    reason: str | None


class Comment(NamedTuple):
    """What someone said about an item, beside its history."""

    item: str
    at: str  # ISO timestamp, UTC
    who: str
    text: str


class Change(NamedTuple):
    """One entry of an item's activity history.

    A named tuple, not a dataclass: an import writes one per item, and a
    tuple is what the store's ``executemany`` takes as it is.
    """

    item: str
    at: str  # ISO timestamp, UTC
    who: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Acceptance:
    """A team's recorded decision to live with one collision.

    Kept after it is revoked (by whom, when, why): a public body can show
    what it decided and when it changed its mind.
    """

    rule: str
    items: tuple[str, ...]
    fingerprint: str
    reason: str
    who: str
    at: str
    owner: str | None = None
    """Who answers for the risk (not always who recorded it)."""
    review_by: date | None = None
    """When the team looks at it again; ``acceptance-review-due`` after that."""
    revoked_by: str | None = None
    revoked_at: str | None = None
    revoke_reason: str | None = None

    @property
    def current(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Collision:
    rule: str
    severity: Severity
    items: tuple[str, ...]
    iteration: str | None
    project: str | None
    message: str
    hint: str
    facts: tuple[object, ...] = ()
    """Dates and numbers the collision depends on, beyond rule, items and iteration."""
    accepted: bool = False
    reason: str | None = None
    accepted_by: str | None = None
    accepted_at: str | None = None
    """When it was accepted (ISO time, UTC)."""

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """Which collision it is, whatever its facts: (rule, items in order), the way
        an acceptance names it and a comparison over time matches it."""
        return self.rule, tuple(sorted(self.items))

    @property
    def fingerprint(self) -> str:
        """A short, stable digest of the collision's facts: when one changes (another
        iteration, another date), an acceptance of the old collision lapses.

        Computed on demand: a large plan has tens of thousands of collisions and
        only the few with an acceptance need it.  Stable across processes and
        Python versions, unlike ``hash()``.
        """
        parts = [self.rule, " ".join(self.items), self.iteration or ""]
        parts.extend("" if fact is None else str(fact) for fact in self.facts)
        return blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Effective:
    """The date an item must be done by and whether it is fixed, as the rules
    read them: a person sees the Finance Act's date, not an empty field."""

    deadline: date | None
    """Its own deadline or its earliest hard mandate's, whichever is first."""
    mandate: str | None
    """The hard mandate that sets ``deadline``; None when it is the item's own."""
    fixed: bool
    """Its own flag, or a hard mandate."""


@dataclass(slots=True)
class Snapshot:
    """Everything the rule engine reads, loaded in one go from the store."""

    projects: dict[str, Project] = field(default_factory=dict)
    iterations: dict[tuple[str, str], Iteration] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    """In no particular order: sort (by rank) where order matters.  Without
    their descriptions: no rule, forecast or summary reads one, and at a page
    of text per item they would add a sixth to a large check's time (read
    the item from the store to show it)."""
    mandates: dict[str, Mandate] = field(default_factory=dict)
    externals: dict[str, External] = field(default_factory=dict)
    acceptances: tuple[Acceptance, ...] = ()
    """The acceptances in force (not revoked), for the rules that look at them."""
    carry_overs: dict[str, int] = field(default_factory=dict)
    """Item key → how many times it was carried over from a closed iteration."""
    frozen_done: dict[tuple[str, str], float] = field(default_factory=dict)
    """(project, closed iteration) → the done points its summary froze at the close:
    its velocity, whatever was filed under it since."""
    closed_on: dict[tuple[str, str], date] = field(default_factory=dict)
    """(project, closed iteration) → the day it was closed: one closed early ran only so long."""
    closures: tuple[Closure, ...] = ()
    people: tuple[Person, ...] = ()
    leave: tuple[Leave, ...] = ()

    def iteration_of(self, item: Item) -> Iteration | None:
        """The iteration an item is planned in, or None for the backlog."""
        if item.iteration is None:
            return None
        return self.iterations.get((item.project, item.iteration))
