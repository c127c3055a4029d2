"""The scales are listed in the practice's order, safety, willingness, capacity, confidence, wherever scores are
shown (the map page, the printed sheet, the comparison, the history behind the charts, the API), in every
language: never alphabetically by their keys or their translated names."""

import io

import pytest
from pypdf import PdfReader

from safehold.mapping import services
from safehold.mapping.compare import compare_maps
from safehold.mapping.documents import map_pdf
from safehold.mapping.history import scaling_history
from safehold.mapping.models import ScaleKind
from safehold.mapping.selectors import case_map, map_content
from safehold.testing.factories import voice_key

PRACTICE_ORDER = ["safety", "willingness", "capacity", "confidence"]
# A reason per scale, to find each row in a page or a PDF (short: a PDF line does not break them).
REASONS = {kind: f"Zq{n}" for n, kind in enumerate(PRACTICE_ORDER)}


def _score_everything(case, caseworker, parent, map_, score: int = 5) -> None:
    # Entered in the order that sorted alphabetically before: capacity, confidence, safety, willingness.
    for kind in sorted(PRACTICE_ORDER, reverse=True):
        services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker), score=score,
                           kind=kind, reason=REASONS[kind], about=None if kind == "safety" else parent.pk)


@pytest.fixture
def scored(case, caseworker, parent):
    map_ = services.map_create(actor=caseworker, case=case)
    _score_everything(case, caseworker, parent, map_)
    return case_map(case, map_.pk)


def _in_order(text: str, words: list[str]) -> bool:
    positions = [text.index(word) for word in words]
    return positions == sorted(positions)


def test_the_practices_order_is_the_order_of_the_scale_kinds():
    assert ScaleKind.values == PRACTICE_ORDER


def test_a_maps_scores_are_read_in_the_practices_order(scored):
    assert [s.kind for s in map_content(scored).scales] == PRACTICE_ORDER


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_the_map_pages_scaling_table_lists_them_in_the_practices_order(case, caseworker, client_for, scored,
                                                                       language):
    client = client_for(caseworker)
    client.cookies["safehold_language"] = language
    response = client.get(f"/cases/{case.pk}/maps/{scored.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert _in_order(page, [REASONS[kind] for kind in PRACTICE_ORDER])


@pytest.mark.parametrize("language", ["de", "da"])
def test_the_printed_sheet_lists_them_in_the_practices_order(case, scored, language):
    case.language = language
    case.save(update_fields=["language"])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(map_pdf(case, scored))).pages)
    assert _in_order(" ".join(text.split()), [REASONS[kind] for kind in PRACTICE_ORDER])


def test_the_comparison_lists_the_changed_scores_in_the_practices_order(case, caseworker, parent, scored):
    later = services.map_create(actor=caseworker, case=case, copy_latest=True)
    _score_everything(case, caseworker, parent, later, score=7)
    comparison = compare_maps(scored, case_map(case, later.pk))
    assert [c.scale.kind for c in comparison.scales] == PRACTICE_ORDER


def test_the_scaling_history_and_its_charts_follow_the_practices_order(case, scored):
    assert [s.kind for s in scaling_history(case).series] == PRACTICE_ORDER


def test_the_api_lists_a_maps_scores_in_the_practices_order(case, caseworker, api_client_for, scored):
    response = api_client_for(caseworker).get(f"/api/v1/cases/{case.pk}/maps/{scored.pk}")
    assert response.status_code == 200
    assert [s["kind"] for s in response.json()["scales"]] == PRACTICE_ORDER
