"""The screening's part in a person's export (see cases/subject_records.py): the screenings of a child, each
answer with its evidence, and the decisions on them; from any other screening, the answers given in their words.
Two queries."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Record, Subject, SubjectData, item, record, voice
from safehold.screening.models import Screening, ScreeningAnswer

SCREENING_FIELDS = ("screened_on", "note", "outcome", "complete", "worker_decision", "worker_reason",
                    "lead_decision", "lead_reason")
ANSWER_FIELDS = ("item", "answer", "repeated", "evidence")


def collect(subject: Subject) -> list[Record]:
    records: list[Record] = []
    for screening in (Screening.objects.filter(case=subject.case).prefetch_related("answers")
                      .order_by("screened_on", "pk")):
        about = screening.child_id == subject.person.pk
        answers = [a for a in screening.answers.all() if about or a.voice_key == subject.voice_key]
        if not answers and not about:
            continue
        of = item("screening", _("Screening"), screening.pk, date_format(screening.screened_on, "SHORT_DATE_FORMAT"))
        if about:
            records.append(record(screening, SCREENING_FIELDS, title=_("Screening")))
        records += [record(a, ANSWER_FIELDS, voice(a), of, title=_("Answer")) for a in answers]
    return records


SUBJECT_DATA = SubjectData(
    key="screening", title=gettext_lazy("Screening"), collect=collect, models=(Screening, ScreeningAnswer),
)
