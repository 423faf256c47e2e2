"""Provides ``ViewScreen``: what the four views share — the header, the view bar and
the footer, reloading when the store or the collisions change, and ``write``,
the one path by which a view changes the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...errors import Conflict, TrackerError
from ...services import undo as undoing
from ...services.context import StoreFailure
from ..messages import ItemChosen, StoreChanged
from ..widgets.view_bar import ViewBar

#: What an item's key looks like (``MTD-12``): the writes ``u`` can undo by default.
ITEM_KEY = re.compile(r"^[A-Z][A-Z0-9]*-[0-9]+$")

if TYPE_CHECKING:
    from ...services.collision_index import CollisionIndex
    from ...services.context import Context
    from ..app import TrackerApp

T = TypeVar("T")

#: What every view says while the store has no project, in full (it wraps, never cut).
EMPTY_HINT = (
    "This store has no project yet. Add one with `tracker import FILE` (a TOML, JSON, CSV or Jira export) "
    "or `tracker project add KEY NAME`; `tracker demo` opens a sample to try."
)


class ViewScreen(Screen[None]):
    """A top-level view (a mode of the app)."""

    VIEW: ClassVar[str] = ""
    """The mode name, as in ``TrackerApp.MODES``."""
    SHOWS_NOTES: ClassVar[bool] = False
    """Whether this view shows comments or stand-ups: the others do not reload when
    only those changed elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self._seen_generation = -1
        self._seen_index: object = None

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    @property
    def ctx(self) -> Context:
        return self.tracker.ctx

    @property
    def index(self) -> CollisionIndex | None:
        return self.tracker.index

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        if self.ctx.read_only:
            yield Static(
                f"read-only: {self.tracker.locator} cannot be written here; you can look, not change",
                id="read-only-banner",
            )
        yield ViewBar(self.VIEW)
        yield Static(EMPTY_HINT, id="empty-hint")
        yield from self.compose_view()
        yield Footer()

    def compose_view(self) -> ComposeResult:
        yield from ()

    @property
    def note(self) -> str:
        forms = self.query_one(ViewBar).note
        return forms[0] if forms else ""

    @note.setter
    def note(self, text: str | tuple[str, ...]) -> None:
        """The view bar's note: one text, or a long form and shorter ones."""
        self.query_one(ViewBar).note = (text,) if isinstance(text, str) else text

    # -- keeping up with the store -------------------------------------------

    def on_mount(self) -> None:
        self.sync()

    def on_screen_resume(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Reload if the store changed since this view last read it; remark collisions."""
        app = self.tracker
        self.query_one("#empty-hint").display = not app.project
        generation = app.generation if self.SHOWS_NOTES else app.plan_generation
        if self._seen_generation != generation:
            self._seen_generation = generation
            self._seen_index = app.index
            self.guarded(self.reload)
        elif self._seen_index is not app.index:
            self._seen_index = app.index
            self.guarded(self.collisions_changed)

    def own_context(self) -> AbstractContextManager[Context]:
        """The services on a connection of this view's own, as the same person on the
        same clock: for work in a thread worker, which must not share the app's."""
        from ...services.context import context_of

        return context_of(self.tracker.locator, self.ctx.who, self.ctx.clock)

    def current_key(self) -> str | None:
        """The item selected in this view: what the Item view (4) shows."""
        return None

    def action_open(self) -> None:
        """Open the selected item in the Item view."""
        key = self.current_key()
        if key:
            self.post_message(ItemChosen(key))

    def reload(self) -> None:
        """Read this view's data again, keeping the selection and the scroll."""

    def collisions_changed(self) -> None:
        """The check finished: show its markers (by default, reload)."""
        self.reload()

    # -- changing the store ----------------------------------------------------

    def guarded(self, read: Callable[[], T]) -> T | None:
        """Run a read; a store error becomes a notification, never a crash."""
        try:
            return read()
        except TrackerError as error:
            self.notify(str(error), title="Could not read", severity="error")
        except StoreFailure as error:
            self.notify(f"the store could not be read: {error}", title="Store error", severity="error")
        return None

    def write(
        self, what: str, change: Callable[[Context], T], touches: Sequence[str] | None = None
    ) -> T | None:
        """Run one write through a service and reload every view after it.

        A ``Conflict`` (someone else changed ``what`` since this view read it)
        is refused by the service; the user is told and the view reloads, so
        nothing is lost in silence.  Other errors are notifications.  What the
        change did to the items it ``touches`` (by default ``what``, when that
        is an item's key) can be undone with ``u``.
        """
        keys = touches if touches is not None else ([what] if ITEM_KEY.match(what) else [])
        try:
            was = undoing.before(self.ctx, keys) if keys else {}
            result = change(self.ctx)
        except Conflict:
            self.notify(f"{what} was changed elsewhere; reloaded", title="Not saved", severity="warning")
            self.post_message(StoreChanged())
            return None
        except TrackerError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return None
        except StoreFailure as error:
            self.notify(f"the store could not be written: {error}", title="Store error", severity="error")
            return None
        if was:
            self.tracker.remember(self.guarded(lambda: undoing.step_after(self.ctx, was)))
        self.post_message(StoreChanged())
        return result
