"""What the stories app tells the rest of the site about changes readers will see.

correction_added: a story went live with a correction it did not carry when last live. Sent
    inside the publish's transaction as correction_added.send(sender=ArticlePage,
    article=article, correction=correction, changed_at=<aware datetime>).
"""

from django.dispatch import Signal

correction_added = Signal()
