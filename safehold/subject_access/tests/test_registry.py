"""Every tool takes part in a person's export: each model that holds case data is exported by a tool's
contribution, or declared as about nobody. A new model, or a new tool, fails here until it says which."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from safehold.cases.subject_records import Item, Record, Subject, SubjectData
from safehold.cases.tests.access_matrix import CONTENT_APPS
from safehold.subject_access.documents import json_document
from safehold.subject_access.export import contributors, subject_export


def _later_records(subject: Subject) -> list[Record]:
    return [Record(type="later.note", id=subject.person.pk, title="A note",
                   items=[Item("text", "Text", "LATER-TOOL-RECORD", "LATER-TOOL-RECORD")])]


# A tool built after the export: it takes part by being named in the setting, nothing else.
LATER_TOOL = SubjectData(key="later_tool", title="A tool built later", collect=_later_records, models=())


def test_every_model_holding_case_data_is_exported_or_declared_about_nobody():
    covered = {model for part in contributors() for model in (*part.models, *part.not_about_a_person)}
    models = {model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()}
    missing = sorted(model._meta.label for model in models - covered)
    assert not missing, ("models that no SAFEHOLD_SUBJECT_DATA contribution exports or declares as about "
                         f"nobody (not_about_a_person): {missing}")


def test_no_model_is_both_exported_and_about_nobody():
    exported = {model for part in contributors() for model in part.models}
    nobodys = {model for part in contributors() for model in part.not_about_a_person}
    assert not exported & nobodys


def test_every_tool_that_keeps_case_data_takes_part():
    keys = {part.key for part in contributors()}
    assert {"cases", "meetings", "mapping", "safety_plans", "words_pictures", "child_voice", "network", "files",
            "perspective", "screening", "resources"} <= keys


def test_a_tool_named_twice_is_refused():
    twice = ["safehold.mapping.subject_data.SUBJECT_DATA"] * 2
    with override_settings(SAFEHOLD_SUBJECT_DATA=twice), pytest.raises(ImproperlyConfigured):
        contributors()


def test_the_files_come_last_so_that_every_other_tool_has_named_its_files():
    assert contributors()[-1].key == "files"


@pytest.mark.django_db
def test_a_tool_named_in_the_setting_later_is_in_the_export(case, child):
    later = [*settings.SAFEHOLD_SUBJECT_DATA, f"{__name__}.LATER_TOOL"]
    with override_settings(SAFEHOLD_SUBJECT_DATA=later):
        export = subject_export(case, child)
        document = json_document(export)

    keys = [section.key for section in export.sections]
    assert keys[-1] == "later_tool" and len(keys) == len(later)
    [section] = [s for s in export.as_json()["sections"] if s["key"] == "later_tool"]
    assert section["title"] == "A tool built later"
    assert section["records"] == [{"type": "later.note", "id": child.pk, "fields": {"text": "LATER-TOOL-RECORD"}}]
    assert "LATER-TOOL-RECORD" in document.content
