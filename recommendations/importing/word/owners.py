"""Responsible owners as cells name them: one a paragraph or a line, or run together.

Owners are roles ("Deputy Director Joint Extremism Unit (JEXU)"), and a cell may name
several. Where the roles stand on separate paragraphs or lines they are separate
owners. Where they are run together in one line ("SRO MAPPS Programme T/Det Supt CT
Nominal Management Deputy Director Joint Extremism Unit (JEXU)") no rule can tell where
one ends, except the roles the plan itself names elsewhere: a line made wholly of such
names is split on them, and the preview says so. Anything else is kept as written.
"""

from ...text import single_spaced
from ..reading import ReadResult
from .matching import owner_lines
from .table import OWNER, GroupDraft, Row


class OwnerNames:
    def __init__(self, groups: list[GroupDraft], known_owners=()):
        self.cells: dict[str, set[tuple[int, int]]] = {}
        self.known = {single_spaced(name).casefold() for name in known_owners if name}
        for group in groups:
            for draft in group.drafts:
                rows = draft.rows + [row for section in draft.progress for row in section.rows]
                for row in rows:
                    for name in owner_lines(row) or []:
                        self.cells.setdefault(name.casefold(), set()).add((row.table, row.number))

    def _known(self, name: str, row: Row) -> bool:
        key = name.casefold()
        return key in self.known or bool(self.cells.get(key, set()) - {(row.table, row.number)})

    def _pieces(self, words: list[str], row: Row) -> list[str] | None:
        """The words as a run of known names, the longest names tried first."""
        if not words:
            return []
        for end in range(len(words), 0, -1):
            name = " ".join(words[:end])
            if self._known(name, row):
                rest = self._pieces(words[end:], row)
                if rest is not None:
                    return [name, *rest]
        return None

    def names(self, lines: list[str], row: Row, result: ReadResult) -> list[str]:
        owners: list[str] = []
        for line in lines:
            pieces = None if self._known(line, row) else self._pieces(line.split()[:40], row)
            if pieces and len(pieces) > 1 and len(line.split()) <= 40:
                owners += pieces
                shown = "; ".join(f"'{p}'" for p in pieces)
                result.note(
                    row.at(OWNER),
                    f"'{line}' is read as {len(pieces)} owners named elsewhere in the plan: "
                    f"{shown}",
                )
            else:
                owners.append(line)
        seen: set[str] = set()
        return [o for o in owners if not (o.casefold() in seen or seen.add(o.casefold()))]
