"""Scaling: each voice gives a score from 0 to 10, on safety or on a parent's willingness, capacity or
confidence; what 0 and 10 mean is ours unless the organisation words it its own way."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.anchors import DEFAULT_ANCHORS, anchors_for
from safehold.mapping.models import Scale, ScaleAnchor, ScaleKind
from safehold.testing.factories import CaseFactory, MapFactory, PersonFactory, ScaleFactory, voice_key


@pytest.fixture
def map_(case, caseworker):
    return services.map_create(actor=caseworker, case=case)


@pytest.fixture
def scale(case, caseworker, map_):
    """scale(who, score, **kwargs) → the score `who` gives on `map_`."""

    def give(who, score, **kwargs) -> Scale:
        return services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice_key(who), score=score,
                                  **kwargs)

    return give


@pytest.mark.parametrize("score", [0, 5, 10])
def test_a_score_is_a_whole_number_from_0_to_10(score, scale, parent):
    assert scale(parent, score).score == score


@pytest.mark.parametrize(
    "score", [-1, 11, "7", " 3 ", "abc", True, False, None, "", 5.5, 5.0, "5.5", "1e1", "1_0", "٣", "0x5", [], {}])
def test_anything_else_is_refused_on_score_with_one_message(score, scale, parent, map_):
    with pytest.raises(ValidationError) as error:
        scale(parent, score)
    assert error.value.message_dict == {"score": ["Choose a whole number from 0 to 10."]}
    assert not map_.scales.exists()


def test_a_score_must_say_whose_it_is(case, caseworker, map_):
    for voice in ("", None):
        with pytest.raises(ValidationError) as error:
            services.scale_set(actor=caseworker, case=case, map_=map_, voice=voice, score=5)
        assert set(error.value.message_dict) == {"voice"}


def test_a_score_from_someone_not_on_the_case_is_refused(scale, organisation, stranger, map_):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    for who in (outsider, stranger):
        with pytest.raises(ValidationError) as error:
            scale(who, 5)
        assert set(error.value.message_dict) == {"voice"}
    assert not map_.scales.exists()


def test_bad_voice_and_score_are_reported_together(case, caseworker, map_):
    with pytest.raises(ValidationError) as error:
        services.scale_set(actor=caseworker, case=case, map_=map_, voice="person:0", score=11)
    assert set(error.value.message_dict) == {"voice", "score"}


def test_an_unknown_scale_is_refused(scale, parent):
    with pytest.raises(ValidationError) as error:
        scale(parent, 5, kind="happiness")
    assert "kind" in error.value.message_dict


def test_the_safety_scale_is_about_the_whole_situation(scale, child, parent):
    given = scale(child, 4, about=parent.pk, reason="Manchmal Angst")
    assert (given.kind, given.about, given.about_name, given.reason) == ("safety", None, "", "Manchmal Angst")
    assert (given.voice_kind, given.voice_name) == ("child", "Freja Sørensen")


@pytest.mark.parametrize("kind", [ScaleKind.WILLINGNESS, ScaleKind.CAPACITY, ScaleKind.CONFIDENCE])
def test_a_parent_scale_is_about_a_parent_caregiver_or_network_member_of_the_case(kind, scale, caseworker, parent,
                                                                                case):
    granny = PersonFactory(case=case, role="network", first_name="Oma")
    step = PersonFactory(case=case, role="caregiver", first_name="Jens")
    for person in (parent, granny, step):
        given = scale(caseworker, 6, kind=kind, about=person.pk)
        assert (given.about, given.about_name) == (person, person.full_name)


@pytest.mark.parametrize("kind", [ScaleKind.WILLINGNESS, ScaleKind.CAPACITY, ScaleKind.CONFIDENCE])
def test_a_parent_scale_about_nobody_the_child_or_a_stranger_is_refused(kind, scale, caseworker, child,
                                                                        organisation, map_):
    outsider = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    for about in (None, child.pk, outsider.pk, 0, "abc", "", [1]):
        with pytest.raises(ValidationError) as error:
            scale(caseworker, 6, kind=kind, about=about)
        assert set(error.value.message_dict) == {"about"}, about
    assert not map_.scales.exists()


def test_a_second_score_from_the_same_voice_replaces_the_first(scale, parent, child, map_):
    first = scale(parent, 3, reason="Noch unsicher")
    scale(child, 2)
    second = scale(parent, 6, reason="Besser geworden")
    assert second.pk == first.pk
    assert second.version == 2
    assert sorted(map_.scales.values_list("voice_key", "score")) == sorted(
        [(voice_key(parent), 6), (voice_key(child), 2)])
    event = AuditEvent.objects.filter(object_type="mapping.scale", action="update").get()
    assert event.changed_fields == ["reason", "score"]


def test_the_same_voice_scores_each_parent_separately(scale, caseworker, parent, case, map_):
    other = PersonFactory(case=case, role="parent", first_name="Lars")
    scale(caseworker, 3, kind="willingness", about=parent.pk)
    scale(caseworker, 7, kind="willingness", about=other.pk)
    scale(caseworker, 4, kind="willingness", about=parent.pk)
    scale(caseworker, 5)
    assert sorted(map_.scales.values_list("kind", "about_name", "score")) == [
        ("safety", "", 5), ("willingness", "Camilla Sørensen", 4), ("willingness", "Lars Sørensen", 7)]


def test_the_same_score_again_changes_nothing(scale, parent):
    scale(parent, 5)
    assert scale(parent, 5).version == 1
    assert not AuditEvent.objects.filter(object_type="mapping.scale", action="update").exists()


def test_a_score_based_on_an_old_version_is_refused(scale, parent, map_):
    first = scale(parent, 3)
    scale(parent, 4, expected_version=first.version)
    with pytest.raises(ConflictError) as conflict:
        scale(parent, 9, expected_version=first.version)
    assert conflict.value.current.score == 4
    assert map_.scales.get().score == 4


def test_giving_a_score_is_audited(scale, parent, case):
    given = scale(parent, 5)
    event = AuditEvent.objects.get(object_type="mapping.scale", action="create")
    assert (event.case_id, event.object_id) == (case.pk, str(given.pk))


def test_the_database_refuses_a_score_above_10_even_past_the_services(db):
    map_ = MapFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleFactory(map=map_, score=11)
    assert ScaleFactory(map=map_, score=10).score == 10


def test_deleting_a_score_removes_it(scale, parent, case, caseworker, map_):
    given = scale(parent, 5)
    pk = given.pk
    services.scale_delete(actor=caseworker, case=case, scale=given)
    assert not map_.scales.exists()
    event = AuditEvent.objects.get(object_type="mapping.scale", action="delete")
    assert event.object_id == str(pk)


# --- what 0 and 10 mean -----------------------------------------------------------------------------------


def test_every_scale_has_anchors_of_ours_by_default(organisation):
    anchors = anchors_for(organisation.pk, "en")
    assert set(anchors) == set(ScaleKind.values)
    for kind, (low, high) in DEFAULT_ANCHORS.items():
        assert (anchors[kind].low, anchors[kind].high, anchors[kind].customised) == (str(low), str(high), False)
    assert anchors["safety"].label == "Safety"


@pytest.mark.parametrize("language", ["de", "da", "en"])
def test_the_default_anchors_are_in_the_language_asked_for_whatever_is_active(language, organisation):
    with translation.override(language):
        expected = {kind: (str(low), str(high)) for kind, (low, high) in DEFAULT_ANCHORS.items()}
    with translation.override("da" if language != "da" else "de"):
        anchors = anchors_for(organisation.pk, language)
    assert {kind: (a.low, a.high) for kind, a in anchors.items()} == expected


@pytest.mark.parametrize(("language", "start"), [
    ("de", "Das Kind muss aus der Familie herausgenommen werden"), ("da", "Barnet skal anbringes uden for hjemmet"),
    ("en", "The child must be removed"),
])
def test_our_anchors_are_worded_in_each_language(language, start, organisation):
    assert anchors_for(organisation.pk, language)["safety"].low.startswith(start)


def test_an_organisation_s_own_anchor_replaces_ours_for_that_language_and_scale_only(organisation,
                                                                                   other_organisation):
    ScaleAnchor.objects.create(organisation=organisation, kind="safety", language="de",
                               low="Freja kann nicht zu Hause bleiben", high="Wir können den Fall schließen")
    german = anchors_for(organisation.pk, "de")
    assert (german["safety"].low, german["safety"].high, german["safety"].customised) == (
        "Freja kann nicht zu Hause bleiben", "Wir können den Fall schließen", True)
    assert not german["willingness"].customised
    assert not anchors_for(organisation.pk, "en")["safety"].customised
    assert not anchors_for(other_organisation.pk, "de")["safety"].customised


def test_anchors_take_one_query(organisation, django_assert_num_queries):
    with django_assert_num_queries(1):
        anchors_for(organisation.pk, "da")
