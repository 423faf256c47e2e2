"""Dates are read, never guessed: the accepted forms, the refusals, and properties
that no written date is ever read as another day."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.dates import parse_date, parse_stamp
from tracker.errors import ValidationError

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["2027-04-01", "2027-4-1", "1/4/2027", "01/04/2027", "1-4-2027", "1.4.2027", "1 April 2027",
     "1 Apr 2027", "01 apr 2027", "  2027-04-01 "],
)  # fmt: skip
def test_each_accepted_form_is_first_of_april(text: str) -> None:
    assert parse_date(text, "due") == date(2027, 4, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2027-13-01", "there is no month 13"),
        ("1/13/2027", "there is no month 13"),
        ("13/13/2027", "there is no month 13"),
        ("1/4/27", "the year needs four digits"),
        ("1 Apr 27", "the year needs four digits"),
        ("2027-04-01T10:00", "give the day without a time"),
        ("2027-04-01 10:00", "give the day without a time"),
        ("31/4/2027", "April 2027 has no day 31"),
        ("1 Avril 2027", "'Avril' is not an English month name"),
        ("2027/04/01", ""),
        ("1/4-2027", ""),
        ("April 1 2027", ""),
        ("1 Apr. 2027", ""),
        ("1 April, 2027", ""),
        ("next tuesday", ""),
        ("٠١/٠٤/٢٠٢٧", ""),  # digits of another script are not read as ours
    ],
)
def test_everything_else_is_refused_in_one_line_naming_the_field(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, "due")
    message = str(caught.value)
    assert message.startswith(f"due: {text!r} is not a date")
    assert message.endswith("(use YYYY-MM-DD or DD/MM/YYYY)")
    assert reason in message and "\n" not in message


def test_the_example_message() -> None:
    with pytest.raises(ValidationError, match=re.escape("due: '13/13/2027' is not a date")):
        parse_date("13/13/2027", "due")


def test_a_date_field_refuses_a_datetime_value_but_a_stamp_keeps_its_day() -> None:
    with pytest.raises(ValidationError, match="no time of day"):
        parse_date(datetime(2027, 4, 1, 10), "deadline")
    assert parse_stamp(datetime(2027, 4, 1, 23, 30), "created") == date(2027, 4, 1)


@pytest.mark.parametrize(
    "text",
    ["2027-04-01T10:00", "2027-04-01 10:00:59", "2027-04-01T23:59:59.123456+05:30", "2027-04-01T00:30:00Z",
     "2027-04-01T23:00:00-0400", "1/4/2027", "2027-4-1"],
)  # fmt: skip
def test_a_stamp_keeps_its_written_day(text: str) -> None:
    assert parse_stamp(text, "created") == date(2027, 4, 1)


@pytest.mark.parametrize("text", ["2027-04-01T25:00", "2027-04-31T10:00", "1/4/27 10:00", "20270401T1000"])
def test_a_stamp_is_still_refused_when_it_is_not_one(text: str) -> None:
    with pytest.raises(ValidationError, match="created: "):
        parse_stamp(text, "created")


@st.composite
def written(draw: st.DrawFn) -> tuple[date, str]:
    """A date and one of the ways a person may write it."""
    d = draw(st.dates(min_value=date(1, 1, 1)))
    y = f"{d.year:04d}"
    m = draw(st.sampled_from([f"{d.month}", f"{d.month:02d}"]))
    day = draw(st.sampled_from([f"{d.day}", f"{d.day:02d}"]))
    name = MONTHS[d.month - 1]
    month_word = draw(st.sampled_from([name, name[:3], name.upper(), name[:3].lower()]))
    forms = [
        f"{y}-{m}-{day}",
        f"{day}/{m}/{y}",
        f"{day}-{m}-{y}",
        f"{day}.{m}.{y}",
        f"{day} {month_word} {y}",
    ]
    return d, draw(st.sampled_from(forms))


@given(written())
def test_every_written_form_of_a_date_reads_as_that_date(case: tuple[date, str]) -> None:
    d, text = case
    assert parse_date(text, "due") == d


_NUMBERS = re.compile(r"\d+")


def _agrees(text: str, d: date) -> None:
    """The numbers written in ``text`` are ``d``'s: the year in four digits first or
    last, the day first otherwise, and a named month when one is written."""
    numbers = _NUMBERS.findall(text)
    word = re.search(r"[A-Za-z]+", text)
    if word:
        day, year = numbers
        assert MONTHS[d.month - 1].casefold().startswith(word.group().casefold()[:3])
        assert (int(day), year) == (d.day, f"{d.year:04d}")
        return
    first, second, third = numbers
    if len(first) == 4:
        assert (first, int(second), int(third)) == (f"{d.year:04d}", d.month, d.day)
    else:
        assert (int(first), int(second), third) == (d.day, d.month, f"{d.year:04d}")


@given(st.text(alphabet="0123456789/-. T:", max_size=16))
def test_no_string_of_digits_and_separators_is_read_as_another_day(text: str) -> None:
    try:
        d = parse_date(text, "due")
    except ValidationError:
        return
    _agrees(text.strip(), d)


@given(
    st.tuples(
        st.integers(0, 99999).map(str) | st.sampled_from(["", "00", "013", "2027"]),
        st.sampled_from(["-", "/", ".", " ", "  ", "-/"]),
        st.integers(0, 999).map(str) | st.sampled_from([*MONTHS, "Apr", "sept", "Foo"]),
        st.sampled_from(["-", "/", ".", " ", "T"]),
        st.integers(0, 99999).map(str) | st.sampled_from(["0000", "27", "2027 10:00"]),
    ).map("".join)
)
def test_no_date_like_string_is_read_as_another_day(text: str) -> None:
    try:
        d = parse_date(text, "due")
    except ValidationError:
        return
    _agrees(text.strip(), d)
