"""The architecture, checked: the core never loads the UI framework or click."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tracker

from .conftest import SAMPLES


def _loaded_after(imports: str) -> set[str]:
    code = f"import sys\n{imports}\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_cli_and_services_do_not_load_textual() -> None:
    loaded = _loaded_after(
        "import tracker.cli, tracker.services.items, tracker.services.plan, tracker.services.check, "
        "tracker.services.documents, tracker.services.summary"
    )
    assert "textual" not in loaded


@pytest.mark.parametrize(
    "module",
    [
        "tracker.model",
        "tracker.rules",
        "tracker.analysis",
        "tracker.interchange.native",
        "tracker.dates",
        "tracker.validate",
    ],
)
def test_pure_modules_load_neither_click_nor_textual(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert "textual" not in loaded
    assert "click" not in loaded


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_front_ends_import_their_frameworks() -> None:
    """(sqlite-utils loads click itself; what matters is that our core never uses it.)"""
    package = Path(tracker.__file__).parent
    for path in package.rglob("*.py"):
        part = path.relative_to(package).parts[0]
        found = _imports(path)
        if part != "cli":
            assert "click" not in found, path
        if part != "tui":
            assert "textual" not in found, path
        if part not in ("store",):
            assert "sqlite_utils" not in found and "sqlite3" not in found, path


def test_help_and_version_do_not_load_textual_or_the_store() -> None:
    for args in (["--help"], ["--version"]):
        code = (
            f"import sys, runpy\nsys.argv = ['tracker', *{args!r}]\n"
            "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        modules = set(out.stderr.split("MODULES", 1)[1].split())
        assert not any(m.startswith("textual") for m in modules)
        assert "sqlite_utils" not in modules


def test_rules_do_not_load_sqlite() -> None:
    assert "sqlite3" not in _loaded_after("import tracker.rules")


def test_a_command_on_sqlite_never_imports_psycopg(tmp_path: Path) -> None:
    """SQLite users pay nothing for the PostgreSQL engine: not even its import."""
    db = tmp_path / "t.db"
    tracker = [sys.executable, "-m", "tracker", "--db", str(db)]
    subprocess.run(
        [*tracker, "import", str(SAMPLES / "making-tax-digital.toml")], check=True, capture_output=True
    )
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['tracker', '--db', {str(db)!r}, 'item', 'show', 'MTD-1']\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(out.stderr.split("MODULES", 1)[1].split())
    assert "tracker.store.connection" in modules  # the store was used
    assert not any(m == "psycopg" or m.startswith(("psycopg.", "tracker.store.postgres")) for m in modules)


def test_a_postgresql_locator_without_the_driver_says_how_to_install_it(tmp_path: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.modules['psycopg'] = None  # as if not installed\n"
        "sys.argv = ['tracker', '--db', 'postgresql://nobody@127.0.0.1:1/none', 'item', 'list']\n"
        "runpy.run_module('tracker', run_name='__main__')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "error: PostgreSQL needs the driver: pip install 'tracker[postgres]'"
    ]
