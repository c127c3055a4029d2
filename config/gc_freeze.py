"""Python's garbage collector, frozen once a worker has warmed up.

A full collection walks every tracked object of the process: Django, the URL conf, the compiled templates, the
translation catalogues; 160,000-240,000 objects and 70-96 ms on the development machine, once every 9-15 requests
of a large page (docs/PERFORMANCE.md, "Where a page's time goes"). None of them will ever be garbage. `gc.freeze()`
moves them out of the collector's sight, so a full collection walks only what requests made since. It runs after
the worker's first requests, not at import: the views and templates load on first use, and freezing right after
`get_wsgi_application()` left half the objects (and 70 ms pauses) in place.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import Any

WARM_UP_REQUESTS = 50


class FreezeAfterWarmUp:
    """A WSGI wrapper: after `after` requests of this process, collect once and freeze what is left."""

    def __init__(self, application: Callable[..., Iterable[bytes]], after: int = WARM_UP_REQUESTS):
        self.application = application
        self.after = after
        self.served = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = self.application(environ, start_response)
        self.served += 1
        if self.served == self.after:
            # The request's own objects are garbage now or soon; collect first so they are not frozen with the rest.
            gc.collect()
            gc.freeze()
        return response
