"""Provides ``tracker serve``'s server: the terminal UI in a browser through textual-serve,
behind tokens, a cookie and an Origin check (textual-serve alone has none of them).

Only ``server`` and ``sessions`` import aiohttp and textual-serve (the ``serve``
extra); ``tokens`` and ``page`` are plain Python, so bad input is reported
before anything needs the extra.
"""
