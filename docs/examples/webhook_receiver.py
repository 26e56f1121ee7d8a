"""A partner's webhook receiver, with the Python standard library alone (docs/webhooks.md).

    WEBHOOK_SECRET=whsec_... python webhook_receiver.py --port 8765

It checks each POST as the Standard Webhooks spec says (the HMAC-SHA256 signature, a
timestamp within five minutes), answers 204 at once, ignores a webhook-id it has already
seen (a retry or a replay of a message it has), and prints each new event as one JSON line.
Put your own work in handle_event(), or better, queue it from there: we wait 10 seconds at
most for an answer, and count anything but a 2xx as a failure to retry.
"""

import argparse
import base64
import contextlib
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
REMEMBERED_IDS = 100_000  # webhook-ids kept to deduplicate; older ones are forgotten first


class InvalidWebhook(Exception):
    pass


def verify(secret, headers, body, tolerance=TOLERANCE_SECONDS, now=None):
    """Raise InvalidWebhook unless body was signed with secret, recently; return the id."""
    try:
        message_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        signatures = headers["webhook-signature"].split()
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidWebhook("missing or malformed webhook headers") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise InvalidWebhook("timestamp too old or too far in the future")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    if not any(hmac.compare_digest(expected, given) for given in signatures):
        raise InvalidWebhook("bad signature")
    return message_id


class SeenIds:
    """The webhook-ids already handled (in memory here: use your database in production)."""

    def __init__(self, limit=REMEMBERED_IDS):
        self.ids, self.limit, self.lock = OrderedDict(), limit, threading.Lock()

    def add(self, message_id):
        """True when message_id is new."""
        with self.lock:
            if message_id in self.ids:
                return False
            self.ids[message_id] = None
            if len(self.ids) > self.limit:
                self.ids.popitem(last=False)
            return True

    def forget(self, message_id):
        with self.lock:
            self.ids.pop(message_id, None)


def handle_event(event):
    """Your work: here, print the event as one line."""
    print(json.dumps(event, sort_keys=True), flush=True)  # noqa: T201


def make_server(secret, host="127.0.0.1", port=8765, on_event=handle_event):
    """An HTTP server that verifies, deduplicates and hands each new event to on_event."""
    seen = SeenIds()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                message_id = verify(secret, self.headers, body)
            except InvalidWebhook as error:
                return self.answer(400, str(error))
            if seen.add(message_id):
                try:
                    on_event(json.loads(body))
                except Exception:
                    seen.forget(message_id)  # not handled: let the sender retry it
                    return self.answer(500, "could not handle the event")
            return self.answer(204)

        def answer(self, status, text=""):
            self.send_response(status)
            self.send_header("Content-Length", str(len(text.encode())))
            self.end_headers()
            self.wfile.write(text.encode())

        def log_message(self, format, *args):
            print(format % args, file=sys.stderr)  # noqa: T201

    return ThreadingHTTPServer((host, port), Handler)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    args = parser.parse_args()
    secret = os.environ.get("WEBHOOK_SECRET")
    if not secret or not secret.startswith("whsec_"):
        sys.exit("Set WEBHOOK_SECRET to the subscription's secret (whsec_...).")
    server = make_server(secret, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"listening on http://{host}:{port}/", flush=True)  # noqa: T201
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
