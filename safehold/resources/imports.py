"""Importing the directory from CSV rows: check every row, report each bad one with its line and reasons, and
import the good ones (or nothing).

Every row is held to `services.clean_offer`, the rules a page and the API follow, and to the import's own:
a key is required and unique within the file (a row whose key exists updates that offer instead of adding
one), a district must exist unless the user asked to create the missing ones, a code must be one of the
listed codes. The first step (`offers_check`) writes nothing; the second (`offers_import`) checks again
inside its transaction and, given what the first step saw (`expected`), refuses with `ImportChanged` when the
directory changed in between, so that exactly the rows the user saw as good are imported. Each created and
each changed offer gets its own audit record; a changed offer's version goes up, as any edit's does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.core.validation import Errors
from safehold.core.versioning import apply_changes, save_versioned
from safehold.resources import services
from safehold.resources.access import require_edit
from safehold.resources.csv_io import Row
from safehold.resources.models import Access, Capacity, District, LegalDomain, Offer, OfferKind

CODED = {"kind": OfferKind, "legal_domain": LegalDomain, "access": Access, "capacity": Capacity}
YES = {"yes", "y", "true", "1", "x", "ja", "j"}
NO = {"no", "n", "false", "0", "nein", "nej"}
DISTRICT_NAME_LIMIT = 120  # District.name
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")  # ISO, and as Excel writes it in Germany and Denmark
_WHOLE_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class BadRow:
    """A row that is not imported: its line (header = 1) and each reason, as (column, message)."""

    line: int
    key: str
    reasons: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Planned:
    """A good row as it was checked: the offer it updates at which version, or None for a new offer."""

    line: int
    key: str
    version: int | None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: list[BadRow] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    new_districts: list[str] = field(default_factory=list)
    imported: bool = False

    @property
    def good(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def all_good(self) -> bool:
        return not self.bad


class ImportChanged(Exception):
    """The directory changed between the check the user saw and the import: nothing was imported; `report` is
    the check as it stands now."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("The directory changed since the rows were checked.")
        self.report = report


@dataclass
class _Checked:
    row: Row
    values: dict[str, Any]
    current: Offer | None
    district_name: str = ""  # a district to create first
    changes: list[str] = field(default_factory=list)


def _cell_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _data(cells: Mapping[str, str], errors: Errors) -> dict[str, Any]:
    """A row's cells as the values clean_offer takes; what cannot be read as its column's kind of value is
    refused here with the import's wording (Errors keeps the first message per field)."""
    data: dict[str, Any] = {}
    for name, raw in cells.items():
        text = raw.strip()
        if name == "district":
            continue  # resolved by name against the organisation's districts, loaded once
        if name in CODED:
            code = text.lower()
            if code and code not in CODED[name].values:
                errors.add(name, _("Unknown code “%(value)s”. Use one of: %(codes)s.")
                           % {"value": text, "codes": ", ".join(CODED[name].values)})
            data[name] = code
        elif name in ("age_from", "age_to"):
            if text and not _WHOLE_NUMBER.match(text):
                errors.add(name, _("Enter the age as a whole number of years."))
            data[name] = int(text) if _WHOLE_NUMBER.match(text) else None
        elif name == "verified_on":
            day = _cell_date(text) if text else None
            if text and day is None:
                errors.add(name, _("Enter the date as 2025-03-31 or 31.03.2025."))
            data[name] = day
        elif name == "is_active":
            if text.lower() in YES | NO:
                data[name] = text.lower() in YES
            elif text:
                errors.add(name, _("Write yes or no."))
        else:
            data[name] = raw
    return data


def _changes(current: Offer, values: Mapping[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(current, name) != value]


def _check(organisation_id: int, rows: Sequence[Row], create_districts: bool, *,
           lock: bool = False) -> tuple[ImportReport, list[_Checked]]:
    """Every row held to the rules, in a fixed number of queries whatever the number of rows."""
    keys = {row.cells.get("key", "").strip() for row in rows} - {""}
    existing_offers = Offer.objects.filter(organisation_id=organisation_id, key__in=keys).select_related("district")
    if lock:
        existing_offers = existing_offers.select_for_update(of=("self",))
    existing = {offer.key: offer for offer in existing_offers}
    districts = {d.name.casefold(): d for d in District.objects.filter(organisation_id=organisation_id)}
    report = ImportReport()
    checked: list[_Checked] = []
    first_line: dict[str, int] = {}
    new_districts: dict[str, str] = {}
    for row in rows:
        errors = Errors()
        if row.problem:
            errors.add("line", row.problem)
        data = _data(row.cells, errors)
        key = row.cells.get("key", "").strip()
        if not key:
            errors.add("key", _("Enter a key: it names the offer across imports."))
        elif key in first_line:
            errors.add("key", _("This key is on line %(line)d already.") % {"line": first_line[key]})
        else:
            first_line[key] = row.line
        current = existing.get(key)
        values = services.clean_offer(organisation_id, data, errors, current=current)
        values.pop("district", None)
        district_name = ""
        if "district" in row.cells:
            name = " ".join(row.cells["district"].split())
            found = districts.get(name.casefold()) if name else None
            if name and found is None:
                if not create_districts:
                    errors.add("district", _("There is no district “%(name)s”. Create it first, or choose to "
                                             "create missing districts.") % {"name": name})
                elif len(name) > DISTRICT_NAME_LIMIT:
                    errors.add("district", _("Keep this to %(limit)d characters.") % {"limit": DISTRICT_NAME_LIMIT})
                else:
                    district_name = new_districts.setdefault(name.casefold(), name)
            values["district"] = found
        if errors:
            report.bad.append(BadRow(line=row.line, key=key, reasons=tuple(errors.items())))
            continue
        item = _Checked(row=row, values=values, current=current, district_name=district_name)
        if current is None:
            report.created += 1
        else:
            item.changes = _changes(current, values)
            if district_name:
                item.changes.append("district")
            if item.changes:
                report.updated += 1
            else:
                report.unchanged += 1
        report.planned.append(Planned(line=row.line, key=key, version=current.version if current else None))
        checked.append(item)
    report.new_districts = [name for name in new_districts.values()
                            if any(item.district_name == name for item in checked)]
    return report, checked


def offers_check(*, actor: User, rows: Sequence[Row], create_districts: bool = False) -> ImportReport:
    """What importing `rows` would do, row by row; writes nothing."""
    report, _checked = _check(require_edit(actor), rows, create_districts)
    return report


def offers_import(*, actor: User, rows: Sequence[Row], create_districts: bool = False,
                  only_if_all_good: bool = False, expected: Sequence[Planned] | None = None) -> ImportReport:
    """Import the good rows of `rows` (none at all with `only_if_all_good` when any row is bad); the report
    says what was created and updated and which rows were left out, and why. With `expected` (the planned rows
    of the check the user saw) ImportChanged is raised, and nothing imported, if the rows check differently now."""
    organisation_id = require_edit(actor)
    try:
        return _import(actor, organisation_id, rows, create_districts, only_if_all_good, expected)
    except IntegrityError:
        # Someone added an offer with one of the file's keys while this import ran: check again, import nothing.
        report, _checked = _check(organisation_id, rows, create_districts)
        raise ImportChanged(report) from None


@transaction.atomic
def _import(actor: User, organisation_id: int, rows: Sequence[Row], create_districts: bool,
            only_if_all_good: bool, expected: Sequence[Planned] | None) -> ImportReport:
    report, checked = _check(organisation_id, rows, create_districts, lock=True)
    if expected is not None and list(expected) != report.planned:
        raise ImportChanged(report)
    if only_if_all_good and report.bad:
        return report
    made = {name.casefold(): services.district_create(actor=actor, name=name) for name in report.new_districts}
    new: list[Offer] = []
    for item in checked:
        if item.district_name:
            item.values["district"] = made[item.district_name.casefold()]
        if item.current is None:
            offer = Offer(organisation_id=organisation_id, created_by=actor, **item.values)
            offer.search_key = services.search_key(offer)
            new.append(offer)
            continue
        offer = item.current
        changed = apply_changes(offer, item.values, services.OFFER_FIELDS)
        if changed:
            offer.search_key = services.search_key(offer)
            save_versioned(offer, expected_version=offer.version, fields=[*changed, "search_key"])
            audit_record(actor=actor, action=Action.UPDATE, obj=offer, organisation_id=organisation_id,
                         changed_fields=changed)
    for offer in Offer.objects.bulk_create(new, batch_size=500):
        audit_record(actor=actor, action=Action.CREATE, obj=offer, organisation_id=organisation_id)
    report.imported = True
    return report
