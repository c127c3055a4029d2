"""The import page (check, then import the good rows or nothing) and the export, as an editor and as others."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from safehold.accounts.models import Organisation
from safehold.audit.models import AuditEvent
from safehold.resources import forms_import
from safehold.resources.csv_io import MAX_BYTES
from safehold.resources.models import DirectoryShare, District, Offer
from safehold.resources.tests.test_csv_io import PNG
from safehold.resources.tests.test_imports import _row, csv_bytes

URL = "/resources/import/"
EXPORT = "/resources/import/export.csv"


@pytest.fixture
def districts(organisation):
    return [District.objects.create(organisation=organisation, name=name) for name in ("Nord", "Süd")]


def upload(client, content: bytes, name: str = "offers.csv", **data):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv"), **data})


def confirm(client, response, **data):
    token = re.search(r'name="checked" value="([^"]+)"', response.content.decode()).group(1)
    return client.post(URL, {"checked": token, **data})


def test_the_urls_are_named_in_the_resources_namespace():
    assert (reverse("resources:offers_import"), reverse("resources:offers_export")) == (URL, EXPORT)


def test_an_editor_sees_the_upload_form_and_a_caseworker_is_refused(client_for, org_admin, team_lead, caseworker):
    page = client_for(org_admin).get(URL)

    assert page.status_code == 200 and 'type="file"' in page.content.decode()
    assert client_for(team_lead).get(URL).status_code == 200  # team leads edit the directory by default
    assert client_for(caseworker).get(URL).status_code == 403
    assert client_for(caseworker).post(URL, {"file": SimpleUploadedFile("a.csv", b"key,name\n")}).status_code == 403


def test_a_checked_file_shows_its_report_and_importing_takes_exactly_the_good_rows(client_for, org_admin, districts):
    client = client_for(org_admin)
    checked = upload(client, csv_bytes([_row(1), _row(2, kind="yoga"), _row(3, email="nope")]))

    page = checked.content.decode()
    assert checked.status_code == 200 and not Offer.objects.exists()
    assert "1 row is good" in page and "2 rows have errors" in page
    assert "<code>kind</code>: Unknown code “yoga”." in page and "<code>email</code>: Enter a valid e-mail" in page
    assert "Import the 1 good row" in page and "Import nothing" in page

    done = confirm(client, checked)

    assert done.status_code == 302 and done["Location"] == URL
    assert list(Offer.objects.values_list("key", flat=True)) == ["offer-0001"]
    assert "1 offer added. 0 offers changed. 2 rows with errors were not imported." in client.get(URL).content.decode()


def test_a_file_whose_rows_are_all_good_offers_just_import(client_for, org_admin, districts):
    page = upload(client_for(org_admin), csv_bytes([_row(1)])).content.decode()

    assert ">Import</span>" in page and "good row" not in page.split("</table>")[-1]


def test_a_file_with_no_good_row_offers_no_import(client_for, org_admin, districts):
    page = upload(client_for(org_admin), csv_bytes([_row(1, name="")])).content.decode()

    assert 'name="checked"' not in page and "No row can be imported" in page


@pytest.mark.parametrize(("content", "message"), [
    (PNG, "This is not a CSV file: its content is not text."),
    (b"", "The file is empty."),
    (b"key,name\n" + b"a,b\n" * (MAX_BYTES // 4), "The file is larger than 5.0"),
])
def test_a_file_that_is_not_the_directorys_csv_is_refused_next_to_the_file_field(client_for, org_admin, content,
                                                                                 message):
    response = upload(client_for(org_admin), content, name="picture.csv")

    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'id="id_file_error"[^>]*>.*?' + re.escape(message), page, re.S)
    assert not Offer.objects.exists()


def test_a_semicolon_separated_windows_1252_file_with_umlauts_imports_right(client_for, org_admin, districts):
    client = client_for(org_admin)
    content = csv_bytes([_row(1, name="Mütterberatung Südstadt", district="süd")], delimiter=";", encoding="cp1252")

    confirm(client, upload(client, content))

    offer = Offer.objects.get()
    assert (offer.name, offer.district.name) == ("Mütterberatung Südstadt", "Süd")


def test_missing_districts_are_created_only_when_the_user_ticks_the_box(client_for, org_admin, districts):
    client = client_for(org_admin)
    content = csv_bytes([_row(1, district="Hörde")])
    assert "There is no district “Hörde”" in upload(client, content).content.decode()

    confirm(client, upload(client, content, create_districts="on"))

    assert Offer.objects.get().district.name == "Hörde"


def test_an_altered_check_is_refused_and_nothing_imported(client_for, org_admin, districts):
    client = client_for(org_admin)
    checked = upload(client, csv_bytes([_row(1)]))
    token = re.search(r'name="checked" value="([^"]+)"', checked.content.decode()).group(1)

    response = client.post(URL, {"checked": token[:-3] + "abc"})

    assert response.status_code == 400 and "The check could not be read" in response.content.decode()
    assert not Offer.objects.exists()


def test_another_users_check_is_not_accepted(client_for, org_admin, team_lead, districts):
    checked = upload(client_for(org_admin), csv_bytes([_row(1)]))

    assert confirm(client_for(team_lead), checked).status_code == 400
    assert not Offer.objects.exists()


def test_when_an_offer_changes_between_check_and_import_nothing_is_imported_and_the_new_check_shown(
        client_for, org_admin, districts):
    client = client_for(org_admin)
    confirm(client, upload(client, csv_bytes([_row(1)])))
    checked = upload(client, csv_bytes([_row(1, name="Neu"), _row(2)]))
    Offer.objects.filter(key="offer-0001").update(version=7)

    response = confirm(client, checked)

    assert response.status_code == 409 and "nothing was imported" in response.content.decode()
    assert Offer.objects.count() == 1


def test_a_check_too_large_for_the_form_asks_for_the_same_file_again(client_for, org_admin, districts, monkeypatch):
    monkeypatch.setattr(forms_import, "TOKEN_LIMIT", 10)
    client = client_for(org_admin)
    content = csv_bytes([_row(1), _row(2)])
    checked = upload(client, content)
    assert 'type="file"' in checked.content.decode()

    other = confirm(client, checked, file=SimpleUploadedFile("x.csv", csv_bytes([_row(3)])))
    assert other.status_code == 400 and "This is not the file you checked" in other.content.decode()
    confirm(client, checked, file=SimpleUploadedFile("x.csv", content))

    assert Offer.objects.count() == 2


def test_the_report_page_takes_a_fixed_number_of_queries(client_for, org_admin, districts,
                                                        django_assert_max_num_queries):
    client = client_for(org_admin)
    content = csv_bytes([_row(n) for n in range(300)])
    with django_assert_max_num_queries(12):
        assert upload(client, content).status_code == 200


def test_the_export_streams_the_organisations_offers_as_csv_with_a_bom_and_is_audited(
        client_for, org_admin, districts, other_organisation):
    client = client_for(org_admin)
    confirm(client, upload(client, csv_bytes([_row(1), _row(2)])))
    shared = Offer.objects.create(organisation=other_organisation, key="theirs", name="Fremd", provider="x",
                                  kind="debt", legal_domain="other")
    DirectoryShare.objects.create(owner=other_organisation, partner=org_admin.organisation,
                                  accepted_at=shared.created_at)

    response = client.get(EXPORT + "?delimiter=comma")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="offers-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"])
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "no-store")
    body = b"".join(response.streaming_content).decode("utf-8")
    lines = body.splitlines()
    assert lines[0] == ("\ufeffkey,name,provider,kind,district,address,target_group,age_from,age_to,languages,"
                        "legal_domain,cost,access,contact_name,phone,email,website,capacity,verified_on,is_active")
    assert [line.split(",")[0] for line in lines[1:]] == ["offer-0001", "offer-0002"]
    event = AuditEvent.objects.get(action="export")
    assert (event.object_type, event.organisation_id) == ("resources.offer_list", org_admin.organisation_id)


@pytest.mark.parametrize(("language", "header"), [("de", "key;name;"), ("da", "key;name;"), ("en", "key,name,")])
def test_the_export_is_separated_as_excel_in_the_readers_language_expects(client_for, org_admin, language, header):
    org_admin.language = language
    org_admin.save(update_fields=["language"])

    body = b"".join(client_for(org_admin).get(EXPORT).streaming_content).decode("utf-8")

    assert body.startswith("\ufeff" + header)


def test_the_import_is_protected_against_cross_site_requests(org_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org_admin)

    response = client.post(URL, {"file": SimpleUploadedFile("a.csv", csv_bytes([_row(1)]))})

    assert response.status_code == 403


def test_an_export_imports_again_without_a_change(client_for, org_admin, districts):
    client = client_for(org_admin)
    confirm(client, upload(client, csv_bytes([_row(n) for n in range(5)])))
    exported = b"".join(client.get(EXPORT).streaming_content)

    page = upload(client, exported).content.decode()

    assert "5 rows are good" in page and "0 new offers, 0 updates, 5 unchanged" in page


def test_only_editors_export(client_for, caseworker, auditor):
    assert client_for(caseworker).get(EXPORT).status_code == 403
    assert client_for(auditor).get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_an_organisation_without_editors_roles_still_lets_its_admin_import(client_for, org_admin):
    Organisation.objects.filter(pk=org_admin.organisation_id).update(directory_editor_roles="")
    assert client_for(org_admin).get(URL).status_code == 200
