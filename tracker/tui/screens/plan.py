"""Provides ``PlanScreen``: the project's iterations on one time line with their
working time, capacity and collisions, the dates fixed from outside, the
closures and today between them (the chosen iteration's leave and closures
under its items);
below, the chosen iteration's items, each moved to an earlier or later
iteration with ``[`` and ``]``; ``m`` moves a fixed date (``FixedDateMoves``).  The deadline forecast runs in a thread on its
own store connection and fills in the chances when it is done."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ...model import IterationState
from ...services import timeline as timelines
from ...services.calendar import current_iteration
from ...services.items import move_item
from ...services.plan import add_sprint, next_sprint, start_sprint
from ...services.timeline import Odds, Span, Timeline
from ..messages import ItemChosen
from ..widgets.plan_items import PlanItems
from ..widgets.plan_text import number, span_dates, working_time
from ..widgets.timeline import TimelineList
from .confirm import Confirm
from .date_moves import FixedDateMoves
from .prompt import Prompt

LEGEND = (
    "✖ ▲ ● worst collision  Sprint ● active   bar: █ done ▓ fixed ▒ open · free  ~ derived capacity"
    "   strip: ━ iteration ╍ day off ═ freeze",
    "◆ ┃ hard deadline  ◇ ┆ target  ◎ ╎ external  ✓ delivered  ◌ ┊ due in no iteration  ▶ │ today"
    "   ╋ that date falls inside the iteration",
)
"""Every glyph and line the Plan draws, on two lines (the strip's lines are the dates' marks)."""
SHORT_LEGEND = (
    "✖▲● collision ●active █done ▓fixed ▒open ·free ~derived ━sprint ╍off ═freeze",
    "◆┃hard ◇┆target ◎╎external ✓delivered ◌┊unplanned ▶│today ╋date in sprint",
)
"""The legend for 80 columns."""


class PlanScreen(FixedDateMoves):
    """Iterations in date order, and the chosen one's items."""

    VIEW = "plan"
    AUTO_FOCUS = "#plan-timeline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket,shift+left", "move(-1)", "Earlier", key_display="[", id="plan.earlier"),
        Binding("right_square_bracket,shift+right", "move(1)", "Later", key_display="]", id="plan.later"),
        Binding("tab", "switch_pane", "Pane", key_display="tab", id="plan.pane"),
        Binding("enter", "open", "Open", id="plan.open"),
        Binding("m", "move_date", "Move a date", id="plan.move_date"),
        Binding("s", "start", "Start", id="plan.start"),
        Binding("N", "new_iteration", "New iteration", id="plan.new_iteration"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.timeline: Timeline | None = None
        self.iteration: str | None = None
        """The chosen iteration's name: kept across reloads."""
        self._follow: str | None = None
        """An item just moved: the cursor goes with it to its new iteration."""
        self.odds: Odds | None = None
        """The last forecast (None until the first is done)."""
        self._forecast: Worker[Odds] | None = None
        self._project = ""

    def compose_view(self) -> ComposeResult:
        yield TimelineList(id="plan-timeline")
        yield PlanItems(id="plan-items")
        yield Static(id="plan-time")
        yield Static("\n".join(LEGEND), id="plan-legend")

    def on_resize(self) -> None:
        wide = self.size.width >= max(map(len, LEGEND)) + 2
        self.query_one("#plan-legend", Static).update("\n".join(LEGEND if wide else SHORT_LEGEND))

    @property
    def timeline_list(self) -> TimelineList:
        return self.query_one(TimelineList)

    @property
    def items(self) -> PlanItems:
        return self.query_one(PlanItems)

    # -- data ----------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        if not app.project:
            self.note = "no project"  # the hint under the view bar says how to add one
            return
        if self._project != app.project:  # another project: nothing of the last one's stays
            self._project, self.odds, self.iteration = app.project, None, None
        collisions = app.index.collisions if app.index else ()
        timeline = timelines.load_timeline(self.ctx, app.project, app.today, collisions)
        self.timeline = timeline
        if timeline.find(self.iteration) is None:
            its = [s.iteration for s in (*timeline.spans, *timeline.undated)]
            chosen = current_iteration(its, app.today)
            self.iteration = chosen.name if chosen else None
        self.timeline_list.show(timeline, self.iteration)
        self.timeline_list.set_odds(self.odds)
        keep, self._follow = self._follow or self.current_key(), None
        self._load_items(keep)
        self._run_forecast()
        self._update_note()

    def collisions_changed(self) -> None:
        if self.timeline is None or self.index is None:
            return
        self.timeline = self.timeline.with_collisions(self.index.collisions)
        self.timeline_list.show(self.timeline, self.iteration)
        self.items.set_markers(self.index.worst)
        self._update_title()

    def _load_items(self, keep: str | None) -> None:
        """Read the chosen iteration's items, the cursor on ``keep`` (else near where it was)."""
        app = self.tracker
        lines = timelines.iteration_lines(self.ctx, app.project, self.iteration)
        self.items.markers = app.index.worst if app.index else {}
        self.items.odds = self.odds.items if self.odds else None
        self.items.show(lines, keep)
        self._update_title()

    def _update_title(self) -> None:
        span = self.timeline.find(self.iteration) if self.timeline else None
        self.items.border_title = self._describe(span) if span else "no iteration"
        time = working_time(span) if span else ""
        self.query_one("#plan-time", Static).update(f"{span.name}: {time}" if span and time else "")

    def _describe(self, span: Span) -> str:
        it = span.iteration
        derived = "~" if span.time is not None and span.time.derived else ""
        capacity = f"/{derived}{number(span.capacity)}" if span.capacity is not None else ""
        parts = [it.name, span_dates(span), it.state.value, f"{number(span.load.used)}{capacity} pts"]
        if span.collisions:
            parts.append(f"{span.collisions} collision{'s' if span.collisions != 1 else ''}")
        return " · ".join(parts)

    def _update_note(self) -> None:
        timeline = self.timeline
        if timeline is None:
            return
        count = len(timeline.spans) + len(timeline.undated)
        odds = self.odds.note.split(": ", 1)[-1] if self.odds else "forecasting…"
        self.note = (f"{count} iterations · forecast: {odds}", f"{count} iterations", "")

    # -- the forecast, in a thread ---------------------------------------------------

    def _run_forecast(self) -> None:
        app = self.tracker
        self._forecast = self.run_worker(
            partial(timelines.odds_in_own_store, app.locator, app.project, app.today),
            name="plan-forecast",
            group="plan-forecast",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._forecast:
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Odds):
            self.odds = event.worker.result
            self.timeline_list.set_odds(self.odds)
            self.items.set_odds(self.odds.items)
            self._update_note()
        elif event.state is WorkerState.ERROR:
            self.notify(f"the forecast failed: {event.worker.error}", severity="error")

    # -- choosing ------------------------------------------------------------------

    def on_timeline_list_selected(self, event: TimelineList.Selected) -> None:
        self._catch_up()

    def _catch_up(self) -> None:
        """Show the items of the iteration under the time line's cursor, if not yet.

        The time line says so in a message, which a quick typist's next key can
        overtake: every action on an item calls this first, so it acts on what
        the screen shows by then, not on the iteration before.
        """
        span = self.timeline_list.selected
        if span is not None and span.name != self.iteration:
            self.iteration = span.name
            self.items.cursor = None  # another iteration: start at its first item
            self.guarded(lambda: self._load_items(None))

    def current_key(self) -> str | None:
        line = self.items.selected
        return line.key if line else None

    def action_switch_pane(self) -> None:
        self._catch_up()
        if self.items.has_focus:
            self.timeline_list.focus()
        else:
            self.items.focus()

    def action_open(self) -> None:
        """Enter on the time line goes into the iteration's items; on an item, opens it."""
        self._catch_up()
        if self.timeline_list.has_focus:
            self.items.focus()
            return
        line = self.items.selected
        if line is not None:
            self.post_message(ItemChosen(line.key))

    def on_plan_items_chosen(self, event: PlanItems.Chosen) -> None:
        self.post_message(ItemChosen(event.line.key))

    # -- planning -------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the chosen item to the nearest open iteration before or after its own."""
        self._catch_up()
        line, timeline = self.items.selected, self.timeline
        if line is None or timeline is None:
            return
        if not line.status.is_open:
            self.notify(f"{line.key} is {line.status.value}: only open items move", severity="warning")
            return
        span = timeline.find(line.iteration)
        if span is not None and not span.iteration.dated:
            self.notify(f"{span.name} has no dates: plan {line.key} from the Backlog view (2, p)")
            return
        target = timeline.neighbour(line.iteration, step)
        if target is None:
            where = "earlier" if step < 0 else "later"
            self.notify(f"no {where} iteration open to move {line.key} to", severity="warning")
            return
        before = self.iteration
        # The cursor goes with the item, on the time line at once (so that a message
        # still on its way from it cannot take the screen back).
        self.iteration, self._follow = target.name, line.key
        self.timeline_list.select(target.name)
        moved = self.write(line.key, lambda ctx: move_item(ctx, line.key, target.name, version=line.version))
        if moved is None:
            self.iteration, self._follow = before, line.key
            self.timeline_list.select(before)
            return
        self.notify(f"{line.key} → {target.name}", timeout=2)

    # -- iterations: start one, add one ------------------------------------------

    def action_start(self) -> None:
        """Start the chosen iteration, once asked; refused while another is active."""
        span = self.timeline.find(self.iteration) if self.timeline else None
        if span is None:
            self.notify("choose an iteration in the time line first", timeout=3)
            return
        it = span.iteration
        active = next(
            (
                s.iteration
                for s in (self.timeline.spans if self.timeline else ())
                if s.iteration.state is IterationState.ACTIVE
            ),
            None,
        )
        if it.state is not IterationState.PLANNED:
            self.notify(f"{it.name} is {it.state.value}: only a planned iteration starts", severity="warning")
            return
        if active is not None:
            self.notify(
                f"{active.name} is still active: close it first (c in the Report view, 7)", severity="warning"
            )
            return

        def answered(yes: bool | None) -> None:
            if yes and self.write(it.name, lambda ctx: start_sprint(ctx, it.name, it.project)) is not None:
                self.notify(f"{it.name} started", timeout=3)

        dates = f" ({span_dates(span)})" if it.start and it.end else ""
        lines = [f"{it.name}{dates} becomes the active iteration of {it.project}."]
        self.app.push_screen(Confirm(f"Start {it.name}?", lines, go="Enter to start it"), answered)

    def action_new_iteration(self) -> None:
        """Add an iteration after the last one: its name, first and last day, each asked in turn."""
        project = self.tracker.project
        if not project:
            return
        guess = self.guarded(lambda: next_sprint(self.ctx, project))
        if guess is None:
            return
        name, start, end = guess
        asked: dict[str, str] = {}

        def ask(field: str, question: str, value: str, then: Callable[[], None]) -> None:
            def answered(text: str | None) -> None:
                if text:
                    asked[field] = text
                    then()

            self.app.push_screen(Prompt("New iteration", question, value, required=True), answered)

        def add() -> None:
            made = self.write(
                asked["name"],
                lambda ctx: add_sprint(ctx, project, asked["name"], asked["start"], asked["end"]),
            )
            if made is not None:
                self.iteration = made.name
                self.notify(f"{made.name} added: {made.start} to {made.end}", timeout=4)

        ask(
            "name", "Its name", name,
            lambda: ask(
                "start", "Its first day", start.isoformat(),
                lambda: ask("end", "Its last day (inclusive)", end.isoformat(), add),
            ),
        )  # fmt: skip
