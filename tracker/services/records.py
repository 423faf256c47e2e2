"""Provides the checks that turn a raw record (a TOML table, a CSV row) into a model object.

Field errors name the field; the importer adds the file and line.
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..model import (
    DEFAULT_SQUEEZE_SHARE,
    Closure,
    ClosureKind,
    External,
    ExternalKind,
    ExternalStatus,
    Iteration,
    IterationState,
    Leave,
    Mandate,
    Outcome,
    Person,
    Project,
)
from ..validate import (
    a_date,
    boolean,
    choice,
    code,
    date_range,
    days_per_week,
    iteration_name,
    nation,
    number,
    optional,
    project_key,
    required_text,
    tags,
    text_value,
)
from ..workdays import DEFAULT_NATION


def known_fields(values: dict[str, Any], allowed: tuple[str, ...], kind: str) -> None:
    for name in values:
        if name not in allowed:
            raise ValidationError(f"is not a field of {kind}", where=name)


def _text(values: dict[str, Any], name: str) -> str:
    value = values.get(name)
    return "" if value is None else text_value(value, name)


def project(values: dict[str, Any]) -> Project:
    known_fields(values, ("key", "name", "description", "squeeze_share", "holidays"), "a project")
    key = project_key(values.get("key", ""), "key")
    share = values.get("squeeze_share")
    return Project(
        key=key,
        name=required_text(values.get("name") or key, "name"),
        description=_text(values, "description"),
        squeeze_share=DEFAULT_SQUEEZE_SHARE if share is None else number(share, "squeeze_share"),
        holidays=nation(values.get("holidays") or DEFAULT_NATION, "holidays"),
    )


def iteration(values: dict[str, Any]) -> Iteration:
    known_fields(values, ("project", "name", "start", "end", "capacity", "goal", "state"), "an iteration")
    it = Iteration(
        project=project_key(values.get("project", ""), "project"),
        name=iteration_name(values.get("name", ""), "name"),
        start=optional(a_date)(values.get("start"), "start"),  # type: ignore[arg-type]
        end=optional(a_date)(values.get("end"), "end"),  # type: ignore[arg-type]
        capacity=optional(number)(values.get("capacity"), "capacity"),  # type: ignore[arg-type]
        goal=_text(values, "goal"),
        state=choice(IterationState, values.get("state") or "planned", "state"),
    )
    date_range(it.start, it.end)
    return it


def mandate(values: dict[str, Any]) -> Mandate:
    known_fields(values, ("code", "title", "reference", "deadline", "hard"), "a mandate")
    return Mandate(
        code=code(values.get("code", ""), "code"),
        title=required_text(values.get("title", ""), "title"),
        reference=_text(values, "reference"),
        deadline=optional(a_date)(values.get("deadline"), "deadline"),  # type: ignore[arg-type]
        hard=boolean(values.get("hard", True), "hard"),
    )


def external(values: dict[str, Any]) -> External:
    known_fields(
        values,
        ("code", "name", "party", "kind", "expected", "status", "delivered_on", "outcome", "note"),
        "an external",
    )
    new = External(
        code=code(values.get("code", ""), "code"),
        name=required_text(values.get("name", ""), "name"),
        party=_text(values, "party"),
        kind=choice(ExternalKind, values.get("kind") or "delivery", "kind"),
        expected=optional(a_date)(values.get("expected"), "expected"),  # type: ignore[arg-type]
        status=choice(ExternalStatus, values.get("status") or "pending", "status"),
        delivered_on=optional(a_date)(values.get("delivered_on"), "delivered_on"),  # type: ignore[arg-type]
        outcome=choice(Outcome, values["outcome"], "outcome") if values.get("outcome") else None,
        note=_text(values, "note"),
    )
    if new.delivered_on is not None and new.pending:
        raise ValidationError('is set but status is "pending"', where="delivered_on")
    if new.outcome is not None and new.kind is not ExternalKind.APPROVAL:
        raise ValidationError("is for approvals; this external is a delivery", where="outcome")
    if (new.outcome is Outcome.REFUSED) != (new.status is ExternalStatus.REFUSED):
        raise ValidationError(
            'an approval is "refused" in its status and its outcome, or in neither', where="status"
        )
    return new


def closure(values: dict[str, Any]) -> Closure:
    known_fields(values, ("project", "name", "start", "end", "kind", "tags"), "a closure")
    found = Closure(
        project=project_key(values.get("project", ""), "project"),
        name=required_text(values.get("name", ""), "name"),
        start=a_date(values.get("start"), "start"),
        end=a_date(values.get("end"), "end"),
        kind=choice(ClosureKind, values.get("kind") or "non-working", "kind"),
        tags=tags(values.get("tags") or [], "tags"),
    )
    date_range(found.start, found.end)
    if found.tags and found.kind is ClosureKind.NON_WORKING:
        raise ValidationError("are for a freeze: a non-working closure bars all work", where="tags")
    return found


def person(values: dict[str, Any]) -> Person:
    known_fields(values, ("project", "name", "days_per_week", "holidays"), "a person")
    given = values.get("days_per_week")
    holidays = values.get("holidays")
    return Person(
        project=project_key(values.get("project", ""), "project"),
        name=required_text(values.get("name", ""), "name"),
        days_per_week=5.0 if given is None else days_per_week(given, "days_per_week"),
        holidays=None if holidays in (None, "") else nation(holidays, "holidays"),
    )


def leave(values: dict[str, Any]) -> Leave:
    known_fields(values, ("project", "person", "start", "end"), "leave")
    found = Leave(
        project=project_key(values.get("project", ""), "project"),
        person=required_text(values.get("person", ""), "person"),
        start=a_date(values.get("start"), "start"),
        end=a_date(values.get("end"), "end"),
    )
    date_range(found.start, found.end)
    return found
