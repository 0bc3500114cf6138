"""Fuzzing the GET forms: filters and choices in the query string are answered, never a 500."""

import urllib.parse

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from recommendations.models import Milestone
from tests.conftest import client_as
from tests.recommendations.forms.fuzz_support import (
    FUZZ,
    OWNERS,
    STATUSES,
    Seed,
    date_fields,
    field,
    form,
    ids,
    in_savepoint,
    url_names,
)
from tests.recommendations.forms.inert import assert_inert

pytestmark = pytest.mark.django_db


def fuzz_get(seeded, data, *, role, url, fields, allowed=frozenset({200})):
    client = client_as(seeded, role)
    values = data.draw(form(fields), label="query")
    full = url + "?" + urllib.parse.urlencode(values, doseq=True)

    def run():
        response = client.get(full)
        event(f"status {response.status_code}")
        assert response.status_code in allowed, f"GET {full}: {response.status_code}"
        if response["Content-Type"].startswith("text/html") and response.content:
            csp = response.get("Content-Security-Policy")
            assert_inert(response.content.decode(), f"GET {full}", csp)

    in_savepoint(run)


@FUZZ
@given(data=st.data())
def test_fuzz_plan_list_filters(seeded, data):
    seed = Seed()
    fields = {
        "q": field("Pathfinder"),
        "body": ids(seed.hmpps.pk),
        "status": field("overdue", *STATUSES),
    }
    role = data.draw(st.sampled_from(["reviewer", "editor"]), label="role")
    fuzz_get(seeded, data, role=role, url=reverse("recommendations:plan-list"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_compare(seeded, data):
    seed = Seed()
    subs = [str(m.pk) for m in Milestone.objects.filter(plan=seed.plan, submitted_at__isnull=False)]
    fields = {
        "old": field("working", *subs),
        "new": field("working", *subs),
        **date_fields("old_date"),
        **date_fields("new_date"),
    }
    role = data.draw(st.sampled_from(["reviewer", "editor"]), label="role")
    fuzz_get(seeded, data, role=role, url=seed.url("plan-compare"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_slippage_filters(seeded, data):
    seed = Seed()
    fields = {
        "plan": field(seed.slug),
        "owner": field(*OWNERS),
        "addressee": field(seed.group.heading),
        "format": field("csv", "html"),
    }
    role = data.draw(st.sampled_from(["reviewer", "editor"]), label="role")
    fuzz_get(seeded, data, role=role, url=reverse("recommendations:slippage-report"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_publication_submission_number(seeded, data):
    seed = Seed()
    if "recommendations:plan-publication" not in url_names():
        pytest.skip("no published-plan URL yet")
    fields = {"submission": field("1", "2", bad=st.sampled_from(["0", "1" * 5000, "1e3"]))}
    role = data.draw(st.sampled_from(["reviewer", "editor"]), label="role")
    fuzz_get(
        seeded,
        data,
        role=role,
        url=seed.url("plan-publication"),
        fields=fields,
        allowed=frozenset({200, 404}),
    )
