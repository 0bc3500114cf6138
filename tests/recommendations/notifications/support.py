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
    """Answers as Notify does: POST /v2/notifications/email with 201 and the new
    notification's id (or the statuses queued in `failures` first: 500, 503...), and
    GET /v2/notifications/<id> with that notification and its delivery status, which is
    `statuses[id]` if set, else `delivery` (404 for an id it never gave)."""

    def __init__(self):
        self.received: list[dict] = []
        self.failures: list[int] = []
        self.ids: list[str] = []  # every notification id given, in order
        self.statuses: dict[str, str] = {}
        self.delivery = "delivered"
        self.checked: list[str] = []  # the ids asked for
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self, status, answer):
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stand_in.received.append(
                    {"path": self.path, "body": body, "auth": self.headers["Authorization"]}
                )
                if stand_in.failures:
                    status = stand_in.failures.pop(0)
                    self.answer(status, {"status_code": status, "errors": [{"message": "Error"}]})
                    return
                notification_id = str(uuid.uuid4())
                stand_in.ids.append(notification_id)
                self.answer(201, {"id": notification_id, "reference": body.get("reference")})

            def do_GET(self):
                notification_id = self.path.removeprefix("/v2/notifications/")
                stand_in.checked.append(notification_id)
                if notification_id not in stand_in.ids:
                    self.answer(404, {"status_code": 404, "errors": [{"message": "Not found"}]})
                    return
                status = stand_in.statuses.get(notification_id, stand_in.delivery)
                self.answer(200, {"id": notification_id, "type": "email", "status": status})

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
