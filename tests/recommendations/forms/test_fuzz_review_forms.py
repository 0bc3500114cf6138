"""Fuzzing the forms readers post: the reviewer's assessment, comments, and sign-in."""

import urllib.parse

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from tests.recommendations.forms.fuzz_support import (
    FUZZ,
    Seed,
    check_form_post,
    field,
    form,
    fuzz_form,
    in_savepoint,
    post,
)

pytestmark = pytest.mark.django_db


@FUZZ
@given(data=st.data())
def test_fuzz_assessment_as_reviewer(seeded, data):
    seed = Seed()
    fields = {
        "rating": field("good_progress", "no_meaningful_progress", "good", "Good progress"),
        "comment": field("", "Fair."),
    }
    url = seed.url("assessment-record", pk=seed.rec.pk)
    fuzz_form(seeded, data, role="reviewer", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_comment(seeded, data):
    seed = Seed()
    role = data.draw(st.sampled_from(["reviewer", "editor"]), label="role")
    url = seed.url("comment-add", pk=seed.rec.pk)
    fuzz_form(seeded, data, role=role, url=url, fields={"text": field("A comment.")})


@FUZZ
@given(data=st.data())
def test_fuzz_sign_in(seeded, data):
    """The sign-in form, and its ?next=: wherever it sends you is on this site."""
    fields = {
        "username": field("editor", "nobody"),
        "password": field("pw", "wrong"),
    }
    values = data.draw(form(fields), label="data")
    nxt = data.draw(
        field(
            "/plans/",
            "",
        ).any
        | st.sampled_from(
            [
                "//evil.example/",
                "https://evil.example/",
                "/\\evil.example",
                "\\\\evil.example",
                "javascript:alert(1)",
                "http:/evil.example",
                "/%2F%2Fevil.example",
            ]
        ),
        label="next",
    )
    url = reverse("login") + "?" + urllib.parse.urlencode({"next": nxt}, doseq=True)
    urlencoded = data.draw(st.booleans(), label="urlencoded")

    def run():
        cache.clear()  # the sign-in throttle's counts must not reach other tests
        response = post(Client(), url, values, urlencoded)
        check_form_post(response, f"POST {url}")
        if response.status_code == 302:
            assert url_has_allowed_host_and_scheme(response.url, allowed_hosts={"testserver"}), (
                f"sign-in sent the user off the site: {response.url!r}"
            )
            assert not response.url.startswith(("//", "/\\")), response.url

    try:
        in_savepoint(run)
    finally:
        cache.clear()
