"""Words & Pictures' part in a person's export (see cases/subject_records.py): each version of the story agreed
with them, or read with them when they are a child of the case, with all its panels; from any other version,
the panels that name them. A panel's picture is listed with the files. Three queries."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.models import PersonRole
from safehold.cases.subject_records import Record, Subject, SubjectData, item, record
from safehold.words_pictures.models import Panel, Story


def collect(subject: Subject) -> list[Record]:
    person = subject.person
    stories = (Story.objects.filter(case=subject.case).order_by("version_no")
               .prefetch_related("agreed_with", Prefetch("panels", queryset=Panel.objects.select_related("picture"))))
    records: list[Record] = []
    for story in stories:
        agreed = any(p.pk == person.pk for p in story.agreed_with.all())
        read_with = person.role == PersonRole.CHILD and story.read_on is not None
        panels = [p for p in story.panels.all() if agreed or read_with or subject.named_in(p.text)]
        if not panels and not agreed:
            continue
        records.append(record(story, ["version_no", "status", "title", "agreed_with_names", "agreed_on", "read_on"]))
        for panel in panels:
            picture = panel.picture if panel.picture is not None and panel.picture.deleted_at is None else None
            if picture is not None:
                subject.files.append(picture)
            records.append(record(panel, ["section", "text", "figures"],
                                  item("story", _("Story"), story.pk, _("Version %(number)s") % {
                                      "number": story.version_no}),
                                  item("picture", _("picture"), picture.pk if picture else None,
                                       picture.original_name or str(picture.pk) if picture else "")))
    return records


SUBJECT_DATA = SubjectData(
    key="words_pictures", title=gettext_lazy("Words & Pictures"), collect=collect, models=(Story, Panel),
)
