"""Practice tools plug into the case page and the start page through core.registry."""

import copy
from pathlib import Path

import pytest

from safehold.core import registry
from safehold.core.registry import AttentionItem, CaseSection


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_case_sections", [])
    monkeypatch.setattr(registry, "_attention_providers", list(registry._attention_providers))


def test_a_registered_section_appears_on_the_case_page_with_its_context(clean_registry, caseworker, case,
                                                                         client_for, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    registry.register_case_section(CaseSection(
        key="map", title="Assessment map", template="core_tests/_section.html", order=10,
        context=lambda request, c: {"count": 3},
    ))
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "Assessment map" in page and f"3 entries for {case.reference}" in page


def test_sections_are_ordered_and_registered_once(clean_registry):
    registry.register_case_section(CaseSection(key="b", title="B", template="x", order=20))
    registry.register_case_section(CaseSection(key="a", title="A", template="x", order=10))
    registry.register_case_section(CaseSection(key="a", title="A again", template="x", order=5))
    assert [s.key for s in registry.case_sections()] == ["a", "b"]


def test_attention_items_from_every_tool_are_merged_most_urgent_first(clean_registry, caseworker, case):
    registry.register_attention(lambda user: [AttentionItem(case=case, message="review due", url="/", severity="info")])
    registry.register_attention(lambda user: [AttentionItem(case=case, message="rule broken", url="/",
                                                            severity="danger")])
    assert [i.message for i in registry.attention_for(caseworker)][:2] == ["rule broken", "review due"]
