"""What a PDF download gets: the background worker's file, or word that it is coming.

The web never renders a PDF. A working or dated version is served from its render (by
the digest of its print HTML), queued if missing; a submission is served from its frozen
record, whose PDF the worker adds moments after it is made.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from ..models import ActionPlan, Render
from ..selectors.versions import LONDON, PlanVersions
from . import background
from .render import (
    PDF,
    RENDERERS,
    Publication,
    content_digest,
    plan_publication_html,
    publication_name,
)
from .stored import StoredPublication, version_publication

# The working version's digest is remembered per edit stamp for this long (it is only
# ever read again while the plan is unchanged).
DIGEST_SECONDS = 60 * 60 * 24 * 7


@dataclass(frozen=True)
class PdfDownload:
    ready: bool
    file_name: str = ""  # in the default storage; empty for a frozen record's bytes
    label: str = ""  # which version is on its way, in words
    failed: bool = False
    attempts: int = 0
    last_ready: Render | None = None  # the working version's last render, for its editors
    earlier_submission: int | None = None


def pdf_publication(*, versions: PlanVersions) -> Publication | StoredPublication:
    """The PDF of the version this reader reads, named without building its print HTML
    when that can be avoided: a submission by its frozen record, the working version by
    its edit stamp (below). Its `body()` is for the command line only."""
    if versions.as_of is None and versions.read_submission is None:
        return working_publication(plan=versions.plan)
    return version_publication(versions=versions, fmt=PDF)


def working_publication(*, plan: ActionPlan) -> Publication:
    """The working version's PDF by the digest of its print HTML, remembered (in the
    shared cache) per edit stamp: building the HTML of a large plan takes longer than
    serving its PDF, and the digest changes only when a change commits (a `PlanEdit`) or
    the code that publishes changes (`source_fingerprint`). The stamp is read before the
    HTML is built, so a change committed meanwhile can only make the digest newer."""
    stamp = background.plan_edit_stamp(plan_id=plan.pk)
    key = f"publish:working-digest:{plan.pk}:{stamp}:{source_fingerprint()}"
    digest = cache.get(key)
    html = ""
    if digest is None:
        html = plan_publication_html(plan=plan)
        digest = content_digest(html, PDF)
        cache.set(key, digest, DIGEST_SECONDS)
    name = publication_name(plan=plan, as_of=None)
    return Publication(fmt=PDF, html=html, digest=digest, filename=f"{name}.pdf")


@functools.cache
def source_fingerprint() -> str:
    """A hash of the code and templates that turn a plan into its print HTML, and of the
    renderers: a deploy that changes any of them names every working version afresh."""
    digest = hashlib.sha256(RENDERERS.encode())
    base = Path(settings.BASE_DIR)
    files = sorted((base / "templates" / "publish").rglob("*"))
    files += sorted(
        path
        for path in (base / "recommendations").rglob("*.py")
        if "migrations" not in path.parts and "management" not in path.parts
    )
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def pdf_download(
    *, versions: PlanVersions, publication: Publication | StoredPublication
) -> PdfDownload:
    if isinstance(publication, StoredPublication):
        if not publication.pending:
            return PdfDownload(ready=True)
        render = background.submission_render_status(record_id=publication.record_id)
        number = publication.number
        return PdfDownload(
            ready=False,
            label=f"submission {number}",
            failed=render is not None and render.state == Render.State.FAILED,
            attempts=render.attempts if render is not None else 0,
            earlier_submission=number - 1 if number and number > 1 else None,
        )
    answer = background.render_requested(
        plan=versions.plan, as_of=versions.as_of, digest=publication.digest
    )
    if answer.ready:
        return PdfDownload(ready=True, file_name=answer.render.pdf.name)
    return PdfDownload(
        ready=False,
        label=_label(versions),
        failed=answer.failed,
        attempts=answer.render.attempts,
        last_ready=answer.last_ready,
    )


def _label(versions: PlanVersions) -> str:
    if versions.as_of is None:
        return "the working version of the plan"
    if versions.read_number is not None:
        return f"submission {versions.read_number}"
    return f"the plan as it stood on {versions.as_of.astimezone(LONDON):%-d %B %Y}"


def publication_bytes(*, publication: Publication | StoredPublication) -> bytes:
    """The file for the command line: the worker's render when it has made this very
    version (so the command and the web give the same bytes), else rendered here."""
    if publication.fmt == PDF and not isinstance(publication, StoredPublication):
        render = Render.objects.filter(digest=publication.digest, state=Render.State.READY).first()
        if render is not None:
            return background.stored_bytes(name=render.pdf.name)
    return publication.body()


def working_render_file(*, plan: ActionPlan, digest: str) -> tuple[str, str] | None:
    """(download name, stored name) of a ready render of the plan's working version."""
    render = Render.objects.filter(
        plan=plan, digest=digest, state=Render.State.READY, as_of__isnull=True
    ).first()
    if render is None:
        return None
    moment: datetime.datetime = render.source_at
    return f"{publication_name(plan=plan, as_of=moment)}.pdf", render.pdf.name
