"""Provides the stand-up's read model and "mark the stand-up held".

The team is everyone with an item in the current iteration (or one finished
since the last stand-up), less those off today (on leave, or a bank holiday of
their own nation: ``TeamTime.away``), who are listed as off rather than walked
through.  For each person, in name order: their blocked items, then those in
progress, then those in review; what they finished since the last stand-up, in
the current iteration or a closed one (a sprint closed early that morning still
shows what was done in it); what changed on any of their items since (status
moves, re-plans, carry-overs and dependencies, whoever made them); and their
open items in collision.  Team-wide, what moved outside the team since: a
mandate's date, a supplier's expected date, an approval's outcome, a sprint's
dates (from the change log), with the reason given and how many of the
team's open collisions now name it.  "Since" is when the last stand-up was marked held,
or else the start (00:00 UTC, as the history is stamped) of the previous
working day by the project's calendar (weekends, bank holidays and
non-working closures skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..model import Collision, Iteration, IterationState, LogEntry, Severity, Status, iteration_text
from ..store import change_log
from ..store.standups import Activity, activity_since, last_standup, record_standup
from ..store.views import ItemLine, ItemViews
from ..worktime import TeamTime
from .calendar import current_iteration, sprint_day, team_time
from .context import Context, Locator, context_of

Key = tuple[str, tuple[str, ...]]

#: The history fields a stand-up hears about.
TOLD = ("created", "status", "iteration", "assignee", "carried_over", "depends_on", "points")


@dataclass(frozen=True)
class Move:
    """One change on a person's item since the last stand-up."""

    key: str
    title: str
    at: str
    who: str
    what: str
    """The change in words: "doing → review", "re-planned Sprint 6 → Sprint 7"."""


@dataclass(frozen=True)
class Outside:
    """A fixed thing the team's work depends on that moved since the last stand-up."""

    entity: str
    code: str
    at: str
    who: str
    what: str
    """The change in words: "expected 2027-01-15 → 2027-02-12"."""
    reason: str | None
    collisions: int
    """The team's open collisions, not accepted, that name it now."""


@dataclass(frozen=True)
class Clash:
    """One of a person's open items in collision."""

    line: ItemLine
    severity: Severity
    rules: tuple[str, ...]
    message: str
    """The worst collision's message."""
    keys: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(rule, sorted items) of each of its collisions: to tell which are new."""


@dataclass(frozen=True)
class Person:
    """What one person of the team brings to the stand-up."""

    name: str
    blocked: tuple[ItemLine, ...]
    doing: tuple[ItemLine, ...]
    review: tuple[ItemLine, ...]
    todo: tuple[ItemLine, ...]
    moves: tuple[Move, ...]
    clashes: tuple[Clash, ...]
    done: tuple[ItemLine, ...] = ()
    """Their items done since the last stand-up."""


@dataclass(frozen=True)
class Standup:
    """The stand-up of one project's current iteration."""

    project: str
    iteration: Iteration | None
    today: date
    day: tuple[int, int] | None
    """(N, M): today is working day N of the iteration's M; None when undated."""
    done: float
    committed: float
    """Points planned in the iteration, dropped items aside (the summary's figure)."""
    since: str
    """The ISO UTC stamp changes are shown from."""
    held: bool
    """Whether ``since`` is a stand-up marked held (else the previous working day)."""
    people: tuple[Person, ...]
    """The round: the team less those off today."""
    outside: tuple[Outside, ...] = ()
    off: tuple[tuple[str, str], ...] = ()
    """(name, why) of the project's people not working today ("on leave",
    "bank holiday"): told once, not walked through."""
    blocked_since: dict[str, str] = field(default_factory=dict)
    """Key → the stamp its status last became blocked, for each blocked item in the round."""

    def person(self, name: str) -> Person | None:
        """The team member ``name``, or None."""
        return next((p for p in self.people if p.name == name), None)


def since_when(ctx: Context, project: str, today: date, time: TeamTime | None = None) -> tuple[str, bool]:
    """Where "what changed" starts: the last stand-up held, else the previous
    working day by the project's calendar (``time``, read when not given)."""
    held = last_standup(ctx.store, project)
    if held is not None:
        return held, True
    time = time or team_time(ctx, project)
    return f"{time.previous_working_day(project, today).isoformat()}T00:00:00Z", False


def new_since(
    where: Locator, project: str, since: str, today: date, clock: Callable[[], datetime]
) -> frozenset[Key]:
    """The project's collisions that are new since ``since`` (a stand-up's time):
    the whole plan is checked twice, so it runs in a worker on its own connection."""
    from .check import check_since

    with context_of(where, clock=clock) as ctx:
        return check_since(ctx, since, today, project)[1].new


def mark_held(ctx: Context, project: str) -> str:
    """Record that ``project``'s stand-up is held now; returns the stamp recorded."""
    stamp = ctx.stamp()
    with ctx.store.transaction():
        record_standup(ctx.store, project, stamp)
    return stamp


def standup(
    ctx: Context, project: str, today: date, collisions: Sequence[Collision] = (), since: str | None = None
) -> Standup:
    """The stand-up of ``project``'s current iteration (see the module's docstring).

    Args:
        collisions: the project's collisions (accepted ones are left out).
        since: show changes from this stamp instead of the last stand-up's.
    """
    iterations = ctx.store.iterations(project)
    it = current_iteration(iterations, today)
    time = team_time(ctx, project)
    held = True
    if since is None:
        since, held = since_when(ctx, project, today, time)
    views = ItemViews(ctx.store)
    lines = views.iteration_lines(project, it.name) if it else []
    live = [line for line in lines if line.status is not Status.DROPPED]
    activity = activity_since(ctx.store, project, since, TOLD)
    moves = _moves(activity)
    done_since = {a.change.item for a in activity if a.change.field == "status" and a.change.new == "done"}
    finished = _finished(views, done_since, it, iterations)
    off = _off(time, project, today)
    gone = {name.casefold() for name, _ in off}  # assignees are matched to people by name
    # Everyone with work in it or just finished, and everyone on the team, whoever is not off today.
    named = {line.assignee for line in (*live, *finished) if line.assignee}
    named |= {p.name for p in time.people(project)}
    names = sorted((n for n in named if n.casefold() not in gone), key=lambda n: (n.casefold(), n))
    team: list[str | None] = [*names]
    if any(line.assignee is None and line.status is not Status.DONE for line in live):
        team.append(None)  # the Unassigned page: work nobody has said they are doing
    clashes = _clashes(views, collisions, set(team))

    def theirs(name: str | None, status: Status) -> tuple[ItemLine, ...]:
        return tuple(line for line in live if line.assignee == name and line.status is status)

    people = tuple(
        Person(
            UNASSIGNED if name is None else name,
            blocked=theirs(name, Status.BLOCKED),
            doing=theirs(name, Status.DOING),
            review=theirs(name, Status.REVIEW),
            todo=theirs(name, Status.TODO),
            moves=tuple(m for m, owner in moves if owner == name),
            clashes=tuple(c for c in clashes if c.line.assignee == name),
            done=tuple(line for line in finished if line.assignee == name),
        )
        for name in team
    )
    return Standup(
        project,
        it,
        today,
        sprint_day(it, today, time),
        sum(line.points or 0 for line in live if line.status is Status.DONE),
        sum(line.points or 0 for line in live),
        since,
        held,
        people,
        _outside(ctx, project, since, collisions),
        off,
        _blocked_since(ctx, [line for p in people for line in p.blocked]),
    )


def _finished(
    views: ItemViews, keys: set[str], it: Iteration | None, iterations: Sequence[Iteration]
) -> list[ItemLine]:
    """The items moved to done since the last stand-up and done still, in the current
    iteration or a closed one: a sprint closed this morning must not hide what was
    finished in it since yesterday's stand-up.  In rank order."""
    where = {i.name for i in iterations if i.state is IterationState.CLOSED} | ({it.name} if it else set())
    found = views.lines(keys).values()
    return sorted(
        (line for line in found if line.status is Status.DONE and line.iteration in where),
        key=lambda line: (line.rank, line.seq),
    )


def _blocked_since(ctx: Context, lines: Sequence[ItemLine]) -> dict[str, str]:
    """When each blocked item last became blocked, from its history (a stand-up asks "since when?")."""
    out = {}
    for line in lines:
        became = [c.at for c in ctx.store.history(line.key) if c.field == "status" and c.new == "blocked"]
        if became:
            out[line.key] = became[-1]
    return out


def _off(time: TeamTime, project: str, today: date) -> tuple[tuple[str, str], ...]:
    """Who is off today and why; on leave, with the working day they are back
    (by their own calendar), which is what a stand-up asks next."""
    nations = {p.name: p.holidays for p in time.people(project)}
    ends = {lv.person: lv.end for lv in time.leave_in(project, today, today)}
    out = []
    for name, why in time.away(project, today):
        if name in ends:
            end = ends[name]
            back = time.working_dates(
                project, end + timedelta(days=1), end + timedelta(days=31), nations.get(name)
            )
            if back:
                why += f", back {back[0]:%a} {back[0].day} {back[0]:%b}"
        out.append((name, why))
    return tuple(out)


#: The page of the round for the iteration's items nobody is assigned.
UNASSIGNED = "Unassigned"

#: The log's fields a stand-up hears about, by entity.
MOVES = {
    "mandate": ("deadline", "hard"),
    "external": ("expected", "status", "outcome", "note", "delivered_on"),
    "iteration": ("start", "end", "capacity", "name"),
}


def _outside(ctx: Context, project: str, since: str, collisions: Sequence[Collision]) -> tuple[Outside, ...]:
    """What moved since ``since`` among the mandates and externals of ``project``'s
    items and its iterations, one line per change, with the collisions naming it."""
    entries = [e for e in change_log.entries(ctx.store, since=since) if e.field in MOVES.get(e.entity, ())]
    if not entries:
        return ()
    items = ctx.store.items(project=project)
    ours = {("mandate", c) for i in items for c in i.mandates} | {
        ("external", c) for i in items for c in i.externals
    }
    grouped: dict[tuple[str, str, str], list[LogEntry]] = {}
    for e in entries:
        if (e.entity, e.code) in ours or (e.entity == "iteration" and e.code.startswith(f"{project}/")):
            grouped.setdefault((e.entity, e.code, e.at), []).append(e)
    out = []
    for (entity, code, at), changes in grouped.items():
        name = code.split("/", 1)[1] if entity == "iteration" else code
        named = sum(1 for c in collisions if not c.accepted and (name in c.facts or c.iteration == name))
        what = "; ".join(f"{e.field} {e.old or '–'} → {e.new or '–'}" for e in changes)
        out.append(Outside(entity, code, at, changes[0].who, what, changes[0].reason, named))
    return tuple(out)


def _moves(activity: Iterable[Activity]) -> list[tuple[Move, str | None]]:
    """Each change in words, with the person whose item it is; a close's ``iteration``
    change is told once, as the carry-over recorded with it."""
    activity = list(activity)
    carried = {(a.change.item, a.change.at) for a in activity if a.change.field == "carried_over"}
    out = []
    for a in activity:
        c = a.change
        if c.field == "iteration" and (c.item, c.at) in carried:
            continue
        what = describe(c.field, c.old, c.new)
        if what:
            out.append((Move(c.item, a.title, c.at, c.who, what), a.assignee))
    return out


def describe(field: str, old: str | None, new: str | None) -> str:
    """A history entry as a stand-up says it ("" for one not worth saying)."""
    if field == "created":
        return "" if new == "imported" else "new"  # an import's thousand items are no one's news
    if field == "assignee":
        return f"assigned to {new}" if new else f"no longer assigned to {old}"
    if field == "status":
        return f"{old or '–'} → {new or '–'}"
    if field == "iteration":
        return f"re-planned {iteration_text(old)} → {iteration_text(new)}"
    if field == "carried_over":
        return f"carried over from {old} to {iteration_text(new)}"
    if field == "points":  # a re-estimate moves the sprint's numbers: the team hears of it
        return f"re-estimated {old or 'unestimated'} → {new or 'unestimated'} points"
    if field == "depends_on":
        before = {k.strip() for k in (old or "").split(",") if k.strip()}
        after = {k.strip() for k in (new or "").split(",") if k.strip()}
        parts = []
        if after - before:
            parts.append("now waits for " + ", ".join(sorted(after - before)))
        if before - after:
            parts.append("no longer waits for " + ", ".join(sorted(before - after)))
        return "; ".join(parts)
    return f"{field}: {old or '–'} → {new or '–'}"


def _clashes(views: ItemViews, collisions: Sequence[Collision], team: set[str | None]) -> list[Clash]:
    """The team's open items in a collision not accepted, worst first, then by key."""
    found: dict[str, list[Collision]] = {}
    for c in collisions:
        if not c.accepted:
            for key in c.items:
                found.setdefault(key, []).append(c)
    out = []
    for key, line in views.lines(found).items():
        if line.assignee not in team or not line.status.is_open:
            continue
        mine = sorted(found[key], key=lambda c: -c.severity.rank)
        rules = tuple(dict.fromkeys(c.rule for c in mine))
        keys = tuple(c.key for c in mine)
        out.append(Clash(line, mine[0].severity, rules, mine[0].message, keys))
    out.sort(key=lambda c: (-c.severity.rank, c.line.rank, c.line.seq))
    return out
