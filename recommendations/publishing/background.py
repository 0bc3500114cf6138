"""The PDF made before anyone asks: renders queued on every change, run by the worker.

A change to a plan (any history record of it) asks for its working version to be
rendered once the plan has been still for `RENDER_QUIET_SECONDS`; a download asks for
the version it needs if that is not ready yet. Either way the work is a task on the
"renders" queue, run by `manage.py db_worker` in its own process at a lower CPU
priority, and a download never renders in the request. Rendered files go to Django's
default storage (`STORAGES`), shared by every web process and worker.
"""

import datetime
import hashlib
import logging
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone

from ..models import ActionPlan, PlanEdit, Render, RenderWanted, SubmissionRecord
from . import render as rendering
from .render import PDF, content_digest

logger = logging.getLogger(__name__)
State = Render.State
# A worker touches its render's heartbeat this often; a running render whose heartbeat is
# older than RENDER_ABANDONED_SECONDS belongs to a worker that died and is queued again.
HEARTBEAT_SECONDS = 5
MAX_ATTEMPTS = 3
# The niceness a worker takes before rendering: web requests on the same machine come first.
WORKER_NICENESS = 10


def quiet_seconds() -> float:
    return getattr(settings, "RENDER_QUIET_SECONDS", 10)


def abandoned_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "RENDER_ABANDONED_SECONDS", 60))


# --- A plan changed ----------------------------------------------------------------------


def plan_changed_soon(*, plan_id: int, now: datetime.datetime | None = None) -> None:
    """Ask for the working plan's render `RENDER_QUIET_SECONDS` from now (a later change
    moves it on). Called after the change has committed.

    One task waits per plan: a change while one is queued only moves `due_at` on, and
    the task, finding it later than its own time, waits again (`render_due`)."""
    from .tasks import render_working_plan

    due = (now or timezone.now()) + datetime.timedelta(seconds=quiet_seconds())
    with transaction.atomic():
        if not ActionPlan.objects.filter(pk=plan_id).exists():
            return
        # Locks the plan's row first, so this and a task deciding to wait take turns.
        RenderWanted.objects.update_or_create(plan_id=plan_id, defaults={"due_at": due})
        if not _working_render_queued(plan_id=plan_id):
            render_working_plan.using(run_after=due).enqueue(plan_id=plan_id)


def _working_render_queued(*, plan_id: int) -> bool:
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import render_working_plan

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=render_working_plan.module_path,
        args_kwargs__kwargs__plan_id=plan_id,
    ).exists()


def render_due(*, plan_id: int) -> datetime.datetime | None:
    """None if the plan has been still long enough to render now; otherwise the moment
    it will have been, for which the working plan's task is queued again."""
    from .tasks import render_working_plan

    with transaction.atomic():
        wanted = RenderWanted.objects.select_for_update().filter(plan_id=plan_id).first()
        if wanted is None or wanted.due_at <= timezone.now():
            return None
        render_working_plan.using(run_after=wanted.due_at).enqueue(plan_id=plan_id)
        return wanted.due_at


def plan_edit_stamp(*, plan_id: int) -> int:
    """The plan's newest `PlanEdit` id (0 before any): it moves with every committed change."""
    newest = PlanEdit.objects.filter(plan_id=plan_id).order_by("-id").values_list("id", flat=True)
    return newest.first() or 0


def plan_edits_prune(*, plan_id: int) -> None:
    """Keep only the plan's newest edit stamp row: the older ones are never read."""
    PlanEdit.objects.filter(plan_id=plan_id, id__lt=plan_edit_stamp(plan_id=plan_id)).delete()


# --- Asking for a version ------------------------------------------------------------------


@dataclass(frozen=True)
class RenderAnswer:
    """What a download gets: the ready render, or the one being prepared (and the last
    ready render of the working plan, to offer meanwhile)."""

    render: Render
    last_ready: Render | None = None

    @property
    def ready(self) -> bool:
        return self.render.state == State.READY

    @property
    def failed(self) -> bool:
        return self.render.state == State.FAILED and self.render.attempts >= MAX_ATTEMPTS


def render_requested(
    *, plan: ActionPlan, as_of: datetime.datetime | None, digest: str
) -> RenderAnswer:
    """The render of the version whose print HTML has this digest: ready, or queued now
    (never rendered here). The last ready render of the working plan comes with it."""
    render = Render.objects.filter(digest=digest).first()
    if render is None:
        render = render_for(plan=plan, as_of=as_of, digest=digest, queue=True)
    elif _needs_requeue(render):
        render_requeue(render=render)
    if render.state == State.READY:
        return RenderAnswer(render=render)
    last = (
        Render.objects.filter(plan=plan, state=State.READY, as_of__isnull=True)
        .exclude(pk=render.pk)
        .order_by("-source_at", "-id")
        .first()
    )
    return RenderAnswer(render=render, last_ready=last)


def submission_render_status(*, record_id: int) -> Render | None:
    """The render of a submission's PDF, queued again if its worker died or it failed."""
    render = Render.objects.filter(submission_id=record_id).first()
    if render is not None and _needs_requeue(render):
        render_requeue(render=render)
    return render


def submission_render_queue(*, record: SubmissionRecord) -> Render:
    """Queue the render of a just-frozen submission's PDF from its stored HTML, in the
    caller's transaction: the task exists exactly when the submission does."""
    from .tasks import render_version

    digest = content_digest(bytes(record.html).decode("utf-8"), PDF)
    now = timezone.now()
    render, created = Render.objects.get_or_create(
        digest=digest,
        defaults={
            "plan_id": record.plan_id,
            "as_of": record.submitted_at,
            "submission": record,
            "source_at": now,
            "queued_at": now,
        },
    )
    if not created and render.submission_id is None:
        # The working plan's render of the same HTML: the submission's PDF is that file.
        Render.objects.filter(pk=render.pk).update(submission=record)
    render_version.enqueue(render_id=render.pk)
    return render


def render_for(
    *, plan: ActionPlan, as_of: datetime.datetime | None, digest: str, queue: bool = False
) -> Render:
    """The render of the version whose print HTML has this digest, made if missing (and,
    with `queue`, its task queued for the worker)."""
    from .tasks import render_version

    now = timezone.now()
    try:
        with transaction.atomic():
            render, created = Render.objects.get_or_create(
                digest=digest,
                defaults={"plan": plan, "as_of": as_of, "source_at": now, "queued_at": now},
            )
            if created and queue:
                render_version.enqueue(render_id=render.pk)
    except IntegrityError:  # another process made the same version a moment ago
        render = Render.objects.get(digest=digest)
    return render


def stored_bytes(*, name: str) -> bytes:
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def _needs_requeue(render: Render) -> bool:
    if render.state == State.FAILED:
        return render.attempts < MAX_ATTEMPTS
    if render.state == State.RUNNING:
        beat = render.heartbeat_at or render.started_at or render.queued_at
        return timezone.now() - beat > abandoned_after()
    return False


def render_requeue(*, render: Render, delay: float = 0) -> None:
    """Queue a render again: its worker died (no heartbeat), or it failed and may retry."""
    from .tasks import render_version

    now = timezone.now()
    with transaction.atomic():
        updated = Render.objects.filter(pk=render.pk, state=render.state).update(
            state=State.QUEUED, queued_at=now
        )
        if updated:
            logger.warning("Queueing %s again (was %s)", render, render.state)
            later = now + datetime.timedelta(seconds=delay)
            render_version.using(run_after=later).enqueue(render_id=render.pk)
    render.refresh_from_db()


# --- Rendering (in the worker) -------------------------------------------------------------


def lower_priority() -> None:
    """Run this worker process at WORKER_NICENESS at least: a render is CPU-bound for
    minutes, and the web processes on the same machine must not wait for it."""
    current = os.nice(0)
    if current < WORKER_NICENESS:
        os.nice(WORKER_NICENESS - current)


class _Heartbeat:
    """Touches a running render's heartbeat from a thread while the render runs."""

    def __init__(self, render_id: int):
        self.render_id = render_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self):
        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                Render.objects.filter(pk=self.render_id).update(heartbeat_at=timezone.now())
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def store_file(*, data: bytes, suffix: str) -> tuple[str, str]:
    """Keep `data` in the default storage under its SHA-256; returns (name, sha256).

    A file already stored under that name is kept only if its bytes hash to the name: a
    write cut off half way is replaced, never reused."""
    sha = hashlib.sha256(data).hexdigest()
    name = f"renders/{sha}.{suffix}"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            if hashlib.sha256(stored.read()).hexdigest() == sha:
                return name, sha
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data)), sha


def render_claim(*, render_id: int) -> Render | None:
    """Mark the render running for this worker, unless it is ready or another live
    worker has it."""
    with transaction.atomic():
        render = Render.objects.select_for_update().filter(pk=render_id).first()
        if render is None or render.state == State.READY:
            return None
        if render.state == State.RUNNING and not _needs_requeue(render):
            return None
        now = timezone.now()
        render.state = State.RUNNING
        render.started_at = render.heartbeat_at = now
        render.attempts += 1
        render.save(update_fields=["state", "started_at", "heartbeat_at", "attempts"])
        return render


def render_run(*, render: Render, html: str) -> Render:
    """Render the PDF of `html` for a claimed render, store both files, mark it ready."""
    lower_priority()
    try:
        with _Heartbeat(render.pk):
            pdf = rendering.render_pdf(html)
        pdf_name, pdf_sha = store_file(data=pdf, suffix="pdf")
        html_name, html_sha = store_file(data=html.encode(), suffix="html")
    except Exception as error:
        close_old_connections()
        Render.objects.filter(pk=render.pk).update(
            state=State.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    # Ready only now that both files are stored whole.
    Render.objects.filter(pk=render.pk, state=State.RUNNING).update(
        state=State.READY,
        pdf=pdf_name,
        pdf_sha256=pdf_sha,
        html=html_name,
        html_sha256=html_sha,
        finished_at=timezone.now(),
        error="",
    )
    render.refresh_from_db()
    return render
