"""How a form edited in place answers htmx, the same way in every tool."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import reswap, retarget


def form_in_place(request: HttpRequest, template: str, context: dict, *, status: int, target: str) -> HttpResponse:
    """The form's fragment. A form posts with the section a save changes as its htmx target; a refused save
    (status 400 or 409) must instead put the form, with its messages, back where it was: `target`, the CSS
    selector of the form's own place."""
    response = render(request, template, context, status=status)
    if status >= 400:
        response = reswap(retarget(response, target), "outerHTML")
    return response
