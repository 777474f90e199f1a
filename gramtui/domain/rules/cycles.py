"""Finding rules that would move a record back and forth.

Moving a record changes only its folder, so a move can change its classification only through a
classification rule that tests `folder`. For each format class the record may have, and each
choice of the first matching classification rule among those that do not test the folder, we
evaluate the rules at every folder that matters with three-valued logic (a test of anything but
folder, format or classification is "unknown", and may go either way). A state is (folder,
classification); a move leads from one state to the destination's state when the classification
there differs (moves follow classification changes only). A loop among states is reported."""

from __future__ import annotations

from dataclasses import dataclass

from gramtui.domain.rules.ast import (
    All,
    AnyOf,
    Compare,
    Condition,
    Define,
    Name,
    Not,
    RuleSet,
    SetTest,
    atoms_of,
)
from gramtui.domain.rules.atoms import compare_test
from gramtui.domain.rules.diagnostics import Diagnostic
from gramtui.domain.rules.names import Names, name_key

OTHER = "\0other"  # any folder no rule names
Tri = bool | None


@dataclass(frozen=True, slots=True)
class _World:
    folder: str
    label: str | None
    format_class: str | None


def find_cycles(rules: RuleSet, names: Names) -> list[Diagnostic]:
    by_folder = [_tests_folder(r.condition, names) for r in rules.classifications]
    if not any(by_folder) or not rules.movements:
        return []
    folders = {OTHER, *(m.destination for m in rules.movements)}
    for rule in rules.classifications:
        for atom in _expanded_atoms(rule.condition, names):
            if isinstance(atom, Compare) and _is_folder(atom) and atom.op == "=":
                folders.add(atom.value.text)
    fixed = [i for i, depends in enumerate(by_folder) if not depends]
    reported: set[tuple[int, ...]] = set()
    out: list[Diagnostic] = []
    for format_class in [*names.formats.values(), None]:
        for first_fixed in [*fixed, None]:
            graph = _Graph(rules, names, by_folder, format_class, first_fixed, folders)
            cycle = graph.find_cycle()
            if cycle is None:
                continue
            lines = tuple(sorted({line for _, _, line in cycle}))
            if lines in reported:
                continue
            reported.add(lines)
            out.append(_diagnostic(rules, cycle))
    return out


def _diagnostic(rules: RuleSet, cycle: list[tuple[str, str, int]]) -> Diagnostic:
    path = _show(cycle[0][0]) + "".join(f" -> {_show(to)} (line {line})" for _, to, line in cycle)
    first_line = cycle[0][2]
    rule = next(m for m in rules.movements if m.line == first_line)
    return Diagnostic(
        first_line,
        rule.destination_column,
        f"these rules would move a record back and forth: {path}; a classification that tests "
        "folder changes after the move, so make it hold in the destination or change a "
        "destination",
    )


def _show(folder: str) -> str:
    return "another folder" if folder == OTHER else f"'{folder}'"


class _Graph:
    def __init__(
        self,
        rules: RuleSet,
        names: Names,
        by_folder: list[bool],
        format_class: str | None,
        first_fixed: int | None,
        folders: set[str],
    ) -> None:
        self.rules = rules
        self.names = names
        self.by_folder = by_folder
        self.format_class = format_class
        self.first_fixed = first_fixed
        self.folders = folders

    def labels_at(self, folder: str) -> list[str | None]:
        possible: list[str | None] = []
        world = _World(folder, None, self.format_class)
        for i, rule in enumerate(self.rules.classifications):
            if not self.by_folder[i]:
                value: Tri = i == self.first_fixed
            else:
                value = _tri(rule.condition, world, self.names, "classification")
            if value is False:
                continue
            possible.append(name_key(rule.label))
            if value is True:
                return possible
        return [*possible, None]

    def moves(self, folder: str, label: str | None) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        world = _World(folder, label, self.format_class)
        for rule in self.rules.movements:
            value = _tri(rule.condition, world, self.names, "movement")
            if value is False:
                continue
            found.append((rule.destination, rule.line))
            if value is True:
                break
        return found

    def edges(self, state: tuple[str, str | None]) -> list[tuple[tuple[str, str | None], int]]:
        folder, label = state
        out = []
        for destination, line in self.moves(folder, label):
            if destination.casefold() == folder.casefold():
                continue
            for new_label in self.labels_at(destination):
                if new_label != label:
                    out.append(((destination, new_label), line))
        return out

    def find_cycle(self) -> list[tuple[str, str, int]] | None:
        """A loop as (from folder, to folder, movement line) steps, or None."""
        starts = [(f, label) for f in sorted(self.folders) for label in self.labels_at(f)]
        done: set[tuple[str, str | None]] = set()
        for start in starts:
            if start in done:
                continue
            # Iterative depth-first search keeping the path, so a loop can be reported.
            path: list[tuple[tuple[str, str | None], int]] = [(start, 0)]
            on_path = {start: 0}
            stack = [iter(self.edges(start))]
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    stack.pop()
                    state, _ = path.pop()
                    del on_path[state]
                    done.add(state)
                    continue
                target, line = step
                if target in on_path:
                    loop = path[on_path[target] :] + [(target, line)]
                    return [
                        (loop[i][0][0], loop[i + 1][0][0], loop[i + 1][1])
                        for i in range(len(loop) - 1)
                    ]
                if target in done:
                    continue
                on_path[target] = len(path)
                path.append((target, line))
                stack.append(iter(self.edges(target)))
        return None


def _is_folder(atom: Compare | SetTest) -> bool:
    return not atom.ref.custom and atom.ref.name == "folder"


def _expanded_atoms(
    condition: Condition, names: Names, seen: frozenset[int] = frozenset()
) -> list[Condition]:
    out: list[Condition] = []
    for atom in atoms_of(condition):
        if isinstance(atom, Name):
            found = names.resolve(atom.text, "classification")
            if found is not None and found[0] == "define" and id(found[1]) not in seen:
                define = found[1]
                assert isinstance(define, Define)
                out.extend(_expanded_atoms(define.condition, names, seen | {id(define)}))
                continue
        out.append(atom)
    return out


def _tests_folder(condition: Condition, names: Names) -> bool:
    return any(
        isinstance(a, Compare | SetTest) and _is_folder(a)
        for a in _expanded_atoms(condition, names)
    )


def _tri(
    node: Condition, world: _World, names: Names, section: str, seen: frozenset[int] = frozenset()
) -> Tri:
    if isinstance(node, Not):
        value = _tri(node.operand, world, names, section, seen)
        return None if value is None else not value
    if isinstance(node, All | AnyOf):
        values = [_tri(o, world, names, section, seen) for o in node.operands]
        decisive = isinstance(node, AnyOf)  # True decides an AnyOf, False decides an All
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if isinstance(node, Name):
        found = names.resolve(node.text, section)
        if found is None:
            return False
        kind, target = found
        if kind == "define":
            assert isinstance(target, Define)
            if id(target) in seen:
                return False
            return _tri(target.condition, world, names, "define", seen | {id(target)})
        if kind == "label":
            return name_key(str(target)) == world.label
        return world.format_class is not None and name_key(str(target)) == name_key(
            world.format_class
        )
    if isinstance(node, SetTest) and _is_folder(node):
        return node.is_set
    if isinstance(node, Compare) and not node.ref.custom:
        if node.ref.name == "format":
            return compare_test(node)(world.format_class)
        if node.ref.name == "folder":
            if world.folder == OTHER:
                return {"=": False, "!=": True}.get(node.op)
            return compare_test(node)(world.folder)
    return None
