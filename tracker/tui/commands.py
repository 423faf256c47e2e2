"""Provides ``NAMED``: the ceremony's actions as the command palette offers them, by
what they do ("Start sprint") rather than by key, each run in the view that has it.

A name stands for one view's action; the palette lists it once, and the keys
it covers are not listed again under their binding's label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    """One action by name: the view that does it (``""``: the app) and its action."""

    title: str
    help: str
    view: str
    action: str
    """The view's action (``""``: only show the view)."""
    anywhere: bool = False
    """Run it in the current view when that view has the action (``n`` in the Board)."""


NAMED: tuple[Named, ...] = (
    Named("New item", "Add an item in a form: title, kind, points, iteration, … (n)", "backlog", "new", True),
    Named("New sprint", "Add an iteration after the last one, in the Plan (N)", "plan", "new_iteration"),
    Named(
        "Start sprint",
        "Start the iteration chosen in the Plan or shown in the Report (s)",
        "report",
        "start",
        True,
    ),
    Named("Close sprint", "Close the iteration shown in the Report, once asked (c)", "report", "close"),
    Named("Export summary", "Write the summary of the iteration shown in the Report (x)", "report", "export"),
    Named("Hold the stand-up", "Go round the team, blocked work first (6)", "standup", ""),
    Named("Mark the stand-up held", "Changes are counted from now on (h in the Stand-up)", "standup", "held"),
    Named(
        "Move a date",
        "Move an iteration's, mandate's or external's date, in the Plan (m)",
        "plan",
        "move_date",
    ),
    Named("Search the backlog", "Find items by key or title (/ in the Backlog)", "backlog", "search"),
    Named("Filter the backlog", "Show items by status, iteration, tag, assignee (f)", "backlog", "filter"),
    Named("Show or hide done items", "Done and dropped items in the Backlog (h)", "backlog", "toggle_closed"),
    Named("Accept a collision", "Record the selected collision as a known risk (A)", "collisions", "accept"),
    Named(
        "Revoke an acceptance", "Take back the selected collision's acceptance (R)", "collisions", "revoke"
    ),
    Named("Edit the item", "Change the item shown in the Item view in a form (e)", "item", "edit"),
    Named("Comment on the item", "Say something about the item shown (C)", "item", "comment"),
    Named("Undo", "Take back the last change made from this session (u)", "", "undo"),
    Named("Switch project", "Show another project in every view (P)", "", "switch_project"),
)
