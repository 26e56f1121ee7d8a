"""Signed push to partners (Standard Webhooks): subscriptions, events, deliveries and their log.

models.py     WebhookSubscription (a partner's URL, events, secret), WebhookDelivery (the log)
signing.py    sign() and verify(), exactly as https://www.standardwebhooks.com says
events.py     which change makes which event, for which partner, with which payload
receivers.py  the signals that create events, inside the transaction of the change
delivery.py   one POST of a delivery, and what its answer means (delivered, retry, give up)
tasks.py      the django-tasks tasks: deliver_webhook, resend_stalled_deliveries
admin.py      the Wagtail admin: subscriptions, the delivery log and its Replay button

docs/webhooks.md is the partner's side of it.
"""
