"""Provides the ``tracker`` command line: thin click commands over the services."""

from . import files, fixed, forecast, items, plan, project, report, review, safety, team, ui  # noqa: F401  (they register commands)
from .app import cli, main

__all__ = ["cli", "main"]
