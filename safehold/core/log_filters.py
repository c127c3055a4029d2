"""Filters for the log configuration (settings.LOGGING)."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A refused request (4xx) is logged as one line. Django logs a 403 with the traceback of the
    PermissionDenied a view raised on purpose: dozens of lines that tell nothing, repeated for every refusal,
    burying the real errors. An answer of 500 and above keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
