"""The map as a printed sheet: a real PDF, A4 landscape, with every entry, in the case's language; and the PDF
pipeline loads nothing but our own static files."""

import io
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from safehold.cases.models import Case
from safehold.core.pdf import STATIC_DIR, StaticFilesOnly
from safehold.mapping import services
from safehold.mapping.documents import map_pdf, map_pdf_filename
from safehold.mapping.models import Part, ScaleAnchor
from safehold.testing.factories import voice_key


@pytest.fixture
def drawn(case, caseworker, parent, child):
    map_ = services.map_create(actor=caseworker, case=case, title="Netzwerktreffen", meeting_kind="network",
                               participants=[voice_key(parent), voice_key(caseworker)])

    def add(part, who, text="", **extra):
        return services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(who), part=part,
                                     text=text, **extra)

    add(Part.PAST_HARM, caseworker, "Papa hat Freja im März geschlagen")
    danger = add(Part.FUTURE_DANGER, caseworker, worried="Das Jugendamt", behaviour="Papa trinkt abends",
                 impact="Freja wird verletzt")
    add(Part.COMPLICATING, caseworker, "Die Familie zieht oft um")
    strength = add(Part.STRENGTHS, parent, "Mama bringt Freja jeden Morgen zur Schule")
    add(Part.EXISTING_SAFETY, parent, "Oma nimmt Freja, wenn Papa trinkt")
    add(Part.GOALS, caseworker, "Freja ist sicher, auch wenn Papa trinkt", answers=danger.pk)
    add(Part.NEXT_STEPS, parent, "Termin bei der Suchtberatung", responsible="Papa")
    add(Part.GREY_AREAS, caseworker, "Wer wohnt noch im Haus?")
    services.stance_set(actor=caseworker, case=case, entry=strength, voice=voice_key(child), agrees=False,
                        words="Nicht am Montag")
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(child), score=4,
                       reason="Papa schreit noch")
    services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker), score=6,
                       kind="capacity", about=parent.pk)
    return map_


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def test_the_map_prints_as_a_landscape_pdf_with_every_live_entry(case, caseworker, drawn):
    services.entry_delete(actor=caseworker, case=case, entry=drawn.entries.get(part=Part.COMPLICATING))
    reader, text = _read(map_pdf(case, drawn))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    for expected in ("Papa hat Freja im März geschlagen", "Mama bringt Freja jeden Morgen zur Schule",
                     "Oma nimmt Freja, wenn Papa trinkt", "Termin bei der Suchtberatung", "Wer wohnt noch im Haus?",
                     "Papa trinkt abends", "Nicht am Montag", "Papa schreit noch", "Netzwerktreffen",
                     case.reference):
        assert expected in text, expected
    assert "Die Familie zieht oft um" not in text, "a deleted entry is not printed"


def test_an_organisation_s_own_scale_wording_is_printed(case, drawn, organisation):
    ScaleAnchor.objects.create(organisation=organisation, kind="safety", language="de",
                               low="Freja muss sofort raus", high="Wir schließen den Fall")
    _, text = _read(map_pdf(case, drawn))
    assert "Freja muss sofort raus" in text


def test_a_map_with_many_entries_runs_onto_more_landscape_pages(case, caseworker, drawn, parent):
    for number in range(60):
        services.entry_create(actor=caseworker, case=case, map_=drawn, voice=voice_key(parent),
                              part=Part.STRENGTHS, text=f"Stärke Nummer {number} mit ein paar Worten mehr")
    reader, text = _read(map_pdf(case, drawn))
    assert len(reader.pages) > 1
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    assert "Stärke Nummer 59" in text


def test_a_german_case_prints_in_german_whatever_the_reader_speaks(case, drawn):
    """Needs the German catalogue to translate the map's headings (compiled with `make translations`)."""
    assert case.language == "de"
    with translation.override("en"):
        _, text = _read(map_pdf(case, drawn))
    assert "Worüber machen wir uns Sorgen?" in text


def test_an_english_case_prints_in_english_whatever_the_reader_speaks(case, drawn):
    Case.objects.filter(pk=case.pk).update(language="en")
    case.language = "en"
    with translation.override("de"):
        _, text = _read(map_pdf(case, drawn))
    assert "What are we worried about?" in text


def test_the_file_name_carries_no_family_name(case, drawn):
    case.reference = "JA/2026 0001"
    name = map_pdf_filename(case, drawn)
    assert name == f"Mapping-JA-2026-0001-{drawn.drawn_on:%Y-%m-%d}.pdf"  # in the case's language
    assert case.family_name not in name


# --- the PDF loads only our own static files -------------------------------------------------------------


def test_the_fetcher_serves_our_static_files():
    stylesheet = STATIC_DIR / "safehold" / "print" / "map.css"
    response = StaticFilesOnly().fetch(stylesheet.as_uri())
    assert response.read() == stylesheet.read_bytes()
    assert response.headers["Content-Type"].startswith("text/css")


@pytest.mark.parametrize("url", [
    "http://example.org/tracker.png",
    "https://example.org/font.woff2",
    "ftp://example.org/x",
    "file:///etc/passwd",
    Path(__file__).resolve().as_uri(),  # our own code, outside the static folder
    (STATIC_DIR / "safehold" / ".." / ".." / "pyproject.toml").as_uri(),
    (STATIC_DIR.as_uri() + "/safehold/%2e%2e/%2e%2e/pyproject.toml"),
    (STATIC_DIR / "safehold" / "print").as_uri(),  # a folder, not a file
    (STATIC_DIR / "safehold" / "print" / "missing.css").as_uri(),
])
def test_the_fetcher_refuses_the_network_and_files_outside_the_static_folder(url):
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_the_fetcher_refuses_a_link_out_of_the_static_folder(tmp_path, monkeypatch):
    """A symbolic link inside the static folder that points outside is resolved before the check."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "ok.css").write_text("body{}")
    (tmp_path / "secret.css").write_text("body{}")
    (static / "link.css").symlink_to(tmp_path / "secret.css")
    monkeypatch.setattr("safehold.core.pdf.STATIC_DIR", static.resolve())
    assert StaticFilesOnly().fetch((static / "ok.css").as_uri()).read() == b"body{}"
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch((static / "link.css").as_uri())


def test_the_fetcher_allows_inline_data():
    response = StaticFilesOnly().fetch("data:text/plain;base64,aGFsbG8=")
    assert response.read() == b"hallo"
