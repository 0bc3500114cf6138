"""Reading action plans from Word: the seed as published, its family's variants, the
problems and notes a person sees, and files that are not plans at all."""

import copy
import dataclasses
import datetime
import io

import pytest

from recommendations.importing.word import read_docx
from recommendations.importing.yaml_plan import plan_import
from recommendations.models import ResponsibleBody
from recommendations.snapshots import plan_snapshot
from tests.conftest import SEED_SLUG
from tests.recommendations.importing.word_support import (
    SEED_MARKED_REVISIONS,
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
