"""What the child's-voice views share: the addresses of their pages, the audience a picture previews, the
printouts offered, the answer to a one-click change of who may see something."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from safehold.cases.models import Case
from safehold.child_voice.models import AUDIENCES, Conversation, SafetyHouse
from safehold.core.forms import Submitted
from safehold.core.http import AuthedRequest


def overview_url(case: Case) -> str:
    return reverse("child_voice:overview", kwargs={"case_id": case.pk})


def conversation_url(case: Case, conversation: Conversation, anchor: str = "") -> str:
    url = reverse("child_voice:conversation", kwargs={"case_id": case.pk, "conversation_id": conversation.pk})
    return f"{url}#{anchor}" if anchor else url


def house_url(case: Case, house: SafetyHouse, anchor: str = "") -> str:
    url = reverse("child_voice:house", kwargs={"case_id": case.pk, "house_id": house.pk})
    return f"{url}#{anchor}" if anchor else url


def owner_url(case: Case, owner: Conversation | SafetyHouse, anchor: str = "") -> str:
    """The page of what a drawing belongs to."""
    if isinstance(owner, Conversation):
        return conversation_url(case, owner, anchor)
    return house_url(case, owner, anchor)


def audience_of(request: AuthedRequest) -> str:
    """Whose view the picture previews: the worker's (everything) unless the page asks for another."""
    audience = request.GET.get("audience", "worker")
    return audience if audience in AUDIENCES else "worker"


def downloads(kind: str, case: Case, **ids: int) -> list[dict[str, Any]]:
    """The printouts of a conversation or Safety House: a PDF for each audience and the picture as SVG."""
    svg = reverse(f"child_voice:{kind}_svg", kwargs={"case_id": case.pk, **ids})
    return [{"audience": audience,
             "pdf": reverse(f"child_voice:{kind}_pdf", kwargs={"case_id": case.pk, **ids, "audience": audience}),
             "svg": f"{svg}?{urlencode({'audience': audience})}"} for audience in AUDIENCES]


def without_version(data: dict[str, Any]) -> dict[str, Any]:
    """A form's fields as changes for a service: the version read goes to `expected_version` instead."""
    return {name: value for name, value in data.items() if name != "version"}


def visibility_problem(sent: Submitted[list[str]]) -> str:
    """What a one-click change of who may see something says when it is not saved: someone saved first, or
    the choice was not one of the three."""
    if sent.conflict is not None:
        return str(sent.conflict.message)
    if sent.sent and not sent.saved:
        return _("Say who the child agreed may see this.")
    return ""
