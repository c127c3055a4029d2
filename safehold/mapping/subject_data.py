"""The map's part in a person's export (see cases/subject_records.py): the entries in their words, those they
gave a view on and those that name them, their views, and the scores they gave or that are about them, each
with the map it is on. Three queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Item, Record, Subject, SubjectData, item, record, voice
from safehold.mapping.models import Entry, Map, Scale, ScaleAnchor, Stance

ENTRY_FIELDS = ("part", "text", "worried", "behaviour", "impact", "goal_kind", "responsible", "due_on",
                "created_at", "updated_at")


def _on_map(map_: Map) -> Item:
    return item("map", _("assessment and planning map"), map_.pk, str(map_))


def collect(subject: Subject) -> list[Record]:
    key = subject.voice_key
    entries = (Entry.objects.live().filter(map__case=subject.case).select_related("map")
               .prefetch_related("stances").order_by("map__drawn_on", "map_id", "part", "position", "id"))
    records: list[Record] = []
    for entry in entries:
        stances = [s for s in entry.stances.all() if s.voice_key == key]
        if entry.voice_key == key or stances or subject.named_in(entry.text, entry.worried, entry.behaviour,
                                                                    entry.impact, entry.responsible):
            records.append(record(entry, ENTRY_FIELDS, voice(entry), _on_map(entry.map)))
            records += [record(s, ["agrees", "words", "created_at"], voice(s), item("entry", _("map entry"), entry.pk))
                        for s in stances]
    scales = (Scale.objects.filter(map__case=subject.case).filter(Q(voice_key=key) | Q(about=subject.person))
              .select_related("map").order_by("map__drawn_on", "map_id", "kind", "id"))
    records += [record(s, ["kind", "score", "reason", "about_name"], voice(s), _on_map(s.map)) for s in scales]
    return records


SUBJECT_DATA = SubjectData(
    key="mapping", title=gettext_lazy("Assessment and planning maps"), collect=collect,
    models=(Map, Entry, Stance, Scale),
    not_about_a_person=(ScaleAnchor,),  # the organisation's wording of a scale's ends
)
