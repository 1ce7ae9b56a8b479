"""A real HTTP receiver on loopback that answers what each test scripts, and endpoints
pointing at it (WEBHOOKS_ALLOW_PRIVATE is on here, as the issue says, so loopback is
reachable over plain http)."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from ghostless.webhooks import services


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    def verified_with(self, secret: str) -> dict | None:
        try:
            return Webhook(secret).verify(self.body, self.headers)
        except WebhookVerificationError:
            return None


@dataclass
class Receiver:
    url: str = ""
    # What to answer, in order: (status, seconds to wait first, extra headers); then 200.
    script: list[tuple[int, float, dict]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, *statuses: int, delay: float = 0.0, headers: dict | None = None) -> None:
        self.script.extend((status, delay, headers or {}) for status in statuses)

    def accepted_ids(self) -> list[str]:
        """What a deduplicating receiver keeps: each id once."""
        return list(dict.fromkeys(r.id for r in self.received))

    def events(self) -> list[dict]:
        return [json.loads(r.body) for r in self.received]


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            with receiver.lock:
                receiver.received.append(
                    Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                )
                status, delay, headers = (
                    receiver.script.pop(0) if receiver.script else (200, 0.0, {})
                )
            if delay:
                time.sleep(delay)  # the receiver is slow; the test itself never waits on it
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(f"answer {status} ".encode() * 200)
            except OSError:
                pass  # Ghostless gave up waiting and hung up

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def receiver():
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    server.daemon_threads = True
    found.url = f"http://127.0.0.1:{server.server_port}/hooks"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _private_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.WEBHOOKS_TIMEOUT = 1.0


@pytest.fixture
def endpoint(db, receiver):
    """Subscribed to every event type; `endpoint.secret` is its secret."""
    from ghostless.webhooks.catalog import EVENT_TYPES

    made, _ = services.endpoint_create(actor=None, url=receiver.url, events=list(EVENT_TYPES))
    return made
