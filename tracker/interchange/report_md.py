"""Provides the board report as Markdown, for a wiki page or a pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..display import printable
from .markdown import long_date
from .report_words import (
    AT_RISK_HINT,
    MAX_REASONS,
    MILESTONE_NOTE,
    SEVERITY_GLYPHS,
    STATUS_GLYPHS,
    accepted_on,
    active_text,
    chance_text,
    heading,
    last_closed_text,
    milestone_when,
    status_words,
    waiting_text,
)

if TYPE_CHECKING:
    from ..services.board_report import BoardReport, ProjectReport


def _cell(value: object) -> str:
    """Text safe inside a table cell: one line, pipes escaped, no escape sequences,
    and no markup a wiki would obey (``<`` as ``&lt;``)."""
    text = printable(value).replace("<", "&lt;")
    return text.replace("\\", "\\\\").replace("|", "\\|")


def report_markdown(report: BoardReport) -> str:
    lines = ["# Programme board report", "", heading(report), "", f"**How the status is set.** {report.rule}"]
    if len(report.projects) > 1:
        lines += ["", "| Project | Status | Decisions needed | Accepted risks |", "|---|---|---:|---:|"]
        for p in report.projects:
            lines.append(
                f"| {p.key}: {_cell(p.name)} | {status_words(p.status.rag)} | {p.decisions_needed} | {len(p.risks)} |"
            )
    for p in report.projects:
        lines += ["", *_project(p)]
    return "\n".join(lines) + "\n"


def _project(p: ProjectReport) -> list[str]:
    lines = [f"## {p.key}: {_cell(p.name)}", "", f"**Status: {status_words(p.status.rag)}**", ""]
    reasons = p.status.reasons
    if not reasons:
        lines.append(
            "Nothing fixed is at risk: no collision needs a decision and every deadline is likely met."
        )
    for r in reasons[:MAX_REASONS]:
        lines.append(f"- {STATUS_GLYPHS[r.rag]} {_cell(r.text)}")
    if len(reasons) > MAX_REASONS:
        lines.append(f"- … and {len(reasons) - MAX_REASONS} more")
    lines += ["", "### Milestones", ""]
    if p.milestones:
        lines += [
            "| Milestone | Kind | Date | Waiting on it | Chance | Done by (50% sure) | Done by (85% sure) |",
            "|---|---|---|---|---:|---|---|",
        ]
        for m in p.milestones:
            chance, p50, p85 = chance_text(m)
            source = f" ({_cell(m.source)})" if m.source else ""
            lines.append(
                f"| {_cell(m.code)}: {_cell(m.name)}{source} | {m.kind} | {milestone_when(m)} | "
                f"{waiting_text(m)} | {chance} | {p50} | {p85} |"
            )
        if any(m.kind.endswith("mandate") for m in p.milestones):
            lines += ["", MILESTONE_NOTE]
    else:
        lines.append("No mandate or external is linked to this project's items.")
    if p.baseline is not None:
        lines += ["", f"**Since the baseline {_cell(p.baseline)}:**", ""]
        lines += [f"- {_cell(line)}" for line in p.moved] or ["- no milestone moved"]
    lines += ["", "### Decisions needed", ""]
    for c in p.decisions:
        lines.append(
            f"- {SEVERITY_GLYPHS['error']} **{c.rule}** ({', '.join(c.items)}): {_cell(c.message)}  "
        )
        lines.append(f"  → {_cell(c.hint)}")
    for key, sentence in p.at_risk:
        lines.append(f"- {SEVERITY_GLYPHS['error']} **deadline at risk** ({key}): {_cell(sentence)}  ")
        lines.append(f"  → {AT_RISK_HINT}")
    if not p.decisions_needed:
        lines.append("None: every error is either resolved or accepted as a risk.")
    lines += ["", "### Accepted risks", ""]
    if p.risks:
        lines += [
            "| Rule | Items | Reason | Owner | Review by | Accepted by | On | Still holds |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for a in p.risks:
            lines.append(
                f"| {_cell(a.rule)} | {', '.join(a.items)} | {_cell(a.reason)} | {_cell(a.owner or '')} | "
                f"{long_date(a.review_by)} | {_cell(a.who)} | "
                f"{accepted_on(a.at)} | {'yes' if a.holds else 'no: the collision changed'} |"
            )
    else:
        lines.append("None.")
    lines += ["", "### Iterations", "", f"- {last_closed_text(p.last_closed)}", f"- {active_text(p.active)}"]
    return lines
