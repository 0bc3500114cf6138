"""What the notifications tests share: a plan with owned actions, and a stand-in GOV.UK
Notify API served over real HTTP on this machine."""

import datetime
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from recommendations.models import OwnerContact
from tests.factories import ActionFactory, OwnerFactory, PlanFactory, RecommendationFactory

# Notify keys end with the service id and the secret, both UUIDs.
NOTIFY_KEY = f"tracker_test-{uuid.uuid4()}-{uuid.uuid4()}"


def owned_action(*, month: datetime.date, owner=None, plan=None, text="Publish guidance."):
    """An open action of `plan` whose target is `month`, owned by `owner`."""
    owner = owner or OwnerFactory()
    plan = plan or PlanFactory()
    rec = RecommendationFactory(group__plan=plan)
    return ActionFactory(
        recommendation=rec,
        text=text,
        target_text=f"{month:%B %Y}",
        target_month=month,
        owners=[owner],
    )


def contact(owner, email="", user=None):
    return OwnerContact.objects.create(owner=owner, email=email, user=user)


class NotifyStandIn:
    """Answers POST /v2/notifications/email as Notify does: 201 with the notification's
    id, or the statuses queued in `failures` first (500, 503...)."""

    def __init__(self):
        self.received: list[dict] = []
        self.failures: list[int] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stand_in.received.append(
                    {"path": self.path, "body": body, "auth": self.headers["Authorization"]}
                )
                if stand_in.failures:
                    status = stand_in.failures.pop(0)
                    answer = {"status_code": status, "errors": [{"message": "Internal error"}]}
                else:
                    status, answer = (
                        201,
                        {"id": str(uuid.uuid4()), "reference": body.get("reference")},
                    )
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
