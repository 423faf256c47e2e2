"""Provides ``FilterDialog`` and ``FilterChoice``: which items the backlog shows, by
status, iteration, tag, assignee and "only colliding".  The dialog returns a
choice (or None); the backlog screen turns it into SQL through the service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from ...model import Status, iteration_text

ANY = ""
OPEN = "open"
BACKLOG = "\x00backlog"


@dataclass(frozen=True)
class FilterChoice:
    """The backlog filter as a person sets it."""

    statuses: tuple[str, ...] = ()
    iteration: str | None = None
    """None: any; "": in no iteration; else a name."""
    tag: str = ""
    assignee: str = ""
    only_colliding: bool = False

    def describe(self) -> list[str]:
        """Short words for the view bar, one per part in force."""
        out = []
        if self.statuses:
            open_ = tuple(s.value for s in Status if s.is_open)
            out.append("open" if self.statuses == open_ else "/".join(self.statuses))
        if self.iteration is not None:
            out.append(iteration_text(self.iteration))
        if self.tag:
            out.append(f"#{self.tag}")
        if self.assignee:
            out.append(f"@{self.assignee}")
        if self.only_colliding:
            out.append("colliding")
        return out


class FilterDialog(ModalScreen[FilterChoice | None]):
    """Pick the filter; Enter or Apply keeps it, Escape leaves it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filter.apply"),
    ]

    def __init__(
        self, current: FilterChoice, iterations: Sequence[str], tags: Sequence[str], assignees: Sequence[str]
    ) -> None:
        super().__init__()
        self.current = current
        self.iterations = iterations
        self.tags = tags
        self.assignees = assignees

    def compose(self) -> ComposeResult:
        c = self.current
        statuses = [("any", ANY), ("open (not done or dropped)", OPEN)] + [(s.value, s.value) for s in Status]
        status = OPEN if len(c.statuses) > 1 else (c.statuses[0] if c.statuses else ANY)
        iteration = ANY if c.iteration is None else (BACKLOG if c.iteration == "" else c.iteration)
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Label("Filter the backlog", classes="dialog-title")
            yield from self._row(
                "Status", Select(statuses, value=status, allow_blank=False, compact=True, id="f-status")
            )
            its = [("any", ANY), ("backlog (no iteration)", BACKLOG)] + [(n, n) for n in self.iterations]
            yield from self._row(
                "Iteration", Select(its, value=iteration, allow_blank=False, compact=True, id="f-iteration")
            )
            tags = [("any", ANY)] + [(t, t) for t in self.tags]
            yield from self._row(
                "Tag",
                Select(
                    tags,
                    value=c.tag if c.tag in self.tags else ANY,
                    allow_blank=False,
                    compact=True,
                    id="f-tag",
                ),
            )
            people = [("anyone", ANY)] + [(a, a) for a in self.assignees]
            value = c.assignee if c.assignee in self.assignees else ANY
            yield from self._row(
                "Assignee", Select(people, value=value, allow_blank=False, compact=True, id="f-assignee")
            )
            # A select, not a checkbox: a checkbox shows its state by colour alone.
            both = [("all items", "all"), ("only items with a collision", "colliding")]
            value = "colliding" if c.only_colliding else "all"
            yield from self._row(
                "Collisions", Select(both, value=value, allow_blank=False, compact=True, id="f-colliding")
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", compact=True, id="apply")
                yield Button("Clear", compact=True, id="clear")
                yield Button("Cancel", compact=True, id="cancel")

    def _row(self, label: str, field: Select[str]) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield field

    def choice(self) -> FilterChoice:
        status = str(self.query_one("#f-status", Select).value)
        iteration = str(self.query_one("#f-iteration", Select).value)
        return FilterChoice(
            statuses=tuple(s.value for s in Status if s.is_open)
            if status == OPEN
            else ((status,) if status else ()),
            iteration=None if iteration == ANY else ("" if iteration == BACKLOG else iteration),
            tag=str(self.query_one("#f-tag", Select).value),
            assignee=str(self.query_one("#f-assignee", Select).value),
            only_colliding=self.query_one("#f-colliding", Select).value == "colliding",
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(FilterChoice())
        else:
            self.dismiss(None)

    def action_apply(self) -> None:
        self.dismiss(self.choice())

    def action_cancel(self) -> None:
        self.dismiss(None)
