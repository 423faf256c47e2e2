"""The layering of STYLE.md, checked on the source the way harlequin checks its core:
the UI reaches the store only through services, only the front ends import
their frameworks, and only the store speaks its engine.

A small AST walk of our own rather than import-linter: it also sees SQL in
string literals, and needs no dependency.  Violations we know of and have not
fixed yet are listed in ``KNOWN``, each with why; the list may only shrink.
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

import tracker

PACKAGE = Path(tracker.__file__).parent

SQL_WORDS = re.compile(r"\b(BEGIN|COMMIT|ROLLBACK|PRAGMA)\b")
"""Transaction and PRAGMA statements: the store's business alone."""

ENGINE_MODULES = {"sqlite3", "sqlite_utils", "psycopg"}
FRAMEWORKS = {
    "click": ("tracker.cli",),
    "textual": ("tracker.tui",),
    "aiohttp": ("tracker.serve",),
    "textual_serve": ("tracker.serve", "tracker.cli.serve"),
}

KNOWN: set[tuple[str, str]] = set()
"""(module, what it should not use): known violations.  A new one fails the test;
so does one that is gone, so that this list stays true."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or path.is_dir()


def _imported(node: ast.Import | ast.ImportFrom, module: str, package: bool) -> list[str]:
    """The modules an import statement names, relative imports made absolute."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if package else 0)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    subs = [f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")]
    return [target, *subs]


def _is_text(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings (of modules, classes, functions and attributes) may speak of
    PRAGMAs and transactions: they are not SQL."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list) or not body:
            continue
        if _is_text(body[0]):
            found.add(id(body[0].value))
        for before, after in pairwise(body):  # an attribute's: a string right after it
            if isinstance(before, ast.Assign | ast.AnnAssign) and _is_text(after):
                found.add(id(after.value))
    return found


def violations_in(module: str, source: str, *, package: bool = False) -> set[tuple[str, str]]:
    """What ``module`` (given as its source) uses that its layer must not."""
    tree = ast.parse(source)
    found: set[tuple[str, str]] = set()
    in_store = module == "tracker.store" or module.startswith("tracker.store.")
    in_tui = module.startswith("tracker.tui")
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for name in _imported(node, module, package):
                top = name.split(".")[0]
                if in_tui and (name == "tracker.store" or name.startswith("tracker.store.")):
                    found.add((module, name))
                if top in FRAMEWORKS and not module.startswith(FRAMEWORKS[top]):
                    found.add((module, top))
                if top in ENGINE_MODULES and not in_store:
                    found.add((module, top))
        elif isinstance(node, ast.Name) and node.id in ENGINE_MODULES and not in_store:
            found.add((module, node.id))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not in_store:
            said = SQL_WORDS.findall(node.value) if id(node) not in docs else []
            found.update((module, f"SQL {word}") for word in said)
    return found


def violations() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        found |= violations_in(_module_name(path), path.read_text(), package=path.name == "__init__.py")
    return found


def test_no_new_layering_violation() -> None:
    new = sorted(violations() - KNOWN)
    assert not new, f"layering violations (see STYLE.md, 'The shape we hold to'): {new}"


def test_the_known_violations_are_still_there() -> None:
    gone = sorted(KNOWN - violations())
    assert not gone, f"fixed, well done: take these out of KNOWN in {__file__}: {gone}"


def test_the_check_sees_each_kind_of_violation() -> None:
    """The walk itself: a checker that finds nothing proves nothing."""
    assert violations_in("tracker.tui.screens.x", "from ...store import Store") == {
        ("tracker.tui.screens.x", "tracker.store")
    }
    assert violations_in("tracker.tui.x", "from tracker import store") == {("tracker.tui.x", "tracker.store")}
    assert violations_in("tracker.tui.x", "from ..store.views import ItemViews") == {
        ("tracker.tui.x", "tracker.store.views")
    }
    assert violations_in("tracker.tui.x", "from ..services.backlog import Backlog") == set()
    assert violations_in("tracker.services.x", "import click\nfrom textual.app import App") == {
        ("tracker.services.x", "click"),
        ("tracker.services.x", "textual"),
    }
    assert violations_in("tracker.cli.x", "import click") == set()
    assert violations_in("tracker.services.x", "def f(c):\n    c.execute('BEGIN IMMEDIATE')") == {
        ("tracker.services.x", "SQL BEGIN")
    }
    assert violations_in("tracker.services.x", "'''Not SQL: PRAGMA data_version.'''") == set()
    assert violations_in("tracker.tui.x", "def f(e):\n    return isinstance(e, sqlite3.Error)") == {
        ("tracker.tui.x", "sqlite3")
    }
    assert violations_in("tracker.store.core", "import sqlite3\nx = 'PRAGMA user_version'") == set()


def _our_imports(module: str, source: str, *, package: bool = False, typing: bool = False) -> set[str]:
    """Our modules ``module`` imports when it runs (in functions too), and with
    ``typing`` those it imports for the type checker only; never its own parent
    packages, which load first anyway."""
    tree = ast.parse(source)
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and (typing or id(node) not in typing_only):
            found.update(
                name
                for name in _imported(node, module, package)
                if name.startswith("tracker") and _is_module(name) and not module.startswith(f"{name}.")
            )
    found.discard(module)
    return found


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


TYPE_ONLY_EDGES = {("tracker.tui.screens.base", "tracker.tui.app")}
"""Imports for the type checker that may close a circle: a screen names the app
that holds it (Textual's ``self.app``), which is harmless."""


def _graph(*, typing: bool) -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        found = _our_imports(module, path.read_text(), package=path.name == "__init__.py", typing=typing)
        graph[module] = {name for name in found if (module, name) not in TYPE_ONLY_EDGES}
    return graph


def test_no_import_circles() -> None:
    """``cli/app`` ↔ ``cli/ui`` and ``services/plan`` ↔ ``services/summary`` were
    circles; a circle makes the import order matter and the layers blur."""
    assert _circles(_graph(typing=False)) == []


def test_no_circles_for_the_type_checker_either() -> None:
    """The import engine's parts reached back into their owners (``item_links`` →
    ``item_batch`` → ``importing``) for types; now each is handed what it uses."""
    assert _circles(_graph(typing=True)) == []


def test_the_circle_check_sees_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    lazy = "def f():\n    from .ui import ui\n"
    assert _our_imports("tracker.cli.app", lazy) == {"tracker.cli.ui"}
    typing = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .ui import ui\n"
    assert _our_imports("tracker.cli.app", typing) == set()
    assert _our_imports("tracker.cli.app", typing, typing=True) == {"tracker.cli.ui"}
