"""Provides the terminal UI: a Textual app over the same services as the command line.

Only this package imports Textual; ``tracker ui`` and ``tracker demo`` import it
lazily so that the rest of the command line starts without it.
"""
