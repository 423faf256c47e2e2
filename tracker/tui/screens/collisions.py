"""Provides ``CollisionsScreen``: every collision of the project, worst first, with
its message and hint; accepted risks apart, with their reasons.  Enter jumps to
the item; ``A`` accepts a collision with a reason, ``R`` revokes an acceptance."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...errors import TrackerError
from ...model import Collision
from ...services import check
from ...services import undo as undoing
from ...services.context import StoreFailure
from ..messages import StoreChanged
from ..severity import CLASS, GLYPH
from ..text import markup
from .base import ViewScreen
from .prompt import Prompt

#: More than this many are summed up, not listed: a list is for reading aloud.
SHOWN = 500


def describe(c: Collision) -> Content:
    """A collision as three lines: severity, rule and keys; message; hint (or reason)."""
    where = " · ".join(
        p for p in (" ".join(c.items[:4]) + (" …" if len(c.items) > 4 else ""), c.iteration) if p
    )
    if c.accepted:
        when = (c.accepted_at or "")[:10]
        last = (
            f"accepted by {c.accepted_by} on {when}: {c.reason}" if c.accepted_by else f"accepted: {c.reason}"
        )
    else:
        last = f"→ {c.hint}"
    return markup(
        f"[$text-{CLASS[c.severity]} b]$glyph $severity[/] · [b]$rule[/] · $where\n$message\n[dim]$last[/]",
        glyph=GLYPH[c.severity],
        severity=c.severity.value,
        rule=c.rule,
        where=where,
        message=c.message,
        last=last,
    )


class CollisionsScreen(ViewScreen):
    """The project's collisions, as a list to read aloud in the stand-up."""

    VIEW = "collisions"
    AUTO_FOCUS = "#collision-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: the list's own Enter would hide it from the footer.
        Binding("enter", "open", "Open item", priority=True, id="collisions.open"),
        Binding("A", "accept", "Accept", id="collisions.accept"),
        Binding("R", "revoke", "Revoke", id="collisions.revoke"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Collision] = []

    def compose_view(self) -> ComposeResult:
        yield OptionList(id="collision-list")

    def reload(self) -> None:
        listing = self.query_one(OptionList)
        index = self.index
        if index is None:
            listing.clear_options()
            listing.add_option(Option("checking the plan…", disabled=True))
            self.note = "checking…"
            return
        keep = self.selected
        open_ = [c for c in index.collisions if not c.accepted]
        accepted = [c for c in index.collisions if c.accepted]
        self.shown = open_[:SHOWN] + accepted[:SHOWN]
        options: list[Option | None] = []
        for n, c in enumerate(open_[:SHOWN]):
            options += [Option(describe(c), id=str(n)), None]
        if len(open_) > SHOWN:
            options.append(Option(f"… and {len(open_) - SHOWN:,} more (see `tracker check`)", disabled=True))
        if not open_:
            options.append(Option("No collisions: the plan fits what is fixed.", disabled=True))
        if accepted:
            options += [None, Option(markup("[b]Accepted risks[/]"), disabled=True)]
            base = len(open_[:SHOWN])
            for n, c in enumerate(accepted[:SHOWN]):
                options += [Option(describe(c), id=str(base + n)), None]
        listing.clear_options()
        listing.add_options(options)
        self._restore(keep)
        self.note = f"{len(open_):,} open · {len(accepted):,} accepted"

    def _restore(self, keep: Collision | None) -> None:
        listing = self.query_one(OptionList)
        if keep is not None:
            for n, c in enumerate(self.shown):
                if (c.rule, c.items) == (keep.rule, keep.items):
                    listing.highlighted = listing.get_option_index(str(n))
                    return
        if self.shown:
            listing.highlighted = listing.get_option_index("0")

    @property
    def selected(self) -> Collision | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return self.shown[int(option.id)] if option.id is not None else None

    def current_key(self) -> str | None:
        c = self.selected
        return c.items[0] if c and c.items else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_accept(self) -> None:
        c = self.selected
        if c is None or c.accepted or not c.items:
            return
        prompt = Prompt(
            f"Accept {c.rule} on {' '.join(c.items[:4])}",
            "Why does the team accept this risk?",
            required=True,
        )

        def accepted(reason: str | None) -> None:
            if reason:
                self._accept(c, reason)

        self.app.push_screen(prompt, accepted)

    @work(thread=True, exclusive=True, group="accept")
    def _accept(self, c: Collision, reason: str) -> None:
        """Accepting runs the whole check to find the collision: in a thread, on its own store."""
        app = self.tracker
        try:
            with self.own_context() as ctx:
                check.accept(ctx, c.rule, list(c.items), reason, app.today)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Not accepted", severity="error")
            return
        app.call_from_thread(self._accepted, c)

    def _accepted(self, c: Collision) -> None:
        self.notify(f"accepted {c.rule} on {' '.join(c.items[:4])}", timeout=3)
        self.tracker.remember(undoing.accepted_step(c.rule, c.items))
        self.post_message(StoreChanged())

    def action_revoke(self) -> None:
        """Asks first: revoking puts the risk back in front of the team."""
        c = self.selected
        if c is None:
            return
        if not c.accepted:
            self.notify(
                f"{c.rule} on {' '.join(c.items[:4])} is not accepted: nothing to revoke (A accepts it)",
                title="Not revoked",
                timeout=4,
            )
            return
        prompt = Prompt(
            f"Revoke the acceptance of {c.rule} on {' '.join(c.items[:4])}?",
            f"Accepted by {c.accepted_by or 'someone'}: {c.reason}. Why revoke it? (Enter revokes, Esc keeps it)",
        )

        def revoked(reason: str | None) -> None:
            if reason is not None:
                self.write(c.rule, lambda ctx: check.revoke(ctx, c.rule, list(c.items), reason))

        self.app.push_screen(prompt, revoked)
