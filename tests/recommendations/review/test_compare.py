"""Comparisons of the seed's submissions show exactly what the seed records."""

import datetime

import pytest
import yaml
from django.conf import settings

from recommendations.review.change_notes import draft_change_note
from recommendations.review.compare import compare_plans
from recommendations.review.diff import word_diff
from recommendations.snapshots import plan_snapshot

pytestmark = pytest.mark.django_db

FIRST = datetime.datetime(2023, 7, 28, 17, tzinfo=datetime.UTC)
SECOND = datetime.datetime(2023, 10, 11, 17, tzinfo=datetime.UTC)
LAST = datetime.datetime(2024, 8, 9, 17, tzinfo=datetime.UTC)


@pytest.fixture
def first_and_last(seed_plan):
    return compare_plans(
        plan_snapshot(plan=seed_plan, as_of=FIRST), plan_snapshot(plan=seed_plan, as_of=LAST)
    )


def fixture_progress_count() -> int:
    data = yaml.safe_load(
        (settings.BASE_DIR / "fixtures" / "ct-joint-inspection-2023.yaml").read_text()
    )
    return sum(len(r.get("progress", [])) for g in data["groups"] for r in g["recommendations"])


def test_the_two_2023_submissions_hold_the_same_plan(seed_plan):
    comparison = compare_plans(
        plan_snapshot(plan=seed_plan, as_of=FIRST), plan_snapshot(plan=seed_plan, as_of=SECOND)
    )
    assert comparison.changed == []


def test_first_against_last_shows_every_progress_row(first_and_last):
    assert first_and_last.new_progress_count == fixture_progress_count()
    assert all(r.kind == "changed" for r in first_and_last.recommendations)
    assert not any(
        r.texts or r.agreement or r.actions_added or r.actions_removed
        for r in first_and_last.recommendations
    )


def test_first_against_last_shows_the_moved_dates_exactly(first_and_last):
    moved = {
        (r.reference, a.number, a.target.old_text, a.target.new_text, a.target.months)
        for r, a in first_and_last.moved_targets
    }
    assert {
        ("6", 1, "June 2024", "January 2025", 7),
        ("11", 1, "December 2023", "December 2024", 12),
        ("14", 3, "March 2024", "October 2024", 7),
    } <= moved
    reasons = {r.reference: a.target.reasons for r, a in first_and_last.moved_targets}
    assert reasons["6"] == ["internal resourcing pressures"]


def test_the_drafted_change_note_names_each_move_with_its_reason(first_and_last):
    note = draft_change_note(first_and_last).splitlines()
    assert (
        "Recommendation 6: target date moved from June 2024 to January 2025: "
        "internal resourcing pressures"
    ) in note
    assert "Recommendation 7: 4 new progress entries (July 2024)" in note


class TestWordDiff:
    def test_marks_removed_and_added_words_with_hidden_labels(self):
        html = word_diff("due by June 2024", "due by January 2025")
        assert html == (
            'due by <del><span class="govuk-visually-hidden">removed: </span>June 2024</del>'
            '<ins><span class="govuk-visually-hidden">added: </span>January 2025</ins>'
        )

    def test_escapes_what_it_shows(self):
        html = word_diff("<b>old</b>", "<script>alert(1)</script>")
        assert "<script>" not in html and "&lt;script&gt;" in html
