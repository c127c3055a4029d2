"""The case's part in a person's export (see subject_records.py): the person as recorded, the case they are on,
who works on it, and a child's outcomes. Two queries."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.models import Case, CaseAssignment, ChildOutcome, LegalBasis, Person, StatusChange
from safehold.cases.subject_records import FAMILY_ROLES, Record, Subject, SubjectData, item, record

PERSON_FIELDS = ("role", "first_name", "last_name", "relationship", "birth_date", "sex", "deceased", "deceased_on",
                 "phone", "email", "address", "preferred_language", "interpreter_needed", "notes", "created_at",
                 "updated_at")


def collect(subject: Subject) -> list[Record]:
    case, person = subject.case, subject.person
    case_fields = ["reference", "status", "opened_on", "closed_on"]
    if person.role in FAMILY_ROLES:  # why the authority is involved is the family's, not a network member's
        case_fields += ["family_name", "summary", "outcome", "outcome_note"]
    basis = item("legal_basis", _("legal basis"), str(case.legal_basis) if case.legal_basis else "")
    records = [record(person, PERSON_FIELDS), record(case, case_fields, basis)]
    records += [record(a, ["role", "assigned_at"], item("user", _("colleague"), a.user.get_full_name() or
                                                         a.user.username), title=_("Worker on the case"))
                for a in CaseAssignment.objects.filter(case=case).select_related("user")]
    records += [record(o, ["outcome", "on", "note", "current"])
                for o in ChildOutcome.objects.filter(case=case, child=person)]
    return records


SUBJECT_DATA = SubjectData(
    key="cases", title=gettext_lazy("Person and case"), collect=collect,
    models=(Person, Case, CaseAssignment, ChildOutcome),
    # The organisation's list of provisions, and the case's own process (its status history).
    not_about_a_person=(LegalBasis, StatusChange),
)
