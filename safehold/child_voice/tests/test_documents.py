"""The child's booklets and pictures as downloads: real PDFs in the case's language that carry only what the
child released to their audience, and never the worker's note; every download an audited export."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.child_voice import services
from safehold.child_voice.documents import conversation_pdf, safety_house_pdf
from safehold.child_voice.models import Tool, Visibility, WrittenBy
from safehold.child_voice.selectors import case_conversation, case_safety_house

NOTE = "Mother seemed tense during the visit"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its drawings in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def png(colour: tuple[int, int, int] = (200, 80, 80)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(buffer, "PNG")
    return SimpleUploadedFile("drawing.png", buffer.getvalue(), content_type="image/png")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)

def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def _images(pdf: bytes) -> int:
    """How many different pictures the PDF holds (WeasyPrint shares them between pages)."""
    return len({image.name for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images})


def _in_case_language(case, text: str) -> str:
    with translation.override(case.language):
        return translation.gettext(text)


@pytest.fixture
def conversation(case, caseworker, child):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk, note=NOTE,
                                                held_on=timezone.localdate())
    for area, text, visibility in [
        ("worries", "Dad shouts at night", Visibility.WORKER),
        ("worries", "Mum cries in the kitchen", Visibility.PARENTS),
        ("good", "Football with Grandpa", Visibility.NETWORK),
        ("dreams", "A dog called Bello", Visibility.PARENTS),
    ]:
        services.statement_create(actor=caseworker, case=case, conversation=conversation, area=area, text=text,
                                  visibility=visibility, written_by=WrittenBy.CHILD)
    services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png(),
                         caption="My house", visibility=Visibility.PARENTS)
    services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png((20, 20, 200)),
                         caption="The bad night", visibility=Visibility.WORKER)
    return case_conversation(case, conversation.pk)


@pytest.fixture
def house(case, caseworker, child):
    house = services.safety_house_create(actor=caseworker, case=case, child=child.pk, safety_score=7,
                                         score_visibility=Visibility.WORKER, note=NOTE)
    for area, text, visibility in [
        ("inside", "Granny Inge", Visibility.PARENTS), ("roof", "Nobody hits", Visibility.PARENTS),
        ("roof", "Dad only comes when sober", Visibility.WORKER),
        ("path", "Dad calls Granny first", Visibility.PARENTS),
        ("visitors", "Uncle Ole", Visibility.NETWORK), ("outside", "Mr Berg from upstairs", Visibility.WORKER),
    ]:
        services.house_item_create(actor=caseworker, case=case, house=house, area=area, text=text,
                                   visibility=visibility)
    return case_safety_house(case, house.pk)


def test_the_parents_booklet_has_the_released_words_and_not_the_worker_only_ones(case, conversation):
    pdf = conversation_pdf(case, conversation, "parents")
    text = _text(pdf)
    for released in ("Mum cries in the kitchen", "Football with Grandpa", "A dog called Bello", "My house"):
        assert released.count(" ") and released in text
    assert "Dad shouts at night" not in text and "The bad night" not in text
    assert NOTE not in text
    assert _images(pdf) == 1  # the released drawing, not the one the child kept for the worker


def test_the_workers_booklet_has_every_word_and_drawing_but_never_the_note(case, conversation):
    pdf = conversation_pdf(case, conversation, "worker")
    text = _text(pdf)
    assert "Dad shouts at night" in text and "The bad night" in text
    assert NOTE not in text
    assert _images(pdf) == 2


def test_the_network_booklet_has_only_what_the_child_released_to_the_network(case, conversation):
    text = _text(conversation_pdf(case, conversation, "network"))
    assert "Football with Grandpa" in text
    assert "Mum cries" not in text and "Bello" not in text and "My house" not in text


def test_the_booklet_prints_in_the_cases_language(case, conversation):
    assert case.language == "de"
    text = _text(conversation_pdf(case, conversation, "parents"))
    assert "Vertraulich" in text  # the confidentiality line, as the German plan prints it
    assert _in_case_language(case, "For the parents") in text
    assert conversation.area_label("worries") not in ("", None)
    with translation.override("de"):
        assert conversation.area_label("worries") in text
    case.language = "en"
    case.save(update_fields=["language"])
    assert "Confidential" in _text(conversation_pdf(case, conversation, "parents"))


def test_a_fairies_and_wizards_booklet_uses_its_own_words(case, caseworker, child):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk,
                                                tool=Tool.FAIRIES_WIZARDS)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="dreams",
                              text="Everyone eats together", visibility=Visibility.PARENTS)
    text = _text(conversation_pdf(case, case_conversation(case, conversation.pk), "parents"))
    assert "Everyone eats together" in text
    with translation.override(case.language):
        assert conversation.area_label("dreams").split()[0] in text


def test_a_40_statement_conversation_prints_every_statement(case, caseworker, child):
    # How long it takes is measured by bench/child_voice.py, not here: a timing fails on a busy machine.
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    for n in range(40):
        services.statement_create(actor=caseworker, case=case, conversation=conversation,
                                  area=("worries", "good", "dreams")[n % 3], visibility=Visibility.PARENTS,
                                  text=f"Statement {n}: what the child said about home, school and friends.")

    text = _text(conversation_pdf(case, case_conversation(case, conversation.pk), "parents"))

    assert all(f"Statement {n}:" in text for n in range(40))


def test_the_safety_house_booklet_for_the_parents(case, house):
    text = _text(safety_house_pdf(case, house, "parents"))
    for released in ("Granny Inge", "Nobody hits", "Dad calls Granny first", "Uncle Ole"):
        assert released in text
    assert "sober" not in text and "Mr Berg" not in text and NOTE not in text
    assert _in_case_language(case, "How safe I feel") not in text  # the child kept the scale for the worker


def test_the_safety_house_booklet_for_the_worker_shows_the_scale(case, house):
    text = _text(safety_house_pdf(case, house, "worker"))
    assert "Mr Berg from upstairs" in text and "sober" in text
    assert _in_case_language(case, "How safe I feel") in text
    assert NOTE not in text


def test_an_unknown_audience_is_refused(case, house, conversation):
    with pytest.raises(ValueError):
        safety_house_pdf(case, house, "court")
    with pytest.raises(ValueError):
        conversation_pdf(case, conversation, "everyone")


# --- downloads ------------------------------------------------------------------------------------------

def _export(user):
    return AuditEvent.objects.filter(actor=user, action="export").latest("pk")


@pytest.mark.parametrize("audience", ["worker", "parents", "network"])
def test_the_conversation_booklet_downloads_as_an_audited_export(case, conversation, caseworker, client_for,
                                                                  audience):
    url = f"/cases/{case.pk}/child/conversations/{conversation.pk}/pdf/{audience}/"
    response = client_for(caseworker).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    name = {"worker": "Fachkraft", "parents": "Eltern", "network": "Netzwerk"}[audience]  # the case's language
    assert f"{name}.pdf" in response["Content-Disposition"]
    assert "Freja" not in response["Content-Disposition"] and "rensen" not in response["Content-Disposition"]
    assert ("Dad shouts at night" in _text(response.content)) == (audience == "worker")
    event = _export(caseworker)
    assert (event.case_id, event.object_type, event.object_id) == (
        case.pk, f"child_voice.pdf.{audience}", str(conversation.pk))


def test_the_safety_house_booklet_downloads_as_an_audited_export(case, house, consultant, client_for):
    response = client_for(consultant).get(f"/cases/{case.pk}/child/safety-houses/{house.pk}/pdf/parents/")
    assert response.status_code == 200
    assert "Nobody hits" in _text(response.content)
    event = _export(consultant)
    assert (event.case_id, event.object_type, event.object_id) == (case.pk, "child_voice.pdf.parents", str(house.pk))


def test_the_pictures_download_as_svg_files_for_an_audience(case, conversation, house, caseworker, client_for):
    client = client_for(caseworker)
    response = client.get(f"/cases/{case.pk}/child/conversations/{conversation.pk}/picture.svg",
                          {"audience": "parents"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"].startswith("attachment;")
    svg = response.content.decode()
    _parse(svg)
    assert "kitchen" in svg and "Bello" in svg and "shouts" not in svg
    assert _export(caseworker).object_type == "child_voice.svg.parents"

    response = client.get(f"/cases/{case.pk}/child/safety-houses/{house.pk}/picture.svg", {"audience": "network"})
    assert response.status_code == 200
    assert "Uncle Ole" in response.content.decode() and "Granny Inge" not in response.content.decode()
    assert _export(caseworker).object_type == "child_voice.svg.network"


@pytest.mark.parametrize("path", ["conversations/{c}/pdf/court/", "safety-houses/{h}/pdf/everyone/",
                                  "conversations/{c}/picture.svg?audience=court",
                                  "safety-houses/{h}/picture.svg?audience="])
def test_an_unknown_audience_is_404_and_not_audited(case, conversation, house, caseworker, client_for, path):
    url = f"/cases/{case.pk}/child/" + path.format(c=conversation.pk, h=house.pk)
    assert client_for(caseworker).get(url).status_code == 404
    assert not AuditEvent.objects.filter(actor=caseworker, action="export").exists()


def test_a_house_is_not_found_under_a_conversations_address(case, house, caseworker, client_for):
    # The ids are checked against the case and the kind of record.
    url = f"/cases/{case.pk}/child/conversations/{house.pk}/pdf/worker/"
    assert client_for(caseworker).get(url).status_code == 404


@pytest.mark.parametrize("path", ["conversations/{c}/pdf/parents/", "safety-houses/{h}/pdf/parents/",
                                  "conversations/{c}/picture.svg", "safety-houses/{h}/picture.svg"])
def test_another_organisation_gets_404(case, conversation, house, stranger, client_for, path):
    response = client_for(stranger).get(f"/cases/{case.pk}/child/" + path.format(c=conversation.pk, h=house.pk))
    assert response.status_code == 404
    assert b"Bello" not in response.content and b"Granny" not in response.content
    assert not AuditEvent.objects.filter(actor=stranger, action="export").exists()


def test_the_downloads_need_a_login(case, conversation, client):
    response = client.get(f"/cases/{case.pk}/child/conversations/{conversation.pk}/pdf/parents/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- the worker's copy is marked; a part the child kept private says so -----------------------------------

def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_of_the_workers_booklet_says_it_is_not_for_the_parents(case, conversation, house):
    label = _in_case_language(case, "For the worker only — not for the parents")
    for pdf in (conversation_pdf(case, conversation, "worker"), safety_house_pdf(case, house, "worker")):
        pages = _pages(pdf)
        assert len(pages) >= 2  # so that "every page" means more than the first
        assert all(label in page for page in pages)


def test_the_workers_booklet_marks_each_statement_and_drawing_the_child_kept_from_the_parents(case,
                                                                                              conversation):
    mark = _in_case_language(case, "Not for the parents")
    text = _text(conversation_pdf(case, conversation, "worker"))
    # "Dad shouts at night" and the drawing "The bad night": each right after its mark, nothing else marked.
    assert text.count(mark) == 2
    after = [part.strip() for part in text.split(mark)[1:]]
    assert after[0].startswith("Dad shouts at night") and after[1].startswith("The bad night")


def test_the_workers_safety_house_marks_the_entries_and_the_scale_kept_from_the_parents(case, house):
    mark = _in_case_language(case, "Not for the parents")
    text = _text(safety_house_pdf(case, house, "worker"))
    assert text.count(mark) == 3  # "Dad only comes when sober", "Mr Berg from upstairs" and the scale


def test_the_parents_and_network_copies_carry_no_mark(case, conversation, house):
    mark = _in_case_language(case, "Not for the parents")
    label = _in_case_language(case, "For the worker only — not for the parents")
    for audience in ("parents", "network"):
        for pdf in (conversation_pdf(case, conversation, audience), safety_house_pdf(case, house, audience)):
            text = _text(pdf)
            assert mark not in text and label not in text


@pytest.fixture
def kept_worries(case, caseworker, child):
    """A child who told the worker their worries and kept every one of them from the parents."""
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="worries",
                              text="Dad shouts at night", visibility=Visibility.WORKER)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="good",
                              text="Football with Grandpa", visibility=Visibility.PARENTS)
    return case_conversation(case, conversation.pk)


def test_an_empty_worry_house_in_the_parents_copy_says_the_child_keeps_something_private(case, kept_worries):
    note = _in_case_language(case, "Some things here I keep to myself.")
    text = _text(conversation_pdf(case, kept_worries, "parents"))
    worries = _in_case_language(case, "House of worries")
    # In the house of worries (the list and the picture), and nowhere else: the dreams house is simply empty.
    assert text.count(note) == 2
    assert text.index(worries) < text.index(note) < text.index(_in_case_language(case, "House of good things"))
    assert "Dad shouts" not in text


def test_an_empty_house_the_child_kept_nothing_from_says_nothing_of_the_kind(case, caseworker, child):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="good",
                              text="Football with Grandpa", visibility=Visibility.PARENTS)
    text = _text(conversation_pdf(case, case_conversation(case, conversation.pk), "parents"))
    assert _in_case_language(case, "Some things here I keep to myself.") not in text


def test_the_network_copy_of_a_safety_house_says_which_parts_the_child_keeps_private(case, house):
    note = _in_case_language(case, "Some things here I keep to myself.")
    text = _text(safety_house_pdf(case, house, "network"))
    assert "Uncle Ole" in text and "Granny Inge" not in text
    # Inside, the roof, the path and outside: in the list under the picture and in the picture.
    assert text.count(note) == 8
    parents = _text(safety_house_pdf(case, house, "parents"))
    assert parents.count(note) == 2  # only outside: the roof still shows "Nobody hits"


def test_the_workers_picture_marks_what_the_child_kept_and_explains_the_mark(case, conversation, house):
    from safehold.child_voice.documents import conversation_picture_svg, safety_house_picture_svg

    for svg in (str(conversation_picture_svg(case, conversation, "worker")),
                str(safety_house_picture_svg(case, house, "worker"))):
        root = _parse(svg)
        kept = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "kept" in g.get("class", "").split()]
        assert kept and all(g.find("{http://www.w3.org/2000/svg}path") is not None for g in kept)
        legend = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "kept-legend"]
        assert len(legend) == 1
        assert _in_case_language(case, "With a padlock, in dark red: the child kept it from the parents.") in svg
    said = " ".join(t.text or "" for g in kept for t in g.iter("{http://www.w3.org/2000/svg}text"))
    assert "Mr Berg" in said and "sober" in said and "Nobody hits" not in said


def test_the_parents_picture_of_an_empty_worry_house_says_it_is_kept_private(case, kept_worries):
    from safehold.child_voice.documents import conversation_picture_svg

    svg = str(conversation_picture_svg(case, kept_worries, "parents"))
    root = _parse(svg)
    house = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "house house-worries")
    assert _in_case_language(case, "Some things here I keep to myself.").split()[0] in "".join(
        t.text or "" for t in house.iter("{http://www.w3.org/2000/svg}text"))
    assert "kept-legend" not in svg and "Dad shouts" not in svg
