"""Provides ``ReportScreen``: one iteration's burndown against the ideal line, its
totals and its collisions, for the review; ``x`` exports the sprint summary
to a file and ``c`` closes the active iteration (asking first before its last
working day), carrying its open items to the next iteration or the backlog, as
the user chooses, then offers to start the next one.

Exporting builds the sprint summary, which runs the whole check: in a thread on
a store connection of its own.  Closing and starting are in ``report_life``."""

from __future__ import annotations

from functools import partial
from io import StringIO
from pathlib import Path
from statistics import median
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...errors import TrackerError
from ...model import Iteration, IterationState
from ...services import report as reports
from ...services.calendar import current_iteration
from ...services.context import StoreFailure
from ...services.report import IterationReport
from ...services.sprints import list_sprints
from ..severity import CLASS, GLYPH
from ..text import markup
from ..widgets.burndown_chart import BurndownChart
from ..widgets.plan_text import number, short_day
from .pick import Pick
from .prompt import Prompt
from .report_life import IterationLife


class ReportScreen(IterationLife):
    """The review of one iteration (the current one until another is chosen)."""

    VIEW = "report"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "choose", "Iteration", id="report.choose"),
        Binding("left_square_bracket", "step(-1)", "Prev", key_display="[", id="report.previous"),
        Binding("right_square_bracket", "step(1)", "Next", key_display="]", id="report.next"),
        Binding("x", "export", "Export", id="report.export"),
        Binding("c", "close", "Close", id="report.close"),
        Binding("s", "start", "Start", id="report.start"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: IterationReport | None = None

    def compose_view(self) -> ComposeResult:
        yield Static(id="report-head")
        yield BurndownChart(id="report-chart")
        with VerticalScroll(id="report-side"):
            yield Static(id="report-collisions")

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        if not app.project:
            self.note = "no project"  # the hint under the view bar says how to add one
            return
        self.iterations = list_sprints(self.ctx, app.project or None)
        names = [it.name for it in self.iterations]
        if self.iteration not in names:
            chosen = current_iteration(self.iterations, app.today)
            self.iteration = chosen.name if chosen else None
        self._load()

    def collisions_changed(self) -> None:
        self._load()

    def _load(self) -> None:
        app = self.tracker
        chart = self.query_one(BurndownChart)
        if self.iteration is None:
            self.report = None
            self.query_one("#report-head", Static).update(f"{app.project} has no iterations yet")
            chart.show(None, app.today, "")
            self.query_one("#report-collisions", Static).update("")
            return
        collisions = app.index.collisions if app.index else ()
        report = reports.iteration_report(self.ctx, app.project, self.iteration, app.today, collisions)
        self.report = report
        self.query_one("#report-head", Static).update(self._head(report))
        empty = f"{report.iteration.name} has no dates, so no burndown"
        chart.show(report.burndown, app.today, empty)
        self.query_one("#report-collisions", Static).update(self._collisions(report))
        n = next((k for k, it in enumerate(self.iterations, 1) if it.name == self.iteration), 0)
        self.note = (f"{self.iteration} · {n} of {len(self.iterations)} · i to choose", self.iteration)

    def _head(self, r: IterationReport) -> Content:
        it, b = r.iteration, r.burndown
        dates = f"{short_day(it.start)} – {short_day(it.end)}" if it.start and it.end else "undated"
        parts = [it.name, dates, it.state.value]
        if r.day is not None and it.state is not IterationState.CLOSED:  # its days are over
            n, m = r.day
            parts.append(
                f"starts in {(it.start - self.tracker.today).days} days"
                if n == 0 and it.start
                else f"day {n} of {m}"
            )
        s = r.scope
        moved = s["reestimated_points"]
        totals = (
            "[b $text-accent]$title[/]\n[b]$committed[/] committed + [b]$added[/] added − [b]$removed[/] removed "
            "$sign [b]$moved[/] re-estimated = [b]$done[/] done + [b]$left[/] left"
            + (" · carried over [b]$carried[/]" if b.carried_over else "")
        )
        rates = sorted(v.per_person_day for v in r.velocity if v.per_person_day is not None)
        pace = " · ".join(number(v.done) for v in r.velocity)
        if rates:
            pace += f" · median {median(rates):.2f} a person-day"
        return markup(
            totals
            + ("\n[dim]velocity of the last closed: $pace[/]" if pace else "")
            + ("\n[dim]goal: $goal[/]" if it.goal else ""),
            title=" · ".join(parts),
            committed=number(s["committed_points"]),
            added=number(s["added_points"]),
            removed=number(s["removed_points"]),
            sign="−" if moved < 0 else "+",
            moved=number(abs(moved)),
            done=number(s["done_points"]),
            left=number(s["open_points"]),
            carried=number(b.carried_over),
            pace=pace,
            goal=it.goal,
        )

    def _collisions(self, r: IterationReport) -> Content:
        if self.index is None:
            return markup("[b]Collisions[/] [dim]checking…[/]")
        if not r.collisions:
            return markup("[b]Collisions[/] [dim]· none in this iteration[/]")
        lines = [markup("[b]Collisions[/] [dim]· $n[/]", n=len(r.collisions))]
        for c in r.collisions:
            accepted = " (accepted)" if c.accepted else ""
            lines.append(
                markup(
                    f"[$text-{CLASS[c.severity]} b]$glyph $severity[/] [b]$rule[/]$accepted [dim]$keys[/]\n  $message",
                    glyph=GLYPH[c.severity], severity=c.severity.value, rule=c.rule, accepted=accepted,
                    keys=" ".join(c.items[:4]), message=c.message,
                )
            )  # fmt: skip
        return Content("\n").join(lines)

    # -- choosing the iteration ------------------------------------------------------

    def action_choose(self) -> None:
        if not self.iterations:
            return
        options = [(it.name, self._choice(it)) for it in self.iterations]
        self.app.push_screen(Pick("Report on", options, self.iteration), self._chosen)

    @staticmethod
    def _choice(it: Iteration) -> str:
        dates = f"{short_day(it.start)} – {short_day(it.end)}" if it.start and it.end else "undated"
        return f"{it.name:<10} {dates:<16} {it.state.value}"

    def _chosen(self, name: str | None) -> None:
        if name and name != self.iteration:
            self.iteration = name
            self.guarded(self._load)

    def action_step(self, step: int) -> None:
        names = [it.name for it in self.iterations]
        if self.iteration in names:
            n = names.index(self.iteration) + step
            if 0 <= n < len(names):
                self._chosen(names[n])

    # -- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.iteration is None:
            return
        name, project = self.iteration, self.tracker.project
        default = reports.summary_path(project, name, Path("."))
        if self.app.is_web:  # served: a download in the browser, never a file on the server
            self._deliver(name, default.name)
            return
        prompt = Prompt(f"Export the summary of {name}", "Write the sprint summary (TOML) to:", str(default))

        def chosen(path: str | None) -> None:
            if path:
                self._export(name, Path(path))

        self.app.push_screen(prompt, chosen)

    @work(thread=True, group="report-export", exit_on_error=False)
    def _deliver(self, name: str, filename: str) -> None:
        app = self.tracker
        try:
            with self.own_context() as ctx:
                text = reports.summary_text(ctx, app.project, name, app.today)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Not exported", severity="error")
            return
        deliver = partial(
            app.deliver_text, StringIO(text), save_filename=filename, mime_type="application/toml"
        )
        app.call_from_thread(deliver)
        app.call_from_thread(self.notify, f"summary of {name} sent to your browser", title="Exported")

    @work(thread=True, group="report-export", exit_on_error=False)
    def _export(self, name: str, path: Path) -> None:
        """The summary runs the whole check: in a thread, on a store connection of its own."""
        app = self.tracker
        try:
            with self.own_context() as ctx:
                written = reports.export_summary(ctx, app.project, name, app.today, path)
        except (TrackerError, StoreFailure) as error:
            app.call_from_thread(self.notify, str(error), title="Not exported", severity="error")
            return
        app.call_from_thread(
            self.notify, f"summary of {name} written to {written}", title="Exported", timeout=8
        )
