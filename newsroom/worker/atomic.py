"""A request that may write runs in one transaction: an editor's change and the tasks it
enqueues (django-tasks-db rows: the purge, the index updates) commit together or not at all.

Wagtail's admin saves a page or snippet in a transaction but publishes it outside one (each
statement commits alone), so without this a publish that failed half-way stayed half done,
and the work enqueued by its signals was committed before the edit was complete. Safe
methods (GET, HEAD, OPTIONS), the readers' and partners' doors, are left as they are. A
view's exception has been turned into a 500 before it gets here, so any 5xx answer rolls
back. If the database cannot be reached to begin or commit, the answer is the site's 503.
"""

import logging

from django.db import InterfaceError, OperationalError, transaction

from newsroom.unavailable import unavailable_response

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

logger = logging.getLogger(__name__)


class AtomicWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
        except (OperationalError, InterfaceError) as error:
            reason = " ".join(str(error).split())
            logger.warning("database unavailable, answering 503 for %s: %s", request.path, reason)
            return unavailable_response(request)
        return response
