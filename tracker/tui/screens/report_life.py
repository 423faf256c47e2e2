"""Provides ``IterationLife``: the Report view's keys that change an iteration's
state — ``c`` closes the active one (asking first before its last working day,
then where its open items go) and offers to start the next, ``s`` starts one.

Apart from the report's reading so that each reads in one sitting; closing
freezes the summary, which runs the whole check: in a thread, on a store
connection of its own."""

from __future__ import annotations

from textual import work

from ...errors import TrackerError
from ...model import Iteration, IterationState
from ...services import report as reports
from ...services.context import StoreFailure
from ...services.impact import Impact
from ...services.plan import close_with_impact, start_sprint
from ..messages import StoreChanged
from ..widgets.plan_text import number, short_day
from .base import ViewScreen
from .confirm import Confirm
from .pick import Pick


class IterationLife(ViewScreen):
    """Closing and starting iterations, for a view that shows one of them."""

    def __init__(self) -> None:
        super().__init__()
        self.iterations: list[Iteration] = []
        self.iteration: str | None = None
        """The iteration shown, by name: kept across reloads."""

    def action_close(self) -> None:
        """Close the active iteration today: asked first when working days are left in
        it, then where its open items go; afterwards, the next one is offered."""
        app = self.tracker
        closing = (
            self.guarded(lambda: reports.closing(self.ctx, app.project, app.today)) if app.project else None
        )
        if closing is None:
            self.notify(
                "no active iteration to close (start one with `tracker sprint start`)", severity="warning"
            )
            return
        if not closing.early or closing.day is None:
            self._choose_carry(closing)
            return
        n, m = closing.day
        it = closing.iteration
        left = m - n
        lines = [
            f"{it.name} runs to {short_day(it.end)}: closing it today leaves "
            f"{left} working day{'s' if left != 1 else ''} of it unused."
            if it.end
            else f"{it.name} has working days left.",
            "Its summary is frozen as of today; open items move on.",
        ]

        def answered(yes: bool | None) -> None:
            if yes:
                self._choose_carry(closing)

        confirm = Confirm(f"day {n} of {m} — close {it.name} anyway?", lines, go="Enter to close it now")
        self.app.push_screen(confirm, answered)

    def _choose_carry(self, closing: reports.Closing) -> None:
        """Where the open items go: the next iteration or the backlog."""
        it, n = closing.iteration, closing.open_items
        following = (
            closing.next.name if closing.next and closing.next.state is IterationState.PLANNED else None
        )
        options = []
        if n:
            if closing.next is not None:
                starts = f", starts {short_day(closing.next.start)}" if closing.next.start else ""
                options.append(
                    (closing.next.name, f"Carry them to {closing.next.name} (the next iteration{starts})")
                )
            options.append(("backlog", "Return them to the backlog"))
            title = (
                f"Close {it.name}: {n} open item{'s' if n != 1 else ''} ({number(closing.open_points)} pts)"
            )
        else:
            options.append(("backlog", f"Close {it.name} (every item is done or dropped)"))
            title = f"Close {it.name}"

        def chosen(carry_to: str | None) -> None:
            if carry_to:
                self._close(it.name, carry_to, following)

        self.app.push_screen(Pick(title, options, options[0][0]), chosen)

    def action_start(self) -> None:
        """Start the iteration shown, or the first planned one after it (after a close,
        the next sprint), once asked."""
        active = next((i for i in self.iterations if i.state is IterationState.ACTIVE), None)
        if active is not None:
            self.notify(f"{active.name} is still active: close it first (c)", severity="warning")
            return
        names = [it.name for it in self.iterations]
        at = names.index(self.iteration) if self.iteration in names else 0
        it = next((i for i in self.iterations[at:] if i.state is IterationState.PLANNED), None)
        if it is None:
            self.notify(
                "no planned iteration to start here (add one with `tracker sprint add`)", severity="warning"
            )
            return
        self._offer_start(it)

    def _offer_start(self, it: Iteration, why: str = "") -> None:
        """Ask, then make ``it`` the active iteration."""
        dates = f" ({short_day(it.start)} – {short_day(it.end)})" if it.start and it.end else ""

        def answered(yes: bool | None) -> None:
            if yes and self.write(it.name, lambda ctx: start_sprint(ctx, it.name, it.project)) is not None:
                self.iteration = it.name
                self.notify(f"{it.name} started", timeout=3)

        lines = [*([why] if why else []), f"{it.name}{dates} becomes the active iteration of {it.project}."]
        self.app.push_screen(Confirm(f"Start {it.name}?", lines, go="Enter to start it"), answered)

    @work(thread=True, group="report-close", exit_on_error=False)
    def _close(self, name: str, carry_to: str, following: str | None = None) -> None:
        """Closing freezes the summary, which runs the whole check: in a thread, on its own store."""
        app = self.tracker
        try:
            with self.own_context() as ctx:
                _, carried, impact = close_with_impact(ctx, name, carry_to, app.project)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Not closed", severity="error")
            return
        app.call_from_thread(self._after_close, name, carry_to, carried, following, impact)

    def _after_close(
        self, name: str, carry_to: str, carried: list[str], following: str | None, impact: Impact
    ) -> None:
        """Tell what moved and what that did to the plan, then offer the next
        iteration (planned, after the closed one)."""
        where = "the backlog" if carry_to == "backlog" else carry_to
        moved = (
            f"{len(carried)} item{'s' if len(carried) != 1 else ''} carried to {where}"
            if carried
            else "nothing to carry"
        )
        self.notify(f"{name} closed: {moved}", title="Closed", timeout=6)
        errors = sum(1 for c in impact.new if c.severity.value == "error")
        if errors or impact.lapsed:
            told = [f"{errors} new error{'s' * (errors != 1)}"] if errors else []
            if impact.lapsed:
                told.append(f"{len(impact.lapsed)} accepted risk{'s' * (len(impact.lapsed) != 1)} lapsed")
            self.notify(
                f"{' · '.join(told)} (3 Collisions shows them)",
                title="The plan moved",
                severity="warning",
                timeout=10,
            )
        self.iteration = name
        self.post_message(StoreChanged())
        it = next((i for i in self.iterations if i.name == following), None)
        if it is not None:
            self._offer_start(it, f"{name} is closed.")
