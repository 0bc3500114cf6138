"""The published PDF for assistive technology: tags, tables, outline, fonts, structure repair."""

import datetime
import io
import subprocess
import sys

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

from recommendations import publishing
from recommendations.importing.yaml_plan import plan_import
from tests.recommendations.publishing.publishing_support import (
    SEED_DATA,
    assert_in_order,
    expected_table_text,
    has_header_row,
    normalise,
    page_texts,
    pages_of,
    parts_of,
    plan_table_pages,
    reading_order_text,
    structure_elements,
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
    plan, _ = plan_import(data=data)
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


# --- Repairing the structure WeasyPrint writes ----------------------------------------------


def test_content_in_a_form_weasyprint_does_not_write_is_still_re_marked_as_artifact():
    # The repair rewrites WeasyPrint's own "/Span <</MCID n>> BDC" directly; any other
    # form (here a property list with two keys) goes through pikepdf's parser.
    from recommendations.publishing.pdf_structure import _Repair

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
    from recommendations.publishing.pdf_structure import StructureMismatch, one_table_per_table

    with pytest.raises(StructureMismatch, match="tagged tables"):
        one_table_per_table(seed["now"].pdf, [])
