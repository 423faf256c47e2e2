"""The JSON Lines reader: one item a line, lists either way, errors naming the line."""

from __future__ import annotations

import pytest

from tracker.errors import ValidationError
from tracker.interchange import jsonl

from .conftest import engine_accepts, items, run

LINES = (
    '{"key": "MTD-1", "title": "File", "tags": ["tax", "vat"], "points": 3, "colour": "red"}\n'
    "\n"
    '{"key": "MTD-2", "title": "Check", "depends_on": "MTD-1;MTD-3", "deadline": null, "note": ""}\n'
    '{"project": "MTD", "title": "Keyless", "fixed": true, "description": ""}\n'
)


def test_lines_become_items() -> None:
    records, opts = run(jsonl.read, LINES, "items.jsonl")
    assert items(records) == [
        {"key": "MTD-1", "title": "File", "tags": ["tax", "vat"], "points": 3},
        {"key": "MTD-2", "title": "Check", "depends_on": "MTD-1;MTD-3"},
        {"project": "MTD", "title": "Keyless", "fixed": True},
    ]
    assert [r.where for r in records] == ["items.jsonl:1", "items.jsonl:3", "items.jsonl:4"]
    assert records[0].place("tags") == "items.jsonl:1 tags"
    assert opts.notices == ["ignored 2 unknown key(s): 'colour', 'note'"]
    assert engine_accepts(records[0].values)["tags"] == ("tax", "vat")


def test_map_and_default_project_apply_to_keys() -> None:
    records, _ = run(
        jsonl.read,
        '{"issuekey": "XD-1", "summary": "x"}\n{"summary": "y"}\n',
        mapping={"issuekey": "key", "Summary": "title"},
        project="XD",
    )
    assert items(records) == [{"key": "XD-1", "title": "x"}, {"title": "y", "project": "XD"}]
    assert records[0].place("title") == "f:1 summary"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "f", "no items"),
        ("\n  \n", "f", "no items"),
        ('{"key": "A-1", "title": "x"}\n{"key": "A-2", "title": \n', "f:2", "not valid JSON"),
        ('{"key": "A-1"}\n[1, 2]\n', "f:2", "one JSON object per line"),
        ('{"key": "A-1", "Key": "A-2"}\n', "f:1", "both give key"),
        ("[" * 100_000 + "\n", "f:1", "nested too deeply"),
    ],
)
def test_bad_lines_raise_naming_the_line(text: str, where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        run(jsonl.read, text)
    assert caught.value.where == where
    assert message in caught.value.message
