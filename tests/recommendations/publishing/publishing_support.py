"""Reading the published plan back: its text from the HTML and the PDF, in reading order, and
the PDF's structure tree; the seed's YAML laid out by the published documents' rules.

Expected text comes from the seed's YAML (or a plan made in a test), never from the
template under test. ``Rendered`` holds one render of a plan (each takes seconds): the
``seed`` fixture (tests/recommendations/conftest.py) renders the seed plan once.
"""

import datetime
import functools
import io
import re
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import yaml
from django.conf import settings
from pdfminer.converter import PDFPageAggregator
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from recommendations import publishing
from recommendations.models import ActionPlan

SEED = Path(settings.BASE_DIR) / "fixtures" / "ct-joint-inspection-2023.yaml"
SEED_DATA = yaml.safe_load(SEED.read_text(encoding="utf-8"))
FIRST_SUBMISSION = datetime.datetime(2023, 7, 28, 17, tzinfo=datetime.UTC)
AGREEMENT = {"agreed": "Agreed", "partly_agreed": "Partly Agreed", "not_agreed": "Not Agreed"}
COLUMNS = [
    "Rec No",
    "Recommendation",
    "Agreed / Partly Agreed / Not Agreed",
    "Response Action Taken/Planned",
    "Responsible Owner",
    "Target Date",
]


# --- Reading the outputs back ---------------------------------------------------------


def normalise(text: str) -> str:
    """Compare words, not layout: line breaks, a hyphen ending a line, ligatures."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text)
    # A line may end after a hyphen or a slash: the words either side belong together.
    return re.sub(r"(\w)([-/]) (\w)", r"\1\2\3", text).strip()


def blocks(source: str) -> list[str]:
    """The paragraphs and list items of a Markdown cell, as a reader sees them."""
    found = []
    for paragraph in re.split(r"\n\s*\n", source or ""):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            found += [line[2:] for line in lines]
        elif lines:
            found.append(" ".join(lines))
    return found


def expected_table_text(data: dict) -> list[str]:
    """Every text of the action plan table, in the published layout's order: by row,
    cells left to right; in the response cell rationale and response before the first
    action and response_after after the last; progress rows after the actions."""
    items = []
    for group in data["groups"]:
        items.append(group["heading"])
        for rec in group.get("recommendations") or []:
            items += blocks(rec["text"])
            items.append(AGREEMENT[rec.get("agreement", "agreed")])
            actions = rec.get("actions") or [None]
            for index, action in enumerate(actions):
                if index == 0:
                    items += blocks(rec.get("rationale", "")) + blocks(rec.get("response", ""))
                items += blocks(action["text"]) if action and action.get("text") else []
                if index == len(actions) - 1:
                    items += blocks(rec.get("response_after", ""))
                items += (action["owners"] + [str(action["target"])]) if action else []
            rounds = defaultdict(list)
            for entry in rec.get("progress") or []:
                rounds[entry["round"]].append(entry)
            for label, entries in rounds.items():
                reference = rec["reference"]
                items.append(f"Progress against commitments – Recommendation {reference} ({label})")
                for entry in entries:
                    items += blocks(entry["text"]) + entry["owners"] + [str(entry["target"])]
    return items


def assert_in_order(text: str, items: list[str]) -> None:
    text = normalise(text)
    position = 0
    for item in items:
        found = text.find(normalise(item), position)
        assert found >= 0, f"not found after position {position}: {item[:80]!r}"
        position = found + len(normalise(item))


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title")
        if tag in ("p", "li", "td", "th", "br", "h1", "h2"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    return "".join(parser.parts)


class _MarkedText(PDFPageAggregator):
    """pdfminer device collecting the text of each marked-content sequence (MCID)."""

    def __init__(self, resources):
        super().__init__(resources, laparams=None)
        self.page_number = -1
        self.stack: list = []
        self.text: dict[tuple[int, int], list[str]] = defaultdict(list)

    def begin_tag(self, tag, props=None):
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.stack.append(mcid)

    def end_tag(self):
        if self.stack:
            self.stack.pop()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        mcid = next((m for m in reversed(self.stack) if m is not None), None)
        if mcid is not None:
            self.text[(self.page_number, mcid)].append(self.cur_item._objs[-1].get_text())
        return advance


def reading_order_text(pdf: bytes) -> str:
    """The PDF's text as assistive technology reads it: pdfminer extracts the text of
    every tagged sequence, the structure tree (pikepdf) gives their order."""
    resources = PDFResourceManager()
    device = _MarkedText(resources)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(pdf))):
        device.page_number = number
        interpreter.process_page(page)

    document = pikepdf.open(io.BytesIO(pdf))
    pages = {page.objgen: i for i, page in enumerate(document.pages)}
    parts = []

    def walk(element):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                parts.append("".join(device.text[(pages[element.Pg.objgen], kid)]))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                page = kid.get("/Pg", element.get("/Pg"))
                parts.append("".join(device.text[(pages[page.objgen], int(kid.MCID))]))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)
        parts.append(" ")

    walk(document.Root.StructTreeRoot)
    return "".join(parts)


def page_texts(pdf: bytes) -> list[str]:
    return [
        normalise(" ".join(e.get_text() for e in page if isinstance(e, LTTextContainer)))
        for page in extract_pages(io.BytesIO(pdf))
    ]


def structure_elements(pdf: pikepdf.Pdf, kind: str) -> list:
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == kind:
                    found.append(kid)
                stack.append(kid)
    return found


def parts_of(element, kind: str) -> list:
    """Descendants of `kind` in tree order (cells are not searched inside)."""
    found = []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if kid.S == kind:
                found.append(kid)
            if kid.S in ("/THead", "/TBody", "/TR"):
                found += parts_of(kid, kind)
    return found


def pages_of(pdf: pikepdf.Pdf, element) -> set[int]:
    """The pages on which an element's content is drawn."""
    numbers = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found, stack = set(), [element]
    while stack:
        current = stack.pop()
        kids = current.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                found.add(numbers[current.Pg.objgen])
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.add(numbers[kid.get("/Pg", current.get("/Pg")).objgen])
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
    return found


def plan_table_pages(pdf_bytes: bytes) -> list[int]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tables = structure_elements(pdf, "/Table")
        plan_table = max(tables, key=lambda t: len(parts_of(t, "/TR")))
        return sorted(pages_of(pdf, plan_table))


def has_header_row(page_text: str) -> bool:
    return all(normalise(column) in page_text for column in COLUMNS)


# --- A render of a plan, read back once ---------------------------------------------------


class Rendered:
    """A plan's published HTML and the PDF made from it (as it was at `as_of`), with the
    PDF's text read back on first use."""

    def __init__(self, plan: ActionPlan, as_of=None):
        self.html = publishing.plan_publication_html(plan=plan, as_of=as_of)
        self.pdf = publishing.render_pdf(self.html)

    @functools.cached_property
    def reading(self) -> str:
        return reading_order_text(self.pdf)

    @functools.cached_property
    def pages(self) -> list[str]:
        return page_texts(self.pdf)
