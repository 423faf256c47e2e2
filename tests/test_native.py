"""The native document: export → import into an empty store → export is the same."""

from __future__ import annotations

import json
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import ImportFailed
from tracker.interchange import native
from tracker.services.context import Context
from tracker.services.documents import export_document, import_text
from tracker.store import Store

from .conftest import FIXED_NOW, Tracker

DOC = """format = "tracker/1"

[[projects]]
key = "MTD"
name = "Making Tax Digital"

[[mandates]]
code = "FA2025-S60"
title = "Finance Act 2025 s.60"
deadline = 2027-04-06
hard = true

[[iterations]]
project = "MTD"
name = "Sprint 1"
start = 2026-11-23
end = 2026-12-04
capacity = 20

[[items]]
key = "MTD-1"
title = "Quarterly update API"
points = 5
iteration = "Sprint 1"
depends_on = ["MTD-2"]
mandates = ["FA2025-S60"]

[[items]]
key = "MTD-2"
title = "Agent authorisation"
status = "done"
"""


def _ctx(path: Path) -> Context:
    return Context(Store(path), who="tester", clock=lambda: FIXED_NOW)


def test_import_resolves_forward_references_and_is_idempotent(ctx: Context) -> None:
    first = import_text(ctx, DOC, "plan.toml", "toml")
    assert first.tallies["items"].created == 2
    assert ctx.store.item("MTD-1").depends_on == ("MTD-2",)  # type: ignore[union-attr]
    before = export_document(ctx)
    second = import_text(ctx, DOC, "plan.toml", "toml")
    assert second.tallies["items"].unchanged == 2
    assert all(t.created == t.updated == 0 for t in second.tallies.values())
    assert export_document(ctx) == before
    assert len(ctx.store.history("MTD-1")) == 1


def test_dry_run_writes_nothing(ctx: Context) -> None:
    report = import_text(ctx, DOC, "plan.toml", "toml", dry_run=True)
    assert report.tallies["items"].created == 2
    assert "dry run" in report.lines()[0]
    assert ctx.store.projects() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("points = 5", "points = -5"), "plan.toml:23 items[0]: points: must be 0 or more"),
        (('depends_on = ["MTD-2"]', 'depends_on = ["MTD-9"]'), "items[0]: depends_on: no item MTD-9"),
        (('status = "done"', 'status = "finished"'), "plan.toml:31 items[1]: status"),
        (('key = "MTD-2"', 'key = "mtd two"'), "not an item key"),
        (('mandates = ["FA2025-S60"]', 'mandates = ["NOPE"]'), "no mandate NOPE"),
        (("end = 2026-12-04", "end = 2026-11-01"), "before it starts"),
        (('format = "tracker/1"', 'format = "jira"'), 'format must be "tracker/1"'),
        (("capacity = 20", "capacity = 20\nvelocity = 3"), "velocity: is not a field"),
        (('title = "Agent authorisation"', 'title = "Agent'), "not valid TOML"),
    ],
)
def test_a_bad_document_writes_nothing(ctx: Context, change: tuple[str, str], message: str) -> None:
    with pytest.raises((ImportFailed, Exception)) as caught:
        import_text(ctx, DOC.replace(*change), "plan.toml", "toml")
    text = "\n".join(getattr(caught.value, "errors", [])) or str(caught.value)
    assert message in text
    assert ctx.store.projects() == [] and ctx.store.items() == []


def test_every_error_is_reported(ctx: Context) -> None:
    bad = DOC.replace("points = 5", "points = -5").replace('status = "done"', 'status = "x"')
    with pytest.raises(ImportFailed) as caught:
        import_text(ctx, bad, "plan.toml", "toml")
    assert caught.value.total == 2


def test_cli_import_export_round_trip_toml_and_json(tmp_path: Path) -> None:
    source = tmp_path / "plan.toml"
    source.write_text(DOC)
    one = Tracker(tmp_path / "one.db")
    assert "items: 2 created" in one.ok("import", str(source))
    exported = one.ok("export", "project")
    as_json = one.ok("export", "project", "--format", "json")
    two = Tracker(tmp_path / "two.db")
    two.ok("import", "-", "--format", "toml", input=exported)
    assert two.ok("export", "project") == exported
    three = Tracker(tmp_path / "three.db")
    (tmp_path / "plan.json").write_text(as_json)
    three.ok("import", str(tmp_path / "plan.json"))
    assert three.ok("export", "project") == exported
    assert "unchanged" in three.ok("import", str(tmp_path / "plan.json"))


def test_cli_reports_errors_with_lines_and_exit_1(tmp_path: Path) -> None:
    source = tmp_path / "plan.toml"
    source.write_text(DOC.replace("points = 5", "points = -5"))
    t = Tracker(tmp_path / "t.db")
    result = t("import", str(source))
    assert result.exit_code == 1
    assert f"{source}:23 items[0]: points" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.output


def test_cli_needs_a_format_for_stdin(tracker: Tracker) -> None:
    result = tracker("import", "-", input=DOC)
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_export_to_a_file(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("import", "-", "--format", "toml", input=DOC)
    out = tmp_path / "out.toml"
    tracker.ok("export", "project", "-o", str(out))
    assert out.read_text() == tracker.ok("export", "project")


# -- a property: any valid document survives the round trip -----------------

_names = (
    st.text(string.ascii_letters + string.digits + " -'&éü", min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
_dates = st.dates(date(2020, 1, 1), date(2030, 12, 31))
_points = st.one_of(st.none(), st.integers(0, 40), st.sampled_from([0.5, 1.5, 2.25]))


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    n_projects = draw(st.integers(1, 3))
    keys = [f"P{i}" for i in range(n_projects)]
    doc: dict[str, Any] = {
        "format": "tracker/1",
        "projects": [{"key": k, "name": draw(_names)} for k in keys],
    }
    mandates = [
        {"code": f"M{i}", "title": draw(_names), "deadline": draw(_dates), "hard": draw(st.booleans())}
        for i in range(draw(st.integers(0, 2)))
    ]
    externals = [
        {"code": f"X{i}", "name": draw(_names), "expected": draw(_dates),
         "kind": draw(st.sampled_from(["delivery", "approval"]))}
        for i in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    iterations = []
    for k in keys:
        for n in range(draw(st.integers(0, 3))):
            start = draw(_dates)
            iterations.append({"project": k, "name": f"Sprint {n}", "start": start, "end": start,
                               "capacity": draw(st.integers(0, 40))})  # fmt: skip
    items: list[dict[str, Any]] = []
    for k in keys:
        sprints = [i["name"] for i in iterations if i["project"] == k]
        for n in range(1, draw(st.integers(0, 6)) + 1):
            item: dict[str, Any] = {
                "key": f"{k}-{n}",
                "title": draw(_names),
                "status": draw(st.sampled_from(["todo", "doing", "blocked", "review", "done", "dropped"])),
                "rank": n,
                "tags": draw(st.lists(st.sampled_from(["api", "a11y", "welsh"]), unique=True)),
                "created": date(2026, 1, 1),
                "updated": date(2026, 1, 2),
            }
            if item["status"] == "done":
                item["done_on"] = date(2026, 1, 2)
            points = draw(_points)
            if points is not None:
                item["points"] = points
            if sprints and draw(st.booleans()):
                item["iteration"] = draw(st.sampled_from(sprints))
            if draw(st.booleans()):
                item["deadline"] = draw(_dates)
            if mandates and draw(st.booleans()):
                item["mandates"] = [draw(st.sampled_from([m["code"] for m in mandates]))]
            if externals and draw(st.booleans()):
                item["externals"] = [draw(st.sampled_from([x["code"] for x in externals]))]
            items.append(item)
    all_keys = [i["key"] for i in items]
    for item in items:
        others = [k for k in all_keys if k != item["key"]]
        if others and draw(st.booleans()):
            item["depends_on"] = sorted(set(draw(st.lists(st.sampled_from(others), min_size=1, max_size=3))))
    for name, values in (("mandates", mandates), ("externals", externals), ("iterations", iterations),
                         ("items", items)):  # fmt: skip
        if values:
            doc[name] = values
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents(), as_json=st.booleans())
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any], as_json: bool
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    text = native.to_json(doc) if as_json else native.to_toml(doc)
    with Store(folder / "a.db") as a:
        ca = Context(a, who="t", clock=lambda: FIXED_NOW)
        import_text(ca, text, "doc", "json" if as_json else "toml")
        first = export_document(ca)
    with Store(folder / "b.db") as b:
        cb = Context(b, who="t", clock=lambda: FIXED_NOW)
        import_text(cb, native.to_toml(first), "doc", "toml")
        second = export_document(cb)
        again = import_text(cb, native.to_toml(first), "doc", "toml")
    assert native.to_toml(second) == native.to_toml(first)
    assert json.loads(native.to_json(second)) == json.loads(native.to_json(first))
    assert all(t.created == t.updated == 0 for t in again.tallies.values())
    # Nothing given was lost on the way.
    exported = {i["key"]: i for i in first.get("items", [])}
    for item in doc.get("items", []):
        assert exported[item["key"]]["title"] == item["title"]
        assert exported[item["key"]].get("depends_on", []) == item.get("depends_on", [])
