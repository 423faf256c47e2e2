"""Provides the SQLite store: the only package that speaks SQL."""

from .connection import default_path
from .core import Store

__all__ = ["Store", "default_path"]
