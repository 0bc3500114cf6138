"""Hypothesis settings, strategies and posting helpers for fuzzing every form of the service.

The form fuzzing tests (tests/forms/test_fuzz_*.py) post Hypothesis-generated data to
every form: arbitrary unicode (control characters and NUL included: PostgreSQL refuses
NUL in text, so it must be a form error), 100,000-character text, malformed dates,
missing fields, lists where one value is expected, numbers and unknown values for
choices, non-numeric and unknown ids. Every answer must be 200 or 302; a 200 to a POST
is the form again, with the GOV.UK error summary; every page shown must be inert (see
``assert_inert`` in tests/forms/inert.py).

The seed plan is loaded once for each test module (``seeded``, tests/conftest.py), in a
transaction rolled back at its end; each test runs in a savepoint inside it
(pytest-django) and each Hypothesis example in a savepoint of its own, rolled back by
raising ``_Rollback``.

Examples per form: FUZZ_EXAMPLES (default 30), e.g.
    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/forms/
"""

import os
import re
import urllib.parse
from typing import NamedTuple

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st

from recommendations.models import (
    ActionPlan,
    ProgressUpdate,
    Recommendation,
    ResponsibleBody,
)
from tests.conftest import SEED_SLUG, client_as
from tests.recommendations.forms.inert import XSS_PAYLOADS, assert_inert
from tests.tracker.urlconf_support import urlconf_names

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the repository
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


# --- The seed, once for the module (`seeded`, tests/conftest.py) ----------------------


class Seed:
    def __init__(self):
        self.plan = ActionPlan.objects.get(slug=SEED_SLUG)
        self.slug = self.plan.slug
        self.rec = Recommendation.objects.get(group__plan=self.plan, reference="6")
        self.other_rec = Recommendation.objects.get(group__plan=self.plan, reference="7")
        self.action = self.rec.actions.order_by("position").first()
        self.progress = ProgressUpdate.objects.filter(recommendation=self.rec).first()
        self.group = self.rec.group
        self.hmpps = ResponsibleBody.objects.get(short_name="HMPPS")
        self.submission = self.plan.milestones.filter(submitted_at__isnull=False).first()

    def url(self, name, **kwargs):
        return reverse(f"recommendations:{name}", kwargs={"slug": self.slug, **kwargs})


class _Rollback(Exception):
    """Raised at the end of each example so that its savepoint is rolled back."""


def in_savepoint(fn):
    try:
        with transaction.atomic():
            fn()
            raise _Rollback
    except _Rollback:
        pass


def url_names() -> set[str]:
    """Every URL name of the service: tests of URLs still to come skip until they exist."""
    return urlconf_names()[0]


# --- Values -------------------------------------------------------------------------------

SPECIAL_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 5,
    "July 2025\x00",
    "\t\r\n\x0b\x0c",
    "\x1b[31mred",
    "\x7f\x80\x9f",
    "\u202e\u2066reversed",
    "\ufeff",
    "\uffff\ufffe",
    "😀" * 10,
    "𝕏𝔸",
    "İß",
    "null",
    "None",
    "0",
    "-1",
    "1e309",
    "NaN",
    "' OR 1=1 --",
    "%s%s%n",
    "../../etc/passwd",
    # Month and year phrases: year 0 and 10000 are not dates
    "March 0000",
    "July 0000",
    "end of 0000",
    "0000-01",
    "0000-01-01",
    "9999-10000",
    "December 9999",
    "2023-24",
    *XSS_PAYLOADS,
]

LONG_TEXT = [
    "x" * 100_000,
    "é" * 100_000,
    "word " * 20_000,
    "a\x00" * 50_000,
    "\n\n- item" * 10_000,
    "😀" * 30_000,
]

text_values = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=20),
    st.sampled_from(SPECIAL_TEXT),
    st.sampled_from(LONG_TEXT),
)
int_values = st.one_of(st.integers(-(2**70), 2**70), st.sampled_from([0, -1, 2**63, 10**20]))
# What a form may be sent where one value is expected: anything at all.
nasty = st.one_of(
    text_values,
    int_values,
    st.lists(st.one_of(text_values, int_values), min_size=0, max_size=3),
)


class Field(NamedTuple):
    valid: st.SearchStrategy  # values the form should accept (or refuse for a good reason)
    any: st.SearchStrategy  # anything at all


def field(*valid, extra=None, bad=None) -> Field:
    """A field's values: `valid` ones (and `extra`, a strategy of plausible ones), and
    anything at all (`bad`, a strategy of wrong ones, and every kind of nasty value)."""
    good = [st.sampled_from(list(valid))] if valid else []
    if extra is not None:
        good.append(extra)
    good_values = st.one_of(*good) if good else text_values
    wrong = [bad] if bad is not None else []
    return Field(good_values, st.one_of(good_values, *wrong, nasty))


@st.composite
def form(draw, fields: dict[str, Field]):
    """The data of one POST or query: every field valid; valid but for one or two fields
    (wrong or missing), so that examples reach the services; or anything at all."""
    names = sorted(fields)
    mode = draw(st.sampled_from(["valid", "one-or-two-wrong", "anything"]))
    if mode == "anything":
        return draw(st.fixed_dictionaries({}, optional={n: f.any for n, f in fields.items()}))
    values = {name: draw(fields[name].valid) for name in names}
    if mode == "one-or-two-wrong":
        for name in draw(st.sets(st.sampled_from(names), min_size=1, max_size=2)):
            if draw(st.booleans()):
                del values[name]
            else:
                values[name] = draw(fields[name].any)
    return values


# Parts of a GOV.UK date input that are not a day, month or year, or only look like one.
MALFORMED_DATE_PARTS = [
    "",
    " ",
    "0",
    "00",
    "-1",
    "32",
    "13",
    "2.5",
    "1e3",
    "٩",
    "99999999999999999999",
    "Augst",
]


def date_fields(name: str) -> dict[str, Field]:
    """The day, month and year boxes of a date question, valid or anything at all; a
    valid day and month may still make no date (31 February)."""
    part = st.one_of(st.sampled_from(MALFORMED_DATE_PARTS), st.integers(-1, 10_001).map(str))
    return {
        f"{name}_day": field("9", "1", "29", "31", bad=part),
        f"{name}_month": field("8", "1", "2", "12", bad=part),
        f"{name}_year": field("2024", "2025", "2023", bad=part),
    }


def ids(*valid) -> Field:
    """Values for a field holding ids: real ones, unknown, non-numeric, huge, lists."""
    junk = st.sampled_from(["999999", "abc", "1.5", "-1", str(10**20), " 1", "0x10"])
    return field(*[str(v) for v in valid], bad=junk)


MONTHS = ["January", "March", "July", "Sept", "dec"]
# Years at the edges of what datetime.date can hold, and any other
years = st.one_of(st.sampled_from([0, 1, 999, 2024, 9999, 10_000]), st.integers(0, 10_000))
target_phrases = st.one_of(
    st.builds("{} {}".format, st.sampled_from(MONTHS), years),
    st.builds("end of {}".format, years),
    st.builds("{}-{:02d}".format, years, st.integers(0, 13)),
    st.builds("{}-{}".format, years, st.integers(0, 100)),
)

STATUSES = ["in_progress", "completed", "delayed", "superseded", "not_implemented"]
OWNERS = ["Joint Extremism Unit (JEXU)", "SRO MAPPS Programme", "A new owner role"]
TARGETS = ["March 2026", "end of 2025-26", "Completed", "January 2026"]


# --- Posting, and the one rule for every answer ----------------------------------------


def post(client, url, data, urlencoded):
    if urlencoded:
        body = urllib.parse.urlencode(data, doseq=True)
        return client.post(url, body, content_type="application/x-www-form-urlencoded")
    return client.post(url, data)


def check_form_post(response, where):
    """The one rule for every form: saved (302), or shown again with its errors (200)."""
    if currently_in_test_context():
        event(f"status {response.status_code}")
    assert response.status_code in {200, 302}, f"{where}: {response.status_code}"
    if response.status_code == 200:
        html = response.content.decode()
        assert "govuk-error-summary" in html, f"{where}: 200 without an error summary"
        assert_inert(html, where, response.get("Content-Security-Policy"))
    else:
        assert not response.url.startswith(reverse("login")), f"{where}: sent to sign in"


def fuzz_form(seeded, data, *, role, url, fields, extra_check=None):
    """Draw one example of the form's data, post it in a savepoint, check the answer."""
    client = client_as(seeded, role)
    values = data.draw(form(fields), label="data")
    urlencoded = data.draw(st.booleans(), label="urlencoded")

    def run():
        response = post(client, url, values, urlencoded)
        check_form_post(response, f"POST {url} as {role}")
        if extra_check:
            extra_check(response)

    in_savepoint(run)


def assert_saved(response, where):
    """Saved: the form redirected; if not, the failure shows its first errors."""
    assert response.status_code == 302, (
        f"{where}: {response.status_code} "
        f"{re.findall(r'govuk-error-message.*?</p>', response.content.decode(), re.S)[:3]}"
    )
