"""Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 of
`{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded part of the secret
after `whsec_`, sent as `webhook-signature: v1,<base64>`.

The sender signs with sign(); verify() is what a receiver runs (the example receiver in
docs/examples/webhook_receiver.py does the same with the standard library alone).
"""

import base64
import hashlib
import hmac
import secrets
import time

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)
SECRET_BYTES = 32
TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """A message whose headers, timestamp or signature do not hold."""


def new_secret() -> str:
    """A fresh secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key a secret stands for (the bytes after whsec_, base64-decoded)."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)


def _as_bytes(body) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body)


def sign(secret: str, message_id: str, timestamp: int, body) -> str:
    """The `webhook-signature` header value for one message: `v1,<base64 HMAC-SHA256>`."""
    signed = f"{message_id}.{int(timestamp)}.".encode() + _as_bytes(body)
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, timestamp: int, body) -> dict[str, str]:
    """Every header a delivery carries."""
    return {
        "Content-Type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


def verify(secret: str, headers, body, *, tolerance=TOLERANCE_SECONDS, now=None) -> None:
    """Raise WebhookVerificationError unless the message was signed with secret within
    `tolerance` seconds of now (either way): headers is any mapping, names in any case."""
    lowered = {name.lower(): value for name, value in dict(headers).items()}
    try:
        message_id = lowered["webhook-id"]
        timestamp = int(lowered["webhook-timestamp"])
        signatures = lowered["webhook-signature"].split()
    except (KeyError, ValueError) as error:
        raise WebhookVerificationError("Missing or malformed webhook headers.") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise WebhookVerificationError("The message timestamp is outside the tolerance window.")
    expected = sign(secret, message_id, timestamp, body).encode()
    # Each entry is "<version>,<signature>"; several may be sent while a secret is rotated.
    if not any(hmac.compare_digest(expected, given.encode()) for given in signatures):
        raise WebhookVerificationError("No signature matches.")
