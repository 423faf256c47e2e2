"""Provides the SQLite store: the only package that speaks SQL."""

from sqlite3 import Error as StoreFailure

from .connection import default_path
from .core import Store

__all__ = ["Store", "StoreFailure", "default_path"]
"""``StoreFailure``: what SQLite raises past our checks (busy past the timeout,
disk full); front ends catch it to show one line instead of a traceback."""
