"""Make WeasyPrint's tagged PDF describe each table once, with real header cells.

WeasyPrint (70.0) builds the structure tree page by page, so a table that runs over N
pages becomes N sibling /Table elements, each with its own copy of the repeated header
row, and a row split by a page break becomes two /TR (Kozea/WeasyPrint#2903). Its /TH
cells carry no /Scope (#2508), and its /Headers name IDs that no /IDTree lists. A
screen reader then announces one table as N tables and reads the header row N times.

The repair, done on the finished file with pikepdf:

1. Before WeasyPrint writes the PDF, `table_fragments` reads the laid-out pages: for each
   table on each page, the HTML element behind every row group, row and cell, in the
   order WeasyPrint tags them. That tells which structure elements on different pages
   are fragments of one HTML element.
2. `one_table_per_table` merges each table's fragments into its first /Table: row groups
   and rows continue where they broke, a split row's cells take their continuation's
   content, and the repeated header rows are dropped from the tree.
3. Header cells get /Scope (/Column or /Row, from the HTML `scope`), /ID from the HTML
   `id`, data cells /Headers from the HTML `headers`, and the IDs go into an /IDTree.
4. Marked content no structure element reaches any more (the repeated header rows, and
   the page footers WeasyPrint tags but never links into the tree) is re-marked as a
   pagination /Artifact, and its /ParentTree entries are cleared.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name

ROW_GROUPS = {"thead": "THead", "tbody": "TBody", "tfoot": "TFoot"}
CELLS = {"th": "TH", "td": "TD"}
BDC = pikepdf.Operator("BDC")
# How WeasyPrint (pydyf) opens a tagged sequence, and what an orphaned one becomes.
MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
ARTIFACT = b"/Artifact\n<</Type /Pagination>>\nBDC"
SCOPES = {"col": Name.Column, "colgroup": Name.Column, "row": Name.Row, "rowgroup": Name.Row}


class StructureMismatch(RuntimeError):
    """The tagged tables do not line up with the laid-out HTML: WeasyPrint changed how
    it tags tables. Refuse rather than publish a mis-described table."""


@dataclass(frozen=True)
class Node:
    """The HTML element behind one table structure element on one page."""

    tag: str  # the PDF structure type WeasyPrint gives it
    key: int  # identity of the HTML element, the same on every page it spans
    html_id: str
    headers: tuple[str, ...]
    scope: str


@dataclass(frozen=True)
class Fragment:
    """The part of one HTML table laid out on one page."""

    page: int
    key: int
    nodes: tuple[Node, ...]


def _node(box, tag: str) -> Node:
    attrib = box.element.attrib
    return Node(
        tag=tag,
        key=id(box.element),
        html_id=attrib.get("id", ""),
        headers=tuple(attrib.get("headers", "").split()),
        scope=attrib.get("scope", ""),
    )


def table_fragments(document) -> list[Fragment]:
    """Each table of each page of a rendered WeasyPrint document, in tagging order."""
    fragments = []
    for number, page in enumerate(document.pages):
        # _page_box is private, but it is what WeasyPrint's own tagger walks.
        for wrapper in _table_wrappers(page._page_box):
            table = wrapper.get_wrapped_table()
            nodes = []
            for group in table.children:
                nodes.append(_node(group, ROW_GROUPS.get(group.element_tag, "?")))
                for row in group.children:
                    nodes.append(_node(row, "TR" if row.element_tag == "tr" else "?"))
                    nodes += [
                        _node(cell, CELLS.get(cell.element_tag, "?")) for cell in row.children
                    ]
            fragments.append(Fragment(number, id(wrapper.element), tuple(nodes)))
    return fragments


def _table_wrappers(box):
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if getattr(box, "is_table_wrapper", False):
        yield box
    elif isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.MarginBox):
        for child in box.children:
            yield from _table_wrappers(child)


def one_table_per_table(pdf_bytes: bytes, fragments: list[Fragment]) -> bytes:
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        _Repair(pdf, fragments).run()
        out = BytesIO()
        pdf.save(out)
        return out.getvalue()


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj


class _Repair:
    def __init__(self, pdf: pikepdf.Pdf, fragments: list[Fragment]):
        self.pdf = pdf
        self.fragments = fragments
        self.root = pdf.Root.StructTreeRoot
        self.page_numbers = {page.objgen: i for i, page in enumerate(pdf.pages)}
        self.nodes: dict[tuple[int, int], Node] = {}

    def run(self) -> None:
        tables = self._match_tables()
        ids: dict[str, Dictionary] = {}
        for pieces in tables.values():
            primary, _ = pieces[0]
            for fragment, parent in pieces[1:]:
                self._merge_table(primary, fragment)
                self._remove_kid(parent, fragment)
            self._label_cells(primary, ids)
        self._write_id_tree(ids)
        self._unreachable_content_to_artifacts()

    # -- 1. Line up structure elements with the HTML elements behind them --------------

    def _match_tables(self) -> dict[int, list[tuple[Dictionary, Dictionary]]]:
        found: dict[int, list] = defaultdict(list)
        self._find_tables(self.root, found)
        by_page: dict[int, list[Fragment]] = defaultdict(list)
        for fragment in self.fragments:
            by_page[fragment.page].append(fragment)
        tables: dict[int, list] = defaultdict(list)
        for page in sorted(set(found) | set(by_page)):
            elements, laid_out = found[page], by_page[page]
            if len(elements) != len(laid_out):
                raise StructureMismatch(
                    f"page {page + 1}: {len(elements)} tagged tables, {len(laid_out)} laid out"
                )
            for (element, parent), fragment in zip(elements, laid_out, strict=True):
                tagged = list(self._table_parts(element))
                if [e.S for e in tagged] != [Name("/" + n.tag) for n in fragment.nodes]:
                    raise StructureMismatch(f"page {page + 1}: table parts do not line up")
                for part, node in zip(tagged, fragment.nodes, strict=True):
                    if not part.is_indirect:  # identity below is by object number
                        raise StructureMismatch("structure elements are not indirect objects")
                    self.nodes[part.objgen] = node
                tables[fragment.key].append((element, parent))
        return tables

    def _find_tables(self, parent, found) -> None:
        for kid in _kids(parent):
            if not _is_element(kid):
                continue
            if kid.S == Name.Table:
                found[self.page_numbers[kid.Pg.objgen]].append((kid, parent))
            else:
                self._find_tables(kid, found)

    def _table_parts(self, element):
        """Row groups, rows and cells in tree order, as WeasyPrint's tagger made them."""
        for kid in _kids(element):
            if not _is_element(kid):
                continue
            if kid.S in (Name.THead, Name.TBody, Name.TFoot, Name.TR):
                yield kid
                yield from self._table_parts(kid)
            elif kid.S in (Name.TH, Name.TD):
                yield kid

    def _key(self, element) -> int | None:
        node = self.nodes.get(element.objgen) if _is_element(element) else None
        return node.key if node else None

    # -- 2. Merge the fragments ------------------------------------------------------

    def _merge_table(self, primary: Dictionary, fragment: Dictionary) -> None:
        for group in _kids(fragment):
            key = self._key(group)
            if key is None:
                self._append(primary, group, fragment)
                continue
            if group.S == Name.THead and any(self._key(g) == key for g in _kids(primary)):
                continue  # the header row repeated on this page: drawn, not read again
            last = _kids(primary)[-1] if _kids(primary) else None
            if last is not None and self._key(last) == key:
                self._merge_rows(last, group)
            else:
                self._append(primary, group, fragment)

    def _merge_rows(self, target: Dictionary, group: Dictionary) -> None:
        for row in _kids(group):
            last = _kids(target)[-1] if _kids(target) else None
            key = self._key(row)
            if key is not None and last is not None and self._key(last) == key:
                self._merge_cells(last, row)  # a row split by the page break
            else:
                self._append(target, row, group)

    def _merge_cells(self, target: Dictionary, row: Dictionary) -> None:
        cells = {self._key(cell): cell for cell in _kids(target) if self._key(cell) is not None}
        for cell in _kids(row):
            match = cells.get(self._key(cell))
            if match is None:
                self._append(target, cell, row)
            else:
                for kid in _kids(cell):
                    self._append(match, kid, cell)

    def _append(self, parent: Dictionary, kid, source: Dictionary) -> None:
        """Move `kid` from `source` to the end of `parent`'s kids."""
        if isinstance(kid, int):
            # A bare MCID is relative to its element's page: name the page explicitly.
            kid = self.pdf.make_indirect(Dictionary(Type=Name.MCR, Pg=source.Pg, MCID=kid))
        elif isinstance(kid, Dictionary) and kid.get("/Type") in (Name.MCR, Name.OBJR):
            if "/Pg" not in kid:
                kid.Pg = source.Pg
        elif _is_element(kid):
            kid.P = parent
        if not isinstance(parent.get("/K"), Array):
            parent.K = Array(_kids(parent))
        parent.K.append(kid)

    @staticmethod
    def _remove_kid(parent: Dictionary, kid: Dictionary) -> None:
        kids = parent.K
        for index in range(len(kids)):
            if _is_element(kids[index]) and kids[index].objgen == kid.objgen:
                del kids[index]
                return

    # -- 3. Header cells and their cells ----------------------------------------------

    def _label_cells(self, table: Dictionary, ids: dict[str, Dictionary]) -> None:
        cells = [part for part in self._table_parts(table) if part.S in (Name.TH, Name.TD)]
        for cell in cells:
            node = self.nodes[cell.objgen]
            old = cell.get("/A")
            attributes = Dictionary(O=Name.Table)
            for span in ("/ColSpan", "/RowSpan"):
                if isinstance(old, Dictionary) and span in old:
                    attributes[span] = old[span]
            if cell.S == Name.TH:
                default = Name.Column if self._in_head(cell) else Name.Row
                attributes.Scope = SCOPES.get(node.scope, default)
            if node.headers:
                attributes.Headers = Array([pikepdf.String(h) for h in node.headers])
            cell.A = attributes
            # WeasyPrint's own IDs are per page fragment; the HTML's are per table.
            if "/ID" in cell:
                del cell["/ID"]
            if node.html_id:
                cell.ID = pikepdf.String(node.html_id)
                ids[node.html_id] = cell
        named = set(ids)
        for cell in cells:
            missing = set(self.nodes[cell.objgen].headers) - named
            if missing:
                raise StructureMismatch(f"headers name unknown cells: {sorted(missing)}")

    @staticmethod
    def _in_head(cell: Dictionary) -> bool:
        row = cell.get("/P")
        group = row.get("/P") if row is not None else None
        return group is not None and group.get("/S") == Name.THead

    def _write_id_tree(self, ids: dict[str, Dictionary]) -> None:
        if not ids:
            return
        tree = pikepdf.NameTree.new(self.pdf)
        for html_id in sorted(ids):
            tree[html_id] = ids[html_id]
        self.root.IDTree = tree.obj

    # -- 4. Content the tree no longer reaches ----------------------------------------

    def _reachable(self) -> set[tuple[int, int]]:
        """(page number, MCID) of every marked-content sequence the tree reaches."""
        reached: set[tuple[int, int]] = set()
        stack = [self.root]
        while stack:
            element = stack.pop()
            page = element.get("/Pg")
            for kid in _kids(element):
                if isinstance(kid, int) and page is not None:
                    reached.add((self.page_numbers[page.objgen], kid))
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    kid_page = kid.get("/Pg", page)
                    reached.add((self.page_numbers[kid_page.objgen], int(kid.MCID)))
                elif _is_element(kid):
                    stack.append(kid)
        return reached

    def _unreachable_content_to_artifacts(self) -> None:
        reached = self._reachable()
        nums = self.root.ParentTree.Nums
        mappings = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(self.pdf.pages):
            # The page's /ParentTree array lists every MCID drawn on it, by MCID.
            mapping = mappings.get(int(page.get("/StructParents", number)))
            if not isinstance(mapping, Array):
                continue
            orphans = {mcid for mcid in range(len(mapping)) if (number, mcid) not in reached}
            if not orphans:
                continue
            page.Contents = self.pdf.make_stream(self._as_artifacts(page, orphans))
            for mcid in orphans:
                mapping[mcid] = None

    @staticmethod
    def _as_artifacts(page, orphans: set[int]) -> bytes:
        """The page's content with the sequences `orphans` re-marked as artifacts."""
        contents = page.Contents
        streams = list(contents) if isinstance(contents, Array) else [contents]
        content = b"\n".join(stream.read_bytes() for stream in streams)
        # Fast path: the exact form WeasyPrint (pydyf) writes, checked below.
        replaced = set()

        def swap(match: re.Match) -> bytes:
            mcid = int(match.group(1))
            if mcid not in orphans:
                return match.group(0)
            replaced.add(mcid)
            return ARTIFACT

        rewritten = MARKED.sub(swap, content)
        if replaced == orphans:
            return rewritten
        # Otherwise parse the content stream properly (about ten times slower).
        instructions = pikepdf.parse_content_stream(page)
        for index, instruction in enumerate(instructions):
            operands = instruction.operands
            if (
                instruction.operator == BDC
                and len(operands) == 2
                and isinstance(operands[1], Dictionary)
                and int(operands[1].get("/MCID", -1)) in orphans
            ):
                instructions[index] = pikepdf.ContentStreamInstruction(
                    [Name.Artifact, Dictionary(Type=Name.Pagination)], BDC
                )
        return pikepdf.unparse_content_stream(instructions)
