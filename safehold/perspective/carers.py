"""Where each placed child of a case lives today, for the network's pictures and the child's voice (they sit
below this app and ask through the setting `SAFEHOLD_CARE_HOMES`)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from safehold.cases.models import Case
from safehold.network.homes import CareHome
from safehold.perspective.models import Placement, Setting


def current_homes(case: Case, *, on: date) -> dict[int, CareHome]:
    """Child id → the home of the placement running on `on`: started on or before it and not ended before it
    (the day it ends is still spent there, as a contact on that day is). Where two placements meet on a day, the
    one that starts then wins: the child has moved. One query, with the carers, however many placements."""
    rows = (Placement.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on), case=case, starts_on__lte=on)
            .order_by("-starts_on", "-pk")
            .values_list("pk", "child_id", "setting", "starts_on", "planned_end_on", "ended_on", "carers"))
    chosen: dict[int, int] = {}  # child id → placement id
    found: dict[int, tuple[str, date, date | None, list[int]]] = {}
    for pk, child_id, setting, starts_on, planned_end_on, ended_on, carer_id in rows:
        if chosen.setdefault(child_id, pk) != pk:
            continue
        home = found.setdefault(pk, (setting, starts_on, ended_on or planned_end_on, []))
        if carer_id is not None:
            home[3].append(carer_id)
    return {child_id: CareHome(setting=found[pk][0], setting_label=Setting(found[pk][0]).label,
                               carer_ids=tuple(sorted(found[pk][3])), starts_on=found[pk][1], until=found[pk][2])
            for child_id, pk in chosen.items()}
