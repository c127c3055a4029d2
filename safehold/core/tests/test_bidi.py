"""A right-to-left override in a name reorders nothing beside it: saved text has its bidirectional controls
balanced (core.text.balance_bidi, in the services, the forms and the API's schemas), and what is shown is
isolated — <bdi> in pages and documents, FSI … PDI in pictures, titles and attributes."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from safehold.api.schemas import PersonCreate
from safehold.core import validation
from safehold.core.forms import KernFormMixin
from safehold.core.text import EMBEDDINGS_AND_OVERRIDES, FSI, ISOLATE_OPENERS, PDI, balance_bidi, clean_text, isolate
from safehold.testing.factories import AssignmentFactory, CaseFactory, MapFactory, PersonFactory

RLO, PDF_, RLI, LRM = "\u202e", "\u202c", "\u2067", "\u200e"
EVIL = f"{RLO}evil"  # shown as "live", and once everything after it on the line backwards too

# Letters of both directions, spaces, line breaks and every bidirectional control.
bidi_text = st.text(alphabet=st.sampled_from(
    ["a", "B", "ש", "ع", " ", "\n", "1", LRM, *EMBEDDINGS_AND_OVERRIDES, *ISOLATE_OPENERS, PDI]), max_size=40)


def depths(line: str) -> list[int]:
    """How many isolates are open after each character of the line."""
    depth, seen = 0, []
    for ch in line:
        depth += (ch in ISOLATE_OPENERS) - (ch == PDI)
        seen.append(depth)
    return seen


def test_overrides_and_embeddings_go_and_isolates_are_closed_on_their_line():
    assert balance_bidi(f"{EVIL}{PDF_} Becker") == "evil Becker"
    assert balance_bidi(f"{RLI}עברית\nnext{PDI}") == f"{RLI}עברית{PDI}\nnext"
    assert balance_bidi(f"Anna{LRM}") == f"Anna{LRM}"  # a mark orders only its neighbours: kept


@given(bidi_text)
def test_no_saved_text_leaves_a_control_open_past_its_end(text):
    cleaned = clean_text(text)

    assert not set(cleaned) & EMBEDDINGS_AND_OVERRIDES
    for line in cleaned.split("\n"):
        assert all(depth >= 0 for depth in depths(line))
        assert not depths(line) or depths(line)[-1] == 0
    assert clean_text(cleaned) == cleaned


@given(bidi_text)
def test_an_isolated_text_closes_its_own_isolate_last_whatever_it_holds(text):
    for line in isolate(text).split("\n"):
        if line:
            assert line[0] == FSI and line[-1] == PDI
            # Our FSI stays open until our PDI: nothing inside closes it early.
            assert all(depth >= 1 for depth in depths(line)[:-1]) and depths(line)[-1] == 0


@given(bidi_text)
def test_the_services_the_forms_and_the_api_hold_text_to_the_same_rule(text):
    class NameForm(KernFormMixin, forms.Form):
        name = forms.CharField(required=False, strip=False)
        secret = forms.CharField(required=False, strip=False, widget=forms.PasswordInput)

    form = NameForm({"name": text.replace("\x00", ""), "secret": text})
    errors = validation.Errors()

    assert form.is_valid()
    assert form.cleaned_data["name"] == balance_bidi(form.cleaned_data["name"])
    assert validation.clean_text(text, "name", errors, limit=1000) == clean_text(text)
    assert PersonCreate(role="child", first_name=text or "x").first_name == balance_bidi(text or "x")


def test_a_password_is_taken_exactly_as_typed():
    class PasswordForm(KernFormMixin, forms.Form):
        password = forms.CharField(strip=False, widget=forms.PasswordInput)

    form = PasswordForm({"password": f"{RLO}secret"})

    assert form.is_valid() and form.cleaned_data["password"] == f"{RLO}secret"


def test_text_fields_are_typed_in_the_direction_of_their_first_letter():
    class NoteForm(KernFormMixin, forms.Form):
        name = forms.CharField()
        note = forms.CharField(widget=forms.Textarea)

    form = NoteForm()

    assert form.fields["name"].widget.attrs["dir"] == form.fields["note"].widget.attrs["dir"] == "auto"


def test_the_filters_isolate_in_an_element_or_in_characters():
    rendered = Template("{% load bidi %}<p>{{ name|bdi }} · 3</p><a title=\"{{ name|isolated }}\">").render(
        Context({"name": f"<b>{EVIL}</b>"}))

    escaped = f"&lt;b&gt;{EVIL}&lt;/b&gt;"
    assert rendered == f"<p><bdi>{escaped}</bdi> · 3</p><a title=\"{FSI}{escaped}{PDI}\">"


@pytest.fixture
def evil_case(organisation, team, caseworker):
    # Saved before names were cleaned (or straight into the database): the display must hold on its own.
    case = CaseFactory(organisation=organisation, team=team, reference="JA-9", family_name=EVIL)
    AssignmentFactory(case=case, user=caseworker)
    return case


def test_the_case_page_and_the_case_list_show_the_name_inside_an_isolating_element(evil_case, caseworker,
                                                                                    client_for):
    client = client_for(caseworker)
    page = client.get(f"/cases/{evil_case.pk}/").content.decode()
    listed = client.get("/cases/").content.decode()

    assert f"<bdi>{EVIL}</bdi>" in page
    assert f"<title>{FSI}JA-9{PDI} {FSI}{EVIL}{PDI}" in page
    assert f"<bdi>{EVIL}</bdi>" in listed
    assert EVIL not in page.replace(f"<bdi>{EVIL}</bdi>", "").replace(f"{FSI}{EVIL}{PDI}", "")


def test_the_genogram_isolates_a_name_in_the_svg(evil_case, caseworker, api_client_for):
    PersonFactory(case=evil_case, first_name=EVIL, last_name="Becker")

    svg = api_client_for(caseworker).get(f"/api/v1/cases/{evil_case.pk}/genogram.svg").content.decode()

    # The name is isolated wherever a sentence goes on after it (a person's tooltip, the description); a <text>
    # holding the name alone ends the override itself.
    assert f"{FSI}{EVIL} Becker{PDI} (" in svg
    outside_isolates = re.sub(f"{FSI}[^{PDI}]*{PDI}", "", svg).replace(f">{EVIL} Becker</text>", "")
    assert RLO not in outside_isolates.replace(f"{EVIL}</title>", "")  # the family's name closes the title


def test_a_pdf_keeps_the_text_after_the_name_in_its_order(evil_case, caseworker, api_client_for):
    drawn = MapFactory(case=evil_case)

    response = api_client_for(caseworker).get(f"/api/v1/cases/{evil_case.pk}/maps/{drawn.pk}/pdf")

    assert response.status_code == 200
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "live (JA-9)" in text  # without <bdi>: "(9-AJ) live"
