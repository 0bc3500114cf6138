"""Matching a cell's paragraphs to its target dates: which text is which action.

A response cell often holds several actions as paragraphs or list items, with their
dates as paragraphs of the Target Date cell, in the same order. The rules, in turn:
- dates set beside their paragraphs (blank paragraphs keeping them level) go with
  the paragraphs they stand beside;
- as many dates as paragraphs: one each;
- one date: one action holding every paragraph;
- as many dates as list items: the items are the actions; a paragraph before them is
  the lead-in (the response text), one after them closes the response;
- otherwise the first paragraphs take the dates in order; the paragraphs left over
  close the response (for progress entries, they stay with the last entry).
Rows that only carry a date (the cells beside it merged down or empty) add that date
to the paragraphs above.
"""

import re
from dataclasses import dataclass, field

from ...text import single_spaced
from ..reading import ReadResult
from .cells import PARA, Block
from .table import OWNER, RESPONSE, TARGET, Row

# What a Not Agreed recommendation's date cell says: no date at all.
_NO_DATE = re.compile(r"^(n/?a|not applicable|none|[-–—])\.?$", re.IGNORECASE)
_STATUS_LINE = re.compile(r"^Status\s*:\s*(.+)$", re.IGNORECASE)
_REVISED_LINE = re.compile(
    r"^\(\s*revised\s+from\s+(?P<from>.+?)(?:,\s*action\s+(?P<action>\d+))?"
    r"(?:\s*:\s*(?P<reason>.*?))?\s*\)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Target:
    """A date (or status words) of the Target Date column, with the lines under it."""

    text: str
    row: Row
    status: str = ""  # from a "Status: Delayed" line
    revised_from: str = ""  # from a "(revised from June 2024: reason)" line
    revised_action: int | None = None
    reason: str = ""
    marked: bool = False  # a status or revision line says how to read it

    @property
    def where(self) -> str:
        return self.row.at(TARGET)


def _targets(row: Row) -> tuple[list[Target], list[int]]:
    """The targets of a row's Target Date cell and the paragraph each starts at."""
    targets: list[Target] = []
    starts: list[int] = []
    for index, block in enumerate(row.cell(TARGET).blocks):
        for line in block.text.split("\n"):
            line = single_spaced(line)
            if not line or _NO_DATE.match(line):
                continue
            status = _STATUS_LINE.match(line)
            revised = _REVISED_LINE.match(line)
            if (status or revised) and not targets:
                targets.append(Target("", row))
                starts.append(index)
            if status:
                targets[-1].status = single_spaced(status.group(1))
                targets[-1].marked = True
            elif revised:
                targets[-1].revised_from = single_spaced(revised.group("from"))
                number = revised.group("action")
                targets[-1].revised_action = int(number) if number else None
                targets[-1].reason = single_spaced(revised.group("reason") or "")
                targets[-1].marked = True
            else:
                targets.append(Target(line, row))
                starts.append(index)
    return targets, starts


def _lines_of(block: Block) -> list[str]:
    return [n for n in (single_spaced(line) for line in block.text.split("\n")) if n]


def owner_lines(row: Row) -> list[str] | None:
    """The names written in a row's owner cell; None where it is merged down or empty
    (the owner above goes on)."""
    cell = row.cell(OWNER)
    if cell.merged_above:
        return None
    return [line for block in cell.blocks for line in _lines_of(block)] or None


@dataclass
class Segment:
    """Rows read together: a response cell and the dates and owners beside it."""

    row: Row
    blocks: list[Block]
    targets: list[Target] = field(default_factory=list)
    owners: list[list[str] | None] = field(default_factory=list)  # per target
    named_owner: bool = False  # some owner is written in it
    aligned: list[tuple[Block, Target | None]] | None = None


def segments_of(rows: list[Row]) -> list[Segment]:
    segments: list[Segment] = []
    for row in rows:
        response = row.cell(RESPONSE)
        targets, starts = _targets(row)
        names = owner_lines(row)
        joins = segments and (
            response.merged_above or (not response.filled and names is None and targets)
        )
        if joins:
            segment = segments[-1]
            segment.aligned = None  # dates from another row: not set beside paragraphs
        else:
            segment = Segment(row, response.filled)
            segment.aligned = _aligned(response.blocks, row, targets, starts)
            segments.append(segment)
        segment.targets += targets
        segment.named_owner |= names is not None
        owner_blocks = row.cell(OWNER).blocks
        beside = [i for i, b in enumerate(owner_blocks) if not b.blank]
        if names and len(targets) > 1 and beside == starts and len(set(starts)) == len(starts):
            # Each owner set level with a date, by blank paragraphs: the owner of that one.
            segment.owners += [_lines_of(owner_blocks[i]) for i in beside]
        else:
            segment.owners += [names] * len(targets)
    return segments


def _aligned(blocks: list[Block], row: Row, targets: list[Target], starts: list[int]):
    """Each paragraph with the date set beside it, if the cell's dates are set level
    with its paragraphs by blank paragraphs; else None."""
    target_blocks = row.cell(TARGET).blocks
    if (
        not targets
        or len(target_blocks) != len(blocks)
        or not any(b.blank for b in target_blocks)
        or sum(not b.blank for b in blocks) < 2
    ):
        return None
    by_start = dict(zip(starts, targets, strict=True))
    return [(block, by_start.get(index)) for index, block in enumerate(blocks)]


@dataclass
class Matched:
    lead: list[Block] = field(default_factory=list)
    pairs: list[tuple[list[Block], Target, list[str] | None]] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)


def match(segment: Segment, *, progress: bool, split_first: bool, result: ReadResult) -> Matched:
    """Which paragraphs of a segment go with which of its dates (see the module's rules).
    split_first takes the first paragraph off as a lead-in (a rationale) when there are
    more paragraphs than dates."""
    found = Matched()
    targets, owners = segment.targets, segment.owners
    if segment.aligned is not None:
        owner_of = {id(t): names for t, names in zip(targets, owners, strict=True)}
        for block, target in segment.aligned:
            if target is not None:
                found.pairs.append(([], target, owner_of[id(target)]))
            if not block.blank:
                (found.pairs[-1][0] if found.pairs else found.lead).append(block)
        for target, names in zip(targets, owners, strict=True):
            if all(target is not t for _, t, _ in found.pairs):
                found.pairs.append(([], target, names))  # a date on a line of its own
        return found
    blocks = list(segment.blocks)
    if split_first and len(blocks) > max(len(targets), 1):
        found.lead, blocks = blocks[:1], blocks[1:]
    n, m = len(blocks), len(targets)
    if m == 1:
        groups = [blocks]
    elif n == m or n == 0:
        groups = [[b] for b in blocks] or [[] for _ in targets]
    elif n < m:
        result.problem(
            targets[0].where,
            f"{m} target dates beside {n} paragraph{'s' if n > 1 else ''} of response: "
            "put each action's text beside its own date",
        )
        groups = [[b] for b in blocks] + [[] for _ in range(m - n)]
    else:
        items = [i for i, b in enumerate(blocks) if b.kind != PARA]
        if len(items) == m:
            lead, groups, after = blocks[: items[0]], [], []
            for i, block in enumerate(blocks[items[0] :], start=items[0]):
                if i in items:
                    groups.append([block])
                elif i > items[-1]:
                    after.append(block)
                else:
                    groups[-1].append(block)
        else:
            lead, groups, after = [], [[b] for b in blocks[:m]], blocks[m:]
        if progress:
            groups[0][:0] = lead
            groups[-1] += after
        else:
            found.lead += lead
            found.after = after
    found.pairs = [(g, t, o) for g, t, o in zip(groups, targets, owners, strict=True)]
    return found
