"""Provides the file formats the tracker reads and writes, as dicts ⇄ records."""
