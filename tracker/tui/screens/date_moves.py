"""Provides ``FixedDateMoves``: the Plan view's ``m``, which moves a mandate's date or
a pending external's expected date, with a reason, after a preview of what the
change would do (the same dry run as ``mandate edit`` and ``external edit``)."""

from __future__ import annotations

from functools import partial

from textual import work

from ...dates import parse_date
from ...display import printable
from ...errors import TrackerError, ValidationError
from ...services.context import Context, StoreFailure
from ...services.impact import Impact, describe
from ...services.mandates_externals import edit_external, edit_mandate
from ...services.timeline import Mark, Timeline
from ..messages import StoreChanged
from .base import ViewScreen
from .confirm import Confirm
from .pick import Pick
from .prompt import Prompt


class FixedDateMoves(ViewScreen):
    """A view with a time line whose mandates and externals can be moved."""

    timeline: Timeline | None

    def action_move_date(self) -> None:
        """Pick a mandate or pending external on the time line, give its new date and
        why; the change is previewed before anything is written."""
        marks = [
            m for m in (self.timeline.marks if self.timeline else ())
            if m.kind == "mandate" or (m.kind == "external" and m.pending)
        ]  # fmt: skip
        if not marks:
            self.notify("no mandate or pending external on this plan's time line", severity="warning")
            return
        options = [
            (f"{m.kind}:{m.code}", f"{'◆' if m.hard else '◇' if m.kind == 'mandate' else '◎'} "
             f"{m.day:%-d %b %Y}  {m.code} · {printable(m.title)}")
            for m in marks
        ]  # fmt: skip
        by_id = {f"{m.kind}:{m.code}": m for m in marks}

        def picked(choice: str | None) -> None:
            if choice is None:
                return
            mark = by_id[choice]
            what = "deadline" if mark.kind == "mandate" else "expected date"
            self.app.push_screen(
                Prompt(f"Move {mark.code}", f"Its new {what} (YYYY-MM-DD or DD/MM/YYYY)", mark.day.isoformat(),
                       required=True),
                partial(self._dated, mark),
            )  # fmt: skip

        self.app.push_screen(Pick("Move which date?", options), picked)

    def _dated(self, mark: Mark, day: str | None) -> None:
        if day is None:
            return
        try:  # a date that cannot be read is told now, not after asking why
            day = parse_date(day, "date").isoformat()
        except ValidationError as error:
            self.notify(str(error), title="Not moved", severity="error")
            return

        def reasoned(reason: str | None) -> None:
            if reason:
                self._preview(mark, day, reason)

        self.app.push_screen(
            Prompt(f"Move {mark.code} to {day}", "Why? (the log keeps it)", required=True), reasoned
        )

    @work(thread=True, exclusive=True, group="move-date")
    def _preview(self, mark: Mark, day: str, reason: str, dry_run: bool = True) -> None:
        """The dry run (or, confirmed, the change) runs the check twice: in a thread,
        on its own store connection."""
        app = self.tracker
        try:
            with self.own_context() as ctx:
                impact = _move_fixed(ctx, mark, day, reason, dry_run)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Not moved", severity="error")
            return
        if dry_run:
            app.call_from_thread(self._confirm, mark, day, reason, impact)
        else:
            app.call_from_thread(self._moved, mark, day)

    def _confirm(self, mark: Mark, day: str, reason: str, impact: Impact) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._preview(mark, day, reason, dry_run=False)

        self.app.push_screen(Confirm(f"Move {mark.code} to {day}?", describe(impact)), answered)

    def _moved(self, mark: Mark, day: str) -> None:
        self.notify(f"{mark.code} moved to {day}", timeout=3)
        self.post_message(StoreChanged())


def _move_fixed(ctx: Context, mark: Mark, day: str, reason: str, dry_run: bool) -> Impact:
    if mark.kind == "mandate":
        return edit_mandate(ctx, mark.code, reason, dry_run=dry_run, deadline=day)
    return edit_external(ctx, mark.code, reason, dry_run=dry_run, expected=day)
