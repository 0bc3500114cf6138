"""Bad input gets a clear answer, never a 500; what users type comes out inert.

Part 1 posts Hypothesis-generated data to every form of the service: arbitrary unicode
(control characters and NUL included: PostgreSQL refuses NUL in text, so it must be a
form error), 100,000-character text, malformed dates, missing fields, lists where one
value is expected, numbers and unknown values for choices, non-numeric and unknown ids.
Every answer must be 200 or 302; a 200 to a POST is the form again, with the GOV.UK
error summary; every page shown must be inert (see ``assert_inert``).

Part 2 enters classic XSS payloads in every rich-text and plain field and checks that
each page showing them (and the published HTML and PDF) keeps them as text.

The seed plan is loaded once for the module, in a transaction rolled back at its end;
each test runs in a savepoint inside it (pytest-django) and each Hypothesis example in a
savepoint of its own, rolled back by raising ``_Rollback``.

Examples per form: FUZZ_EXAMPLES (default 30), e.g.
    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz_forms.py
"""

import io
import os
import re
import urllib.parse
import zlib
from html.parser import HTMLParser
from typing import NamedTuple

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from recommendations import services
from recommendations.models import (
    ActionPlan,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
    ResponsibleBody,
)
from tests.conftest import SEED_SLUG, client_as

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


# --- Is this HTML inert? ----------------------------------------------------------------

_SCHEME_JUNK = re.compile(r"[\x00-\x20\x7f]+")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class _Inspector(HTMLParser):
    """Collects what would run: scripts, event-handler attributes, script URLs, text."""

    def __init__(self, nonce: str | None = None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._in_script = True
            src = attributes.get("src") or ""
            local = src.startswith(("/" + django_settings.STATIC_URL.lstrip("/"), "/static/"))
            nonce = attributes.get("nonce")
            if not local and not (nonce and (self.nonce is None or nonce == self.nonce)):
                self.problems.append(f"a script the page did not put there: {attrs}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element: {attrs}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = _SCHEME_JUNK.sub("", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"script URL {name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.problems.append(f"script content from user input: {data[:80]!r}")
        elif not self._in_script:
            self.text.append(data)


def inspect_html(html: str, csp: str | None = None) -> _Inspector:
    """Parse a page; `csp` is its Content-Security-Policy header, whose nonce is the
    only one a script may carry."""
    match = re.search(r"'nonce-([^']+)'", csp or "")
    inspector = _Inspector(nonce=match.group(1) if match else None)
    inspector.feed(html)
    inspector.close()
    return inspector


def assert_inert(html: str, where: str = "", csp: str | None = None) -> str:
    """Fail if the page would run anything the user typed; return the page's text."""
    inspector = inspect_html(html, csp)
    assert not inspector.problems, f"{where}: {inspector.problems[:5]}"
    # Belt and braces, beyond the parser: no raw tag from a payload survives unescaped.
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<iframe"):
        assert raw not in html, f"{where}: unescaped {raw!r}"
    return "".join(inspector.text)


# --- Values -------------------------------------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "[click me](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<<script>alert(1)//<</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "- <script>alert(1)</script>",
    "<style>body{display:none}</style>",
    '<script nonce="x">alert(1)</script>',
]

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

MALFORMED_DATES = [
    "31/2/2024",
    "2024-13-45",
    "",
    "0/0/0",
    "29/2/2023",
    "00/00/0000",
    "1/1/0",
    "1/1/0000",
    "31/12/9999",
    "1/1/10000",
    "99999999999999999999/1/1",
    "1/1/-1",
    "9 Augst 2024",
    "٩/٨/٢٠٢٤",
    "2024-02-30",
    "30 February 2024",
    "9 August 2024\x00",
]
VALID_DATES = ["9/8/2024", "9 August 2024", "2024-08-09", "1/1/2025", "29/2/2024"]

text_values = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=20),
    st.sampled_from(SPECIAL_TEXT),
    st.sampled_from(LONG_TEXT),
)
date_values = st.one_of(
    st.sampled_from(MALFORMED_DATES + VALID_DATES),
    st.builds(
        "{}/{}/{}".format,
        st.integers(-1, 40),
        st.integers(-1, 14),
        st.integers(-1, 10_001),
    ),
    text_values,
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


# --- Part 1: every form, as the role that uses it --------------------------------------

pytestmark = pytest.mark.django_db


@FUZZ
@given(data=st.data())
def test_fuzz_plan_create(seeded, data):
    seed = Seed()
    fields = {
        "report_title": field("An inspection of something"),
        "report_published_on": field(*VALID_DATES, bad=date_values),
        "slug": field("a-new-plan", SEED_SLUG, "Not A Slug", "ünïcode"),
        "bodies": ids(seed.hmpps.pk),
        "change_reason": field("Creating it"),
    }
    url = reverse("recommendations:plan-create")
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_plan_submit(seeded, data):
    seed = Seed()
    fields = {
        "kind": field("plan_submitted", "updated_plan_submitted", "progress_update_submitted"),
        "label": field("12 Month Update Action Plan Submitted"),
        "date": field(*VALID_DATES, bad=date_values),
        "change_note": field("What changed"),
    }
    fuzz_form(seeded, data, role="editor", url=seed.url("plan-submit"), fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_group_add(seeded, data):
    seed = Seed()
    fields = {"heading": field("The Home Office should:"), "change_reason": field("New")}
    fuzz_form(seeded, data, role="editor", url=seed.url("group-add"), fields=fields)


def recommendation_fields(version=None):
    fields = {
        "reference": field("99", "6", "S40"),
        "text": field("Do the thing."),
        "agreement": field("agreed", "partly_agreed", "not_agreed"),
        "rationale": field("", "Because."),
        "reasons": field("policy", ["policy", "operational"], bad=st.just(["nonsense"])),
        "response": field("", "We will."),
        "response_after": field(""),
        "change_reason": field("A reason"),
    }
    if version is not None:
        fields["version"] = field(version, "", "2020-01-01T00:00:00+00:00")
    return fields


@FUZZ
@given(data=st.data())
def test_fuzz_recommendation_add(seeded, data):
    seed = Seed()
    url = seed.url("recommendation-add", group=seed.group.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=recommendation_fields())


@FUZZ
@given(data=st.data())
def test_fuzz_recommendation_edit(seeded, data):
    seed = Seed()
    fields = recommendation_fields(version=services.version_of(seed.rec))
    url = seed.url("recommendation-edit", pk=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


def action_fields(version=None):
    fields = {
        "text": field("Do it."),
        "owner_1": field(*OWNERS),
        "owner_2": field("", *OWNERS),
        "owner_3": field(""),
        "target_text": field(*TARGETS, extra=target_phrases),
        "status": field(*STATUSES),
        "change_reason": field("A reason"),
    }
    if version is not None:
        fields["version"] = field(version, "", "not-a-version")
    return fields


@FUZZ
@given(data=st.data())
def test_fuzz_action_add(seeded, data):
    seed = Seed()
    url = seed.url("action-add", rec=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=action_fields())


@FUZZ
@given(data=st.data())
def test_fuzz_action_edit(seeded, data):
    seed = Seed()
    url = seed.url("action-edit", rec=seed.rec.pk, pk=seed.action.pk)
    fields = action_fields(version=services.version_of(seed.action))
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_progress_add(seeded, data):
    seed = Seed()
    other_action = seed.other_rec.actions.first()
    fields = {
        "round": field("July 2025", "July 2024", "Sometime", extra=target_phrases),
        "text": field("Progress was made."),
        "owner_1": field(*OWNERS),
        "owner_2": field(""),
        "owner_3": field(""),
        "status": field(*STATUSES),
        "target_text": field("", *TARGETS, extra=target_phrases),
        "revises_action": ids("", seed.action.pk, other_action.pk),
        "revision_reason": field("", "Resourcing"),
        "change_reason": field("A reason"),
    }
    url = seed.url("progress-add", rec=seed.rec.pk)
    fuzz_form(seeded, data, role="editor", url=url, fields=fields)


@FUZZ
@given(data=st.data())
def test_fuzz_archive(seeded, data):
    seed = Seed()
    kind = data.draw(st.sampled_from(["recommendation", "action", "progress"]), label="kind")
    pk = {"recommendation": seed.rec, "action": seed.action, "progress": seed.progress}[kind].pk
    url = seed.url("archive", kind=kind, pk=pk)
    fuzz_form(seeded, data, role="editor", url=url, fields={"change_reason": field("Gone")})


@FUZZ
@given(data=st.data())
def test_fuzz_moves(seeded, data):
    seed = Seed()
    url = data.draw(
        st.sampled_from(
            [
                seed.url("group-move", pk=seed.group.pk),
                seed.url("recommendation-move", pk=seed.rec.pk),
                seed.url("action-move", rec=seed.rec.pk, pk=seed.action.pk),
            ]
        ),
        label="url",
    )
    fuzz_form(seeded, data, role="editor", url=url, fields={"direction": field("up", "down")})


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


# --- GET forms: filters and choices in the query string ----------------------------------


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
        "old_date": field(*VALID_DATES, bad=date_values),
        "new_date": field(*VALID_DATES, bad=date_values),
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
    if "recommendations:plan-publication" not in _url_names():
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


def _url_names():
    from tests.test_permission_matrix import urlconf_names

    return urlconf_names()[0]


# --- Part 2: XSS payloads in every field come out as text --------------------------------


def chunks(payloads, limit, prefix=""):
    """Payloads packed into strings of at most `limit` characters (each string starting
    with `prefix`), so that short fields carry every payload between them."""
    out, current = [], prefix
    for payload in payloads:
        piece = payload[: limit - len(prefix)]
        if current != prefix and len(current) + 1 + len(piece) > limit:
            out.append(current)
            current = prefix
        current = f"{current} {piece}" if current != prefix else f"{prefix}{piece}"
    out.append(current)
    return out


ALL = "\n\n".join(XSS_PAYLOADS)  # every payload, one paragraph each, in each long field


def _ok(response, where):
    assert response.status_code == 302, (
        f"{where}: {response.status_code} "
        f"{re.findall(r'govuk-error-message.*?</p>', response.content.decode(), re.S)[:3]}"
    )


def enter_payloads(seeded) -> dict:
    """Every field of every form gets the payloads; returns what the pages need."""
    seed = Seed()
    editor = client_as(seeded, "editor")
    rec, action = seed.rec, seed.action

    # A plan of the editor's own, with payloads in its title
    _ok(
        editor.post(
            reverse("recommendations:plan-create"),
            {
                "report_title": ALL,
                "report_published_on": "1/2/2024",
                "slug": "xss-plan",
                "bodies": [seed.hmpps.pk],
                "change_reason": chunks(XSS_PAYLOADS, 500)[0],
            },
        ),
        "plan-create",
    )
    # Headings, and a recommendation under each, with payloads in every text field
    headings = chunks(XSS_PAYLOADS, 300)
    for heading in headings:
        _ok(
            editor.post(seed.url("group-add"), {"heading": heading, "change_reason": heading}),
            "group-add",
        )
    group = seed.plan.groups.order_by("-position").first()
    references = ["<b>X1</b>", '"><i>', "{{7*7}}", "<img src=x>", "&lt;b&gt;"]
    for i, reference in enumerate(references):
        _ok(
            editor.post(
                seed.url("recommendation-add", group=group.pk),
                {
                    "reference": reference,
                    "text": ALL,
                    "agreement": "not_agreed",
                    "rationale": ALL,
                    "reasons": ["policy"],
                    "response": ALL,
                    "response_after": ALL,
                    "change_reason": chunks(XSS_PAYLOADS, 500)[i % 2],
                },
            ),
            "recommendation-add",
        )
    # The seed's recommendation 6, changed with payloads (history and compare show diffs)
    _ok(
        editor.post(
            seed.url("recommendation-edit", pk=rec.pk),
            {
                "reference": rec.reference,
                "text": rec.text + "\n\n" + ALL,
                "agreement": "partly_agreed",
                "rationale": ALL,
                "reasons": ["policy", "affordability"],
                "response": ALL,
                "response_after": ALL,
                "change_reason": chunks(XSS_PAYLOADS, 500)[0],
                "version": services.version_of(rec),
            },
        ),
        "recommendation-edit",
    )
    # Owners: three on the existing action, the rest on new actions
    owner_names = chunks(XSS_PAYLOADS, 255)
    targets = chunks(XSS_PAYLOADS, 100, prefix="March 2026 ")
    action.refresh_from_db()
    _ok(
        editor.post(
            seed.url("action-edit", rec=rec.pk, pk=action.pk),
            {
                "text": ALL,
                "owner_1": owner_names[0],
                "owner_2": owner_names[1 % len(owner_names)],
                "owner_3": owner_names[2 % len(owner_names)],
                "target_text": targets[0],
                "status": "delayed",
                "change_reason": chunks(XSS_PAYLOADS, 500)[1],
                "version": services.version_of(action),
            },
        ),
        "action-edit",
    )
    for i, name in enumerate(owner_names[3:] + targets[1:]):
        _ok(
            editor.post(
                seed.url("action-add", rec=rec.pk),
                {
                    "text": ALL,
                    "owner_1": name[:255],
                    "target_text": targets[i % len(targets)],
                    "status": "in_progress",
                    "change_reason": name[:500],
                },
            ),
            "action-add",
        )
    # Progress updates, each in a round whose label carries payloads, revising the action
    for i, label in enumerate(chunks(XSS_PAYLOADS, 50, prefix="July 2025 ")):
        _ok(
            editor.post(
                seed.url("progress-add", rec=rec.pk),
                {
                    "round": label,
                    "text": ALL,
                    "owner_1": owner_names[i % len(owner_names)],
                    "owner_2": owner_names[(i + 1) % len(owner_names)],
                    "status": "delayed",
                    "target_text": targets[i % len(targets)],
                    "revises_action": action.pk,
                    "revision_reason": ALL,
                    "change_reason": chunks(XSS_PAYLOADS, 500)[i % 2],
                },
            ),
            "progress-add",
        )
    # Archive one of the new recommendations, with payloads as the reason
    archived = Recommendation.objects.get(group=group, reference=references[0])
    _ok(
        editor.post(
            seed.url("archive", kind="recommendation", pk=archived.pk),
            {"change_reason": chunks(XSS_PAYLOADS, 500)[0]},
        ),
        "archive",
    )
    # Submit, so that reviewers see it all; then their assessment and comments
    for label in chunks(XSS_PAYLOADS, 200)[:2]:
        _ok(
            editor.post(
                seed.url("plan-submit"),
                {
                    "kind": "updated_plan_submitted",
                    "label": label,
                    "date": "1/8/2025",
                    "change_note": ALL,
                },
            ),
            "plan-submit",
        )
    reviewer = client_as(seeded, "reviewer")
    _ok(
        reviewer.post(
            seed.url("assessment-record", pk=rec.pk),
            {"rating": "reasonable_progress", "comment": ALL},
        ),
        "assessment-record",
    )
    for who in (reviewer, editor):
        _ok(who.post(seed.url("comment-add", pk=rec.pk), {"text": ALL}), "comment-add")
    return {"seed": seed, "archived": archived, "group": group}


def pages_to_check(seeded, entered) -> list[tuple[str, Client, str]]:
    seed: Seed = entered["seed"]
    rec, action = seed.rec, seed.action
    editor, reviewer, admin = (client_as(seeded, r) for r in ("editor", "reviewer", "admin"))
    first_submission = Milestone.objects.filter(plan=seed.plan, submitted_at__isnull=False)
    first_submission = first_submission.order_by("submitted_at").first()
    payload_owners = Owner.objects.filter(name__contains="alert")
    new_rec = Recommendation.objects.filter(group=entered["group"], archived_at__isnull=True)
    pages = []
    for who, client in (("editor", editor), ("reviewer", reviewer)):
        pages += [
            (who, client, reverse("recommendations:plan-list")),
            (who, client, seed.url("plan-detail")),
            (who, client, seed.url("recommendation-detail", pk=rec.pk)),
            (who, client, seed.url("recommendation-detail", pk=new_rec.first().pk)),
            (who, client, seed.url("plan-history")),
            (who, client, seed.url("recommendation-history", pk=rec.pk)),
            (who, client, seed.url("plan-compare")),
            (who, client, seed.url("plan-compare") + f"?old={first_submission.pk}&new=working"),
            (who, client, reverse("recommendations:owner-list")),
            (who, client, reverse("recommendations:slippage-report")),
        ]
        pages += [
            (who, client, reverse("recommendations:owner-detail", args=[o.pk]))
            for o in payload_owners
        ]
    pages += [
        ("editor", editor, reverse("recommendations:plan-detail", args=["xss-plan"])),
        ("editor", editor, seed.url("recommendation-edit", pk=rec.pk)),
        ("editor", editor, seed.url("action-edit", rec=rec.pk, pk=action.pk)),
        ("editor", editor, seed.url("progress-add", rec=rec.pk)),
        ("editor", editor, seed.url("plan-submit")),
        ("editor", editor, seed.url("archive", kind="action", pk=action.pk)),
        ("admin", admin, reverse("recommendations:archived-list")),
    ]
    if "recommendations:plan-downloads" in _url_names():
        pages.append(("editor", editor, seed.url("plan-downloads")))
    return pages


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_xss_payloads_come_out_inert_in_every_page(seeded, subtests):
    entered = enter_payloads(seeded)
    seen_text = []
    for who, client, url in pages_to_check(seeded, entered):
        with subtests.test(msg=f"GET {url} as {who}"):
            response = client.get(url)
            assert response.status_code == 200, f"GET {url} as {who}: {response.status_code}"
            csp = response.get("Content-Security-Policy")
            seen_text.append(assert_inert(response.content.decode(), f"GET {url} as {who}", csp))
    # The payloads were shown, as the text the user typed.
    shown = _squash("".join(seen_text))
    missing = [p for p in XSS_PAYLOADS if _squash(p.lstrip("- ")) not in shown]
    assert not missing, f"payloads not shown as typed anywhere: {missing}"


# --- The published plan: HTML and PDF ---------------------------------------------------


PDF_BAD_KEYS = {"/JS", "/JavaScript", "/URI", "/Launch", "/SubmitForm", "/ImportData", "/AA"}
PDF_BAD_ACTIONS = {"/JavaScript", "/URI", "/Launch", "/SubmitForm", "/ImportData"}


def _pdf_object_problems(obj, depth=0) -> list[str]:
    """Bad keys and actions in one object and the direct objects nested in it."""
    import pikepdf

    problems = []
    if depth > 20:
        return problems
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        keys = set(obj.keys())
        problems += [f"key {key}" for key in sorted(PDF_BAD_KEYS & keys)]
        if str(obj.get("/S", "")) in PDF_BAD_ACTIONS:
            problems.append(f"action {obj.get('/S')}")
        children = [obj.get(key) for key in keys]
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return problems
    for child in children:
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            problems += _pdf_object_problems(child, depth + 1)
    return problems


def _pdf_problems(pdf_bytes: bytes) -> list[str]:
    """Anything in the PDF that could run or go somewhere: JavaScript, URIs, launches."""
    import pikepdf

    problems = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        # Every indirect object, those inside object streams included, and what they nest
        for obj in pdf.objects:
            problems += _pdf_object_problems(obj)
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()  # decompressed
                except pikepdf.PdfError:
                    continue
                if re.search(rb"/(JavaScript|JS|URI|Launch)\b", data):
                    problems.append("a stream naming /JavaScript, /JS, /URI or /Launch")
        names = pdf.Root.get("/Names")
        if names is not None and "/JavaScript" in names.keys():
            problems.append("document-level JavaScript")
        if "/OpenAction" in pdf.Root.keys():
            problems.append("/OpenAction")
    # And the raw file, its Flate streams inflated, for anything pikepdf did not list
    raw = pdf_bytes
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf_bytes, re.S):
        try:
            raw += zlib.decompress(match.group(1))
        except zlib.error:
            pass
    if re.search(rb"/JavaScript|/JS\b|/Launch\b|/URI\b", raw):
        problems.append("raw bytes name /JavaScript, /JS, /URI or /Launch")
    return problems


def enter_payloads_in_a_new_plan(seeded) -> ActionPlan:
    """A small plan of the editor's own with payloads in every field the print shows
    (the seed plan's PDF takes too long to render for a test run on every push)."""
    seed = Seed()
    editor = client_as(seeded, "editor")
    _ok(
        editor.post(
            reverse("recommendations:plan-create"),
            {
                "report_title": ALL,
                "report_published_on": "1/2/2024",
                "slug": "xss-plan",
                "bodies": [seed.hmpps.pk],
            },
        ),
        "plan-create",
    )
    plan = ActionPlan.objects.get(slug="xss-plan")
    url = lambda name, **kw: reverse(f"recommendations:{name}", kwargs={"slug": plan.slug, **kw})  # noqa: E731
    heading = chunks(XSS_PAYLOADS, 300)[0]
    _ok(editor.post(url("group-add"), {"heading": heading}), "group-add")
    group = plan.groups.order_by("position").first()
    _ok(
        editor.post(
            url("recommendation-add", group=group.pk),
            {
                "reference": "<b>1</b>",
                "text": ALL,
                "agreement": "partly_agreed",
                "rationale": " ".join(XSS_PAYLOADS[:13]),
                "reasons": ["policy"],
                "response": " ".join(XSS_PAYLOADS[13:]),
                "response_after": XSS_PAYLOADS[0],
            },
        ),
        "recommendation-add",
    )
    rec = Recommendation.objects.get(group=group)
    owner_names = chunks(XSS_PAYLOADS, 255)
    targets = chunks(XSS_PAYLOADS, 100, prefix="March 2026 ")
    for i, target in enumerate(targets[:3]):
        _ok(
            editor.post(
                url("action-add", rec=rec.pk),
                {
                    "text": XSS_PAYLOADS[i],
                    "owner_1": owner_names[i % len(owner_names)],
                    "owner_2": owner_names[(i + 1) % len(owner_names)],
                    "target_text": target,
                    "status": "in_progress",
                },
            ),
            "action-add",
        )
    action = rec.actions.first()
    for i, label in enumerate(chunks(XSS_PAYLOADS, 50, prefix="July 2025 ")[:2]):
        _ok(
            editor.post(
                url("progress-add", rec=rec.pk),
                {
                    "round": label,
                    "text": XSS_PAYLOADS[-i],
                    "owner_1": owner_names[i % len(owner_names)],
                    "status": "delayed",
                    "target_text": targets[i % len(targets)],
                    "revises_action": action.pk,
                    "revision_reason": XSS_PAYLOADS[i],
                },
            ),
            "progress-add",
        )
    for label in chunks(XSS_PAYLOADS, 200)[:1]:
        _ok(
            editor.post(
                url("plan-submit"),
                {"kind": "plan_submitted", "label": label, "date": "1/8/2025", "change_note": ""},
            ),
            "plan-submit",
        )
    return plan


def test_xss_payloads_are_inert_in_the_published_plan(seeded):
    """Through publishing.plan_publication_html/pdf, which every download comes through
    (the download URLs themselves are checked in tests/test_permission_matrix.py)."""
    try:
        from recommendations import publishing
    except ImportError:  # pragma: no cover - before the publishing work lands
        pytest.skip("no PDF feature yet (recommendations/publishing.py)")
    from pdfminer.high_level import extract_text

    plan = enter_payloads_in_a_new_plan(seeded)
    html = publishing.plan_publication_html(plan=plan)
    text = _squash(assert_inert(html, "published HTML"))
    missing = [p for p in XSS_PAYLOADS if _squash(p.lstrip("- ")) not in text]
    assert not missing, f"payloads not in the published HTML as literal text: {missing}"

    pdf = publishing.plan_publication_pdf(plan=plan)
    assert pdf.startswith(b"%PDF-")
    pdf_text = _squash(extract_text(io.BytesIO(pdf)))
    missing = [p for p in XSS_PAYLOADS if _squash(p.lstrip("- ")) not in pdf_text]
    assert not missing, f"payloads not in the PDF as literal text: {missing}"
    problems = _pdf_problems(pdf)
    assert not problems, problems


# --- Known crashes, pinned as plain examples (Hypothesis also finds them) -------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("action-target", {"target_text": "March 0000"}),
        ("action-target", {"target_text": "end of 0000"}),
        ("progress-round", {"round": "July 0000"}),
        ("progress-target", {"target_text": "0000-01"}),
    ],
)
def test_a_year_0_target_or_round_is_an_answer_not_a_crash(seeded, name, data):
    seed = Seed()
    editor = client_as(seeded, "editor")
    if name == "action-target":
        url = seed.url("action-add", rec=seed.rec.pk)
        body = {"text": "x", "owner_1": OWNERS[0], "status": "in_progress", **data}
    else:
        url = seed.url("progress-add", rec=seed.rec.pk)
        body = {"round": "July 2025", "text": "x", "owner_1": OWNERS[0], "status": "delayed"}
        body.update(data)
    # A form error, or (a progress update's target need not name a month) saved.
    check_form_post(editor.post(url, body), f"POST {url} {data}")


def test_a_huge_body_id_is_a_form_error(seeded):
    """ModelMultipleChoiceField sends an id beyond 64 bits to the database (SQLite: 500)."""
    seed = Seed()
    response = client_as(seeded, "editor").post(
        reverse("recommendations:plan-create"),
        {"report_title": "T", "slug": "a-plan", "bodies": [str(10**20), str(seed.hmpps.pk)]},
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_a_recommendation_longer_than_the_limit_is_refused(seeded):
    """A 70,000-character recommendation (a pasted document) gets a clear form error;
    nothing that long reaches the history page, the word diff or the PDF."""
    import random

    seed = Seed()
    editor = client_as(seeded, "editor")
    rng = random.Random(6)
    vocabulary = ["prison", "probation", "review", "risk", "staff", "training", "policy"]
    text = " ".join(rng.choice(vocabulary) for _ in range(10_000))
    response = editor.post(
        seed.url("recommendation-edit", pk=seed.rec.pk),
        {
            "reference": seed.rec.reference,
            "text": text,
            "agreement": "agreed",
            "version": services.version_of(seed.rec),
        },
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Shorten this text to 20,000 characters or fewer" in response.content
