"""What a PDF download gets: the background worker's file, or word that it is coming.

The web never renders a PDF. A working or dated version is served from its render (by
the digest of its print HTML), queued if missing; a submission is served from its frozen
record, whose PDF the worker adds moments after it is made.
"""

import datetime
from dataclasses import dataclass

from ..models import ActionPlan, Render
from ..selectors.versions import LONDON, PlanVersions
from . import background
from .render import Publication, publication_name
from .stored import StoredPublication


@dataclass(frozen=True)
class PdfDownload:
    ready: bool
    file_name: str = ""  # in the default storage; empty for a frozen record's bytes
    label: str = ""  # which version is on its way, in words
    failed: bool = False
    attempts: int = 0
    last_ready: Render | None = None  # the working version's last render, for its editors
    earlier_submission: int | None = None


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


def working_render_file(*, plan: ActionPlan, digest: str) -> tuple[str, str] | None:
    """(download name, stored name) of a ready render of the plan's working version."""
    render = Render.objects.filter(
        plan=plan, digest=digest, state=Render.State.READY, as_of__isnull=True
    ).first()
    if render is None:
        return None
    moment: datetime.datetime = render.source_at
    return f"{publication_name(plan=plan, as_of=moment)}.pdf", render.pdf.name
