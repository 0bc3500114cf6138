"""A worker killed in the middle of a render: no half-written file is ever served, and
the render runs again. A real `manage.py db_worker` process works on the test database
and is killed with SIGKILL (no chance to tidy up), as a machine lost or an
out-of-memory kill would. PostgreSQL only: the worker process needs the database the
test's data is committed to (CI runs the suite on PostgreSQL)."""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time

import pikepdf
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from recommendations import publishing
from recommendations.models import ActionPlan, Render
from tests.conftest import SEED_SLUG, client_as

pytestmark = pytest.mark.django_db(transaction=True)


def start_worker(*extra: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "RENDER_ABANDONED_SECONDS": "1",
    }
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "renders"]
    command += ["--no-startup-delay", "--no-reload", "--interval", "0.2", *extra]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"Waited {seconds} s for {what}")


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the worker process needs a database it can share: PostgreSQL (CI runs it)",
)
def test_a_worker_killed_mid_render_serves_nothing_half_made_and_the_render_runs_again(
    settings,
):
    import yaml

    from recommendations.importing.yaml_plan import plan_import
    from tests.factories import make_role_users

    # The seed, its submissions left unfrozen: the editor's working version is the point,
    # and the worker has nothing else queued to do first.
    seed = settings.BASE_DIR / "fixtures" / f"{SEED_SLUG}.yaml"
    plan_import(data=yaml.safe_load(seed.read_text(encoding="utf-8")), freeze=False)
    people = make_role_users()
    editor = client_as(people, "editor")
    plan = ActionPlan.objects.get(slug=SEED_SLUG)
    url = reverse("recommendations:plan-pdf", args=[plan.slug])
    settings.RENDER_ABANDONED_SECONDS = 1

    # Given an editor waiting for the working version's PDF
    assert editor.get(url).status_code == 202
    render = Render.objects.get(plan=plan, as_of=None)

    # When the worker that took it is killed half way through the render
    worker = start_worker()
    try:
        wait_for(
            lambda: Render.objects.filter(pk=render.pk, state=Render.State.RUNNING).exists(),
            60,
            "the worker to start the render",
        )
        time.sleep(0.5)  # inside WeasyPrint: the seed takes seconds
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    render.refresh_from_db()
    assert render.state == Render.State.RUNNING and not render.pdf

    # Then the download still says it is being prepared: nothing half made is served
    waiting = editor.get(url)
    assert waiting.status_code == 202
    assert "This PDF is being prepared" in waiting.content.decode()

    # And once the dead worker's heartbeat is older than the limit, the render is queued
    # again, and the next worker renders it whole
    time.sleep(1.2)
    assert editor.get(url).status_code == 202
    render.refresh_from_db()
    assert render.state == Render.State.QUEUED and render.attempts == 1
    second = start_worker("--batch")
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output.decode()[-2000:]

    render.refresh_from_db()
    assert render.state == Render.State.READY and render.attempts == 2
    response = editor.get(url)
    assert response.status_code == 200
    pdf = response.getvalue()
    assert hashlib.sha256(pdf).hexdigest() == render.pdf_sha256
    with pikepdf.open(io.BytesIO(pdf)) as document:  # whole: it opens, every page there
        assert len(document.pages) > 5
    assert response["ETag"] == publishing.publication_prepare(plan=plan).etag
