"""Deleting a case takes every tool's rows and the files they name with it, and nothing of another case."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from safehold.cases.models import Case
from safehold.cases.services import case_transition
from safehold.cases.tests.access_matrix import build_world
from safehold.child_voice.models import Conversation
from safehold.retention.purge import case_purge
from safehold.uploads.models import StoredFile

pytestmark = pytest.mark.django_db


def _case_keys() -> list[tuple[type[models.Model], str]]:
    """Every model with a foreign key straight to a case, and that key."""
    return [(model, f.attname) for model in apps.get_models() for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is Case and f.db_constraint]


def _rows_of(case_id: int) -> dict[str, int]:
    return {f"{model._meta.label}.{key}": model._base_manager.filter(**{key: case_id}).count()
            for model, key in _case_keys()}


def _all_rows() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True) if model._meta.app_label != "audit"}


def test_a_case_goes_with_every_tools_rows_and_files_and_another_case_keeps_its_own(
        private_media, django_capture_on_commit_callbacks):
    world = build_world()
    case = world.case
    case_transition(actor=world.caseworker, case=case, to_status="closed", outcome="stayed_home")
    paths = [Path(private_media) / f.file.name for f in StoredFile.objects.filter(case=case)]
    assert paths and all(path.exists() for path in paths)
    other_before = _rows_of(world.other_case.pk)
    before = _all_rows()
    case_id = case.pk

    purge = case_purge(case)
    assert purge.held_by == []
    # PROTECTs inside the case were met and did not stop it: the files, a drawing's file, the child's
    # conversation and Safety House, the child's outcome and the status change that closed the case.
    assert {"uploads.storedfile", "child_voice.drawing", "child_voice.conversation", "child_voice.safetyhouse",
            "cases.childoutcome"} <= {obj._meta.label_lower for obj in purge.collector.protecting}
    # Every tool that keeps something on a case has a row of it among what goes.
    touched = {model._meta.app_label for model in purge.collector.data}
    assert {"cases", "meetings", "mapping", "safety_plans", "words_pictures", "child_voice", "network", "uploads",
            "perspective", "screening", "resources"} <= touched
    with django_capture_on_commit_callbacks(execute=True):
        purge.delete()

    assert not Case.objects.filter(pk=case_id).exists()
    assert not any(_rows_of(case_id).values())
    assert _rows_of(world.other_case.pk) == other_before
    after = _all_rows()
    assert sum(before.values()) - sum(after.values()) == purge.row_count
    assert not any(path.exists() for path in paths)
    assert StoredFile.objects.filter(case=world.other_case).exists()


def test_a_row_of_another_case_that_protects_this_cases_data_keeps_the_case(case, child, caseworker):
    other = Case.objects.create(organisation=case.organisation, team=case.team, reference="JA-X",
                                family_name="Andersen")
    # The services refuse this; a row outside the case is built here directly to stand for one.
    Conversation.objects.create(case=other, child=child, held_on=other.opened_on, recorded_by=caseworker)

    purge = case_purge(case)

    assert purge.held_by and purge.held_by[0].startswith("child_voice.conversation#")
    with pytest.raises(models.ProtectedError):
        purge.delete()
    assert Case.objects.filter(pk=case.pk).exists()
