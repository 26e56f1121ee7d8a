"""What the plugin tells its host about changes readers will see.

Both are sent inside the transaction of the change, so a receiver that records work (a task
on the database backend, a webhook delivery) commits or rolls back with the edit.

context_changed: the reader-visible context of some stories changed (a verdict, an actor's
    name, a claim's sources, an explainer's card or timeline, the stories listed beside it).
    Sent as context_changed.send(sender=<story model>, pks=[story ids], changed_at=<aware
    datetime>, reason="claim" | "actor" | "explainer" | "story", instance=<what changed>).

verdict_changed: a claim went live with another verdict than it had when last live.
    Sent as verdict_changed.send(sender=Claim, claim=claim, old=<verdict value or None>,
    new=<verdict value>, changed_at=<aware datetime>).
"""

from django.dispatch import Signal

context_changed = Signal()
verdict_changed = Signal()
