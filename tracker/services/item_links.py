"""Provides the resolution of links between imported items: dependencies, parents,
mandates and externals.

A link may name a row further down the file, an item already in the store,
or an item by its id in the source system (an alias or a source id).  Links
are resolved at the end of each batch when every name they use is known, and
held back otherwise, so a file in dependency order never holds much back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import TrackerError, ValidationError
from ..model import ITEM_KEY, Item, Kind
from .import_ledger import Ledger

_LINKS = ("depends_on", "mandates", "externals")


@dataclass(slots=True)
class Pending:
    """What resolving an item's links later needs: not its whole record."""

    key: str
    where: str
    locate: Callable[[str], str] | None
    links: dict[str, tuple[str, ...]]
    parent: str | None
    has_parent: bool
    created: bool

    def place(self, field: str | None) -> str:
        return self.locate(field) if field and self.locate is not None else self.where


class LinkResolver:
    """The links of an import's items, written as soon as every name they use is known.

    Args:
        names: the batch's map of each source id or alias seen so far to its key
            (shared, and growing as the batch goes).
        relinked: told when an existing item's links were rewritten (old, new,
            the fields changed), so that its history and outcome say so.
    """

    def __init__(
        self, ledger: Ledger, names: dict[str, str], relinked: Callable[[Item, Item, list[str]], None]
    ) -> None:
        self.ledger = ledger
        self.names = names
        self.relinked = relinked
        self.store = ledger.store
        self.pending: list[Pending] = []
        self.ready: list[tuple[str, str]] = []
        """Dependencies of new items, resolved as they came: written with the batch."""
        self.unwritten: list[tuple[str, list[tuple[str, str]]]] = []
        """New items' links resolved but not yet written (see ``write``)."""
        self.skipped: list[str] = []

    def wait(self, pending: Pending) -> None:
        self.pending.append(pending)

    def depend_now(self, key: str, refs: tuple[str, ...]) -> bool:
        """Resolve a new item's dependencies at once if every one names an item
        already seen, and another one (a file in dependency order): it need not
        wait, nor be looked at again.  False, and nothing done, otherwise."""
        names = self.names
        deps: set[str] = set()
        for ref in refs:
            target = names.get(ref)
            if target is None or target == key:
                return False
            deps.add(target)
        self.ready += [(key, target) for target in deps]
        return True

    def skipped_notice(self) -> str | None:
        """One line on the links that were skipped (foreign formats only)."""
        if not self.skipped:
            return None
        count = len(self.skipped)
        shown = "; ".join(self.skipped[:10])
        more = f" and {count - 10} more" if count > 10 else ""
        return f"{count} link(s) to issues neither in the file nor in the store were skipped: {shown}{more}"

    def _lookup(self, unknown: set[str]) -> dict[str, str]:
        """What the store knows of names not seen in this file: keys, then source ids."""
        if not unknown:
            return {}
        found = {k: k for k in self.store.existing_keys(r for r in unknown if ITEM_KEY.match(r))}
        rest = unknown - set(found)
        if rest:
            found.update(self.store.keys_by_source(rest))
        return found

    def write(self) -> None:
        """Write the new items' links resolved so far.  The batch calls this once
        their items are surely written, a batch later: on a server, the items'
        rows are still being checked while the next batch is read."""
        for name, pairs in self.unwritten:
            self.store.insert_links(name, pairs)
        self.unwritten = []

    def resolve(self, final: bool) -> None:
        """Resolve the links whose names are all known now (all of them when
        ``final``); new items' links are written by ``write``."""
        if self.ready:
            self.unwritten.append(("depends_on", self.ready))
            self.ready = []
        if not self.pending:
            return
        names = self.names
        unknown = {r for p in self.pending for r in p.links.get("depends_on", ()) if r not in names}
        unknown.update(p.parent for p in self.pending if p.parent and p.parent not in names)
        known = self._lookup(unknown)
        codes = {"mandates": {m.code for m in self.store.mandates()},
                 "externals": {e.code for e in self.store.externals()}}  # fmt: skip
        # A file in dependency order names only what is known by the end of each
        # batch: then no link need wait, and none is checked for it one by one.
        wait = not final and (len(known) < len(unknown) or self._uses_unknown_codes(codes))
        waiting: list[Pending] = []
        inserts: dict[str, list[tuple[str, str]]] = {n: [] for n in _LINKS}
        parents: list[tuple[str, Pending]] = []
        for p in self.pending:
            if wait and not self._complete(p, names, known, codes):
                waiting.append(p)
                continue
            try:
                wanted = self._wanted(p, known, codes)
                if not p.created:
                    self._relink(p, wanted)
            except TrackerError as error:
                self.ledger.fail(p.place(error.where), error)
                continue
            if p.created:
                for name, values in wanted.items():
                    if name != "parent":
                        inserts[name].extend([(p.key, v) for v in values])
                if wanted.get("parent"):
                    parents.append((wanted["parent"], p))
        self.unwritten += [(name, pairs) for name, pairs in inserts.items() if pairs]
        self._set_parents(parents)
        self.pending = waiting

    def _uses_unknown_codes(self, codes: dict[str, set[str]]) -> bool:
        """Whether a waiting item names a mandate or an external not (yet) in the store."""
        return any(
            not codes[name].issuperset(p.links[name])
            for p in self.pending
            for name in ("mandates", "externals")
            if name in p.links
        )

    @staticmethod
    def _complete(
        p: Pending, names: dict[str, str], known: dict[str, str], codes: dict[str, set[str]]
    ) -> bool:
        """Whether every name the links use is known yet (so they can be written now)."""
        if p.parent and p.parent not in names and p.parent not in known:
            return False
        for name, values in p.links.items():
            if name == "depends_on":
                for ref in values:
                    if ref not in names and ref not in known:
                        return False
            elif not codes[name].issuperset(values):
                return False
        return True

    def _wanted(self, p: Pending, known: dict[str, str], codes: dict[str, set[str]]) -> dict[str, Any]:
        wanted: dict[str, Any] = {}
        if "depends_on" in p.links:
            deps: set[str] = set()
            for ref in p.links["depends_on"]:
                key = self.names.get(ref) or known.get(ref)
                if key is None:
                    if self.ledger.lenient_links:
                        self.skipped.append(f"{p.where}: {p.key} -> {ref}")
                        continue
                    raise ValidationError(f"no item {ref} in the file or the store", where="depends_on")
                if key == p.key:
                    raise ValidationError(f"{p.key} cannot depend on itself", where="depends_on")
                deps.add(key)
            wanted["depends_on"] = tuple(sorted(deps))
        for name in ("mandates", "externals"):
            if name in p.links:
                for c in p.links[name]:
                    if c not in codes[name]:
                        raise ValidationError(f"no {name[:-1]} {c} in the file or the store", where=name)
                wanted[name] = tuple(sorted(p.links[name]))
        if p.has_parent:
            parent = None
            if p.parent:
                parent = self.names.get(p.parent) or known.get(p.parent)
                if parent is None:
                    if not self.ledger.lenient_links:
                        raise ValidationError(f"no item {p.parent} in the file or the store", where="parent")
                    self.skipped.append(f"{p.where}: {p.key} parent {p.parent}")
            wanted["parent"] = parent
        return wanted

    def _set_parents(self, parents: list[tuple[str, Pending]]) -> None:
        """Set the parents of new items; a parent must be an epic."""
        if not parents:
            return
        kinds = self.store.kinds({parent for parent, _ in parents})
        good: list[tuple[str | None, str]] = []
        for parent, p in parents:
            kind = kinds.get(parent)
            if kind != Kind.EPIC.value:
                if self.ledger.lenient_links:
                    self.skipped.append(f"{p.where}: {p.key} parent {parent} (a {kind}, not an epic)")
                else:
                    error = ValidationError(f"{parent} is a {kind}, not an epic", where="parent")
                    self.ledger.fail(p.place("parent"), error)
                continue
            good.append((parent, p.key))
        self.store.set_parents(good)

    def _relink(self, p: Pending, wanted: dict[str, Any]) -> None:
        item = self.store.item(p.key)
        assert item is not None
        changed = [n for n, v in wanted.items() if getattr(item, n) != v]
        if not changed:
            return
        if "parent" in changed and wanted["parent"]:
            parent = self.store.item(wanted["parent"])
            if parent is None or parent.kind is not Kind.EPIC:
                raise ValidationError(f"{wanted['parent']} is not an epic", where="parent")
        new = item._replace(**wanted)
        self.store.update_item(p.key, item.version, new, changed)
        self.relinked(item, new, changed)
