"""The published plan: what it says and in what order, read back from the PDF and the
HTML; the PDF's structure for assistive technology; any moment of the plan.

Expected text comes from the seed's YAML (or a plan made here), laid out by the
published documents' rules, never from the template under test.
"""

import datetime
import functools
import io
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from pdfminer.converter import PDFPageAggregator
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from recommendations import publishing, services
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


# --- Renders shared by the tests of this module (each takes seconds) ------------------


class Rendered:
    def __init__(self, plan: ActionPlan, as_of=None):
        self.html = publishing.plan_publication_html(plan=plan, as_of=as_of)
        self.pdf = publishing.render_pdf(self.html)

    @functools.cached_property
    def reading(self) -> str:
        return reading_order_text(self.pdf)

    @functools.cached_property
    def pages(self) -> list[str]:
        return page_texts(self.pdf)


@pytest.fixture(scope="module")
def seed(django_db_setup, django_db_blocker):
    """The seed plan rendered now and at its first submission, in a rolled-back load."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_plan", verbosity=0)
        plan = ActionPlan.objects.get(slug=SEED_DATA["slug"])
        renders = {"now": Rendered(plan), "first": Rendered(plan, FIRST_SUBMISSION)}
        transaction.set_rollback(True)
    return renders


# --- Content and order ----------------------------------------------------------------


def test_the_pdf_reads_every_text_of_the_plan_in_document_order(seed):
    text = seed["now"].reading
    front = [body["name"] for body in SEED_DATA["bodies"]]
    front.append(f"A Response to: {SEED_DATA['report']['title']}")
    front += [f"{m['label']}: {m['date']:%d %B %Y}" for m in SEED_DATA["milestones"]]
    front.append(SEED_DATA["introduction"])
    for term in SEED_DATA["categorisation"]:
        front += [AGREEMENT[term["term"]], term["definition"], term["comment"]]
    front.append(SEED_DATA["title"])
    assert_in_order(text, front + COLUMNS + expected_table_text(SEED_DATA))


def test_the_html_holds_every_text_of_the_plan_in_document_order(seed):
    text = html_text(seed["now"].html)
    assert_in_order(text, [f"A Response to: {SEED_DATA['report']['title']}"])
    assert_in_order(text, COLUMNS + expected_table_text(SEED_DATA))


def test_the_pdf_text_holds_every_owner_target_and_progress_heading(seed):
    # Plain extraction, by position on the page: short texts never split by a page.
    text = " ".join(seed["now"].pages)
    for item in expected_table_text(SEED_DATA):
        if len(item) < 60:
            assert normalise(item) in text


def test_the_summary_is_computed_and_the_numbering_gap_stated(seed):
    recs = [r for g in SEED_DATA["groups"] for r in g["recommendations"]]
    counts = {key: sum(r.get("agreement", "agreed") == key for r in recs) for key in AGREEMENT}
    references = {int(r["reference"]) for r in recs}
    missing = [n for n in range(1, max(references) + 1) if n not in references]
    assert missing == [13]
    expected = [f"{AGREEMENT[key]} {count}" for key, count in counts.items()]
    expected += [f"Total {len(recs)}", "Recommendation 13 is not in this plan."]
    assert_in_order(seed["now"].reading, ["Summary", "Recommendations", *expected])
    assert_in_order(html_text(seed["now"].html), expected)


def test_revised_target_dates_are_shown_with_the_original(seed):
    text = normalise(seed["now"].reading)
    revisions = 0
    for group in SEED_DATA["groups"]:
        for rec in group["recommendations"]:
            for entry in rec.get("progress") or []:
                if entry.get("revises_action"):
                    original = rec["actions"][entry["revises_action"] - 1]["target"]
                    reason = entry["revision_reason"]
                    shown = f"{entry['target']} (revised from {original}: {reason})"
                    assert normalise(shown) in text
                    revisions += 1
    assert revisions == 6
    assert "January 2025 (revised from June 2024: internal resourcing pressures)" in text


def test_gaps_are_stated_in_plain_words():
    assert publishing.gaps_statement([]) == ""
    assert publishing.gaps_statement(["4", "9"]) == "Recommendations 4 and 9 are not in this plan."
    assert (
        publishing.gaps_statement(["2", "3", "8"])
        == "Recommendations 2, 3 and 8 are not in this plan."
    )


# --- The PDF GOV.UK can publish ---------------------------------------------------------


def test_the_pdf_is_tagged_titled_and_in_british_english(seed):
    with pikepdf.open(io.BytesIO(seed["now"].pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        title = f"A Response to: {SEED_DATA['report']['title']}"
        assert str(pdf.docinfo.Title) == title
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert xmp["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in pdf.Root
        # pdfua 0.1.3 cannot evaluate its empty-heading rule (UA-14-001) with pikepdf
        # 10 (it asks an Array for .is_integer), so check that here: each heading
        # marks content.
        headings = structure_elements(pdf, "/H1") + structure_elements(pdf, "/H2")
        assert len(headings) == 4
        assert all(pages_of(pdf, heading) for heading in headings)
        for page in pdf.pages:  # A4 landscape
            width, height = (float(v) for v in page.mediabox[2:])
            assert (round(width), round(height)) == (842, 595)


def test_each_logical_table_is_one_table_element_with_its_header_row_once(seed):
    html = seed["now"].html
    with pikepdf.open(io.BytesIO(seed["now"].pdf)) as pdf:
        tables = structure_elements(pdf, "/Table")
        assert len(tables) == html.count("<table") == 3
        assert len(pdf.pages) > 10  # the action plan table crosses many pages
        plan_table = max(tables, key=lambda t: len(parts_of(t, "/TR")))
        start = html.index('id="action-plan-table"')
        body = html[start : html.index("</table>", start)]
        # Rows split by a page break are one row again, and repeated headers are gone.
        assert len(parts_of(plan_table, "/TR")) == body.count("<tr")
        for table in tables:
            heads = parts_of(table, "/THead")
            assert len(heads) == 1 and len(parts_of(heads[0], "/TR")) == 1
            assert {p.Pg.objgen for p in parts_of(table, "/TBody")} <= {
                page.objgen for page in pdf.pages
            }
        pages_of_plan_table = {kid.Pg.objgen for kid in parts_of(plan_table, "/TR") if "/Pg" in kid}
        assert len(pages_of_plan_table) > 10


def test_header_cells_have_scope_and_data_cells_name_their_headers(seed):
    with pikepdf.open(io.BytesIO(seed["now"].pdf)) as pdf:
        ids = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        for table in structure_elements(pdf, "/Table"):
            header_cells = parts_of(table, "/TH")
            assert header_cells
            for cell in header_cells:
                assert cell.A.O == "/Table"
                assert cell.A.Scope in ("/Column", "/Row")
            for cell in parts_of(table, "/TD") + header_cells:
                for name in cell.A.get("/Headers", []):
                    assert ids[str(name)].S == "/TH"
            for cell in parts_of(parts_of(table, "/THead")[0], "/TH"):
                assert cell.A.Scope == "/Column"
        # Recommendation 7's number heads its five action rows.
        assert ids["r7"].A.RowSpan == 5 and ids["r7"].A.Scope == "/Row"


def test_repeated_header_rows_and_page_numbers_are_artifacts(seed):
    pages = seed["now"].pages
    reading = normalise(seed["now"].reading)
    # Drawn on every page the table crosses, read once.
    table_pages = [p for p in pages if "Response Action Taken/Planned" in p]
    assert len(table_pages) > 10
    assert reading.count("Response Action Taken/Planned") == 1
    assert "Page 1 of" not in reading
    assert pages[0].endswith(f"Page 1 of {len(pages)}")
    assert pages[-1].endswith(f"Page {len(pages)} of {len(pages)}")


def test_every_page_of_the_action_plan_repeats_the_header_row(seed):
    pages = seed["now"].pages
    table_pages = plan_table_pages(seed["now"].pdf)
    assert len(table_pages) > 10
    assert table_pages == list(range(table_pages[0], table_pages[-1] + 1))
    for number in table_pages:
        assert has_header_row(pages[number]), f"page {number + 1} has no header row"


def test_an_outline_entry_for_each_section_and_addressee_group(seed):
    with pikepdf.open(io.BytesIO(seed["now"].pdf)) as pdf, pdf.open_outline() as outline:
        titles, stack = [], list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack += list(reversed(item.children))
    headings = [group["heading"] for group in SEED_DATA["groups"]]
    assert titles == [
        f"A Response to: {SEED_DATA['report']['title']}",
        "Introduction",
        f"Action plan: {SEED_DATA['title']}",
        *headings,
        "Summary",
    ]


def test_text_is_liberation_sans_at_12pt_or_more(seed):
    sizes, fonts = set(), set()
    for page in extract_pages(io.BytesIO(seed["now"].pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    for char in line:
                        if isinstance(char, LTChar) and char.get_text().strip():
                            sizes.add(round(char.size, 1))
                            fonts.add(char.fontname.split("+")[-1])
    assert min(sizes) >= 12
    assert {font.replace("-", "") for font in fonts} <= {
        "LiberationSans",
        "LiberationSansBold",
        "LiberationSansItalic",
    }


def test_the_pdfua_checker_finds_nothing_certain(seed, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed["now"].pdf)
    result = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", str(path), "--certain-only"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS (no findings)" in result.stdout


# --- Long rows ------------------------------------------------------------------------


def _plan_data(slug: str, recommendations: list[dict]) -> dict:
    return {
        "slug": slug,
        "title": f"Synthetic plan {slug}",
        "report": {"title": f"Synthetic report {slug}", "published": datetime.date(2024, 1, 5)},
        "bodies": [{"name": "HM Prison & Probation Service", "short_name": "HMPPS"}],
        "milestones": [
            {
                "kind": "report_published",
                "label": "Report Published",
                "date": datetime.date(2024, 1, 5),
            },
            {
                "kind": "plan_submitted",
                "label": "Action Plan Submitted",
                "date": datetime.date(2024, 2, 1),
            },
        ],
        "rounds": [{"label": "July 2024", "month": "2024-07"}],
        "groups": [{"heading": "The Prison Service should:", "recommendations": recommendations}],
    }


def _words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{n}" for n in range(count))


@pytest.mark.django_db
def test_rows_longer_than_a_page_split_without_losing_text_or_the_header():
    long_response = "\n\n".join(_words(f"resp{p}x", 60) for p in range(12))
    long_progress = _words("prog", 900)
    data = _plan_data(
        "long-rows",
        [
            {
                "reference": "1",
                "text": _words("rec", 300),
                "actions": [
                    {"text": long_response, "owners": ["Head of Long Rows"], "target": "May 2025"},
                    {
                        "text": "Short second action.",
                        "owners": ["Second Owner"],
                        "target": "June 2025",
                    },
                ],
                "progress": [
                    {
                        "round": "July 2024",
                        "text": long_progress,
                        "owners": ["Progress Owner"],
                        "target": "Completed",
                        "status": "completed",
                    }
                ],
            },
            {
                "reference": "2",
                "text": "After the long rows.",
                "actions": [
                    {"text": "Last action.", "owners": ["Last Owner"], "target": "July 2025"}
                ],
            },
        ],
    )
    plan, _ = services.plan_import(data=data)
    html = publishing.plan_publication_html(plan=plan)
    assert 'class="action"' in html  # the long row is not kept whole
    pdf = publishing.render_pdf(html)
    pages = page_texts(pdf)
    assert len(pages) >= 4
    words = set(" ".join(pages).split())
    for source in (long_response, long_progress, _words("rec", 300)):
        assert set(source.split()) <= words
    table_pages = plan_table_pages(pdf)
    assert len(table_pages) >= 4
    for number in table_pages:  # WeasyPrint drops it if a too-tall row is kept whole
        assert has_header_row(pages[number]), f"page {number + 1} has no header row"
    assert_in_order(
        reading_order_text(pdf),
        expected_table_text(data) + ["Summary"],
    )
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(structure_elements(document, "/Table")) == html.count("<table") == 2


# --- Any moment -------------------------------------------------------------------------


class _Rows(HTMLParser):
    """The rows of the action plan table: (class, text of each cell)."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_table, self._cell = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._in_table = attrs.get("id") == "action-plan-table"
        elif self._in_table and tag == "tr":
            self.rows.append((attrs.get("class", ""), []))
        elif self._in_table and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(normalise(" ".join(self._cell)))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[tuple[str, list[str]]]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows


def test_the_first_submission_differs_from_today_exactly_by_the_progress_rows(seed):
    first, now = table_rows(seed["first"].html), table_rows(seed["now"].html)
    is_progress = [
        "progress" in cls or cells[0].startswith("Progress against commitments")
        for cls, cells in now
    ]
    assert any(is_progress)
    assert [row for row, progress in zip(now, is_progress, strict=True) if not progress] == first

    entries = [
        e
        for g in SEED_DATA["groups"]
        for r in g["recommendations"]
        for e in r.get("progress") or []
    ]
    headings = sum(
        bool(r.get("progress")) for g in SEED_DATA["groups"] for r in g["recommendations"]
    )
    assert sum(is_progress) == len(entries) + headings

    first_text = normalise(seed["first"].reading)
    now_text = normalise(seed["now"].reading)
    assert "Progress against commitments" not in first_text
    assert now_text.count("Progress against commitments") == headings
    for entry in entries:
        assert normalise(blocks(entry["text"])[0]) in now_text
        assert normalise(blocks(entry["text"])[0]) not in first_text
    # The front matter lists only the milestones reached by then.
    assert "Action Plan Submitted: 28 July 2023" in first_text
    assert "Updated Action Plan Submitted" not in first_text


@pytest.mark.django_db
def test_a_date_means_the_end_of_that_day_in_london(seed_plan):
    moment = publishing.end_of_day(datetime.date(2024, 8, 9))
    assert moment.utcoffset() == datetime.timedelta(hours=1)  # BST
    assert moment > datetime.datetime(2024, 8, 9, 17, tzinfo=datetime.UTC)
    html = publishing.plan_publication_html(plan=seed_plan, as_of=moment)
    assert "Progress against commitments" in html
    day_before = publishing.plan_publication_html(
        plan=seed_plan, as_of=publishing.end_of_day(datetime.date(2024, 8, 8))
    )
    assert "Progress against commitments" not in day_before


@pytest.mark.django_db
def test_submissions_are_numbered_in_order(seed_plan):
    made = publishing.submissions(seed_plan)
    assert [m.date for m in made] == [
        m["date"] for m in SEED_DATA["milestones"] if m["kind"] != "report_published"
    ]
    assert publishing.submission_moment(plan=seed_plan, number=1) == FIRST_SUBMISSION
    with pytest.raises(type(made[0]).DoesNotExist):
        publishing.submission_moment(plan=seed_plan, number=len(made) + 1)


def test_content_in_a_form_weasyprint_does_not_write_is_still_re_marked_as_artifact():
    # The repair rewrites WeasyPrint's own "/Span <</MCID n>> BDC" directly; any other
    # form (here a property list with two keys) goes through pikepdf's parser.
    from recommendations.pdf_structure import _Repair

    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(
        b"/Span <</MCID 0 /E (x)>> BDC EMC /Span\n<</MCID 1>>\nBDC EMC /P <</MCID 2>> BDC EMC"
    )
    page.Contents = pdf.make_stream(_Repair._as_artifacts(page, {0, 2}))
    marks = [
        (str(operands[0]), dict(operands[1]).get("/MCID"))
        for operands, operator in pikepdf.parse_content_stream(page, "BDC")
    ]
    assert marks == [("/Artifact", None), ("/Span", 1), ("/Artifact", None)]


def test_a_structure_that_does_not_match_the_layout_is_refused(seed):
    # Merging by guesswork could describe a table wrongly: refuse instead.
    from recommendations.pdf_structure import StructureMismatch, one_table_per_table

    with pytest.raises(StructureMismatch, match="tagged tables"):
        one_table_per_table(seed["now"].pdf, [])
