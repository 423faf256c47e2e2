"""The analysis layer is pure: it loads neither a front end nor the store."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tracker.analysis


def test_importing_the_analysis_loads_no_framework_and_no_sqlite() -> None:
    code = "import sys, tracker.analysis\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not loaded & {"click", "textual", "sqlite3", "sqlite_utils"}


def test_no_module_reads_the_clock_or_the_system() -> None:
    folder = Path(tracker.analysis.__file__).parent
    for path in folder.glob("*.py"):
        text = path.read_text()
        tree = ast.parse(text)
        assert ast.get_docstring(tree, clean=False).startswith("Provides "), path  # type: ignore[union-attr]
        for name in ("datetime.now", "date.today", "time.time", "open(", "os.", "SystemRandom"):
            assert name not in text, (path, name)
