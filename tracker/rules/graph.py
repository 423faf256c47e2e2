"""Provides the dependency graph as integer adjacency lists, and its strongly
connected components found without recursion.

Integers rather than keys because the engine walks 300,000 edges on every
check: list indexing is the cheapest step pure Python has.  An edge runs
from an item to an item it depends on; a dependency on a key the snapshot
does not hold is left out (the store keeps keys honest, imports may not).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tracker.model import Item


class DependencyGraph:
    """Items numbered in snapshot order, with what each one depends on."""

    __slots__ = ("_components", "_cycles", "index", "keys", "succ")

    def __init__(self, items: Mapping[str, Item]) -> None:
        self.keys: list[str] = list(items)
        self.index: dict[str, int] = dict(zip(self.keys, range(len(self.keys)), strict=True))
        number = self.index.__getitem__
        try:  # the common case, every dependency known: tuple(map()) is fastest
            self.succ: list[tuple[int, ...]] = [
                tuple(map(number, item.depends_on)) for item in items.values()
            ]
        except KeyError:
            known = self.index
            self.succ = [tuple(known[d] for d in item.depends_on if d in known) for item in items.values()]
        self._components: list[list[int]] | None = None
        self._cycles: list[list[int]] = []

    @property
    def components(self) -> list[list[int]]:
        """Strongly connected components, each after all those it depends on."""
        if self._components is None:
            self._components, self._cycles = strongly_connected(self.succ)
        return self._components

    def cycles(self) -> list[list[int]]:
        """The components that hold a cycle: two or more items, or a self-loop."""
        _ = self.components
        return self._cycles


def strongly_connected(
    succ: Sequence[Sequence[int]],
) -> tuple[list[list[int]], list[list[int]]]:
    """Tarjan's algorithm with an explicit stack, so 100,000-deep chains work.

    Returns every component in reverse topological order (a component comes
    after every component it can reach: prerequisites first), and apart the
    components that hold a cycle (two or more nodes, or a self-loop).
    """
    n = len(succ)
    number = [0] * n  # discovery number; 0 means not visited yet
    low = [0] * n
    on_stack = [False] * n
    visited = number.__getitem__
    stacked = on_stack.__getitem__
    stack: list[int] = []
    out: list[list[int]] = []
    cycles: list[list[int]] = []
    counter = 0
    for root in range(n):
        if number[root]:
            continue
        if all(map(visited, succ[root])):
            # Every successor is visited and, the stack being empty here,
            # in a finished component: root is a component on its own.
            # Most items of a real backlog take this path, at C speed.
            counter += 1
            number[root] = counter
            out.append([root])
            continue
        counter += 1
        number[root] = low[root] = counter
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(succ[root]))]
        while work:
            v, edges = work[-1]
            for w in edges:
                if not number[w]:
                    counter += 1
                    below = succ[w]
                    # The root's shortcut, checked before w counts as visited
                    # so that a self-loop never passes for a finished node.
                    if all(map(visited, below)) and not any(map(stacked, below)):
                        number[w] = low[w] = counter
                        out.append([w])
                        continue
                    number[w] = low[w] = counter
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(below)))
                    break
                if on_stack[w] and number[w] < low[v]:
                    low[v] = number[w]
            else:
                work.pop()
                if low[v] == number[v]:
                    if stack[-1] == v:
                        stack.pop()
                        on_stack[v] = False
                        out.append([v])
                        if v in succ[v]:
                            cycles.append(out[-1])
                    else:
                        component = []
                        while True:
                            w = stack.pop()
                            on_stack[w] = False
                            component.append(w)
                            if w == v:
                                break
                        out.append(component)
                        cycles.append(component)
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
    return out, cycles
