"""Provides the ``dependency-cycle`` rule: items that wait for each other.

Each strongly connected component with a cycle is reported once, never each
elementary cycle (there can be exponentially many).  Its keys are listed in
depth-first order along the edges from the smallest key, which for a plain
loop is exactly the loop's order; the message also names the shortest loop
through that key, and the hint the one dependency that would break it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from tracker.model import Severity, key_order, project_of
from tracker.rules.context import Context
from tracker.rules.registry import Finding, rule
from tracker.rules.wording import listing, loop


@rule(
    "dependency-cycle",
    Severity.ERROR,
    "the dependencies form a cycle (reported once per cycle, with every key in it, in order)",
)
def dependency_cycle(ctx: Context) -> Iterator[Finding]:
    """Fires once for each group of items that depend on each other in a
    circle while at least two of them are open (or the one item, open, that
    depends on itself): then none of them can be finished first.

    Silent once all but one of the circle are done or dropped (the circle
    no longer holds anything up), for chains and diamonds, however long,
    and for dependencies on keys the snapshot does not hold.
    """
    graph = ctx.graph
    keys, succ, open_keys = graph.keys, graph.succ, ctx.open_keys
    for component in graph.cycles():
        if sum(1 for v in component if keys[v] in open_keys) < min(2, len(component)):
            continue
        rank = {v: key_order(keys[v]) for v in component}
        start = min(component, key=rank.__getitem__)
        inside = {v: sorted({w for w in succ[v] if w in rank}, key=rank.__getitem__) for v in component}
        order = [keys[v] for v in _preorder(start, inside)]
        shortest = [keys[v] for v in _shortest_loop(start, inside)]
        first = keys[start]
        if len(order) == 1:
            message = f"{first} depends on itself"
        elif shortest == order:
            message = (
                f"{loop(order)} wait for each other in a circle "
                "(each depends on the next), so none of them can be finished first"
            )
        else:
            message = (
                f"{listing(order)} wait for each other in several circles, "
                f"e.g. {loop(shortest)}, so none of them can be finished first"
            )
        yield Finding(
            tuple(order),
            None,
            project_of(first),
            message,
            f"remove a dependency to break the circle, e.g. tracker dep rm {shortest[-1]} {first}",
            (" ".join(shortest), sum(len(edges) for edges in inside.values())),
        )


def _preorder(start: int, inside: dict[int, list[int]]) -> list[int]:
    """Depth-first visiting order from ``start``; iterative, so any depth works."""
    seen = {start}
    order = [start]
    stack = [iter(inside[start])]
    while stack:
        for w in stack[-1]:
            if w not in seen:
                seen.add(w)
                order.append(w)
                stack.append(iter(inside[w]))
                break
        else:
            stack.pop()
    return order


def _shortest_loop(start: int, inside: dict[int, list[int]]) -> list[int]:
    """The shortest circle through ``start``, by breadth-first search."""
    parent: dict[int, int] = {}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in inside[v]:
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if w not in parent:
                parent[w] = v
                queue.append(w)
    return [start]  # unreachable: every member of a component reaches start
