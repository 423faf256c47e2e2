"""Provides the JSON the command line prints for `item show|list`, `sprint show`,
`mandate list` and `external list`: every key always present, ``null`` or ``[]`` when empty, so
a script never asks whether a key is there.

The native document (`export project`) leaves empty values out instead, since
TOML has no null; these shapes are views to read, not a format to import.
"""

from __future__ import annotations

from typing import Any

from ..model import Effective, External, Item, Iteration, Mandate
from .native import external_dict, item_dict, iteration_dict, mandate_dict, tidy_number

ITEM_KEYS = (
    "key", "project", "title", "kind", "points", "status", "rank", "iteration", "parent",
    "assignee", "tags", "description", "deadline", "effective_deadline", "deadline_mandate",
    "not_before", "fixed", "created", "updated", "done_on", "depends_on", "mandates",
    "externals", "source_id", "version", "blocked_by",
)  # fmt: skip
"""``deadline`` is the item's own; ``effective_deadline`` is what the rules hold it
to (own or the earliest hard mandate's), ``deadline_mandate`` the mandate that
sets it (null when its own); ``fixed`` is true by its own flag or a hard mandate."""

ITERATION_KEYS = (
    "project", "name", "start", "end", "capacity", "capacity_source", "goal", "state", "working_days",
    "person_days",
)  # fmt: skip
"""``working_days``: weekdays from start to end less the project's bank holidays and
non-working closures (null when undated); ``person_days``: each person's working days
by their own calendar less their leave, times their days per week / 5 (null when
undated or the project has no people); ``capacity``: the effective capacity, set
(``capacity_source`` ``explicit``) or derived from person-days and the team's past
done points per person-day (``derived``); null, with a null source, when neither."""
MANDATE_KEYS = ("code", "title", "reference", "deadline", "hard")
EXTERNAL_KEYS = ("code", "name", "party", "kind", "expected", "status", "delivered_on", "outcome", "note")
_LISTS = frozenset({"tags", "depends_on", "mandates", "externals"})


def _full(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: values.get(k, [] if k in _LISTS else None) for k in keys}


def item_json(item: Item, effective: Effective) -> dict[str, Any]:
    values = item_dict(item) | {
        "project": item.project,
        "effective_deadline": effective.deadline,
        "deadline_mandate": effective.mandate,
        "fixed": effective.fixed,
        "version": item.version,
    }
    return _full(values, ITEM_KEYS)


def iteration_json(iteration: Iteration, time: dict[str, Any] | None = None) -> dict[str, Any]:
    """``time``: its working days, person-days and effective capacity, when known."""
    values = iteration_dict(iteration)
    if iteration.capacity is not None:
        values["capacity_source"] = "explicit"
    values |= time or {}
    values["capacity"] = tidy_number(values.get("capacity"))
    return _full(values, ITERATION_KEYS)


def mandate_json(mandate: Mandate) -> dict[str, Any]:
    return _full(mandate_dict(mandate), MANDATE_KEYS)


def external_json(external: External) -> dict[str, Any]:
    return _full(external_dict(external), EXTERNAL_KEYS)
