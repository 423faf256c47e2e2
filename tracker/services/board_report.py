"""Provides the board report's read model: per project, the RAG status and its
reasons, the milestones the plan hangs on, the decisions needed, the accepted
risks and where the iterations stand, from one snapshot of the store run
through the check and the forecast once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..analysis import forecast
from ..analysis.forecast import DEFAULT_TRIALS, ItemForecast
from ..display import percent_text
from ..errors import NotFound, UsageError
from ..gcpause import paused_gc
from ..interchange.markdown import long_date
from ..model import Acceptance, Collision, Item, Iteration, IterationState, Severity, Snapshot, Status
from ..rules.deadlines import Bound, own_bounds
from ..worktime import TeamTime
from .board_status import RED_CHANCE, RULE, Chance, board_status
from .board_status import Status as RagStatus
from .calendar import sprint_day, team_time
from .check import collisions as current_collisions
from .context import Context
from .projects import get_project
from .scope import sprint_scope
from .summary import sprint_totals, summary_body

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True, slots=True)
class Milestone:
    """A date from outside that the project's work hangs on: a mandate or an external."""

    kind: str
    """``hard mandate``, ``soft mandate``, ``delivery`` or ``approval``."""
    code: str
    name: str
    source: str
    """A mandate's reference (its citation), an external's party."""
    day: date | None
    """A mandate's deadline; an external's expected date (the real one once delivered)."""
    delivered: bool
    waiting: tuple[str, ...]
    """The project's open items linked to it, in key order."""
    chance: float | None = None
    """The worst chance among the open items whose deadline it sets; None: no forecast."""
    p50: date | None = None
    """The latest p50 among them; None with a chance: not within ten years."""
    p85: date | None = None


@dataclass(frozen=True, slots=True)
class AcceptedRisk:
    rule: str
    items: tuple[str, ...]
    reason: str
    who: str
    at: str
    """When it was accepted (ISO, UTC)."""
    holds: bool
    """False when the collision changed since, so the acceptance lapsed."""
    owner: str | None = None
    review_by: date | None = None


@dataclass(frozen=True, slots=True)
class SprintFigures:
    """An iteration's points: the last closed one's totals, or the active one's progress."""

    iteration: Iteration
    committed: float
    done: float
    carried_over: int | None = None
    """Items carried over at the close (closed iterations only)."""
    days_left: int | None = None
    """Working days after today to its end (the active iteration, when dated)."""


@dataclass(frozen=True, slots=True)
class ProjectReport:
    key: str
    name: str
    status: RagStatus
    milestones: tuple[Milestone, ...]
    decisions: tuple[Collision, ...]
    """Errors not accepted: the decisions the board is asked for."""
    risks: tuple[AcceptedRisk, ...]
    last_closed: SprintFigures | None
    active: SprintFigures | None
    chances: tuple[Chance, ...] = ()
    errors: int = 0
    warnings: int = 0
    """Its collisions not accepted, by severity."""
    """Each deadline item's forecast (what a baseline keeps)."""
    baseline: str | None = None
    """The baseline compared with: its name, when and by whom it was saved."""
    moved: tuple[str, ...] = ()
    """What moved since the baseline, a line per milestone."""

    @property
    def at_risk(self) -> tuple[tuple[str, str], ...]:
        """(the keys, in words) of each fixed deadline the forecast gives its work
        less than an even chance, one line a date: what makes a project red without
        a collision, and a decision the board is asked for too.  Work a collision
        decision already names is left to that decision."""
        named = {key for c in self.decisions for key in c.items}
        groups: dict[tuple[date | None, str | None], list[Chance]] = {}
        for c in self.chances:
            if c.fixed and c.probability < RED_CHANCE and c.key not in named:
                groups.setdefault((c.deadline, c.source), []).append(c)
        return tuple(
            (
                ", ".join(c.key for c in group),
                f"{long_date(day)}{f' ({source})' if source else ''}: "
                + ", ".join(f"{c.key} {percent_text(c.probability)}" for c in group)
                + " likely to be done by then",
            )
            for (day, source), group in sorted(
                groups.items(), key=lambda g: (g[0][0] or date.max, g[0][1] or "")
            )
        )

    @property
    def decisions_needed(self) -> int:
        return len(self.decisions) + len(self.at_risk)


@dataclass(frozen=True, slots=True)
class BoardReport:
    today: date
    generated: datetime
    """When it was made, in UK time."""
    trials: int
    seed: int
    rule: str
    projects: tuple[ProjectReport, ...]
    collisions: tuple[Collision, ...] = ()
    """Every collision of the check it was made with, every project's."""


def chosen_projects(ctx: Context, project: str | None, every: bool) -> list[str]:
    """The projects to report: the one named, all of them, or the only one."""
    if project and every:
        raise UsageError("give --project KEY or --all, not both", where="--all")
    if project:
        return [get_project(ctx, project).key]
    keys = sorted(p.key for p in ctx.store.projects())
    if not keys:
        raise NotFound("the store has no projects yet (add one with `tracker project add`)")
    if every or len(keys) == 1:
        return keys
    raise UsageError(f"the store has {len(keys)} projects; give --project KEY or --all", where="--project")


def report_seed(today: date) -> int:
    """The forecast's seed, from the report's date: the same day, the same figures."""
    return today.year * 10_000 + today.month * 100 + today.day


def board_report(
    ctx: Context,
    project: str | None = None,
    every: bool = False,
    today: date | None = None,
    trials: int = DEFAULT_TRIALS,
) -> BoardReport:
    """The board report of one project, or of all of them with ``every``."""
    return board_and_plan(ctx, project, every, today, trials)[0]


def board_and_plan(
    ctx: Context,
    project: str | None = None,
    every: bool = False,
    today: date | None = None,
    trials: int = DEFAULT_TRIALS,
) -> tuple[BoardReport, Snapshot]:
    """The board report and the plan it was made from (the programme view reads both)."""
    keys = chosen_projects(ctx, project, every)
    today = today or ctx.today()
    seed = report_seed(today)
    with paused_gc():  # a bulk pass like the check's (see tracker.gcpause)
        snapshot = ctx.store.snapshot()
        acceptances = ctx.store.acceptances()
        found = current_collisions(snapshot, today, acceptances)
        result = forecast(snapshot, today, trials=trials, seed=seed, projects=keys)
        own, fixed, _ = own_bounds(snapshot)
        by_project: dict[str | None, list[Collision]] = {}
        for c in found:
            by_project.setdefault(c.project, []).append(c)
        chances: dict[str, list[ItemForecast]] = {}
        for f in result.items:
            chances.setdefault(f.key.rpartition("-")[0], []).append(f)
        members: dict[str, list[Item]] = {key: [] for key in keys}
        for item in snapshot.items.values():
            mine = members.get(item.project)
            if mine is not None:
                mine.append(item)
        reports = tuple(
            _project(
                snapshot, key, members[key], by_project.get(key, []), chances.get(key, []),
                own, fixed, acceptances, ctx, today,
            )
            for key in keys
        )  # fmt: skip
    report = BoardReport(today, ctx.now().astimezone(LONDON), trials, seed, RULE, reports, tuple(found))
    return report, snapshot


def _project(
    snapshot: Snapshot,
    key: str,
    items: list[Item],
    found: list[Collision],
    forecasts: list[ItemForecast],
    own: dict[str, Bound],
    fixed: frozenset[str],
    acceptances: list[Acceptance],
    ctx: Context,
    today: date,
) -> ProjectReport:
    bound = fixed | own.keys()
    chances = [_chance(f, own, fixed, snapshot) for f in forecasts]
    status = board_status(found, bound, chances)
    decisions = tuple(c for c in found if c.severity is Severity.ERROR and not c.accepted)
    held = {c.key for c in found if c.accepted}
    risks = tuple(
        AcceptedRisk(a.rule, a.items, a.reason, a.who, a.at, (a.rule, a.items) in held, a.owner, a.review_by)
        for a in sorted(acceptances, key=lambda a: (a.at, a.rule, a.items))
        if any(k.rpartition("-")[0] == key for k in a.items)
    )
    its = [it for it in snapshot.iterations.values() if it.project == key]
    return ProjectReport(
        key,
        snapshot.projects[key].name,
        status,
        _milestones(snapshot, items, chances, own),
        decisions,
        risks,
        _last_closed(ctx, its, items),
        _active(its, items, today, team_time(ctx, key)),
        tuple(chances),
        sum(1 for c in found if c.severity is Severity.ERROR and not c.accepted),
        sum(1 for c in found if c.severity is Severity.WARNING and not c.accepted),
    )


def _chance(f: ItemForecast, own: dict[str, Bound], fixed: frozenset[str], snapshot: Snapshot) -> Chance:
    """An item's forecast, with the mandate that sets its deadline where one does."""
    b = own.get(f.key)
    source = None
    if b is None or b.day != f.deadline:
        source = "the date of work that waits for it"
    elif b.mandate is not None:
        m = snapshot.mandates.get(b.mandate)
        source = m.title if m is not None and m.title else b.mandate
    return Chance(f.key, f.deadline, f.probability, f.p50, f.p85, f.key in fixed, source)


def _milestones(
    snapshot: Snapshot, items: list[Item], chances: list[Chance], own: dict[str, Bound]
) -> tuple[Milestone, ...]:
    """The project's mandates, then its externals, each in date order (undated last)."""
    open_items = sorted((i for i in items if i.status.is_open), key=lambda i: (len(i.key), i.key))
    mandate_codes = {code for i in items for code in i.mandates}
    external_codes = {code for i in items for code in i.externals}
    by_key = {c.key: c for c in chances}
    mandates = []
    for code in mandate_codes:
        m = snapshot.mandates.get(code)
        if m is None:
            continue
        due = [
            by_key[k]
            for k in (i.key for i in open_items)
            if k in by_key
            and (b := own.get(k)) is not None
            and b.mandate == code
            and b.day == by_key[k].deadline
        ]
        mandates.append(
            Milestone(
                "hard mandate" if m.hard else "soft mandate",
                m.code,
                m.title,
                m.reference,
                m.deadline,
                False,
                tuple(i.key for i in open_items if code in i.mandates),
                min((c.probability for c in due), default=None),
                latest(c.p50 for c in due) if due else None,
                latest(c.p85 for c in due) if due else None,
            )
        )
    externals = []
    for code in external_codes:
        e = snapshot.externals.get(code)
        if e is None:
            continue
        externals.append(
            Milestone(
                e.kind.value,
                e.code,
                e.name,
                e.party,
                e.expected,
                e.status.value == "delivered",
                tuple(i.key for i in open_items if code in i.externals),
            )
        )
    order = lambda m: (m.day is None, m.day or date.min, m.code)  # noqa: E731
    return (*sorted(mandates, key=order), *sorted(externals, key=order))


def latest(days: Iterable[date | None]) -> date | None:
    """The latest date, where None (not within ten years) is later than any."""
    out: date | None = date.min
    for day in days:
        if day is None:
            return None
        out = max(out, day) if out is not None else day
    return out


def _last_closed(ctx: Context, its: list[Iteration], items: list[Item]) -> SprintFigures | None:
    """The last closed iteration's totals: as frozen at its close, else as they stand."""
    closed = [it for it in its if it.state is IterationState.CLOSED]
    if not closed:
        return None
    it = max(closed, key=lambda it: (it.end or date.min, it.start or date.min, it.name))
    frozen = ctx.store.frozen_summary(it.project, it.name)
    if frozen is not None:
        totals = summary_body(frozen)["totals"]
    else:
        scope = sprint_scope(ctx, it, it.end or date.max)
        totals = sprint_totals([i for i in items if i.iteration == it.name], [], 0, scope)
    return SprintFigures(it, totals["committed_points"], totals["done_points"], totals["carried_over"])


def _active(its: list[Iteration], items: list[Item], today: date, time: TeamTime) -> SprintFigures | None:
    active = next((it for it in its if it.state is IterationState.ACTIVE), None)
    if active is None:
        return None
    live = [i for i in items if i.iteration == active.name and i.status is not Status.DROPPED]
    day = sprint_day(active, today, time)
    left = None if day is None else (day[1] - day[0] if active.end and today <= active.end else 0)
    return SprintFigures(
        active,
        sum(i.points or 0 for i in live),
        sum(i.points or 0 for i in live if i.status is Status.DONE),
        days_left=left,
    )
