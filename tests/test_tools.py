"""CI never passes by skipping what it installed (``tests/tools.missing``)."""

from __future__ import annotations

import pytest

from .tools import missing


def test_a_missing_tool_skips_on_a_user_s_machine_and_fails_where_ci_installed_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKER_TEST_REQUIRE", " postgres")
    with pytest.raises(pytest.skip.Exception):
        missing("chromium", "no chromium")
    monkeypatch.setenv("TRACKER_TEST_REQUIRE", " chromium postgres")
    with pytest.raises(pytest.fail.Exception, match="says chromium is installed"):
        missing("chromium", "no chromium")
