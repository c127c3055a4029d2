"""The directory's import: every row checked like a page's or the API's input, bad rows reported by line and
reason, the good ones (or nothing) imported, a re-import updating offers by key."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied

from safehold.audit.models import AuditEvent
from safehold.resources.csv_io import COLUMNS, read_csv
from safehold.resources.imports import ImportChanged, offers_check, offers_import
from safehold.resources.models import District, Offer

KINDS = ("counselling", "parenting_course", "parent_group", "debt", "addiction")


def _row(n: int, **changes: str) -> dict[str, str]:
    row = {
        "key": f"offer-{n:04d}", "name": f"Elternkurs {n}", "provider": "Caritas Dortmund",
        "kind": KINDS[n % len(KINDS)], "district": ("Nord", "Süd", "")[n % 3], "address": "Hauptstr. 1",
        "target_group": "Eltern", "age_from": "0", "age_to": "17", "languages": "de tr",
        "legal_domain": "sgb_viii", "cost": "", "access": "both", "contact_name": "Frau Yilmaz",
        "phone": "+49 231 1234", "email": f"kurs{n}@example.org", "website": "https://example.org/kurs",
        "capacity": "open", "verified_on": "2025-01-15", "is_active": "yes",
    }
    row.update(changes)
    return row


def csv_bytes(rows: list[dict[str, str]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def districts(organisation):
    return [District.objects.create(organisation=organisation, name=name) for name in ("Nord", "Süd")]


# Line n + 2 holds row n (the header is line 1). The seven broken rows and what must be said about each.
BROKEN = {
    11: ({"name": ""}, "name"),
    250: ({"kind": "yoga"}, "kind"),
    501: ({"age_from": "12", "age_to": "6"}, "age_to"),
    777: ({"email": "not-an-address"}, "email"),
    1200: ({"district": "Atlantis"}, "district"),
    1650: ({"key": "offer-0003"}, "key"),
    1999: ({"languages": "deutsch"}, "languages"),
}


def two_thousand_rows() -> list[dict[str, str]]:
    return [_row(n, **BROKEN[n][0]) if n in BROKEN else _row(n) for n in range(2000)]


def test_a_2000_row_file_with_seven_broken_rows_reports_exactly_those_seven_with_their_reasons(org_admin, districts):
    rows = read_csv(csv_bytes(two_thousand_rows())).rows

    report = offers_check(actor=org_admin, rows=rows)

    assert [bad.line for bad in report.bad] == [n + 2 for n in sorted(BROKEN)]
    for bad in report.bad:
        n = bad.line - 2
        assert [field for field, _message in bad.reasons] == [BROKEN[n][1]]
    reasons = {bad.line: dict(bad.reasons) for bad in report.bad}
    assert reasons[13]["name"] == "Enter the offer's name."
    assert "yoga" in reasons[252]["kind"]
    assert reasons[503]["age_to"] == "The age range ends before it starts."
    assert reasons[779]["email"] == "Enter a valid e-mail address."
    assert "Atlantis" in reasons[1202]["district"]
    assert reasons[1652]["key"] == "This key is on line 5 already."
    assert "deutsch" in reasons[2001]["languages"]
    assert (report.created, report.updated, report.good) == (1993, 0, 1993)
    assert Offer.objects.count() == 0  # the check writes nothing


def test_importing_the_good_rows_creates_1993_offers_and_a_reimport_with_one_changed_name_updates_only_that(
        org_admin, districts):
    rows = read_csv(csv_bytes(two_thousand_rows())).rows

    report = offers_import(actor=org_admin, rows=rows)

    assert report.imported and report.created == 1993 and len(report.bad) == 7
    assert Offer.objects.filter(organisation=org_admin.organisation).count() == 1993
    kurs = Offer.objects.get(key="offer-0042")
    assert (kurs.district.name, kurs.languages, kurs.phone, kurs.verified_on.isoformat()) == (
        "Nord", ",de,tr,", "+49 231 1234", "2025-01-15")
    assert AuditEvent.objects.filter(action="create", object_type="resources.offer").count() == 1993

    changed = two_thousand_rows()
    changed[42]["name"] = "Elternkurs für Väter"
    again = offers_import(actor=org_admin, rows=read_csv(csv_bytes(changed)).rows)

    assert (again.created, again.updated, again.unchanged) == (0, 1, 1992)
    assert Offer.objects.count() == 1993
    kurs.refresh_from_db()
    assert (kurs.name, kurs.version) == ("Elternkurs für Väter", 2)
    assert AuditEvent.objects.get(action="update", object_id=str(kurs.pk)).changed_fields == ["name"]


def test_with_only_if_all_good_a_single_bad_row_imports_nothing(org_admin, districts):
    rows = read_csv(csv_bytes([_row(1), _row(2, kind="yoga")])).rows

    report = offers_import(actor=org_admin, rows=rows, only_if_all_good=True)

    assert not report.imported and [bad.line for bad in report.bad] == [3]
    assert not Offer.objects.exists()


def test_a_key_is_required_in_an_import(org_admin, districts):
    report = offers_check(actor=org_admin, rows=read_csv(csv_bytes([_row(1, key="")])).rows)

    assert dict(report.bad[0].reasons)["key"] == "Enter a key: it names the offer across imports."


def test_an_unknown_district_is_created_when_the_user_asks_for_it_once_per_name(org_admin, districts):
    rows = read_csv(csv_bytes([_row(1, district="Innenstadt"), _row(2, district="innenstadt")])).rows

    report = offers_import(actor=org_admin, rows=rows, create_districts=True)

    assert report.new_districts == ["Innenstadt"] and report.created == 2
    made = District.objects.get(organisation=org_admin.organisation, name="Innenstadt")
    assert set(Offer.objects.values_list("district", flat=True)) == {made.pk}


def test_a_file_of_only_key_and_name_changes_the_names_and_leaves_the_other_fields_as_they_are(org_admin, districts):
    offers_import(actor=org_admin, rows=read_csv(csv_bytes([_row(1)])).rows)

    report = offers_import(actor=org_admin, rows=read_csv(b"key,name\noffer-0001,Neuer Name\n").rows)

    offer = Offer.objects.get(key="offer-0001")
    assert report.updated == 1 and (offer.name, offer.provider, offer.district.name) == (
        "Neuer Name", "Caritas Dortmund", "Süd")


def test_a_new_offer_in_a_file_of_only_key_and_name_is_refused_for_each_missing_required_field(org_admin):
    report = offers_check(actor=org_admin, rows=read_csv(b"key,name\nnew-1,Beratung\n").rows)

    assert [field for field, _message in report.bad[0].reasons] == ["provider", "kind", "legal_domain"]


def test_an_import_refuses_when_an_offer_changed_since_the_check_and_imports_nothing(org_admin, districts):
    offers_import(actor=org_admin, rows=read_csv(csv_bytes([_row(1)])).rows)
    rows = read_csv(csv_bytes([_row(1, name="Neu"), _row(2)])).rows
    checked = offers_check(actor=org_admin, rows=rows)
    Offer.objects.filter(key="offer-0001").update(version=5)  # someone saved it in between

    with pytest.raises(ImportChanged) as changed:
        offers_import(actor=org_admin, rows=rows, expected=checked.planned)

    assert changed.value.report.planned[0].version == 5
    assert list(Offer.objects.values_list("key", "name")) == [("offer-0001", "Elternkurs 1")]


def test_cells_as_excel_writes_them_are_read_dates_yes_no_and_codes_in_capitals(org_admin, districts):
    rows = read_csv(csv_bytes([_row(1, verified_on="31.03.2025", is_active="nein", kind=" Debt ")])).rows

    offers_import(actor=org_admin, rows=rows)

    offer = Offer.objects.get()
    assert (offer.verified_on.isoformat(), offer.is_active, offer.kind) == ("2025-03-31", False, "debt")


def test_unreadable_cells_are_refused_with_the_imports_wording(org_admin, districts):
    rows = read_csv(csv_bytes([_row(1, verified_on="März", is_active="vielleicht", age_from="drei")])).rows

    reasons = dict(offers_check(actor=org_admin, rows=rows).bad[0].reasons)

    assert reasons == {"age_from": "Enter the age as a whole number of years.",
                       "verified_on": "Enter the date as 2025-03-31 or 31.03.2025.",
                       "is_active": "Write yes or no."}


def test_only_those_who_edit_the_directory_import(caseworker):
    with pytest.raises(PermissionDenied):
        offers_check(actor=caseworker, rows=read_csv(csv_bytes([_row(1)])).rows)
    with pytest.raises(PermissionDenied):
        offers_import(actor=caseworker, rows=read_csv(csv_bytes([_row(1)])).rows)


def test_checking_takes_a_fixed_number_of_queries_whatever_the_number_of_rows(org_admin, districts,
                                                                               django_assert_max_num_queries):
    rows = read_csv(csv_bytes(two_thousand_rows())).rows
    with django_assert_max_num_queries(6):
        offers_check(actor=org_admin, rows=rows)
