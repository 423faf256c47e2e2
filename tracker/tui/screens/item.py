"""Provides ``ItemScreen``: one item with everything around it — its fields, what it
waits for and what waits for it, its mandates and externals, its collisions and
its comments and history — ``e`` to edit it in a form checked by the domain,
``C`` to add a comment, ``w`` to make it wait for another item (found by key or
title) and ``W`` to drop one of those dependencies."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...errors import Conflict, TrackerError
from ...services import item_form as forms
from ...services import undo as undoing
from ...services.comments import comment_on
from ...services.context import Context, StoreFailure
from ...services.item_form import FORM_FIELDS
from ...services.item_page import ItemPage, item_page
from ...services.item_search import find_items
from ...services.plan import add_dependency, remove_dependency
from ...services.sprints import open_sprints, sprint_label
from ..messages import StoreChanged
from .base import ViewScreen
from .find_item import FindItem
from .item_form import ItemForm
from .item_text import collisions_text, comments_text, fields_text, history_text, links_text
from .pick import Pick
from .prompt import Prompt


class ItemScreen(ViewScreen):
    """The item chosen last in any view (Enter, or 4 for the selected one)."""

    VIEW = "item"
    SHOWS_NOTES = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="item.edit"),
        Binding("g", "go", "Go to link", id="item.go"),
        Binding("C", "comment", "Comment", id="item.comment"),
        Binding("w", "wait_for", "Waits for", id="item.depends_add"),
        Binding("W", "unwait", "Drop wait", id="item.depends_remove"),
        Binding("escape,backspace", "back", "Back", id="item.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page: ItemPage | None = None
        self._shown_key: str | None = None

    def compose_view(self) -> ComposeResult:
        with VerticalScroll(id="item-body"):
            with Vertical(id="item-left"):
                yield Static(id="item-fields")
                yield Static(id="item-links")
            with Vertical(id="item-right"):
                yield Static(id="item-collisions")
                yield Static(id="item-comments")
                yield Static(id="item-history")

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 120, "-wide")

    def sync(self) -> None:
        if self.tracker.item_key != self._shown_key:
            self._seen_generation = -1  # another item: read it whatever the store did
        super().sync()

    def reload(self) -> None:
        key = self.tracker.item_key
        self._shown_key = key
        if key is None:
            self.page = None
            self.note = "no item chosen: press Enter on one in another view"
            self._show(Content("Choose an item in the Board, Backlog or Collisions view."), "", "", "", "")
            return
        self.page = item_page(self.ctx, key)
        it = self.page.item
        self.note = (
            f"{key} · {it.status.value} · {it.iteration or 'backlog'} · e to edit · g to follow a link",
            f"{key} · {it.status.value}",
        )
        self._render_page()

    def collisions_changed(self) -> None:
        self._render_page()

    def _render_page(self) -> None:
        page = self.page
        if page is None:
            return
        mine = self.index.of_item(page.item.key) if self.index else None
        self._show(
            fields_text(page),
            links_text(page),
            collisions_text(mine),
            comments_text(page.comments),
            history_text(page.history),
        )

    def _show(self, *parts: Content | str) -> None:
        ids = ("#item-fields", "#item-links", "#item-collisions", "#item-comments", "#item-history")
        for id_, part in zip(ids, parts, strict=True):
            widget = self.query_one(id_, Static)
            widget.update(part)
            widget.display = bool(part)

    def current_key(self) -> str | None:
        return self._shown_key

    def action_back(self) -> None:
        """Back along the path taken: to the item ``g`` came from, else to the view
        the first item was opened from."""
        app = self.tracker
        if app.item_trail:
            app.open_item(app.item_trail.pop())
        else:
            app.action_view(app.previous_view)

    def action_comment(self) -> None:
        """Say something about the item, under your name, beside its history."""
        page = self.page
        if page is None:
            return
        key = page.item.key

        def said(text: str | None) -> None:
            if text:
                self.write(key, lambda ctx: comment_on(ctx, key, text))

        self.app.push_screen(Prompt(f"Comment on {key}", "What do you want to say?", required=True), said)

    def action_go(self) -> None:
        """Follow a dependency either way: pick one of the items this one waits
        for or that wait for it, and show it here (a chain, one step at a time)."""
        page = self.page
        if page is None:
            return
        both = {x.key for x in page.depends_on} & {x.key for x in page.dependents}  # a two-item cycle
        options = [
            (x.key, f"{'waits for and waited for by' if x.key in both else 'waits for'} {x.key} · "
                    f"{x.status.value} · {x.title}")
            for x in page.depends_on
        ]  # fmt: skip
        options += [
            (x.key, f"waited for by {x.key} · {x.status.value} · {x.title}")
            for x in page.dependents
            if x.key not in both
        ]
        if not options:
            self.notify(f"{page.item.key} has no dependencies either way", timeout=3)
            return
        self.app.push_screen(Pick(f"Go from {page.item.key} to", options), self._go)

    def _go(self, key: str | None) -> None:
        if key is not None and self.page is not None:
            self.tracker.item_trail.append(self.page.item.key)
            self.tracker.open_item(key)

    # -- dependencies ------------------------------------------------------------

    def action_wait_for(self) -> None:
        """Record that this item waits for another, found by its key or title."""
        page = self.page
        if page is None:
            return
        me = page.item

        def search(text: str) -> list[tuple[str, str]]:
            lines = self.guarded(lambda: find_items(self.ctx, me.project, text)) or []
            return [
                (x.key, f"{x.key} · {x.status.value} · {x.title}")
                for x in lines
                if x.key != me.key and x.key not in me.depends_on
            ]

        def chosen(other: str | None) -> None:
            if other is None:
                return
            circle = self.write(me.key, lambda ctx: add_dependency(ctx, me.key, other))
            if circle is None:
                return
            if circle:
                self.notify(
                    f"{' → '.join(circle)}: a circle, so none of them can be done first",
                    title="Dependency circle",
                    severity="warning",
                    timeout=10,
                )
            else:
                self.notify(f"{me.key} now waits for {other}", timeout=3)

        self.app.push_screen(FindItem(f"{me.key} waits for …", search), chosen)

    def action_unwait(self) -> None:
        """Drop one of the dependencies of this item (what it waits for)."""
        page = self.page
        if page is None:
            return
        key = page.item.key
        options = [(x.key, f"{x.key} · {x.status.value} · {x.title}") for x in page.depends_on]
        if not options:
            self.notify(f"{key} waits for nothing", timeout=3)
            return

        def chosen(other: str | None) -> None:
            if other is None:
                return

            def drop(ctx: Context) -> bool:
                remove_dependency(ctx, key, other)
                return True

            if self.write(key, drop):
                self.notify(f"{key} no longer waits for {other}", timeout=3)

        self.app.push_screen(Pick(f"{key} no longer waits for", options), chosen)

    # -- editing ---------------------------------------------------------------

    def action_edit(self, values: dict[str, Any] | None = None, errors: dict[str, str] | None = None) -> None:
        """Open the form on the item as read now; its version goes with the save."""
        page = self.page
        if page is None:
            return
        read = page.item
        iterations = [(it.name, sprint_label(it)) for it in open_sprints(self.ctx, read.project)]
        form = ItemForm(
            read.key,
            FORM_FIELDS,
            values or forms.form_values(read),
            iterations,
            forms.form_errors,
            errors,
            unsaved=values is not None,
        )
        self.app.push_screen(form, lambda result: self._save(read, result))

    def _save(self, read: Any, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        try:
            was = undoing.before(self.ctx, [read.key])
            forms.save_form(self.ctx, read, values)
            self.tracker.remember(undoing.step_after(self.ctx, was))
        except Conflict:
            self._after_conflict(read, values)
        except TrackerError as error:
            if error.where in FORM_FIELDS:
                self.action_edit(values, {str(error.where): error.message})
            else:
                self.notify(str(error), title="Not saved", severity="error")
        except StoreFailure as error:
            self.notify(f"the store could not be written: {error}", title="Store error", severity="error")
        else:
            self.notify(f"{read.key} saved", timeout=2)
            self.post_message(StoreChanged())

    def _after_conflict(self, read: Any, values: dict[str, Any]) -> None:
        """Someone else saved first: reload, and offer the form again with only the
        user's own changes laid over the newer item — theirs are kept, ours not lost."""
        self.notify(
            f"{read.key} was changed elsewhere; reloaded. Your changes are in the form: save again to keep them.",
            title="Not saved",
            severity="warning",
            timeout=8,
        )
        self.post_message(StoreChanged())
        self.guarded(self.reload)
        if self.page is None:
            return
        before = forms.form_values(read)
        merged = forms.form_values(self.page.item)
        merged.update({k: v for k, v in values.items() if before.get(k) != v})
        self.action_edit(merged)
