"""The perspective tool through the API: the same access policy, services and audit trail as the pages."""

from ninja import Router

router = Router(tags=["perspective"])
