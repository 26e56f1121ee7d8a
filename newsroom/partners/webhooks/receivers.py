"""The signals that become webhook events, connected in PartnersConfig.ready().

Published, withdrawn: newsroom/partners/withdrawals.py calls events.py where it decides
what was public (so both feeds agree). Context, verdicts, corrections: the plugin's and the
stories app's signals below, each sent inside the transaction of the change.
"""

from conflicts.signals import context_changed, verdict_changed
from newsroom.partners.webhooks import events
from newsroom.partners.webhooks.models import EventType
from newsroom.stories.models import ArticlePage
from newsroom.stories.signals import correction_added


def on_context_changed(sender, pks, changed_at, **kwargs):
    if sender is ArticlePage:
        events.articles_changed(EventType.ARTICLE_UPDATED, pks, changed_at)


def on_verdict_changed(sender, claim, old, new, changed_at, **kwargs):
    events.verdict_changed(claim, old, new, changed_at)


def on_correction_added(sender, article, correction, changed_at, **kwargs):
    events.correction_added(article, correction, changed_at)


def connect() -> None:
    context_changed.connect(on_context_changed, dispatch_uid="webhooks_context_changed")
    verdict_changed.connect(on_verdict_changed, dispatch_uid="webhooks_verdict_changed")
    correction_added.connect(on_correction_added, dispatch_uid="webhooks_correction_added")
