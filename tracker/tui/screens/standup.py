"""Provides ``StandupScreen``: the stand-up, one person of the team at a time — their
blocked items, then in progress, then in review, what changed on their items
since the last stand-up, and their items in collision — with ``h`` to mark
the stand-up held, so the next one's "since" starts there.  Who is off today
(leave, their own bank holiday) is said in the heading and skipped in the round."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...errors import TrackerError
from ...services import board as boards
from ...services import standup as standups
from ...services.calendar import not_active
from ...services.context import StoreFailure
from ...services.standup import ItemLine, Person, Standup
from ..text import markup
from ..widgets.plan_text import number
from .base import ViewScreen
from .prompt import Prompt
from .standup_text import clash_option, item_option, move_option, outside_option, section, when


class StandupScreen(ViewScreen):
    """The team of the current iteration, one person at a time."""

    VIEW = "standup"
    SHOWS_NOTES = True
    AUTO_FOCUS = "#standup-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right", "person(1)", "Next person", key_display="n", id="standup.next"),
        Binding("p,left", "person(-1)", "Previous", key_display="p", id="standup.previous"),
        Binding("h", "held", "Mark held", id="standup.held"),
        Binding("greater_than_sign", "status(1)", "Status →", key_display=">", id="standup.forward"),
        Binding("less_than_sign", "status(-1)", "Status ←", key_display="<", id="standup.back"),
        Binding("a", "assign", "Assign", id="standup.assign"),
        # A priority binding: the list's own Enter would hide it from the footer.
        Binding("enter", "open", "Open", priority=True, id="standup.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.standup: Standup | None = None
        self.person: str | None = None
        """The name of the person whose turn it is: kept across reloads."""
        self.new: frozenset[standups.Key] | None = None
        """Collisions new since the last stand-up (None until a worker has checked)."""
        self._asked = 0

    def compose_view(self) -> ComposeResult:
        yield Static(id="standup-head")
        yield Static(id="standup-people")
        yield OptionList(id="standup-list")

    @property
    def listing(self) -> OptionList:
        return self.query_one("#standup-list", OptionList)

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        if not app.project:
            self.note = "no project"  # the hint under the view bar says how to add one
            return
        collisions = app.index.collisions if app.index else ()
        self.standup = standups.standup(self.ctx, app.project, app.today, collisions)
        names = [p.name for p in self.standup.people]
        if self.person not in names:
            self.person = names[0] if names else None
        self._show()
        self._asked += 1
        if self.standup.held:  # new since the last stand-up; none held, nothing to compare
            self._check_new(self.standup.since, self._asked)

    @work(thread=True, group="standup-new")
    def _check_new(self, since: str, asked: int) -> None:
        """Which collisions are new since ``since``: the plan checked then and now.
        Not exclusive (a cancelled thread runs on regardless): a stale answer is dropped."""
        app = self.tracker
        try:
            new = standups.new_since(app.locator, app.project, since, app.today, self.ctx.clock)
        except (TrackerError, StoreFailure):
            return  # the tag is a help, not the stand-up itself
        app.call_from_thread(self._mark_new, new, asked)

    def _mark_new(self, new: frozenset[standups.Key], asked: int) -> None:
        if asked == self._asked:
            self.new = new
            self._show()

    def _show(self) -> None:
        s = self.standup
        if s is None:
            return
        self.query_one("#standup-head", Static).update(self._head(s))
        self.query_one("#standup-people", Static).update(self._people(s))
        person = s.person(self.person) if self.person else None
        keep = self.current_key()
        listing = self.listing
        listing.clear_options()
        if person is None:
            where = s.iteration.name if s.iteration else "the project"
            said = (
                f"Everyone with an item in {where} is off today."
                if s.off
                else f"No one has an item in {where} yet."
            )
            listing.add_option(Option(said, disabled=True))
        else:
            listing.add_options(self._options(person, s.today))
            self._restore(keep)
        checking = "" if self.index is not None else " · checking collisions…"
        self.note = (f"stand-up of {s.project}{checking}", "")

    def _head(self, s: Standup) -> Content:
        it = s.iteration
        if it is None:
            return markup("[b]No iteration[/] to hold a stand-up on")
        day = not_active(it) or ""
        if not day and s.day is not None:
            n, m = s.day
            day = f"starts {it.start.day} {it.start:%b}" if n == 0 and it.start else f"day {n} of {m}"
        since = when(s.since, s.today)
        source = "last stand-up" if s.held else "previous working day"
        head = markup(
            "[b]$name[/] · $day · [b]$done[/] of $committed pts done\n[dim]changes since $since ($source)[/]",
            name=it.name, day=day, done=number(s.done), committed=number(s.committed), since=since, source=source,
        )  # fmt: skip
        if not s.off:
            return head
        off = ", ".join(f"{name} ({why})" for name, why in s.off)
        return head + markup("\n[b $text-warning]off today:[/] $off [dim]· not in the round[/]", off=off)

    def _people(self, s: Standup) -> Content:
        if not s.people:
            return Content("")
        parts = []
        for n, p in enumerate(s.people, start=1):
            if p.name == self.person:
                parts.append(markup("[reverse b] ▸ $name $n/$of [/]", name=p.name, n=n, of=len(s.people)))
            else:
                parts.append(markup("[dim]$name[/]", name=p.name))
        return Content(" ").join(parts)

    def _options(self, person: Person, today: date) -> list[Option | None]:
        # Less the option's padding (1 each side): a line wrapped any wider is wrapped
        # again by the list, to the left edge.
        width = max(0, self.listing.scrollable_content_region.width - 2) or 76
        options: list[Option | None] = []
        outside = self.standup.outside if self.standup is not None else ()
        if outside:  # team-wide news, before anyone's items
            options.append(section("Moved outside the team", len(outside)))
            options += [outside_option(m, today, width) for m in outside]
        for title, lines, tag in (
            ("Blocked", person.blocked, "blocked"),
            ("In progress", person.doing, "doing"),
            ("In review", person.review, "review"),
            ("Done since the last stand-up", person.done, "done"),
        ):
            options.append(section(title, len(lines)))
            since = self.standup.blocked_since if self.standup is not None else {}
            options += [
                item_option(tag, line, width, since.get(line.key) if tag == "blocked" else None)
                for line in lines
            ]
        if person.todo:  # only when there is some: what they pick up next
            options.append(section("Next up (to do)", len(person.todo)))
            options += [item_option("todo", line, width) for line in person.todo]
        options.append(section("Changed since the last stand-up", len(person.moves)))
        options += [move_option(n, m, today, width) for n, m in enumerate(person.moves)]
        options.append(section("In collision", len(person.clashes)))
        new = self.new or frozenset()
        options += [clash_option(c, width, any(k in new for k in c.keys)) for c in person.clashes]
        return options

    def on_resize(self) -> None:
        self._show()  # the messages are wrapped to the width

    def _restore(self, keep: str | None) -> None:
        listing = self.listing
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        if keep is not None:
            for n, id_ in enumerate(ids):
                if id_ is not None and id_.split(":", 1)[1] == keep:
                    listing.highlighted = n
                    return
        first = next((n for n, id_ in enumerate(ids) if id_ is not None), None)
        listing.highlighted = first

    def current_key(self) -> str | None:
        listing = self.listing
        if listing.highlighted is None or listing.highlighted >= listing.option_count:
            return None
        id_ = listing.get_option_at_index(listing.highlighted).id
        return id_.split(":", 1)[1] if id_ else None

    # -- actions ---------------------------------------------------------------

    def action_person(self, step: int) -> None:
        s = self.standup
        if s is None or not s.people:
            return
        names = [p.name for p in s.people]
        n = names.index(self.person) if self.person in names else 0
        self.person = names[(n + step) % len(names)]
        self.listing.highlighted = None
        self._show()
        self.listing.scroll_home(animate=False)

    def _chosen_line(self) -> ItemLine | None:
        """The item highlighted on the page, as the page read it (with its version)."""
        key, s = self.current_key(), self.standup
        if key is None or s is None:
            return None
        for p in s.people:
            for line in (*p.blocked, *p.doing, *p.review, *p.todo, *p.done, *(c.line for c in p.clashes)):
                if line.key == key:
                    return line
        return None

    def action_status(self, step: int) -> None:
        """Move the highlighted item to the next (or previous) status, staying on the page."""
        line = self._chosen_line()
        if line is None:
            self.notify("choose one of the person's items first", timeout=3)
            return
        moved = self.write(line.key, lambda ctx: boards.move_card(ctx, line, step, flow=True))
        if moved is not None:
            self.notify(f"{line.key}: {line.status.value} → {moved.status.value}", timeout=3)

    def action_assign(self) -> None:
        """Give the highlighted item to someone (empty: nobody), staying on the page."""
        line = self._chosen_line()
        if line is None:
            self.notify("choose one of the person's items first", timeout=3)
            return

        def assigned(who: str | None) -> None:
            if who is not None:
                self.write(line.key, lambda ctx: boards.assign(ctx, line, who))

        self.app.push_screen(
            Prompt(f"Assign {line.key}", "Who is doing it? (empty: nobody)", line.assignee or ""), assigned
        )

    def action_held(self) -> None:
        project = self.tracker.project
        if not project:
            return
        stamp = self.write("the stand-up", lambda ctx: standups.mark_held(ctx, project))
        if stamp is not None:
            self.notify(
                f"stand-up held at {when(stamp, self.tracker.today)}: the next one shows changes from now",
                timeout=4,
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()
