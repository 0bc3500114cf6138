"""What the database outage tests need: a database that cannot be reached, a URLconf
whose view and middleware ask it for something, and a TCP proxy that can be cut.

Nothing is mocked: the unreachable database is a PostgreSQL connection to a port where
nothing listens, and the proxy really forwards (and then really drops) the test
database's connections.
"""

import socket
import threading

from django.contrib.auth.decorators import login_not_required
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.urls import path

from tracker.urls import handler500
from tracker.urls import urlpatterns as service_urlpatterns


def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_unreachable_database() -> None:
    """Run a query on a PostgreSQL server that is not there: Django's OperationalError."""
    # A handler of its own, apart from the service's connections ("default" is the
    # name a handler requires).
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "tracker",
                "USER": "tracker",
                "HOST": "127.0.0.1",
                "PORT": closed_port(),
                "OPTIONS": {"connect_timeout": 2},
            }
        }
    )
    try:
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        handler.close_all()


# Open to anyone: the answer must not depend on being signed in.
@login_not_required
def view_reading_the_database(request):
    query_unreachable_database()
    return HttpResponse("never")


@login_not_required
def view_failing_otherwise(request):
    raise RuntimeError("a fault in the service, not the database")


class MiddlewareReadingTheDatabase:
    """Stands for the session and authentication middleware, which read the database
    before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.endswith("/middleware-reads/"):
            query_unreachable_database()
        return self.get_response(request)


urlpatterns = [
    path("outage/view-reads/", view_reading_the_database),
    path("api/v1/outage/view-reads/", view_reading_the_database),
    path("outage/middleware-reads/", view_failing_otherwise),
    path("outage/fault/", view_failing_otherwise),
    *service_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the database until cut; restored on the same port.

    Cut closes the listening socket and every forwarded connection, so the server under
    test sees its open connection die and new ones refused, as when PostgreSQL stops.
    """

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.port = closed_port()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, []
        for sock in [listener, *sockets]:
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    server.close()
                    return
                self._sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
