"""Provides ``to_postgres``: the store's SQL, written once in SQLite's words, in
PostgreSQL's.

The row modules keep one text per query; the differences are mechanical
(placeholders, ``INSERT OR IGNORE``, ``group_concat``, ``total``, the scalar
``min``/``max``, ``json_each``, ``instr``, ``LIKE``'s case) and are rewritten
here once per text (the result is cached), so no row module branches on the
engine.  String literals are set aside first, so nothing inside one is touched.
The schema's migrations are rewritten here too (``pg_migration``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .migrations import MIGRATIONS, statements

#: The conflict target of each table written with ``INSERT OR REPLACE``.
_KEYS = {"sprint_summaries": "iteration_id", "baselines": "name, project"}

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_INSERT_OR = re.compile(r"\bINSERT OR (IGNORE|REPLACE) INTO (\w+(?:\.\w+)?)\s*\(([^)]*)\)")
_WORD_CALL = r"\b{}\s*\("


class DialectError(ValueError):
    """A statement uses SQLite that has no PostgreSQL rewriting here (a bug of ours)."""


@lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """``sql`` (SQLite's dialect, ``?`` placeholders) for psycopg (``%s``)."""
    if re.match(r"\s*PRAGMA\b", sql, re.I):
        raise DialectError(f"a PRAGMA has no PostgreSQL form: {sql.strip()}")
    literals: list[str] = []

    def keep(m: re.Match[str]) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    text = _LITERAL.sub(keep, sql.replace("%", "%%"))
    text = text.replace("?", "%s")
    text = _insert_or(text)
    text = _calls(text, "total", lambda a: f"coalesce(sum(({a[0]})::float8), 0::float8)", 1)
    text = _calls(text, "max", lambda a: f"GREATEST({a[0]}, {a[1]})", 2)
    text = _calls(text, "min", lambda a: f"LEAST({a[0]}, {a[1]})", 2)
    text = _calls(text, "group_concat", lambda a: f"string_agg({a[0]}, {a[1]})", 2)
    text = _calls(text, "instr", lambda a: f"strpos({a[0]}, {a[1]})", 2)
    text = _calls(text, "json_quote", lambda a: f"to_json(({a[0]})::text)::text", 1)
    text = _calls(
        text,
        "json_extract",
        lambda a: f"jsonb_path_query_first(({a[0]})::jsonb, ({a[1]})::jsonpath) #>> '{{}}'",
        2,
    )
    text = _json_each(text)
    text = re.sub(r"\bLIKE\b", "ILIKE", text)  # SQLite's LIKE ignores case; PostgreSQL's does not
    text = re.sub(r"\btemp\.", "pg_temp.", text)
    text = re.sub(r"\s*\bWITHOUT ROWID\b", "", text)
    # The one rowid in the store's queries pages items by their storage order:
    # an item's key is its row's identity there.
    text = re.sub(r"\browid\b", "key", text)
    return re.sub("\x00(\\d+)\x00", lambda m: literals[int(m.group(1))], text)


def _insert_or(text: str) -> str:
    m = _INSERT_OR.search(text)
    if m is None:
        return text
    how, table, columns = m.groups()
    head = text[: m.start()] + f"INSERT INTO {table} ({columns})" + text[m.end() :]
    if how == "IGNORE":
        return head.rstrip() + " ON CONFLICT DO NOTHING"
    key = _KEYS.get(table)
    if key is None:
        raise DialectError(f"no conflict key known for INSERT OR REPLACE INTO {table}")
    keys = {k.strip() for k in key.split(",")}
    sets = ", ".join(f"{c} = excluded.{c}" for c in (c.strip() for c in columns.split(",")) if c not in keys)
    return head.rstrip() + f" ON CONFLICT ({key}) DO UPDATE SET {sets}"


def _calls(text: str, name: str, rewrite: object, arity: int) -> str:
    """Rewrite each call ``name(a, b, ...)`` with exactly ``arity`` top-level arguments."""
    assert callable(rewrite)
    pattern = re.compile(_WORD_CALL.format(name), re.I)
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        end, args = _arguments(text, m.end())
        if len(args) != arity or (m.start() > 0 and text[m.start() - 1] == "."):
            out.append(text[pos : m.end()])
            pos = m.end()
            continue
        out.append(text[pos : m.start()])
        out.append(rewrite([_calls(a, name, rewrite, arity) for a in args]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _arguments(text: str, start: int) -> tuple[int, list[str]]:
    """The top-level arguments of a call whose ``(`` ends just before ``start``,
    and where the call ends."""
    depth, args, begin = 0, [], start
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                args.append(text[begin:i].strip())
                return i + 1, [a for a in args if a]
            depth -= 1
        elif c == "," and depth == 0:
            args.append(text[begin:i].strip())
            begin = i + 1
    raise DialectError(f"unbalanced parentheses: {text}")


_CLAUSE_WORDS = {"ORDER", "WHERE", "GROUP", "JOIN", "LEFT", "ON", "LIMIT", "HAVING", "UNION", "CROSS"}


def _json_each(text: str) -> str:
    """``json_each(x) j``: the elements of a JSON array, as ``j.value`` (text) and
    ``j.key`` (their order); an empty text is an empty array, as the tags' ''."""
    pattern = re.compile(_WORD_CALL.format("json_each"))
    while (m := pattern.search(text)) is not None:
        end, args = _arguments(text, m.end())
        alias = re.match(r"\s+(?:AS\s+)?(\w+)", text[end:])
        name = "j"
        if alias and alias.group(1).upper() not in _CLAUSE_WORDS:
            name, end = alias.group(1), end + alias.end()
        text = (
            text[: m.start()]
            + f"json_array_elements_text(nullif({args[0]}, '')::json) WITH ORDINALITY AS {name}(value, key)"
            + text[end:]
        )
    return text


def pg_migration(number: int) -> list[str]:
    """Migration ``number`` (to ``number + 1``) as PostgreSQL statements."""
    out: list[str] = []
    for statement in statements(MIGRATIONS[number]):
        out.extend(_ddl(statement))
    return out


_APPEND_ONLY = re.compile(
    r"CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+)\s+BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END;",
    re.S,
)


def _ddl(statement: str) -> list[str]:
    """One SQLite schema statement as PostgreSQL's: ``double precision`` for REAL
    (ranks and points keep their precision), identity keys for rowid keys, and
    the append-only triggers as a PL/pgSQL function."""
    trigger = _APPEND_ONLY.search(statement)
    if trigger:
        name, event, table, message = trigger.groups()
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$",
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    text = re.sub(
        r"\bINTEGER PRIMARY KEY\b", "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement
    )
    text = re.sub(r"\bTEXT\b", 'text COLLATE "C"', text)
    text = re.sub(r"\bREAL\b", "double precision", text)
    text = re.sub(r"\bINTEGER\b", "bigint", text)
    text = re.sub(r"\s*\bWITHOUT ROWID\b", "", text)
    return [text.strip().rstrip(";")]
