"""/offers…: the directory of offers through the API, with the same access rule, services and audit trail as the
pages."""

from ninja import Router

router = Router(tags=["offers"])
