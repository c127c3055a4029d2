"""The meetings' part in a person's export (see cases/subject_records.py): each meeting they took part in or
were excused from, or whose expectations hold their words, with its minutes and agreements, and any other
meeting's agreement that names them. Five queries."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Record, Subject, SubjectData, item, record, voice
from safehold.meetings.models import Agreement, Expectation, Meeting, Participant, Professional

MEETING_FIELDS = ("kind", "held_on", "title", "place", "agenda", "minutes", "next_on", "notes")


def collect(subject: Subject) -> list[Record]:
    meetings = (Meeting.objects.filter(case=subject.case)
                .prefetch_related("participants", "professionals", "expectations", "agreements"))
    records: list[Record] = []
    for meeting in meetings:
        took_part = [p for p in meeting.participants.all() if p.voice_key == subject.voice_key]
        said = [e for e in meeting.expectations.all() if e.voice_key == subject.voice_key]
        agreements = list(meeting.agreements.all())
        if took_part or said:
            present = [p.voice_name for p in meeting.participants.all()]
            present += [f"{p.name} ({p.organisation})" if p.organisation else p.name
                        for p in meeting.professionals.all()]
            records.append(record(meeting, MEETING_FIELDS, item("participants", _("Participants"), present)))
            records += [record(p, ["presence"], item("meeting", _("meeting"), meeting.pk, str(meeting)),
                               title=_("Taking part in a meeting")) for p in took_part]
            records += [record(e, ["text"], voice(e), item("meeting", _("meeting"), meeting.pk, str(meeting)))
                        for e in said]
        else:
            agreements = [a for a in agreements if subject.named_in(a.what, a.who)]
        records += [record(a, ["what", "who", "due_on"], item("meeting", _("meeting"), meeting.pk, str(meeting)))
                    for a in agreements]
    return records


SUBJECT_DATA = SubjectData(
    key="meetings", title=gettext_lazy("Meetings"), collect=collect,
    models=(Meeting, Participant, Expectation, Agreement, Professional),
)
