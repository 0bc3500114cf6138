"""Reading action plans from Word: the seed as published, its family's variants, the
problems and notes a person sees, and files that are not plans at all."""

import copy
import dataclasses
import datetime
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommendations.importing.reading import ReadResult, UnreadableFile
from recommendations.importing.word import read_docx
from recommendations.importing.yaml_plan import plan_import
from recommendations.models import ResponsibleBody
from recommendations.snapshots import plan_snapshot
from tests.conftest import SEED_SLUG
from tests.recommendations.importing.word_support import (
    KEYS,
    SEED_MARKED_REVISIONS,
    WordPlan,
    seed_data,
    seed_docx,
)


@pytest.fixture(scope="module")
def published():
    return read_docx(seed_docx(), slug=SEED_SLUG)


@pytest.fixture(scope="module")
def answered():
    """The published seed with the two reasons the reader asks for written in."""
    return read_docx(io.BytesIO(seed_docx(SEED_MARKED_REVISIONS)), slug=SEED_SLUG)


def recommendation(data: dict, reference: str) -> dict:
    return next(
        rec for g in data["groups"] for rec in g["recommendations"] if rec["reference"] == reference
    )


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# The seed, as published


def test_the_published_seed_reads_as_its_transcription_but_asks_two_reasons(published):
    expected = seed_data()
    for reference in ("14", "19"):
        (entry,) = recommendation(expected, reference)["progress"]
        entry["revision_reason"] = ""
    assert published.data == expected
    assert messages(published.problems) == [
        "Table 2, row 51, column 'Target Date': 'October 2024' moves action 3's target from "
        "March 2024, and the text gives no reason the reader can find: add a line "
        "'(revised from March 2024: <the reason>)' under the date",
        "Table 2, row 72, column 'Target Date': 'December 2024' moves action 1's target from "
        "April 2024, and the text gives no reason the reader can find: add a line "
        "'(revised from April 2024: <the reason>)' under the date",
    ]


def test_with_the_reasons_written_in_the_seed_reads_field_by_field_as_the_fixture(answered):
    assert answered.problems == []
    expected = seed_data()
    for key in expected:
        assert answered.data[key] == expected[key], key
    assert answered.data == expected


def test_the_quirks_of_the_published_layout_are_read_as_the_transcription_reads_them(answered):
    data = answered.data
    assert recommendation(data, "3")["actions"][0]["owners"] == [
        "SRO MAPPS Programme",
        "T/Det Supt CT Nominal Management",
        "Deputy Director Joint Extremism Unit (JEXU)",
    ]
    rec7 = recommendation(data, "7")
    assert rec7["response"].startswith("This action will be delivered by the JEXU")
    assert [a["target"] for a in rec7["actions"]] == [
        "September 2023",
        "September 2023",
        "December 2023",
        "April 2024",
        "April 2024",
    ]
    assert all(a["text"].startswith("- ") for a in rec7["actions"])
    assert [p["target"] for p in rec7["progress"]] == ["Completed"] * 4
    assert [a["target"] for a in recommendation(data, "8")["actions"]] == [
        "December 2023",
        "August 2023",
        "May 2024",
    ]
    rec9 = recommendation(data, "9")
    assert len(rec9["actions"]) == 4
    assert rec9["response_after"].startswith("The timescales relating to the re-development")
    rec16 = recommendation(data, "16")
    assert rec16["agreement"] == "partly_agreed"
    assert rec16["reasons"] == ["operational"]
    assert rec16["rationale"].startswith("The recommendation is partly agreed for operational")
    assert [p["owners"] for p in recommendation(data, "15")["progress"]] == [
        ["Deputy Director Courts and Custody Group"]
    ] * 4
    assert data["milestones"][-1] == {
        "kind": "progress_update_submitted",
        "label": "12 Month Update Action Plan Submitted",
        "date": datetime.date(2024, 8, 9),
    }
    assert data["bodies"] == [
        {"name": "HM Prison & Probation Service", "short_name": "HMPPS"},
        {"name": "Counter Terrorism Policing"},
    ]


def test_revisions_the_text_explains_are_read_with_their_reasons_and_noted(answered):
    (entry,) = recommendation(answered.data, "6")["progress"]
    assert entry["revises_action"] == 1
    assert entry["revision_reason"] == "internal resourcing pressures"
    assert entry["status"] == "delayed"
    assert (
        "Table 2, row 23, column 'Target Date': 'January 2025' is read as revising action 1's "
        "target (June 2024), because of 'internal resourcing pressures', as the text says"
    ) in messages(answered.notes)


def test_the_documents_own_summary_and_the_numbering_gap_are_notes(answered):
    notes = messages(answered.notes)
    assert (
        "Table 3: The document's summary counts 21 recommendations in total; "
        "the action plan table has 20"
    ) in notes
    assert "Table 3: The document's summary counts 20 Agreed; the action plan table has 19" in notes
    assert any("numbering skips 13" in note and "nothing is filled in" in note for note in notes)
    assert not any(
        rec["reference"] == "13" for g in answered.data["groups"] for rec in g["recommendations"]
    )
    split = [n for n in notes if "column 'Responsible Owner'" in n]
    assert split == [
        "Table 2, row 10, column 'Responsible Owner': 'SRO MAPPS Programme T/Det Supt CT "
        "Nominal Management Deputy Director Joint Extremism Unit (JEXU)' is read as 3 owners "
        "named elsewhere in the plan: 'SRO MAPPS Programme'; 'T/Det Supt CT Nominal "
        "Management'; 'Deputy Director Joint Extremism Unit (JEXU)'"
    ]


def plain(value):
    """A snapshot as plain values, without database ids, which differ between loads."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in {"id", "slug", "as_of"} and not f.name.endswith("_id")
        }
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, ResponsibleBody):
        return (value.name, value.short_name, value.logo_alt)
    return value


@pytest.mark.django_db
def test_imported_from_word_the_plan_is_the_fixtures_plan_field_by_field(answered, monkeypatch):
    """The Word plan imported under the seed's slug in a clean database, beside the
    fixture's plan loaded under another: their snapshots agree field by field."""
    from recommendations.models import ActionPlan
    from recommendations.services import freezing

    # Each load freezes three submissions with a PDF each: their rendering is tested
    # elsewhere, and takes a minute here.
    monkeypatch.setattr(freezing, "render_pdf", lambda html: b"%PDF-1.7 not rendered")
    assert not ActionPlan.objects.exists()
    from_word, created = plan_import(data=copy.deepcopy(answered.data))
    assert created and from_word.slug == SEED_SLUG
    fixture = seed_data()
    fixture["slug"] = "ct-joint-inspection-2023-from-the-fixture"
    from_fixture, _ = plan_import(data=fixture)

    expected = plain(plan_snapshot(plan=from_fixture))
    found = plain(plan_snapshot(plan=from_word))
    for key in expected:
        assert found[key] == expected[key], key
    assert len(found["groups"]) == 7


# The family's variants

PRISON_HEADINGS = [
    "Rec. No.",
    "Recommendation",
    "Accepted / Rejected",
    "Function Responsible / Policy Lead",
    "Response (Action Taken/Planned)",
    "Target Date",
]
PRISON_ORDER = ["ref", "rec", "agreement", "owner", "response", "target"]


def prison_plan(rows) -> bytes:
    """A prison inspection's plan: older terms, paragraph references, other headings in
    another order, a caveat; `rows` fill its action plan table (Table 1)."""
    plan = WordPlan()
    plan.paragraph("HM Prison & Probation Service")
    plan.paragraph("A Response to: Report on an unannounced inspection of HMP Northmoor")
    plan.paragraph("Target dates are likely to be delayed by COVID-19.")
    plan.paragraph("Report Published: 05 November 2019")
    plan.paragraph("Action Plan Submitted: 26th August 2020")
    plan.paragraph("ACTION PLAN: HMP Northmoor")
    plan.plan_table(PRISON_HEADINGS, PRISON_ORDER)
    for row in rows:
        if isinstance(row, str):
            plan.merged_row(row)
        else:
            plan.row(**row)
    return plan.bytes()


PRISON_ROWS = [
    "Main Recommendations to the Governor",
    {
        "ref": "S40",
        "rec": "Prisoners should be unlocked for at least ten hours a day.",
        "agreement": "Accepted",
        "owner": "Head of Residence",
        "response": "A new regime will be introduced.",
        "target": "March 2020",
    },
    {
        "ref": "1.46",
        "rec": "Body scanners should be used for all new arrivals.",
        "agreement": "Partly accepted",
        "owner": "Head of Security",
        "response": [
            "This is partly accepted for operational reasons: the scanner is shared.",
            "Arrivals from courts will be scanned.",
        ],
        "target": "Completed",
    },
    "Recommendations to HMPPS",
    {
        "ref": "1",
        "rec": "First.",
        "agreement": "Agreed",
        "owner": "Governor",
        "response": "One.",
        "target": "June 2020",
    },
    {
        "ref": "2",
        "rec": "Second.",
        "agreement": "Agreed",
        "owner": "Governor",
        "response": "Two.",
        "target": "June 2020",
    },
    "Progress against commitments – Recommendation 2 (January 2021)",
    {"owner": "Governor", "response": "Done.", "target": "Completed"},
    {
        "ref": "4",
        "rec": "Fourth.",
        "agreement": "Rejected",
        "owner": "Governor",
        "response": "Rejected for affordability and policy reasons.",
        "target": "N/A",
    },
]


def test_a_prison_plan_of_the_family_reads_without_special_cases():
    result = read_docx(prison_plan(PRISON_ROWS), slug="hmp-northmoor-2019")
    assert result.problems == []
    data = result.data
    assert [g["heading"] for g in data["groups"]] == [
        "Main Recommendations to the Governor",
        "Recommendations to HMPPS",
    ]
    assert [r["reference"] for g in data["groups"] for r in g["recommendations"]] == [
        "S40",
        "1.46",
        "1",
        "2",
        "4",
    ]
    s40, para146 = data["groups"][0]["recommendations"]
    assert s40["agreement"] == "agreed"
    assert s40["actions"] == [
        {
            "text": "A new regime will be introduced.",
            "owners": ["Head of Residence"],
            "target": "March 2020",
            "status": "in_progress",
        }
    ]
    assert para146["agreement"] == "partly_agreed"
    assert para146["reasons"] == ["operational"]
    assert para146["rationale"].startswith("This is partly accepted for operational reasons")
    assert para146["actions"][0]["text"] == "Arrivals from courts will be scanned."
    assert para146["actions"][0]["status"] == "completed"
    fourth = data["groups"][1]["recommendations"][2]
    assert (fourth["agreement"], fourth["reasons"]) == ("not_agreed", ["policy", "affordability"])
    assert data["groups"][1]["recommendations"][1]["progress"] == [
        {
            "round": "January 2021",
            "text": "Done.",
            "owners": ["Governor"],
            "target": "Completed",
            "status": "completed",
        }
    ]
    assert data["rounds"] == [{"label": "January 2021", "month": "2021-01"}]
    assert data["caveat"] == "Target dates are likely to be delayed by COVID-19."
    assert [m["date"] for m in data["milestones"]] == [
        datetime.date(2019, 11, 5),
        datetime.date(2020, 8, 26),
    ]
    assert data["report"] == {
        "title": "Report on an unannounced inspection of HMP Northmoor",
        "published": datetime.date(2019, 11, 5),
    }
    notes = messages(result.notes)
    assert (
        "Table 1, row 3, column 'Accepted / Rejected': The older term 'Accepted' is read as Agreed"
        in notes
    )
    assert (
        "Table 1, row 4, column 'Accepted / Rejected': The older term 'Partly accepted' is read "
        "as Partly Agreed"
    ) in notes
    gaps = [n for n in notes if "numbering skips" in n]
    assert gaps == [
        "Action plan table: Recommendation numbering skips 3: the plan is read without it, "
        "and nothing is filled in"
    ]


def test_problems_are_located_by_table_row_and_column_heading():
    rows = [
        "Main Recommendations to the Governor",
        {
            "ref": "1",
            "rec": "One.",
            "agreement": "Agreed",
            "owner": "Governor",
            "response": "Do it.",
            "target": "Sumer 2024",
        },
        {
            "ref": "2",
            "rec": "Two.",
            "agreement": "Partly accepted",
            "owner": "Governor",
            "response": ["Only in part.", "Part one."],
            "target": "March 2024",
        },
        {
            "ref": "3",
            "rec": "Three.",
            "agreement": "Maybe",
            "response": "Soon.",
            "target": "Ongoing",
        },
        "Progress against commitments – Recommendation 9 (July 2024)",
    ]
    result = read_docx(prison_plan(rows), slug="problems")
    assert messages(result.problems) == [
        "Table 1, row 6: 'Progress against commitments – Recommendation 9 (July 2024)' follows "
        "recommendation 3, not recommendation 9",
        "Table 1, row 3, column 'Target Date': 'Sumer 2024' is neither a month nor a "
        "financial year",
        "Table 1, row 4, column 'Accepted / Rejected': The recommendation is Partly Agreed, but "
        "no reason is named: say whether it is for commissioning, policy, operational or "
        "affordability reasons",
        "Table 1, row 5, column 'Accepted / Rejected': 'Maybe' is not one of Agreed, Partly "
        "Agreed or Not Agreed",
        "Table 1, row 5, column 'Function Responsible / Policy Lead': No responsible owner is "
        "named",
        "Table 1, row 5, column 'Target Date': 'Ongoing' names no month: give a month and year, "
        "such as March 2024, or a status, such as Completed",
    ]


def test_owners_on_separate_lines_are_separate_and_a_merged_owner_cell_repeats_the_one_above():
    plan = WordPlan()
    plan.paragraph("A Response to: A thematic inspection")
    plan.plan_table()
    plan.merged_row("The Probation Service should:")
    plan.row(
        ref="1",
        rec="One.",
        agreement="Agreed",
        response=["First.", "Second."],
        owner=["Head of Probation\nRegional Director"],
        target=["May 2024", "June 2024"],
    )
    plan.row(("ref", "rec", "agreement", "owner"), response="Third.", target="July 2024")
    result = read_docx(plan.bytes(), slug="thematic")
    actions = result.data["groups"][0]["recommendations"][0]["actions"]
    assert [(a["text"], a["owners"], a["target"]) for a in actions] == [
        ("First.", ["Head of Probation", "Regional Director"], "May 2024"),
        ("Second.", ["Head of Probation", "Regional Director"], "June 2024"),
        ("Third.", ["Head of Probation", "Regional Director"], "July 2024"),
    ]
    assert result.problems == []


# Files that are not Word plans


def a_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def a_docx_without_a_plan() -> bytes:
    plan = WordPlan()
    plan.paragraph("Minutes of the meeting")
    plan.simple_table([["Item", "Owner"], ["Budget", "Finance"]])
    return plan.bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 8, "The file is not a Word document (.docx): it is not even a zip"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "it is not even a zip"),
        (a_zip({"notes.txt": b"hello"}), "a zip archive without a Word document in it"),
        (
            a_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"}),
            "its parts are damaged or of another kind",
        ),
        (
            a_docx_without_a_plan(),
            "The document has no action plan table: no table has the "
            "columns Rec No, Recommendation, Agreed/ Partly Agreed/ Not Agreed, Response Action "
            "Taken/Planned, Responsible Owner, Target Date",
        ),
    ],
    ids=["random bytes", "a PDF renamed", "another zip", "corrupt parts", "no plan table"],
)
def test_a_file_that_is_no_word_plan_is_unreadable_with_a_plain_message(content, message):
    with pytest.raises(UnreadableFile, match=None) as raised:
        read_docx(content)
    assert message in str(raised.value)


def test_a_truncated_docx_is_unreadable():
    with pytest.raises(UnreadableFile):
        read_docx(seed_docx()[:6000])


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = a_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/media/image1.png": bytes(101 * 1024 * 1024),
        }
    )
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnreadableFile, match="unpacks to more than 100 MB"):
        read_docx(bomb)


# Whatever it is given, the reader answers with a result or UnreadableFile


def read_or_refuse(content: bytes):
    try:
        return read_docx(content, slug="fuzz")
    except UnreadableFile:
        return None


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000) | st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b))
def test_arbitrary_bytes_never_raise_anything_but_unreadable_file(content):
    assert read_or_refuse(content) is None or isinstance(read_or_refuse(content), ReadResult)


_fragment = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(["\n", "\t", " "]),
    max_size=12,
) | st.sampled_from(
    [
        "Completed",
        "March 2024",
        "Agreed",
        "(revised from ",
        "Status: Delayed",
        "Progress against commitments – Recommendation 1 (",
        "Sumer 2024",
        "Partly accepted",
        "•",
        "S40",
        ")",
    ]
)
_cell_text = st.lists(_fragment, max_size=4).map("".join)
_row = st.one_of(
    st.builds(lambda text: ("merged", text), _cell_text),
    st.builds(
        lambda cells, merged: ("row", cells, merged),
        st.lists(st.lists(_cell_text, max_size=3), min_size=6, max_size=6),
        st.sets(st.sampled_from(["ref", "rec", "agreement", "response", "owner", "target"])),
    ),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, max_size=8), st.lists(_cell_text, max_size=4))
def test_generated_plans_with_arbitrary_cells_read_or_are_refused(rows, front):
    plan = WordPlan()
    for text in front:
        plan.paragraph(text)
    plan.plan_table()
    previous = "merged"  # a cell can be merged down only from a row of six cells
    for row in rows:
        if row[0] == "merged":
            plan.merged_row(row[1])
        else:
            _kind, cells, merged = row
            plan.row(
                tuple(merged) if previous == "row" else (),
                **dict(zip(KEYS, cells, strict=True)),
            )
        previous = row[0]
    result = read_or_refuse(plan.bytes())
    assert result is None or isinstance(result, ReadResult)
    if result is not None:
        assert all(p.where or p.message for p in result.problems)
