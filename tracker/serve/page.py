"""Provides the served pages: the terminal page (textual-serve's own, with its font
served locally) and the short pages that say why a browser was turned away."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from string import Template


def terminal_page(*, static: str, ws_url: str, title: str, font_size: int) -> str:
    """The page that runs textual-serve's script against the session's WebSocket."""
    template = Template(files(__package__).joinpath("page.html").read_text(encoding="utf-8"))
    return template.substitute(
        static=escape(static), ws_url=escape(ws_url), title=escape(title), font_size=int(font_size)
    )


def notice_page(title: str, text: str) -> str:
    """A plain page for a refusal (no token, wrong token, all sessions in use)."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8" />'
        f"<title>{escape(title)}</title>"
        "<style>body{background:#0c181f;color:#eee;font:16px/1.5 monospace;margin:4em auto;max-width:40em}"
        "</style></head>"
        f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>"
    )
