"""Where the current request comes from, so services can record it without being handed the request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    channel: str
    client_address: str | None = None
    user_agent: str = ""


_COMMAND = Origin(channel="command")
_origin: ContextVar[Origin] = ContextVar("safehold_audit_origin", default=_COMMAND)


def current_origin() -> Origin:
    return _origin.get()


@contextmanager
def origin(value: Origin) -> Iterator[None]:
    token = _origin.set(value)
    try:
        yield
    finally:
        _origin.reset(token)
