"""Rendering the print template as HTML and, through WeasyPrint, as a tagged PDF.

Rendering a PDF takes seconds (minutes for a large plan), so the web never does it: the
background worker does (`background`, `tasks`), and each render is named by a hash of
the print HTML it is made from. The HTML shows everything the PDF shows, so any change
that shows (an owner renamed, an entry added, the template itself changed) gives a new
name, and nothing that does not show can serve a stale file. The same hash is the ETag.
"""

import datetime
import hashlib
from dataclasses import dataclass
from importlib.metadata import version

from django.conf import settings
from django.template.loader import render_to_string

from ..models import ActionPlan
from ..selectors.versions import LONDON
from ..snapshots import PlanView, plan_snapshot
from .layout import publication_context

PRINT_TEMPLATE = "publish/plan.html"
PDF, HTML = "pdf", "html"
CONTENT_TYPES = {PDF: "application/pdf", HTML: "text/html; charset=utf-8"}
# Bump when the PDF changes for a reason the HTML does not show (post-processing).
PIPELINE_VERSION = "1"
RENDERERS = f"{PIPELINE_VERSION}/weasyprint {version('weasyprint')}/pikepdf {version('pikepdf')}"


def render_print_html(view: PlanView) -> str:
    return render_to_string(PRINT_TEMPLATE, publication_context(view))


def plan_publication_html(*, plan: ActionPlan, as_of: datetime.datetime | None = None) -> str:
    """The plan (now, or as it stood at `as_of`) as the published HTML document."""
    return render_print_html(plan_snapshot(plan=plan, as_of=as_of))


def plan_publication_pdf(*, plan: ActionPlan, as_of: datetime.datetime | None = None) -> bytes:
    """The same document as a tagged PDF/UA-1 file (rendered here: for the command line)."""
    return publication_prepare(plan=plan, as_of=as_of, fmt=PDF).body()


def _fetch_nothing(url: str, *args, **kwargs):
    # The document is self-contained (inline CSS, system fonts, text logos): nothing a
    # plan's text could name is ever fetched while rendering.
    raise ValueError(f"Publishing fetches no resources ({url})")


def render_pdf(html: str) -> bytes:
    """Lay out the print HTML with WeasyPrint, then repair its table structure."""
    # Imported here: WeasyPrint loads Pango and fonts, which pages that never print
    # should not pay for.
    import weasyprint

    from . import pdf_structure

    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetch_nothing
    ).render(pdf_variant="pdf/ua-1")
    fragments = pdf_structure.table_fragments(document)
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf_structure.one_table_per_table(pdf, fragments)


@dataclass(frozen=True)
class Publication:
    """One version of a plan in one format, ready to answer a download."""

    fmt: str
    html: str
    digest: str  # of the print HTML and the renderers: the cache key and the ETag
    filename: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'

    def body(self) -> bytes:
        """The file, rendering the PDF here: for the command line, which may wait (the
        web serves the background worker's render instead: `background`)."""
        if not self.html:
            raise ValueError("This publication was named without its print HTML")
        if self.fmt == HTML:
            return self.html.encode()
        return render_pdf(self.html)


def content_digest(html: str, fmt: str) -> str:
    digest = hashlib.sha256(f"{fmt}\n{RENDERERS}\n".encode())
    digest.update(html.encode())
    return digest.hexdigest()


def publication_prepare(
    *,
    plan: ActionPlan,
    as_of: datetime.datetime | None = None,
    fmt: str = PDF,
    submission: int | None = None,
) -> Publication:
    """Render the print HTML (cheap) and name the result; the PDF waits for body()."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown format {fmt!r}: choose pdf or html")
    html = plan_publication_html(plan=plan, as_of=as_of)
    return Publication(
        fmt=fmt,
        html=html,
        digest=content_digest(html, fmt),
        filename=f"{publication_name(plan=plan, as_of=as_of, submission=submission)}.{fmt}",
    )


def publication_name(
    *, plan: ActionPlan, as_of: datetime.datetime | None, submission: int | None = None
) -> str:
    if submission is not None:
        return f"{plan.slug}-submission-{submission}"
    if as_of is not None:
        return f"{plan.slug}-as-at-{as_of.astimezone(LONDON):%Y-%m-%d}"
    return plan.slug
