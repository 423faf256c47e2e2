"""Provides ``People``: who may open the served UI, by token, and as whom they act.

A token file has one person per line, ``TOKEN NAME [read-only]``; blank lines
and ``#`` comments are skipped.  The NAME is the author the history records
for that person's changes; ``read-only`` opens the UI with every write refused.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, ValidationError

MIN_TOKEN_LENGTH = 16
"""Shorter tokens can be guessed over a network: refused, not warned about."""

_NAME = re.compile(r"^[\w.@+-]+$")
_TOKEN = re.compile(r"^[A-Za-z0-9._~-]+$")
"""What a URL and a cookie carry as they are."""


@dataclass(frozen=True)
class Person:
    name: str
    read_only: bool = False


@dataclass(frozen=True)
class People:
    """The tokens the server accepts, each naming a person."""

    by_token: dict[str, Person]

    def who(self, token: str | None) -> Person | None:
        """The person holding ``token``, compared in constant time (None: nobody)."""
        if not token:
            return None
        found = None
        for known, person in self.by_token.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = person
        return found


def generated(name: str) -> tuple[str, People]:
    """A fresh random token for one person with write access (no ``--tokens``)."""
    token = secrets.token_urlsafe(24)
    return token, People({token: Person(name)})


def read_tokens(path: Path) -> People:
    """The token file at ``path``: an unreadable file is a ``UsageError`` (exit 2), a bad
    line a ``ValidationError`` naming ``file:line`` (exit 1)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise UsageError(f"cannot read the token file: {reason}", where=str(path)) from None
    return parse_tokens(text, str(path))


def parse_tokens(text: str, source: str) -> People:
    by_token: dict[str, Person] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        where = f"{source}:{number}"
        if len(words) not in (2, 3) or (len(words) == 3 and words[2] != "read-only"):
            raise ValidationError("expected TOKEN NAME [read-only]", where=where)
        token, name = words[0], words[1]
        if len(token) < MIN_TOKEN_LENGTH:
            raise ValidationError(f"token shorter than {MIN_TOKEN_LENGTH} characters", where=where)
        if not _TOKEN.match(token):
            raise ValidationError("token has characters other than A-Z a-z 0-9 . _ ~ -", where=where)
        if not _NAME.match(name):
            raise ValidationError(
                f"name {name!r} has characters other than letters, digits and .@+-_", where=where
            )
        if token in by_token:
            raise ValidationError("token already given on an earlier line", where=where)
        by_token[token] = Person(name, read_only=len(words) == 3)
    if not by_token:
        raise ValidationError("no tokens in the file", where=source)
    return People(by_token)
