"""Provides the validation of every user-supplied field, written once.

The command line, the importers and the UI's forms all hand raw values
(strings from a terminal or a CSV cell, typed values from TOML or JSON) to
these functions, which return typed values or raise a ``ValidationError``
naming the field.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TypeVar

from .dates import parse_date, parse_stamp
from .errors import ValidationError
from .model import CODE, ITEM_KEY, PROJECT_KEY, Kind, Status, is_backlog

E = TypeVar("E", bound=Enum)


def project_key(value: object, field: str = "project") -> str:
    text = text_value(value, field).strip()
    if not PROJECT_KEY.match(text):
        raise ValidationError(
            f"{text!r} is not a project key (upper-case letters and digits, e.g. MTD)",
            where=field,
        )
    return text


def item_key(value: object, field: str = "key") -> str:
    text = text_value(value, field).strip()
    if not ITEM_KEY.match(text):
        raise ValidationError(f"{text!r} is not an item key (like MTD-12)", where=field)
    return text


def code(value: object, field: str = "code") -> str:
    text = text_value(value, field).strip()
    if not CODE.match(text):
        raise ValidationError(f"{text!r} is not a code (letters, digits and . _ / : -)", where=field)
    return text


def text_value(value: object, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValidationError(f"expected text, got {value!r}", where=field)
    return str(value)


def required_text(value: object, field: str) -> str:
    text = (value if type(value) is str else text_value(value, field)).strip()  # a str: every row's title
    if not text:
        raise ValidationError("must not be empty", where=field)
    return text


def iteration_name(value: object, field: str) -> str:
    """An iteration's name: ``backlog`` is the word for "no iteration" everywhere."""
    name = required_text(value, field)
    if is_backlog(name):
        raise ValidationError("'backlog' means no iteration; give the iteration another name", where=field)
    return name


def choice(enum: type[E], value: object, field: str) -> E:
    if isinstance(value, enum):
        return value
    found = enum._value2member_map_.get(value)  # the common case: already spelled right
    if found is not None:
        return found  # type: ignore[return-value]
    text = text_value(value, field).strip().lower()
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise ValidationError(f"{text!r} is not one of {allowed}", where=field) from None


def number(value: object, field: str, *, minimum: float = 0.0, maximum: float = math.inf) -> float:
    """A finite number from ``minimum`` to ``maximum``; the error names the bound passed."""
    if type(value) is str:
        try:
            result = float(value)
        except ValueError:
            raise ValidationError(f"{value.strip()!r} is not a number", where=field) from None
        if minimum <= result <= maximum and result not in (math.inf, -math.inf):
            return result
    if isinstance(value, bool):
        raise ValidationError(f"expected a number, got {value!r}", where=field)
    if isinstance(value, (int, float)):
        result = float(value)
    else:
        text = text_value(value, field).strip()
        try:
            result = float(text)
        except ValueError:
            raise ValidationError(f"{text!r} is not a number", where=field) from None
    if math.isnan(result) or math.isinf(result):
        shown = value.strip() if isinstance(value, str) else value
        raise ValidationError(f"{shown!r} is not a finite number", where=field)
    if result < minimum:
        raise ValidationError(f"must be {minimum:g} or more, got {result:g}", where=field)
    if result > maximum:
        raise ValidationError(f"{result:g} is above {maximum:g}", where=field)
    return result


def nation(value: object, field: str) -> str:
    """A calendar of bank holidays: one of ``tracker.workdays.NATIONS``."""
    from .workdays import NATIONS

    text = text_value(value, field).strip().lower()
    if text not in NATIONS:
        raise ValidationError(f"{text!r} is not one of {', '.join(NATIONS)}", where=field)
    return text


def boolean(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = text_value(value, field).strip().lower()
    if text in ("true", "yes", "y", "1", "x"):
        return True
    if text in ("false", "no", "n", "0", ""):
        return False
    raise ValidationError(f"{text!r} is not true or false", where=field)


def optional(check: Callable[[object, str], object]) -> Callable[[object, str], object]:
    """Wrap a check so that None and empty text mean no value."""

    def wrapped(value: object, field: str) -> object:
        if value is None or value == "" or (type(value) is str and value.isspace()):
            return None
        return check(value, field)

    return wrapped


def days_per_week(value: object, field: str) -> float:
    """Someone's working days a week: more than 0, at most 5 (weekends never count)."""
    days = number(value, field, maximum=5)
    if days <= 0:
        raise ValidationError("must be more than 0 (someone on the team works some days)", where=field)
    return days


def a_date(value: object, field: str) -> date:
    """A date as ``dates.parse_date`` reads it: the same forms everywhere."""
    return parse_date(value, field)


def a_stamp(value: object, field: str) -> date:
    """The day of a timestamp field (created, updated, done_on) as a file from another tool writes it."""
    return parse_stamp(value, field)


def string_list(value: object, field: str) -> tuple[str, ...]:
    """A list from a TOML/JSON array or a cell separated by commas or semicolons."""
    if not value:
        return ()
    if isinstance(value, str):
        if "," not in value and ";" not in value:
            value = value.strip()
            return (value,) if value else ()
        parts = value.replace(";", ",").split(",")
    elif isinstance(value, (list, tuple)):
        parts = [text_value(v, field) for v in value]
    else:
        raise ValidationError(f"expected a list, got {value!r}", where=field)
    seen: dict[str, None] = {}
    for part in parts:
        part = part.strip()
        if part:
            seen[part] = None
    return tuple(seen)


def date_range(start: date | None, end: date | None, field: str = "end") -> None:
    if start and end and end < start:
        raise ValidationError(f"ends {end.isoformat()}, before it starts {start.isoformat()}", where=field)


def _kind(value: object, field: str) -> object:
    return choice(Kind, value, field)


def _status(value: object, field: str) -> object:
    return choice(Status, value, field)


#: The largest estimate an item may carry: far above any real one, low enough to catch a typo.
MAX_POINTS = 1000
#: The longest title: a sentence a person reads on a card, not a pasted document.
MAX_TITLE = 500
#: What separates tags in a cell or a form: so never part of a tag.
TAG_SEPARATORS = ",;"


def _points(value: object, field: str) -> float:
    return number(value, field, maximum=MAX_POINTS)


def _title(value: object, field: str) -> str:
    text = required_text(value, field)
    if len(text) > MAX_TITLE:
        raise ValidationError(f"is {len(text)} characters long, above {MAX_TITLE}", where=field)
    return text


def tags(value: object, field: str) -> tuple[str, ...]:
    """Tags from a list (each one a tag) or text separated by commas or semicolons.

    A listed tag holding a comma or semicolon is refused, never split: the
    same tag written in a cell or the form would read as two.
    """
    if isinstance(value, (list, tuple)):
        for tag in value:
            text = text_value(tag, field)
            if any(sep in text for sep in TAG_SEPARATORS):
                raise ValidationError(
                    f"{text.strip()!r}: a tag cannot contain a comma or a semicolon", where=field
                )
    return string_list(value, field)


def _rank(value: object, field: str) -> float:
    return number(value, field, minimum=-math.inf)


def _plain(value: object, field: str) -> str:
    """Free text kept as written, except that blanks alone are no text (as a CSV cell's are)."""
    text = "" if value is None else text_value(value, field)
    return "" if text.isspace() else text


def _opt_text(value: object, field: str) -> str:
    return text_value(value, field).strip()


def _iteration(value: object, field: str) -> str | None:
    """Where an item is planned: ``backlog`` (any case) is no iteration, as it is in
    ``item move`` and ``--carry-to``, wherever the value comes from (an option, a
    form, an imported cell), never an iteration of that name."""
    return None if is_backlog(value) else _opt_text(value, field)


#: How each editable item field is checked: the one table the CLI, the
#: importers and the UI's forms share.
ITEM_FIELDS: dict[str, Callable[[object, str], object]] = {
    "title": _title,
    "kind": _kind,
    "points": optional(_points),
    "status": _status,
    "rank": _rank,
    "iteration": optional(_iteration),
    "parent": optional(item_key),
    "assignee": optional(_opt_text),
    "tags": tags,
    "description": _plain,
    "deadline": optional(a_date),
    "not_before": optional(a_date),
    "fixed": boolean,
    "created": optional(a_stamp),
    "updated": optional(a_stamp),
    "done_on": optional(a_stamp),
    "depends_on": lambda v, f: tuple(item_key(k, f) for k in string_list(v, f)),
    "mandates": lambda v, f: tuple(code(c, f) for c in string_list(v, f)),
    "externals": lambda v, f: tuple(code(c, f) for c in string_list(v, f)),
    "blocked_by": optional(_opt_text),
}


def item_fields(values: dict[str, object], where: str = "") -> dict[str, object]:
    """Check every known item field in ``values``; unknown names are refused."""
    out: dict[str, object] = {}
    for name, raw in values.items():
        check = ITEM_FIELDS.get(name)
        label = f"{where}{name}" if where else name
        if check is None:
            raise ValidationError("is not an item field", where=label)
        out[name] = check(raw, label)
    return out


#: Fields whose cells repeat from row to row in a large file (statuses, sprints,
#: dates, tag lists), so that remembering each checked value pays; titles,
#: descriptions and dependency lists are mostly different in every row.
_REPEATING = frozenset(ITEM_FIELDS) - {"title", "description", "depends_on"}
_UNSEEN = object()


class FieldMemo:
    """``item_fields`` for the many rows of one import: a text cell seen before
    in the same field is not checked again.

    A 100,000-row file holds a handful of distinct statuses, sprints and dates;
    checking each of them once saves most of the import's validation.  Only
    text that passed is remembered (checked values are immutable, so sharing
    them is safe); bad text is checked, and reported, at every row.  Memory
    stays flat however many distinct values a file has: only short text is
    remembered (a hostile file's 10 MB cells are not), and a field's memo is
    emptied when it reaches ``limit`` entries.
    """

    def __init__(self, limit: int = 4096, longest: int = 200) -> None:
        self.limit = limit
        self.longest = longest
        self.memos: dict[str, dict[str, object]] = {name: {} for name in _REPEATING}

    def item_fields(self, values: dict[str, object], skip: frozenset[str] = frozenset()) -> dict[str, object]:
        """``item_fields(values)`` without the names in ``skip``; the same values, the same errors."""
        out: dict[str, object] = {}
        memos = self.memos
        for name, raw in values.items():
            if name in skip:
                continue
            memo = memos.get(name)
            if memo is None or type(raw) is not str or len(raw) > self.longest:
                check = ITEM_FIELDS.get(name)
                if check is None:
                    raise ValidationError("is not an item field", where=name)
                out[name] = check(raw, name)
                continue
            value = memo.get(raw, _UNSEEN)
            if value is _UNSEEN:
                value = ITEM_FIELDS[name](raw, name)
                if len(memo) >= self.limit:
                    memo.clear()
                memo[raw] = value
            out[name] = value
        return out
