"""Real HTTP receivers on 127.0.0.1 for the webhook tests, and the example receiver's code.

`example_receiver` is docs/examples/webhook_receiver.py, imported from its file: the tests
verify our deliveries with the code partners are told to copy.
"""

import importlib.util
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from newsroom.partners.models import Partner, WebhookSubscription
from newsroom.partners.webhooks.models import EventType

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "webhook_receiver.py"


def load_example_receiver():
    spec = importlib.util.spec_from_file_location("webhook_receiver_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example_receiver = load_example_receiver()


@dataclass
class Received:
    headers: dict
    body: bytes


@dataclass
class ScriptedReceiver:
    """Records every POST; answers with the next status of `statuses` (then 204s)."""

    statuses: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    url: str = ""

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.requests.append(Received(headers, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                text = b"receiver is down" if status >= 500 else b""
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    scripted = ScriptedReceiver().start()
    yield scripted
    scripted.stop()


@pytest.fixture
def example_server():
    """docs/examples/webhook_receiver.py's server in a thread; .events is what it handled."""
    servers = []

    def start(secret):
        events = []
        server = example_receiver.make_server(secret, port=0, on_event=events.append)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        server.events = events
        server.url = f"http://127.0.0.1:{server.server_address[1]}/webhooks"
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def subscribe(url, partner=None, events=None, **fields) -> WebhookSubscription:
    partner = partner or Partner.objects.create(name=f"Partner {timezone.now().timestamp()}")
    return WebhookSubscription.objects.create(
        partner=partner, url=url, events=events or list(EventType.values), **fields
    )


def events_of(requests) -> list[str]:
    return [json.loads(request.body)["type"] for request in requests]
