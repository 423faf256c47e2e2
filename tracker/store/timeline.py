"""Provides the Plan view's aggregates: per iteration the points done, open, and
fixed or deadline-bound, and the mandates and externals a project's items are
tied to — GROUP BY in SQL, so a 100,000-item store costs a few queries and no
item is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import External, Mandate
from . import rows
from .core import Store

#: An item is bound when it is fixed, has a deadline of its own or a hard mandate
#: (what ``rules.deadlines.own_bounds`` counts; deadlines inherited through
#: dependencies need the graph and are not counted here).
_HARD_MANDATES = (
    "FROM item_mandates im JOIN mandates m ON m.code = im.mandate WHERE im.item = i.key AND m.hard = 1"
)
_BOUND = f"(i.fixed = 1 OR i.deadline IS NOT NULL OR EXISTS (SELECT 1 {_HARD_MANDATES}))"
_OPEN = "i.status NOT IN ('done', 'dropped')"


@dataclass(frozen=True, slots=True)
class Load:
    """The points planned in one iteration (dropped items aside), in three shares."""

    items: int
    done: float
    open: float
    """Open points neither fixed nor deadline-bound."""
    bound: float
    """Open points of fixed or deadline-bound items."""

    @property
    def used(self) -> float:
        return self.done + self.open + self.bound


def iteration_loads(store: Store, project: str) -> dict[str, Load]:
    """Iteration name → its load, for every iteration of ``project`` with items."""
    sql = (
        "SELECT it.name, count(*), "
        "total(CASE WHEN i.status = 'done' THEN i.points END), "
        f"total(CASE WHEN {_OPEN} AND NOT {_BOUND} THEN i.points END), "
        f"total(CASE WHEN {_OPEN} AND {_BOUND} THEN i.points END) "
        "FROM iterations it JOIN items i ON i.iteration_id = it.id "
        "WHERE it.project = ? AND i.status != 'dropped' GROUP BY it.id"
    )
    return {
        name: Load(int(n), float(done), float(free), float(bound))
        for name, n, done, free, bound in store.conn.execute(sql, [project])
    }


@dataclass(frozen=True, slots=True)
class MandateUse:
    """A mandate, and how many of a project's items (open ones apart) it binds."""

    mandate: Mandate
    items: int
    open_items: int


@dataclass(frozen=True, slots=True)
class ExternalUse:
    """An external, and how many of a project's items (open ones apart) wait for it."""

    external: External
    items: int
    open_items: int


def project_mandates(store: Store, project: str) -> list[MandateUse]:
    """The mandates tied to ``project``'s items, and those tied to no item at all."""
    sql = (
        "SELECT m.*, count(i.key) AS n, total(CASE WHEN i.key IS NOT NULL AND "
        f"{_OPEN} THEN 1 END) AS open_n FROM mandates m "
        "LEFT JOIN item_mandates l ON l.mandate = m.code "
        "LEFT JOIN items i ON i.key = l.item AND i.project = ? "
        "GROUP BY m.code HAVING count(i.key) > 0 OR count(l.item) = 0 ORDER BY m.deadline IS NULL, m.deadline, m.code"
    )
    return [MandateUse(rows.mandate(r), int(r["n"]), int(r["open_n"])) for r in store._rows(sql, [project])]


def project_externals(store: Store, project: str) -> list[ExternalUse]:
    """The externals ``project``'s items wait for, and those no item waits for."""
    sql = (
        "SELECT e.*, count(i.key) AS n, total(CASE WHEN i.key IS NOT NULL AND "
        f"{_OPEN} THEN 1 END) AS open_n FROM externals e "
        "LEFT JOIN item_externals l ON l.external = e.code "
        "LEFT JOIN items i ON i.key = l.item AND i.project = ? "
        "GROUP BY e.code HAVING count(i.key) > 0 OR count(l.item) = 0 ORDER BY e.expected IS NULL, e.expected, e.code"
    )
    return [ExternalUse(rows.external(r), int(r["n"]), int(r["open_n"])) for r in store._rows(sql, [project])]


def keys_that_left(store: Store, project: str, iteration: str, since: str) -> set[str]:
    """Keys of ``project``'s items planned into or out of ``iteration`` (or carried over
    from it) since ``since``: a burndown needs those that are no longer in it."""
    sql = (
        "SELECT DISTINCT h.item FROM history h JOIN items i ON i.key = h.item "
        "WHERE h.at >= ? AND h.field IN ('iteration', 'carried_over') AND (h.old = ? OR h.new = ?) "
        "AND i.project = ?"
    )
    return {r[0] for r in store.conn.execute(sql, [since, iteration, iteration, project])}


def unplanned_deadlines(store: Store, project: str) -> list[tuple[date, str, str]]:
    """(day, key, title) of ``project``'s open items in no iteration that must be
    done by a day: their own deadline or a hard mandate's, whichever is first."""
    own_and_hard = (
        f"SELECT i.key, i.title, i.deadline AS own, (SELECT min(m.deadline) {_HARD_MANDATES}) AS hard "
        f"FROM items i WHERE i.project = ? AND i.iteration_id IS NULL AND {_OPEN}"
    )
    # SQLite's min() of a NULL is NULL: the earlier of the two, else whichever there is.
    sql = (
        f"SELECT coalesce(min(own, hard), own, hard) AS day, key, title FROM ({own_and_hard}) AS bounds "
        "WHERE coalesce(own, hard) IS NOT NULL ORDER BY day, key"
    )
    return [(date.fromisoformat(d), k, t) for d, k, t in store.conn.execute(sql, [project])]
