"""The organisation admin words what 0 and 10 mean on each scale, per language."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.mapping.anchors import anchors_for
from safehold.mapping.models import ScaleAnchor
from safehold.organisation.selectors import anchor_field, default_anchor
from safehold.organisation.services import scale_wording_save

URL = "/organisation/scales/"


def _current(organisation_id) -> dict[str, str]:
    values = {}
    for language in ("de", "da", "en"):
        for kind, anchors in anchors_for(organisation_id, language).items():
            values[anchor_field(kind, language, "low")] = anchors.low
            values[anchor_field(kind, language, "high")] = anchors.high
    return values


def test_the_admin_words_one_end_of_one_scale_in_one_language(org_admin, organisation, client_for):
    values = _current(organisation.pk)
    values["safety_da_high"] = "Alle er enige om, at barnet er sikkert nok til, at sagen kan lukkes."
    response = client_for(org_admin).post(URL, values)
    assert response.status_code == 302
    own = ScaleAnchor.objects.get(organisation=organisation)
    assert (own.kind, own.language, own.high) == ("safety", "da", values["safety_da_high"])
    assert anchors_for(organisation.pk, "da")["safety"].high == values["safety_da_high"]
    assert anchors_for(organisation.pk, "de")["safety"].high == default_anchor("safety", "de", "high")
    event = AuditEvent.objects.get(object_type="mapping.scaleanchor")
    assert event.changed_fields == ["safety_da"] and event.organisation_id == organisation.pk


def test_wording_put_back_to_ours_is_not_kept_as_the_organisations(org_admin, organisation):
    values = _current(organisation.pk)
    values["capacity_en_low"] = "Cannot do it yet."
    scale_wording_save(actor=org_admin, values=values)
    values["capacity_en_low"] = default_anchor("capacity", "en", "low")
    scale_wording_save(actor=org_admin, values=values)
    assert not ScaleAnchor.objects.filter(organisation=organisation).exists()


def test_our_wording_is_translated(organisation):
    with translation.override("en"):
        english = anchors_for(organisation.pk, "en")["safety"].low
    assert anchors_for(organisation.pk, "de")["safety"].low != english
    assert anchors_for(organisation.pk, "da")["safety"].low != english


def test_an_empty_end_is_refused_next_to_its_field_and_nothing_is_saved(org_admin, organisation, client_for):
    values = _current(organisation.pk)
    values["safety_de_high"] = "Neu formuliert"
    values["willingness_de_low"] = "  "
    response = client_for(org_admin).post(URL, values)
    assert response.status_code == 400
    assert "Say what this end of the scale means." in response.content.decode()
    assert not ScaleAnchor.objects.filter(organisation=organisation).exists()


def test_scale_wording_save_refuses_an_empty_end(org_admin, organisation):
    values = _current(organisation.pk)
    values["confidence_en_high"] = ""
    with pytest.raises(ValidationError) as error:
        scale_wording_save(actor=org_admin, values=values)
    assert "confidence_en_high" in error.value.message_dict


@pytest.mark.parametrize("who", ["caseworker", "team_lead", "auditor"])
def test_only_the_organisation_admin_words_the_scales(who, request, client_for, organisation):
    user = request.getfixturevalue(who)
    assert client_for(user).get(URL).status_code == 403
    with pytest.raises(PermissionDenied):
        scale_wording_save(actor=user, values=_current(organisation.pk))


def test_the_case_workers_see_their_organisations_wording_on_the_map(org_admin, organisation, caseworker, case,
                                                                     client_for):
    from safehold.mapping import services

    values = _current(organisation.pk)
    values["safety_en_low"] = "We would have to place the child today."
    scale_wording_save(actor=org_admin, values=values)
    map_ = services.map_create(actor=caseworker, case=case)
    caseworker.language = "en"
    caseworker.save(update_fields=["language"])
    page = client_for(caseworker).get(f"/cases/{case.pk}/maps/{map_.pk}/").content.decode()
    assert "We would have to place the child today." in page
