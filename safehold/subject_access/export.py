"""Everything a case holds about one person, gathered from every tool named in `SAFEHOLD_SUBJECT_DATA` (each a
`safehold.cases.subject_records.SubjectData` in the tool's own `subject_data.py`), in the case's language.

A read, like every selector: the caller has loaded the case through the access policy and the person through
`case_person`, and audits the export. Each tool reads in a fixed number of queries, so the export does too,
however much the person has on the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone, translation

from safehold.cases.models import Case, Person
from safehold.cases.subject_records import Record, Subject, SubjectData
from safehold.core.contributions import listed_by_key

FORMAT = "safehold.subject-access/1"


def contributors() -> list[SubjectData]:
    """The tools' parts, in the order of the setting (a key named twice is refused)."""
    return listed_by_key("SAFEHOLD_SUBJECT_DATA")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: list[Record]


@dataclass(frozen=True)
class SubjectExport:
    subject: Subject
    sections: list[Section]
    made_at: datetime

    @property
    def case(self) -> Case:
        return self.subject.case

    @property
    def person(self) -> Person:
        return self.subject.person

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "made_at": self.made_at.isoformat(),
            "case": {"id": self.case.pk, "reference": self.case.reference},
            "person": {"id": self.person.pk, "name": self.person.full_name, "role": self.person.role},
            "audience": self.subject.audience,
            "sections": [{"key": s.key, "title": s.title, "records": [r.as_json() for r in s.records]}
                         for s in self.sections],
        }


def subject_export(case: Case, person: Person) -> SubjectExport:
    """What each tool holds about `person` (a person of `case`): its records as the person's audience may see
    them, labelled in the case's language."""
    subject = Subject(case=case, person=person, people={p.pk: p for p in case.people.all()})
    with translation.override(case.language):
        sections = [Section(part.key, str(part.title), part.collect(subject)) for part in contributors()]
    return SubjectExport(subject=subject, sections=sections, made_at=timezone.now())
