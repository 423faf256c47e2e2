"""The token file: any text either reads as people or is refused in one line naming
its line, never another error."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import ValidationError
from tracker.serve.tokens import Person, generated, parse_tokens

WORDS = st.sampled_from(
    ["alice", "a" * 20, "b" * 16, "read-only", "readonly", "#", "x y", "", "é" * 17, "\t"]
)


@given(st.lists(st.lists(WORDS, max_size=4).map(" ".join), max_size=6).map("\n".join))
def test_any_text_reads_or_is_refused_naming_its_line(text: str) -> None:
    try:
        people = parse_tokens(text, "team.tokens")
    except ValidationError as error:
        assert re.match(r"^team\.tokens(:\d+)?: ", str(error)) and "\n" not in str(error)
        return
    assert people.by_token
    for token, person in people.by_token.items():
        assert len(token) >= 16 and people.who(token) == person


def test_lines_name_people_and_their_rights() -> None:
    people = parse_tokens(
        "# team\n\nalice-token-0123456789 alice  # lead\nbob-token-0123456789ab bob read-only\n", "f"
    )
    assert people.who("alice-token-0123456789") == Person("alice")
    assert people.who("bob-token-0123456789ab") == Person("bob", read_only=True)
    assert people.who("bob-token-0123456789a") is None and people.who("") is None


def test_a_generated_token_is_long_and_fresh() -> None:
    first, people = generated("me")
    second, _ = generated("me")
    assert len(first) >= 32 and first != second and people.who(first) == Person("me")


@pytest.mark.parametrize(
    "line", ["tok", "é" * 20 + " eve", "alice-token-0123456789 al/ice", "alice-token-0123456789 a b c"]
)
def test_a_bad_line_is_refused(line: str) -> None:
    with pytest.raises(ValidationError, match=r"^f:2: "):
        parse_tokens("alice-token-0123456789 alice\n" + line, "f")
