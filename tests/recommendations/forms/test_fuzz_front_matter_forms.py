"""Fuzzing the front matter's forms and the responding bodies' forms: bad input to each
is a form error or a save, never a 500 (see tests/recommendations/forms/fuzz_support.py)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from recommendations import services
from tests.recommendations.forms.fuzz_support import FUZZ, Seed, date_fields, field, fuzz_form, ids

pytestmark = pytest.mark.django_db


@FUZZ
@given(data=st.data())
def test_fuzz_report_edit(seeded, data):
    seed = Seed()
    fields = {
        "title": field("An inspection of something"),
        **date_fields("published_on"),
        "inspection_period": field("", "23 April – 3 May 2019"),
        "version": field("", services.version_of(seed.plan.report), "not a version"),
        "change_reason": field("Corrected"),
    }
    fuzz_form(seeded, data, role="editor", url=seed.url("report-edit"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_plan_edit(seeded, data):
    seed = Seed()
    fields = {
        "title": field("The plan"),
        "caveat": field("", "A caveat."),
        "introduction": field("", "One.\n\n- a bullet"),
        "version": field("", services.version_of(seed.plan)),
        "change_reason": field("Rewritten"),
    }
    fuzz_form(seeded, data, role="editor", url=seed.url("plan-edit"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_plan_bodies_edit(seeded, data):
    seed = Seed()
    others = [b.pk for b in seed.plan.bodies.all()]
    fields = {
        "body_1": ids(*others),
        "body_2": ids("", *others),
        "body_3": ids(""),
        "version": field("", services.version_of(seed.plan)),
        "change_reason": field("Joint plan"),
    }
    fuzz_form(seeded, data, role="editor", url=seed.url("plan-bodies-edit"), fields=fields)


def milestone_fields():
    return {
        "kind": field("other", "report_published"),
        "label": field("Fieldwork ended"),
        **date_fields("date"),
        "change_reason": field("A milestone"),
    }


@FUZZ
@given(data=st.data())
def test_fuzz_milestone_add_and_edit(seeded, data):
    seed = Seed()
    published = seed.plan.milestones.get(kind="report_published")
    fuzz_form(seeded, data, role="editor", url=seed.url("milestone-add"), fields=milestone_fields())
    fuzz_form(
        seeded,
        data,
        role="editor",
        url=seed.url("milestone-edit", pk=published.pk),
        fields={**milestone_fields(), "version": field("", services.version_of(published))},
    )


@FUZZ
@given(data=st.data())
def test_fuzz_categorisation_and_heading_edit(seeded, data):
    seed = Seed()
    term = seed.plan.categorisation.get(term="agreed")
    fields = {
        "definition": field("Agreed in full."),
        "comment": field("", "Say how."),
        "version": field("", services.version_of(term)),
        "change_reason": field("Plainer"),
    }
    url = seed.url("categorisation-edit", pk=term.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)
    fields = {
        "heading": field("The MoJ should:"),
        "version": field("", services.version_of(seed.group)),
        "change_reason": field("Renamed"),
    }
    url = seed.url("group-edit", pk=seed.group.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_body_add_and_edit(seeded, data):
    seed = Seed()
    fields = {
        "name": field("Youth Justice Board", "HM Prison & Probation Service"),
        "short_name": field("", "YJB"),
        "logo_alt": field("", "YJB logo"),
        "change_reason": field("New body"),
    }
    fuzz_form(seeded, data, role="admin", url=reverse("recommendations:body-add"), fields=fields)
    url = reverse("recommendations:body-edit", args=[seed.hmpps.pk])
    fields = {**fields, "version": field("", services.version_of(seed.hmpps))}
    fuzz_form(seeded, data, role="admin", url=url, fields=fields)
