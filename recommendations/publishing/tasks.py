"""The render tasks, run by `manage.py db_worker` on the "renders" queue.

Each takes ids, reads what it needs afresh and is idempotent: run twice, or after a
worker died half way, it leaves one ready render and never a half-written file.
"""

import datetime

from django.tasks import task
from django.utils import timezone

from ..models import ActionPlan, Render, SubmissionRecord
from . import background
from .render import PDF, content_digest, plan_publication_html
from .stored import submission_pdf_store

# How long a submission's PDF waits for the previous submission's to be done.
CHAIN_WAIT_SECONDS = 5
RETRY_SECONDS = 30


@task(queue_name="renders")
def render_working_plan(*, plan_id: int) -> str:
    """The working plan's render, once it has been still: if it changed again since
    this was queued, queued again for then; skipped if this version is rendered already."""
    later = background.render_due(plan_id=plan_id)
    if later is not None:
        return f"the plan changed again: waiting until {later.isoformat()}"
    plan = ActionPlan.objects.filter(pk=plan_id).first()
    if plan is None:
        return "the plan is gone"
    background.plan_edits_prune(plan_id=plan_id)
    html = plan_publication_html(plan=plan)
    render = background.render_for(plan=plan, as_of=None, digest=content_digest(html, PDF))
    return _run(render=render, html=html)


@task(queue_name="renders")
def render_version(*, render_id: int) -> str:
    """A version a reader asked for: the working plan, the plan as at a moment, or a
    submission's PDF (from its frozen HTML, then copied into its record)."""
    render = Render.objects.select_related("plan").filter(pk=render_id).first()
    if render is None:
        return "nothing to do"
    if render.submission_id is not None:
        return _submission_pdf(render=render)
    if render.state == Render.State.READY:
        return "ready already"
    html = plan_publication_html(plan=render.plan, as_of=render.as_of)
    digest = content_digest(html, PDF)
    if digest != render.digest:
        # Asked for before a later change: that version will never be read, this one is.
        if render.as_of is None:
            Render.objects.filter(pk=render.pk).exclude(state=Render.State.READY).delete()
        render = background.render_for(plan=render.plan, as_of=render.as_of, digest=digest)
    return _run(render=render, html=html)


def _run(*, render: Render, html: str) -> str:
    claimed = background.render_claim(render_id=render.pk)
    if claimed is None:
        return f"{render.digest}: ready already, or another worker is rendering it"
    try:
        background.render_run(render=claimed, html=html)
    except Exception:
        claimed.refresh_from_db()
        if claimed.attempts < background.MAX_ATTEMPTS:
            background.render_requeue(render=claimed, delay=RETRY_SECONDS)
        raise
    return render.digest


def _submission_pdf(*, render: Render) -> str:
    record = SubmissionRecord.objects.defer("pdf").get(pk=render.submission_id)
    if not record.pdf_pending:
        return "the submission has its PDF already"
    if render.state != Render.State.READY:
        outcome = _run(render=render, html=bytes(record.html).decode("utf-8"))
        render.refresh_from_db()
        if render.state != Render.State.READY:
            return outcome  # another worker has it
    previous = SubmissionRecord.objects.filter(plan=record.plan_id, number=record.number - 1)
    if previous.filter(record_sha256__isnull=True).exists():
        later = timezone.now() + datetime.timedelta(seconds=CHAIN_WAIT_SECONDS)
        render_version.using(run_after=later).enqueue(render_id=render.pk)
        return "waiting for the previous submission's PDF"
    submission_pdf_store(record_id=record.pk, pdf=background.stored_bytes(name=render.pdf.name))
    return f"submission {record.number} of plan {record.plan_id}"
