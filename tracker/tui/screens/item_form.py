"""Provides ``ItemForm``: the dialog that edits an item's fields, or a new item's.  It
checks each value with the domain's validation (passed in by the screen) and
shows a bad value's error next to its field; leaving it with unsaved edits asks
first; it returns the values, or None, and never writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from ...model import Kind, Status
from .confirm import Confirm

HINTS = {
    "points": "a number from 0 to 1000",
    "deadline": "a date: 2027-04-06 or 6/4/2027",
    "not_before": "a date",
    "tags": "comma separated",
    "depends_on": "keys, comma separated: MTD-12, IDV-3",
    "mandates": "codes, comma separated",
    "externals": "codes, comma separated",
}
NO_ITERATION = "\x00backlog"


class ItemForm(ModalScreen[dict[str, Any] | None]):
    """Every editable field of one item; Save (ctrl+s) or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    def __init__(
        self,
        key: str,
        labels: dict[str, str],
        values: dict[str, Any],
        iterations: Sequence[tuple[str, str]],
        check: Callable[[dict[str, Any]], dict[str, str]],
        errors: dict[str, str] | None = None,
        *,
        heading: str | None = None,
        unsaved: bool = False,
    ) -> None:
        """Args:
        labels: field name → label, in the order shown.
        iterations: (name, label) of the iterations the item may be planned into.
        check: the domain's per-field validation: values → errors by field.
        errors: errors to show at once (from a save the store refused).
        heading: the title shown (``Edit KEY`` unless given).
        unsaved: the values are edits not saved yet (the form opened again after a
            refused save), so leaving asks even before anything is typed.
        """
        super().__init__()
        self.key = key
        self.labels = labels
        self.values = values
        self.iterations = list(iterations)
        self.check = check
        self.errors = errors or {}
        self.heading = heading or f"Edit {key}"
        self.unsaved = unsaved
        self._opened: dict[str, Any] = {}
        """The values as the form first showed them: what "unsaved edits" differ from."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="item-form"):
            yield Label(self.heading, classes="dialog-title")
            with VerticalScroll(id="form-fields"):
                for name, label in self.labels.items():
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        yield self._field(name, self.values.get(name))
                    yield Label(self.errors.get(name, ""), id=f"error-{name}", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Label("ctrl+s save · esc cancel", classes="dialog-help")
                yield Button("Save", variant="primary", compact=True, id="save")
                yield Button("Cancel", compact=True, id="cancel")

    def _field(self, name: str, value: Any) -> Widget:
        fid = f"field-{name}"
        choices = {"kind": Kind, "status": Status}.get(name)
        if choices is not None:
            first = next(iter(choices)).value
            return Select(
                [(c.value, c.value) for c in choices],
                value=value or first,
                allow_blank=False,
                compact=True,
                id=fid,
            )
        if name == "iteration":
            # Only iterations open work can go into, and the item's own wherever it is.
            named = dict(self.iterations)
            if value and value not in named:
                named[value] = f"{value} · where it is now"
            options = [("(backlog)", NO_ITERATION)] + [(label, n) for n, label in named.items()]
            return Select(options, value=value or NO_ITERATION, allow_blank=False, compact=True, id=fid)
        if name == "fixed":
            options = [("yes: may not be dropped", "yes"), ("no", "no")]
            return Select(options, value="yes" if value else "no", allow_blank=False, compact=True, id=fid)
        if name == "description":
            return TextArea(str(value or ""), id=fid, soft_wrap=True, compact=True)
        # The title opens with the cursor at its end, not selected: a first key adds to it.
        return Input(
            str(value or ""),
            placeholder=HINTS.get(name, ""),
            compact=True,
            id=fid,
            select_on_focus=name != "title",
        )

    def on_mount(self) -> None:
        title = self.query_one("#field-title", Input)
        title.focus()
        title.cursor_position = len(title.value)
        self.show_errors(self.errors)
        self._opened = self.read()

    def read(self) -> dict[str, Any]:
        """The values as typed: text, except ``fixed`` (a bool)."""
        out: dict[str, Any] = {}
        for name in self.labels:
            field = self.query_one(f"#field-{name}")
            if isinstance(field, Select):
                value = str(field.value)
                out[name] = "" if value == NO_ITERATION else (value == "yes" if name == "fixed" else value)
            elif isinstance(field, TextArea):
                out[name] = field.text
            elif isinstance(field, Input):
                out[name] = field.value
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in self.labels:
            label = self.query_one(f"#error-{name}", Label)
            label.update(f"↑ {errors[name]}" if name in errors else "")
            label.display = name in errors
        for name in self.labels:
            if name in errors:
                self.query_one(f"#field-{name}").focus()
                break

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field's error goes as soon as its value is being typed again."""
        name = (event.input.id or "").removeprefix("field-")
        if name in self.labels:
            self.query_one(f"#error-{name}", Label).display = False

    def action_save(self) -> None:
        values = self.read()
        errors = self.check(values)
        self.show_errors(errors)
        if not errors:
            self.dismiss(values)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def edited(self) -> list[str]:
        """The labels of the fields changed since the form opened."""
        now = self.read()
        return [label for name, label in self.labels.items() if now.get(name) != self._opened.get(name)]

    def action_cancel(self) -> None:
        """Leave; with unsaved edits, only once the user says to lose them."""
        edited = self.edited()
        if not edited and not self.unsaved:
            self.dismiss(None)
            return
        lines = [f"Changed: {', '.join(edited)}."] if edited else ["The values in the form were not saved."]

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(Confirm("Leave without saving?", lines, go="Enter to drop your edits"), answered)
