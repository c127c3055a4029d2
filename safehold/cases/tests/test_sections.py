"""Practice tools plug into the case page and the start page through cases.sections and the settings."""

import copy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from safehold.cases import sections
from safehold.cases.sections import AttentionItem, CaseSection

TEST_SECTION = CaseSection(key="test", title="Assessment map", template="core_tests/_section.html",
                           context=lambda case, may: {"count": 3 if may.change else 0})
OTHER_SECTION = CaseSection(key="other", title="Other", template="core_tests/_section.html")
SAME_KEY = CaseSection(key="test", title="Again", template="core_tests/_section.html")


def urgent(user):
    return [AttentionItem(case=user.test_case, message="rule broken", url="/", severity="danger")]


def routine(user):
    return [AttentionItem(case=user.test_case, message="review due", url="/", severity="info")]


def test_a_listed_section_appears_on_the_case_page_with_its_context(caseworker, case, client_for, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    settings.SAFEHOLD_CASE_SECTIONS = [f"{__name__}.TEST_SECTION"]
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "Assessment map" in page and f"3 entries for {case.reference}" in page


def test_sections_come_in_the_order_the_settings_give(settings):
    settings.SAFEHOLD_CASE_SECTIONS = [f"{__name__}.OTHER_SECTION", f"{__name__}.TEST_SECTION"]
    assert [s.key for s in sections.case_sections()] == ["other", "test"]


def test_a_section_key_used_twice_is_refused(settings):
    settings.SAFEHOLD_CASE_SECTIONS = [f"{__name__}.TEST_SECTION", f"{__name__}.SAME_KEY"]
    with pytest.raises(ImproperlyConfigured, match="test"):
        sections.case_sections()


def test_every_tool_of_the_product_has_its_section_once():
    assert [s.key for s in sections.case_sections()] == [
        "maps", "screening", "child_voice", "safety_plan", "network", "perspective", "referrals", "meetings",
        "words_pictures"]


def test_attention_items_from_every_tool_are_merged_most_urgent_first(settings, caseworker, case):
    settings.SAFEHOLD_ATTENTION = [f"{__name__}.routine", f"{__name__}.urgent"]
    caseworker.test_case = case
    assert [i.message for i in sections.attention_for(caseworker)] == ["rule broken", "review due"]
