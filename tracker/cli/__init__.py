"""Provides the ``tracker`` command line: thin click commands over the services."""

from . import (  # noqa: F401  (they register commands)
    change_log,
    check,
    files,
    forecast,
    items,
    mandates_externals,
    plan,
    project,
    report,
    safety,
    serve,
    team,
    ui,
)
from .app import cli, main

__all__ = ["cli", "main"]
