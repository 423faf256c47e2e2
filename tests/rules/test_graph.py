"""Strongly connected components without recursion, in dependency order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import Item
from tracker.rules.graph import DependencyGraph, strongly_connected


def test_components_come_after_what_they_depend_on() -> None:
    # 0 → 1 → 2 → 1, 0 → 3
    comps, cycles = strongly_connected([(1, 3), (2,), (1,), ()])
    assert sorted(map(sorted, comps)) == [[0], [1, 2], [3]]
    assert comps[-1] == [0]  # the only dependent comes last
    assert list(map(sorted, cycles)) == [[1, 2]]


def test_self_loops_are_cycles_whatever_the_visiting_order() -> None:
    assert strongly_connected([(0,)])[1] == [[0]]
    assert strongly_connected([(1,), (1,)])[1] == [[1]]  # reached from 0 first
    assert strongly_connected([(), (1, 0)])[1] == [[1]]


def test_a_chain_of_100000_needs_no_recursion() -> None:
    n = 100_000
    succ = [(i + 1,) for i in range(n - 1)] + [()]
    comps, cycles = strongly_connected(succ)
    assert len(comps) == n and cycles == []
    assert comps[0] == [n - 1] and comps[-1] == [0]
    succ[-1] = (0,)  # close the ring
    comps, cycles = strongly_connected(succ)
    assert len(comps) == 1 and len(cycles[0]) == n


def _reach(succ: list[tuple[int, ...]], v: int) -> set[int]:
    seen: set[int] = set()
    todo = [v]
    while todo:
        for w in succ[todo.pop()]:
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


graphs = st.integers(1, 12).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=3).map(tuple), min_size=n, max_size=n)
)


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_components_match_mutual_reachability_in_reverse_topological_order(
    succ: list[tuple[int, ...]],
) -> None:
    comps, cycles = strongly_connected(succ)
    reach = [_reach(succ, v) for v in range(len(succ))]
    position = {v: i for i, comp in enumerate(comps) for v in comp}
    assert sorted(position) == list(range(len(succ)))  # every node exactly once
    for v in range(len(succ)):
        for w in range(len(succ)):
            together = position[v] == position[w]
            assert together == (v == w or (w in reach[v] and v in reach[w]))
            if w in reach[v] and not together:
                assert position[w] < position[v]  # prerequisites first
    assert sorted(map(sorted, cycles)) == sorted(sorted(c) for c in comps if len(c) > 1 or c[0] in succ[c[0]])


def test_the_graph_skips_unknown_keys() -> None:
    items = {
        "A-1": Item("A-1", "a", depends_on=("A-2", "B-9")),
        "A-2": Item("A-2", "b"),
    }
    graph = DependencyGraph(items)
    assert graph.succ == [(1,), ()]
    assert graph.cycles() == []
