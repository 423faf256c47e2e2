"""Provides the board report as one self-contained HTML file: no script, nothing
fetched (styles inline, no fonts or images), readable on a phone and printed
on A4, severity in words and glyphs as well as colour. Every piece of stored
text is shown through ``printable`` and escaped, never obeyed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence, Set
from typing import TYPE_CHECKING

from ..display import points_text, printable
from .markdown import long_date
from .report_words import (
    AT_RISK_HINT,
    MAX_REASONS,
    MILESTONE_NOTE,
    SEVERITY_GLYPHS,
    STATUS_GLYPHS,
    accepted_on,
    chance_text,
    heading,
    milestone_when,
    sprint_dates,
    status_words,
    waiting_text,
)

if TYPE_CHECKING:
    from ..services.board_report import BoardReport, ProjectReport, SprintFigures

STYLE = """
:root { --red: #b10e1e; --amber: #8a4b00; --green: #00703c; --ink: #0b0c0c; --rule: #b1b4b6; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 .4rem; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; padding-top: .8rem; border-top: 4px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
.meta { color: #505a5f; margin: 0 0 1rem; }
.rule { border-left: 5px solid var(--rule); padding: .2rem 0 .2rem 1rem; margin: 1rem 0; }
.rule h2 { border: 0; margin: 0; padding: 0; font-size: 1.1rem; }
.status { display: inline-block; font-weight: 700; font-size: 1.15rem; padding: .25rem .7rem;
  border: 3px solid currentColor; margin: .2rem 0 .6rem; }
.red { color: var(--red); } .amber { color: var(--amber); } .green { color: var(--green); }
ul.reasons { padding-left: 0; list-style: none; }
ul.reasons li { margin: .3rem 0; padding-left: 1.5rem; text-indent: -1.5rem; }
ul.reasons li span.text, .decisions .text { color: var(--ink); }
ol.decisions li { margin: .5rem 0; }
.hint { display: block; color: #505a5f; }
table { width: 100%; border-collapse: collapse; margin: 1.4rem 0 1rem; }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: .3rem 0; }
h2 + table caption, .rule + table caption { font-size: 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .8rem .4rem 0;
  border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; }
td.day, .key { white-space: nowrap; }
@media (max-width: 40rem) {
  main { padding: .6rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { display: block; border-bottom: 2px solid var(--ink); padding: .3rem 0; }
  table.stack th, table.stack td { display: block; border: 0; padding: .15rem 0; text-align: left; white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
}
@media print {
  @page { size: A4; margin: 15mm 14mm; }
  body { font-size: 10pt; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; break-after: avoid; }
  .rule h2, section:first-of-type h2 { break-before: auto; }
  h3, caption { break-after: avoid; }
  tr, li { break-inside: avoid; }
}
""".strip()


_KEY = re.compile(r"\b([A-Z][A-Z0-9]*-[0-9]+)\b")


def _t(value: object) -> str:
    """Stored text made safe: escape sequences shown, markup escaped, and ``=``
    written as a character reference, so even a title like ``<img src=x>`` leaves
    no ``src=`` in the file for a checker to stumble on."""
    return html.escape(printable(value)).replace("=", "&#61;")


def report_html(report: BoardReport) -> str:
    title = f"Programme board report, {long_date(report.today)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_t(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>Programme board report</h1>",
        f'<p class="meta">{_t(heading(report))}</p>',
        f'<div class="rule"><h2>How the status is set</h2><p>{_t(report.rule)}</p></div>',
    ]
    if len(report.projects) > 1:
        rows = [
            [
                f'<a href="#{_t(p.key)}">{_t(p.key)}</a>: {_t(p.name)}',
                f'<span class="{p.status.rag}">{_t(status_words(p.status.rag))}</span>',
                str(p.decisions_needed),
                str(len(p.risks)),
            ]
            for p in report.projects
        ]
        out += _table(
            "Projects at a glance", ["Project", "Status", "Decisions needed", "Accepted risks"], rows, {2, 3}
        )
    for p in report.projects:
        out += _project(p)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _project(p: ProjectReport) -> list[str]:
    rag = p.status.rag
    out = [
        f'<section id="{_t(p.key)}">',
        f"<h2>{_t(p.key)}: {_t(p.name)}</h2>",
        f'<p class="status {rag}">Status: {_t(status_words(rag))}</p>',
    ]
    reasons = p.status.reasons
    if reasons:
        out.append('<h3>Why</h3>\n<ul class="reasons">')
        for r in reasons[:MAX_REASONS]:
            out.append(
                f'<li class="{r.rag}">{STATUS_GLYPHS[r.rag]} <strong>{r.rag.upper()}</strong>: '
                f'<span class="text">{_t(r.text)}</span></li>'
            )
        if len(reasons) > MAX_REASONS:
            out.append(
                f"<li>… and {len(reasons) - MAX_REASONS} more (every error is under Decisions needed)</li>"
            )
        out.append("</ul>")
    else:
        out.append(
            "<p>Nothing fixed is at risk: no collision needs a decision and every deadline is likely met.</p>"
        )
    if p.milestones:
        rows = []
        for m in p.milestones:
            chance, p50, p85 = chance_text(m)
            source = f"<br><small>{_t(m.source)}</small>" if m.source else ""
            rows.append(
                [f"<strong>{_t(m.code)}</strong>: {_t(m.name)}{source}", _t(m.kind), _t(milestone_when(m)),
                 _keys(_t(waiting_text(m))), chance, _t(p50), _t(p85)]
            )  # fmt: skip
        headers = [
            "Milestone",
            "Kind",
            "Date",
            "Waiting on it",
            "Chance",
            "Done by (50% sure)",
            "Done by (85% sure)",
        ]
        out += _table("Milestones", headers, rows, {4}, days={5, 6})
        if any(m.kind.endswith("mandate") for m in p.milestones):
            out.append(f'<p class="meta">{_t(MILESTONE_NOTE)}</p>')
    else:
        out.append("<h3>Milestones</h3>\n<p>No mandate or external is linked to this project's items.</p>")
    if p.baseline is not None:
        out.append(f"<p><strong>Since the baseline {_t(p.baseline)}:</strong></p>\n<ul>")
        out += [f"<li>{_t(line)}</li>" for line in p.moved] or ["<li>no milestone moved</li>"]
        out.append("</ul>")
    out.append("<h3>Decisions needed</h3>")
    if p.decisions_needed:
        out.append('<ol class="decisions">')
        for c in p.decisions:
            out.append(
                f'<li><strong class="red">{SEVERITY_GLYPHS["error"]} error</strong> · <strong>{_t(c.rule)}</strong> '
                f'({_t(", ".join(c.items))}): <span class="text">{_t(c.message)}</span>'
                f'<span class="hint">→ {_t(c.hint)}</span></li>'
            )
        for key, sentence in p.at_risk:
            out.append(
                f'<li><strong class="red">{SEVERITY_GLYPHS["error"]} deadline at risk</strong> ({_t(key)}): '
                f'<span class="text">{_t(sentence)}</span><span class="hint">→ {_t(AT_RISK_HINT)}</span></li>'
            )
        out.append("</ol>")
    else:
        out.append("<p>None: every error is either resolved or accepted as a risk.</p>")
    if p.risks:
        rows = [
            [_t(a.rule), _t(", ".join(a.items)), _t(a.reason), _t(a.owner or ""), _t(long_date(a.review_by)),
             _t(a.who), _t(accepted_on(a.at)), "yes" if a.holds else "no: the collision changed"]
            for a in p.risks
        ]  # fmt: skip
        headers = ["Rule", "Items", "Reason", "Owner", "Review by", "Accepted by", "On", "Still holds"]
        out += _table("Accepted risks", headers, rows)
    else:
        out.append("<h3>Accepted risks</h3>\n<p>None.</p>")
    rows = [_sprint_row("Last closed", p.last_closed), _sprint_row("Active", p.active)]
    headers = [
        "",
        "Iteration",
        "Dates",
        "Committed points",
        "Done points",
        "Carried over",
        "Working days left",
    ]
    out += _table("Iterations", headers, rows, {3, 4, 5, 6}, row_headers=True)
    out.append("</section>")
    return out


def _keys(text: str) -> str:
    """Item keys kept whole: a narrow column may not break ``MTD-26`` at its dash."""
    return _KEY.sub(r'<span class="key">\1</span>', text)


def _sprint_row(label: str, f: SprintFigures | None) -> list[str]:
    if f is None:
        return [label, "none", "", "", "", "", ""]
    carried = "" if f.carried_over is None else str(f.carried_over)
    left = "" if f.days_left is None else str(f.days_left)
    return [
        label,
        _t(f.iteration.name),
        _t(sprint_dates(f)),
        points_text(f.committed),
        points_text(f.done),
        carried,
        left,
    ]


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Set[int] = frozenset(),
    *,
    days: Set[int] = frozenset(),
    row_headers: bool = False,
) -> list[str]:
    """A table with a caption and column headers; cells are already escaped.

    On a phone each row becomes a block, each cell labelled with its header.
    """
    out = ['<table class="stack">', f"<caption>{_t(caption)}</caption>", "<thead><tr>"]
    for i, h in enumerate(headers):
        klass = ' class="num"' if i in numeric else ""
        out.append(f'<th scope="col"{klass}>{_t(h)}</th>')
    out.append("</tr></thead>\n<tbody>")
    for row in rows:
        cells = []
        for i, (h, cell) in enumerate(zip(headers, row, strict=True)):
            klass = ' class="num"' if i in numeric else ' class="day"' if i in days else ""
            if row_headers and i == 0:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                label = f' data-label="{_t(h)}"' if h else ""
                cells.append(f"<td{label}{klass}>{cell}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody>\n</table>")
    return out
