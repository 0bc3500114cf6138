"""The client side of bench/load.py and bench/scale.py: signed-in editors on
http.client, and their tally.

Each Editor is a thread that signs in and loops over progress updates and action edits,
recording every request's latency and status, and every write's fate, in a shared Tally.
Given several servers (scale.py's two gunicorn processes), an editor sends each request
to the next one in turn, as a load balancer without sticky sessions would.
"""

import http.client
import http.cookies
import re
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from .server import SEED_SLUG

ROUND = "July 2025"
CONFLICT = "saved a change to this at"
UNAVAILABLE = "Sorry, the service is unavailable"


@dataclass
class Answer:
    status_code: int
    text: str
    content_type: str = ""
    size: int = 0


class LoopbackSession:
    """A signed-in browser's cookies over plain HTTP to loopback, on http.client.

    The server believes it is behind a TLS proxy because of X-Forwarded-Proto, so it sets
    Secure, __Host- cookies, which this sends back although the connection is plain HTTP.
    http.client rather than requests: this process shares the two cores with the server
    it measures, and requests costs about twice the CPU per request.
    """

    def __init__(self, base: str | list[str], headers: dict[str, str], timeout: float):
        bases = [base] if isinstance(base, str) else base
        self.servers = [(parts.hostname, parts.port) for parts in map(urllib.parse.urlsplit, bases)]
        self.sent = 0
        self.headers, self.timeout = headers, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        headers = dict(self.headers)
        host, port = self.servers[self.sent % len(self.servers)]
        self.sent += 1
        if "Origin" in headers:  # the server checks it against the host it was sent to
            headers["Origin"] = f"https://{host}:{port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Answer(
                response.status,
                content.decode("utf-8", errors="replace"),
                response.headers.get("Content-Type", ""),
                len(content),
            )
        finally:
            conn.close()


class FormFields(HTMLParser):
    """The values a browser would submit from the page's forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values[name] = a.get("value") or "on"
            elif kind not in {"submit", "button"}:
                self.values[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:
                # A browser drops one newline straight after <textarea>.
                self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.values


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARKER = re.compile(r"\n*\(load edit [^)]*\)$")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    progress_acked: list[str] = field(default_factory=list)
    progress_unknown: list[str] = field(default_factory=list)  # no answer: may have saved
    edits_acked: list[str] = field(default_factory=list)
    edits_unknown: list[str] = field(default_factory=list)
    stale_refused: int = 0
    form_errors: list[str] = field(default_factory=list)
    # (monotonic time answered, status, whether it was the "service unavailable" page)
    events: list[tuple[float, int | None, bool]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int | None, unavailable=False):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] += 1
            self.events.append((time.monotonic(), status, unavailable))


class Editor(threading.Thread):
    def __init__(self, n, base, password, run_id, recs, pairs, owners, deadline, args, tally):
        super().__init__(name=f"editor-{n}", daemon=True)
        self.n, self.base, self.password, self.run_id = n, base, password, run_id
        self.recs, self.pairs, self.owners = recs, pairs, owners
        self.deadline, self.args, self.tally = deadline, args, tally
        self.session = LoopbackSession(
            base,
            {
                "X-Forwarded-Proto": "https",
                "Origin": "",  # the server each request goes to (LoopbackSession)
                "User-Agent": "bench/load.py",
            },
            args.timeout,
        )

    def request(self, kind, method, path, data=None):
        start = time.perf_counter()
        try:
            response = self.session.request(method, path, data)
        except (OSError, http.client.HTTPException) as error:
            self.tally.record(kind, time.perf_counter() - start, None)
            with self.tally.lock:
                self.tally.errors.append(f"{kind} {method} {path}: {error!r}")
            return None
        unavailable = response.status_code == 503 and UNAVAILABLE in response.text
        self.tally.record(kind, time.perf_counter() - start, response.status_code, unavailable)
        if response.status_code >= 500 and not unavailable:
            with self.tally.lock:
                self.tally.errors.append(f"{kind} {method} {path}: {response.status_code}")
        return response

    def sign_in(self) -> bool:
        page = self.request("sign-in", "GET", "/accounts/login/")
        if page is None or page.status_code != 200:
            return False
        token = CSRF.search(page.text).group(1)
        answer = self.request(
            "sign-in",
            "POST",
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": f"load{self.n + 1:02d}",
                "password": self.password,
            },
        )
        return answer is not None and answer.status_code == 302

    def run(self):
        if not self.sign_in():
            with self.tally.lock:
                self.tally.errors.append(f"load{self.n + 1:02d}: sign-in failed")
            return
        for i in range(self.args.max_iterations):
            if time.monotonic() >= self.deadline:
                break
            self.add_progress(i)
            if time.monotonic() >= self.deadline:
                break
            self.edit_action(i)

    def add_progress(self, i):
        rec = self.recs[(self.n + i) % len(self.recs)]
        path = f"/plans/{SEED_SLUG}/recommendations/{rec}/progress/new/"
        page = self.request("progress GET", "GET", path)
        if page is None or page.status_code != 200:
            return
        text = f"load-{self.run_id}-u{self.n:02d}-p{i:05d}"
        answer = self.request(
            "progress POST",
            "POST",
            path,
            data={
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                "round": ROUND,
                "text": text,
                "owner_1": self.owners[self.n % len(self.owners)],
                "status": "in_progress",
                "change_reason": "Load test",
            },
        )
        with self.tally.lock:
            if answer is None or answer.status_code >= 500:
                self.tally.progress_unknown.append(text)
            elif answer.status_code == 302:
                self.tally.progress_acked.append(text)
            else:
                self.tally.form_errors.append(f"progress {answer.status_code}")

    def edit_action(self, i):
        # Every editor edits the same few actions, so edits meet stale versions.
        rec, action = self.pairs[(i % self.args.shared_actions) % len(self.pairs)]
        path = f"/plans/{SEED_SLUG}/recommendations/{rec}/actions/{action}/edit/"
        page = self.request("action GET", "GET", path)
        if page is None or page.status_code != 200:
            return
        values = form_fields(page.text)
        reason = f"load-{self.run_id}-u{self.n:02d}-e{i:05d}"
        values["text"] = MARKER.sub("", values.get("text", "")) + f"\n\n(load edit {reason})"
        values["change_reason"] = reason
        answer = self.request("action POST", "POST", path, data=values)
        with self.tally.lock:
            if answer is None or answer.status_code >= 500:
                self.tally.edits_unknown.append(reason)
            elif answer.status_code == 302:
                self.tally.edits_acked.append(reason)
            elif answer.status_code == 200 and CONFLICT in unescape(answer.text):
                self.tally.stale_refused += 1
            else:
                self.tally.form_errors.append(f"action edit {answer.status_code}")
