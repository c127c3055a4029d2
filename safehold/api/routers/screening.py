"""/cases/{case_id}/screenings…"""

from ninja import Router

router = Router(tags=["screening"])
