"""Provides ``TrackerApp`` and ``make_app``, the one factory that builds it for the
command line, the tests and the benchmark.

The app holds what every view shares: the store (through a services
``Context``), today, the chosen project, the collisions of the last check and
a generation number that goes up whenever the store changes.  It polls the
store's change watcher so that another process's writes show within a
second, and runs the collision check in a thread worker on a store
connection of its own, so the views never wait for the rule engine.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import date, datetime
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import Worker, WorkerState

from ..errors import Conflict, TrackerError
from ..services.collision_index import Changes, CollisionIndex, index_of_store, moves_collisions, moves_plan
from ..services.context import Context, Locator, StoreFailure, open_context
from ..services.projects import list_projects
from ..services.undo import Step, undo
from .commands import NAMED, Named
from .messages import ItemChosen, StoreChanged
from .screens.backlog import BacklogScreen
from .screens.base import ViewScreen
from .screens.board import BoardScreen
from .screens.collisions import CollisionsScreen
from .screens.item import ItemScreen
from .screens.pick import Pick
from .screens.plan import PlanScreen
from .screens.programme import ProgrammeScreen
from .screens.report import ReportScreen
from .screens.standup import StandupScreen
from .severity import counts_text
from .widgets.view_bar import VIEWS, ViewBar

_VIEWS = Binding.Group("Views", compact=True)

_SCREENS: tuple[type[ViewScreen], ...] = (
    BoardScreen, BacklogScreen, CollisionsScreen, ItemScreen,
    PlanScreen, StandupScreen, ReportScreen, ProgrammeScreen,
)  # fmt: skip


def _modes() -> dict[str, str | Callable[[], Screen[Any]]]:
    """``MODES`` in the view bar's order, one screen per view of ``VIEWS``: a view
    added to the bar without its screen (or the reverse) fails at import."""
    screens = {screen.VIEW: screen for screen in _SCREENS}
    modes: dict[str, str | Callable[[], Screen[Any]]] = {mode: screens.pop(mode) for mode, _ in VIEWS}
    if screens:
        raise LookupError(f"screens not in the view bar's VIEWS: {', '.join(screens)}")
    return modes


class TrackerApp(App[None]):
    """Board, Backlog, Collisions and Item views over one store."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "styles/app.tcss",
        "styles/board.tcss",
        "styles/backlog.tcss",
        "styles/dialogs.tcss",
        "styles/plan.tcss",
        "styles/standup.tcss",
        "styles/report.tcss",
    ]
    TITLE = "tracker"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = _modes()
    DEFAULT_MODE = "board"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"view('{mode}')", label, id=f"view.{mode}", group=_VIEWS)
            for n, (mode, label) in enumerate(VIEWS, start=1)
        ),
        Binding("P", "switch_project", "Project", id="app.project"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?", id="app.keys"),
        Binding("q", "quit", "Quit", id="app.quit"),
        # Last: on a narrow footer the view's own keys and ? come first; u is in ? and ^p.
        Binding("u", "undo", "Undo", id="app.undo"),
    ]
    POLL_SECONDS: ClassVar[float] = 1.0

    def __init__(
        self, ctx: Context, where: Locator, today: date, *, project: str | None = None, view: str = "board"
    ) -> None:
        if view not in self.MODES:
            raise ValueError(f"no view {view!r}")
        self.DEFAULT_MODE = view  # type: ignore[misc]  # start there, without mounting the board first
        super().__init__()
        self.ctx = ctx
        self.locator = where
        """The store, as named: work in a thread worker opens its own connection to it."""
        self.today = today
        keys = [p.key for p in list_projects(ctx)]
        self._projects = len(keys)
        self.project = project if project in keys else (keys[0] if keys else "")
        """The project every view shows ("" when the store has none)."""
        self.item_key: str | None = None
        """The item the Item view shows."""
        self.item_trail: list[str] = []
        """The items the Item view came through by ``g``, oldest first: where ``Esc`` goes back to."""
        self.index: CollisionIndex | None = None
        self.undo_steps: list[Step] = []
        """The changes made from this session, oldest first: what ``u`` takes back."""
        """The project's collisions from the last check (None until the first is done)."""
        self.generation = 0
        """Goes up on every change to the store, ours or another process's."""
        self.plan_generation = 0
        """Goes up on every change but another process's comments and stand-ups only:
        what the views that show neither reload on."""
        self.previous_view = "board"
        self._watcher = ctx.watcher()
        self._check_worker: Worker[CollisionIndex] | None = None
        self._unreachable = False
        """Whether the last look at the store failed: said once, not every second."""

    # -- start and stop -------------------------------------------------------

    def on_mount(self) -> None:
        self._update_title()
        self._watcher.catch_up()
        # After the first frame: the engine (pure Python, seconds at 100,000 items)
        # holds the GIL a good part of the time, so it must not delay the first rows.
        self.call_after_refresh(self.check_collisions)
        self.set_interval(self.POLL_SECONDS, self.poll)

    def on_unmount(self) -> None:
        self._watcher.close()
        self.ctx.close()

    # -- keeping up with the store ------------------------------------------------

    def poll(self) -> None:
        """Notice another process's commit and reload what it may have changed."""
        try:
            changes = self._watcher.look()
        except StoreFailure as error:
            if not self._unreachable:
                self.notify(f"the store could not be read: {error}", severity="error", timeout=10)
            self._unreachable = True
            return
        if self._unreachable:
            self._unreachable = False
            self.notify("the store can be read again", title="Back")
        if changes:
            self.data_changed(changes)

    def data_changed(self, changes: Changes | None = None) -> None:
        """The store changed (``changes``: another process's commit, as the watcher
        saw it; None: a change of ours): the current view reloads now, the others
        when shown, and the plan is checked again unless nothing the rules read changed."""
        with suppress(StoreFailure):  # the views will say so when they read
            if changes is None:  # the watcher's look already counted another's commit
                self._watcher.catch_up()
            self._projects = len(list_projects(self.ctx))
        self.generation += 1
        if changes is None or moves_plan(changes):
            self.plan_generation += 1
        if changes is None or moves_collisions(changes):
            # A commit that left no record keeps the store's mark: a shared check
            # made before it will not do.
            self.check_collisions(since=time.time() if changes is not None and changes.everything else 0.0)
        self._sync_screen()

    def _sync_screen(self) -> None:
        screen = self.screen
        if isinstance(screen, ViewScreen):
            screen.sync()

    def check_collisions(self, since: float = 0.0) -> None:
        """Run the rule engine in a thread on its own connection (or take the check
        the sessions of ``tracker serve`` share); the latest run wins."""
        self._check_worker = self.run_worker(
            partial(
                index_of_store, self.locator, self.today, self.project or None, self.ctx.who, since=since
            ),
            name="check",
            group="check",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._check_worker:
            return
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, CollisionIndex):
            self.index = worker.result
            # The app's objects and the index are long-lived: out of the cyclic
            # collector's full scans, which otherwise stall a key press by 50-100 ms
            # every few dozen keys on a 100,000-item plan.  (Frozen objects are still
            # freed by reference counting, as an old index is.)
            gc.freeze()
            self._update_title()
            self._sync_screen()
        elif event.state is WorkerState.ERROR:
            self.notify(f"the plan could not be checked: {worker.error}", severity="error")

    def _update_title(self) -> None:
        self.title = f"tracker · {self.project}" if self.project else "tracker"
        if self.index is None:
            self.sub_title = "checking the plan…"
        else:
            self.sub_title = counts_text(self.index.counts(), self.index.accepted)

    # -- views and projects ----------------------------------------------------------

    def action_view(self, mode: str) -> AwaitMount | None:
        """Show a view; 4 (Item) shows the item selected in the view left."""
        if mode == self.current_mode:
            return None
        screen = self.screen
        if isinstance(screen, ViewScreen) and screen.VIEW != "item":
            self.previous_view = screen.VIEW
            if mode == "item":
                self.item_key = screen.current_key() or self.item_key
                self.item_trail = []
        return self.switch_mode(mode)

    def on_view_bar_view_chosen(self, event: ViewBar.ViewChosen) -> None:
        self.action_view(event.mode)

    def on_store_changed(self, event: StoreChanged) -> None:
        self.data_changed()

    def on_item_chosen(self, event: ItemChosen) -> None:
        self.open_item(event.key)

    def open_item(self, key: str) -> None:
        """Show one item in the Item view (from Enter in any view)."""
        self.item_key = key
        screen = self.screen
        if isinstance(screen, ViewScreen) and screen.VIEW != "item":
            self.previous_view = screen.VIEW
            self.item_trail = []
        if self.current_mode == "item" and isinstance(screen, ViewScreen):
            screen.sync()
        else:
            self.switch_mode("item")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_project":
            return self._projects > 1
        return True

    def action_switch_project(self) -> None:
        projects = list_projects(self.ctx)
        width = max(len(p.key) for p in projects)
        index = self.index

        def counts(key: str) -> str:
            return "checking…" if index is None else counts_text(index.counts_of(key))

        options = [(p.key, f"{p.key:<{width}}  {counts(p.key)}  {p.name}") for p in projects]
        self.push_screen(Pick("Switch project", options, self.project), self._switch_project)

    def choose_project(self, key: str) -> None:
        """Show ``key`` in every view (the programme view's Enter)."""
        self._switch_project(key)

    def _switch_project(self, key: str | None) -> None:
        if key and key != self.project:
            self.project = key
            self.item_key = None
            self.index = None
            self._update_title()
            self.data_changed()

    def remember(self, step: Step | None) -> None:
        """Keep a change made from this session for ``u`` (the last twenty)."""
        if step is not None:
            self.undo_steps = [*self.undo_steps[-19:], step]

    def action_undo(self) -> None:
        """Take back the last change made from this session, if nobody changed its items since."""
        if not self.undo_steps:
            self.notify("nothing to undo from this session", timeout=3)
            return
        step = self.undo_steps.pop()
        try:
            undo(self.ctx, step)
        except Conflict as error:
            self.notify(str(error), title="Not undone", severity="warning")
        except (TrackerError, StoreFailure) as error:
            self.notify(str(error), title="Not undone", severity="error")
        else:
            self.notify(f"undone: {step.label}", timeout=4)
        self.post_message(StoreChanged())

    async def run_named(self, named: Named, here: bool) -> None:
        """Run a named action: in the current view if it has it, else in its own view."""
        if not named.view:
            await self.run_action(named.action)
            return
        if not here:
            switching = self.action_view(named.view)
            if switching is not None:
                await switching
        screen = self.screen
        if named.action and isinstance(screen, ViewScreen):
            await screen.run_action(named.action)

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers the ceremony's actions by name, then every other key of
        the current view by its label; each once."""
        ours_too = {"Quit", "Keys"}  # Textual's own, which our q and ? already offer
        yield from (c for c in super().get_system_commands(screen) if c.title not in ours_too)
        view = screen.VIEW if isinstance(screen, ViewScreen) else None
        seen = set()
        for named in NAMED:
            here = view is not None and (
                named.view == view or (named.anywhere and _has_action(screen, named.action))
            )
            if here or not named.view:
                seen.add(named.action)
            if view is None and named.view:
                continue  # over a dialog: only what the app itself does
            yield SystemCommand(named.title, named.help, partial(self.run_named, named, here))
        for active in screen.active_bindings.values():
            binding = active.binding
            ours = binding.id is not None  # every binding of the tracker has an id; Textual's own have none
            if not ours or not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            shown = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({shown})",
                f"key {shown}",
                partial(self.run_action, binding.action, active.node),
            )


def _has_action(screen: Screen[Any], action: str) -> bool:
    return callable(getattr(screen, f"action_{action}", None))


def make_app(
    store: Locator | Path | str,
    *,
    today: date | None = None,
    clock: Callable[[], datetime] | None = None,
    project: str | None = None,
    view: str = "board",
    who: str | None = None,
) -> TrackerApp:
    """Build the app on the store ``store`` names (a locator, or a path): the one way
    the CLI, the tests and the benchmark make it.

    Args:
        today: the date the views count from: collisions, days left, the
            forecast's start (default: the clock's date).  It is only what is
            shown: history stamps and done dates always come from ``clock``.
        clock: what "now" is for everything written (default: the real clock).
    """
    where = Locator.of(store)
    ctx = open_context(where, who=who, clock=clock)
    return TrackerApp(ctx, where, today or ctx.today(), project=project, view=view)
