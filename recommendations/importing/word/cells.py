"""The document as the reader sees it: paragraphs as text blocks, tables as grid rows.

Word files are read at the XML level (through python-docx's elements) because the
published layout relies on what python-docx's table API smooths over: cells merged
across (gridSpan), cells merged down (vMerge), list paragraphs (numbering), and text
in tracked insertions, hyperlinks and content controls.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BULLET, NUMBER, PARA = "bullet", "number", "para"
# Bullets typed as characters rather than made with Word's list button.
_TYPED_BULLETS = ("•", "▪", "◦", "·", "")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Block:
    """One paragraph of a cell or of the body: its text and whether it is a list item."""

    text: str
    kind: str = PARA

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def paragraph_text(p) -> str:
    """The paragraph's text as Word shows it: line breaks as "\\n", tabs as "\\t"."""
    parts = []
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("t"):
                parts.append(child.text or "")
            elif child.tag == w("tab"):
                parts.append("\t")
            elif child.tag in (w("br"), w("cr")):
                parts.append("\n")
            elif child.tag == w("noBreakHyphen"):
                parts.append("-")
    return "".join(parts).strip()


def _val(element, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(w("val")) if found is not None else None


class Lists:
    """Which paragraphs are list items, and whether bulleted or numbered."""

    def __init__(self, document: Document):
        self.styles = {}
        self.formats: dict[str, str] = {}
        try:
            for style in document.styles.element.iterchildren(w("style")):
                self.styles[style.get(w("styleId"))] = style
        except (AttributeError, KeyError, ValueError):
            pass
        try:
            numbering = document.part.numbering_part.element
        except (AttributeError, KeyError, ValueError, NotImplementedError):
            numbering = None
        if numbering is not None:
            abstract = {
                a.get(w("abstractNumId")): a for a in numbering.iterchildren(w("abstractNum"))
            }
            for num in numbering.iterchildren(w("num")):
                lvl = abstract.get(_val(num, w("abstractNumId")))
                fmt = _val(lvl, f"{w('lvl')}/{w('numFmt')}") if lvl is not None else None
                self.formats[num.get(w("numId"))] = fmt or "bullet"

    def _style_list(self, style_id: str | None) -> tuple[str | None, str]:
        """(numId, style name) from the style chain, for list styles."""
        name = ""
        for _ in range(8):  # basedOn chains are short; a loop in a bad file must end
            style = self.styles.get(style_id) if style_id else None
            if style is None:
                return None, name
            name = name or (_val(style, w("name")) or "")
            num_id = _val(style, f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            if num_id is not None:
                return num_id, name
            style_id = _val(style, w("basedOn"))
        return None, name

    def block(self, p) -> Block:
        text = paragraph_text(p)
        ppr = p.find(w("pPr"))
        num_id = _val(ppr, f"{w('numPr')}/{w('numId')}")
        name = ""
        if num_id is None:
            num_id, name = self._style_list(_val(ppr, w("pStyle")))
        if num_id is not None and num_id != "0":
            fmt = self.formats.get(num_id, "bullet")
            if fmt != "none":
                return Block(text, BULLET if fmt == "bullet" else NUMBER)
        if name.startswith("List Number"):
            return Block(text, NUMBER)
        if name.startswith("List Bullet"):
            return Block(text, BULLET)
        if text[:1] in _TYPED_BULLETS and text[:1]:
            return Block(text[1:].strip(), BULLET)
        return Block(text)


def rich_text(blocks: list[Block]) -> str:
    """Blocks as the tracker's rich text: paragraphs apart, list items as "- item"."""
    lines: list[str] = []
    previous = None
    number = 0
    for block in blocks:
        if block.blank:
            continue
        if block.kind == BULLET:
            line = f"- {block.text}"
        elif block.kind == NUMBER:
            number = number + 1 if previous == NUMBER else 1
            line = f"{number}. {block.text}"
        else:
            line = block.text
        if lines:
            lines.append("\n" if block.kind != PARA and block.kind == previous else "\n\n")
        lines.append(line)
        previous = block.kind
    return "".join(lines)


@dataclass
class Cell:
    blocks: list[Block]  # every paragraph, blank ones included (they align dates)
    grid: int  # first grid column it covers
    span: int
    merged_above: bool  # vMerge continue: the cell above goes on down through this one

    @property
    def filled(self) -> list[Block]:
        return [b for b in self.blocks if not b.blank]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.filled)


EMPTY = Cell([], 0, 1, False)


def _cell_paragraphs(tc) -> list:
    return tc.xpath("./w:p | ./w:sdt/w:sdtContent/w:p | ./w:tbl//w:tc/w:p")


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def grid_rows(tbl, lists: Lists) -> list[list[Cell]]:
    """Each row's cells with the grid columns they cover and whether merged from above."""
    rows = []
    for tr in tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
        column = min(max(_number(_val(tr.find(w("trPr")), w("gridBefore")), 0), 0), 64)
        cells: list[Cell] = []
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            tcpr = tc.find(w("tcPr"))
            span = min(max(_number(_val(tcpr, w("gridSpan")), 1), 1), 64)
            vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
            merged = vmerge is not None and vmerge.get(w("val")) != "restart"
            blocks = [lists.block(p) for p in _cell_paragraphs(tc)]
            if _val(tcpr, w("hMerge")) == "continue" and cells:
                cells[-1].span += span  # the old way of merging across: one cell
            else:
                cells.append(Cell(blocks, column, span, merged))
            column += span
        rows.append(cells)
    return rows


def cell_at(row: list[Cell], column: int) -> Cell:
    """The cell that starts at this grid column; a column covered by a cell merged
    across from its left reads as empty (it belongs to that cell)."""
    for cell in row:
        if cell.grid == column:
            return cell
    return EMPTY


def body_items(document: Document) -> Iterator[tuple[str, object]]:
    """("p", Block) and ("table", element) in document order, content controls opened."""
    lists = Lists(document)

    def walk(parent):
        for child in parent.iterchildren():
            if child.tag == w("p"):
                yield "p", (lists.block(child), child)
            elif child.tag == w("tbl"):
                yield "table", grid_rows(child, lists)
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from walk(content)

    yield from walk(document.element.body)
