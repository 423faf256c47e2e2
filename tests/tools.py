"""Tests that need a tool a user's machine may lack (Debian's chromium, PostgreSQL)
skip with one line saying how to get it; where `.ci/run` installed it, it names
the tool in ``$TRACKER_TEST_REQUIRE`` and the skip becomes a failure, so CI
never passes by skipping what it set out to run."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(tool: str, reason: str) -> NoReturn:
    """Skip for want of ``tool``, or fail where CI says it installed it."""
    if tool in os.environ.get("TRACKER_TEST_REQUIRE", "").split():
        pytest.fail(f"{reason}, but $TRACKER_TEST_REQUIRE says {tool} is installed")
    pytest.skip(reason)
