"""Provides the SQLite store: the only package that speaks SQL."""

from ..errors import StoreFailure
from .connection import default_path
from .core import Store
from .locator import Locator

__all__ = ["Locator", "Store", "StoreFailure", "default_path"]
"""``StoreFailure``: the one error the engine's failures past our checks (busy past
the timeout, disk full) leave the store as; front ends catch it to show one line
instead of a traceback."""
