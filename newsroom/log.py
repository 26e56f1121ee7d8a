"""Logging helpers for production (settings/production.py LOGGING)."""

import logging


class OneLineException(logging.Filter):
    """Replaces a record's traceback by the exception's one-line summary.

    For errors that are expected and frequent during an outage (every cache call while Redis
    is down): one line each says what happened without burying the log in tracebacks.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True
