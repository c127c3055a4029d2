"""The network's part in a person's export (see cases/subject_records.py): their ties in the register (with the
other person's name), where they stood in the safety circles over time, and whether they coordinate the
network. Three queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Record, Subject, SubjectData, item, record
from safehold.network.models import CaseNetwork, CirclePlacement, Relationship


def collect(subject: Subject) -> list[Record]:
    person = subject.person
    ties = Relationship.objects.filter(Q(person_a=person) | Q(person_b=person), case=subject.case)
    records = [record(tie, ["kind", "quality", "legal_basis", "note"],
                      item("person_a", _("person"), tie.person_a_id, subject.name_of(tie.person_a_id)),
                      item("person_b", _("related person"), tie.person_b_id, subject.name_of(tie.person_b_id)))
               for tie in ties]
    records += [record(p, ["circle", "placed_on"])
                for p in CirclePlacement.objects.filter(case=subject.case, person=person).order_by("placed_on", "id")]
    records += [record(n, [], item("coordinator", _("network coordinator"), True))
                for n in CaseNetwork.objects.filter(case=subject.case, coordinator=person)]
    return records


SUBJECT_DATA = SubjectData(
    key="network", title=gettext_lazy("Family and network"), collect=collect,
    models=(Relationship, CirclePlacement, CaseNetwork),
)
