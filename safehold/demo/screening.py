"""A screening against the target group of a safety plan (seed 004) for each demo case, in the case's language,
written through the services like work done in the interface, once: a case that has a screening is left as it is.

The demo organisation asks for the team lead's decision beside the worker's. The Becker family (de) fits through
gross and repeated neglect and waits for the worker's decision; the Sørensen family (da, in the seed's own words)
fits through violence, decided by the worker and the team lead; the Hughes family (en) was screened before the
plan (before its maps, so no answer points to one), decided by the worker, and waits for the team lead; the
Schulz family (de) and the Andersen family (da) are drafts that say what is missing. An answer links only map
entries drawn by its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.mapping.models import Entry
from safehold.screening import services

Y, N, U = "yes", "no", "unknown"


@dataclass(frozen=True)
class Said:
    item: str
    answer: str
    who: str  # a first name of the case, or "worker"
    evidence: str
    repeated: bool | None = None
    map_part: str = ""  # the first entry of this part of the case's maps, if any, is linked (maps drawn before)


@dataclass(frozen=True)
class DemoScreening:
    days_ago: int
    answers: tuple[Said, ...]
    child: str = ""  # a first name: a screening of one child
    note: str = ""
    decision: tuple[str, str] | None = None  # (fits / does_not_fit, reason)
    lead_decision: tuple[str, str] | None = None  # the team lead's, where the organisation asks for it


SCREENINGS: dict[str, DemoScreening] = {
    "JA-2026-0147": DemoScreening(days_ago=30, answers=(
        Said("safety_risk", Y, "Aylin", "Mia kommt seit Wochen ohne Frühstück und in verschmutzter Kleidung.",
             map_part="past_harm"),
        Said("serious_harm", Y, "Martin", "Mia ist untergewichtig; ohne Hilfe droht eine Entwicklungsverzögerung."),
        Said("massive_support", Y, "worker", "Frau Becker schafft den Alltag allein nicht, solange sie trinkt."),
        Said("ordinary_not_enough", Y, "worker", "Die Erziehungsberatung 2025 hat nichts verändert."),
        Said("great_safety_risk", N, "worker", "Keine akute Gefahr für Leib und Leben bekannt."),
        Said("danger_to_self", N, "worker", ""),
        Said("health_in_danger", N, "Martin", "Kein akuter Behandlungsbedarf."),
        Said("violence_or_abuse", N, "Leon", "Mama schreit, aber sie schlägt uns nicht."),
        Said("basic_needs", Y, "Aylin", "Dreimal in drei Wochen ohne Frühstück, oft dieselbe Kleidung.", True),
        Said("violence", N, "worker", ""),
        Said("school", Y, "worker", "Leon fehlt laut Schule an elf Tagen seit den Herbstferien.", True),
        Said("closeness", N, "Gisela", "Sandra ist liebevoll mit den Kindern, wenn sie nüchtern ist."),
        Said("demands", N, "worker", ""),
        Said("adults_influenced", Y, "Aylin", "Die Mutter wirkte beim Abholen zweimal alkoholisiert.", True),
    ), note="Grobe und wiederholte Vernachlässigung: drei Bedingungen wiederholt erfüllt."),
    "BU-2026-0311": DemoScreening(days_ago=40, answers=(
        Said("safety_risk", Y, "Freja", "Jonas slog mor, og politiet kom. Jeg var bange for Oscar.",
             map_part="past_harm"),
        Said("serious_harm", Y, "Anne", "Freja er træt og trist i skolen efter weekender med skænderier."),
        Said("massive_support", Y, "Camilla", "Vi kan ikke selv stoppe skænderierne; vi har brug for hjælp."),
        Said("ordinary_not_enough", Y, "worker", "Familiebehandling alene skaber ikke sikkerhed om aftenen og i "
                                                 "weekenden; netværket skal være der."),
        Said("great_safety_risk", Y, "worker", "Politiet tilkaldt to gange siden sommer."),
        Said("danger_to_self", N, "worker", ""),
        Said("health_in_danger", N, "worker", ""),
        Said("violence_or_abuse", Y, "Freja", "Jeg så, at Jonas slog mor i køkkenet.", map_part="past_harm"),
        Said("basic_needs", N, "Birthe", "Børnene får mad og kommer rene i skole."),
        Said("violence", Y, "worker", "Vold i hjemmet to gange siden sommer, børnene var hjemme.", True),
        Said("school", N, "Anne", "Freja kommer i skole hver dag."),
        Said("closeness", N, "Birthe", "Camilla er tæt på børnene."),
        Said("demands", N, "worker", ""),
        Said("adults_influenced", N, "Camilla", "Jonas drikker ikke, når børnene er hjemme."),
    ), decision=("fits", "Åbenbar risiko for børnenes sikkerhed; forældrene har behov for massiv støtte, og "
                         "almindeligt familiebehandlingsarbejde vil ikke være tilstrækkeligt. Familien og netværket "
                         "vil lave en sikkerhedsplan, så børnene kan blive i hjemmet."),
       lead_decision=("fits", "Enig: sikkerhedsplan med netværket; målgruppevurderingen drøftes igen om tre "
                              "måneder.")),
    "CP-2026-0058": DemoScreening(days_ago=115, child="Jack", answers=(
        Said("safety_risk", Y, "Sarah", "Bruising to Jack's upper arm that nobody could explain."),
        Said("serious_harm", Y, "worker", "Jack is five and cannot keep himself safe when Daniel has been drinking."),
        Said("massive_support", Y, "Rachel", "I can't do this on my own, not with Daniel the way he is."),
        Said("ordinary_not_enough", Y, "worker", "Parenting support last year did not change the evenings."),
        Said("great_safety_risk", U, "worker", "Not known how the bruising happened."),
        Said("danger_to_self", N, "worker", ""),
        Said("health_in_danger", N, "Sarah", "Healthy weight, vaccinations up to date."),
        Said("violence_or_abuse", Y, "Ella", "Daniel grabbed Jack really hard when he spilled his drink."),
        Said("basic_needs", N, "Sarah", ""),
        Said("violence", Y, "Ella", "He grabbed him before too, at Christmas.", True),
        Said("school", N, "worker", "Jack is at school every day."),
        Said("closeness", N, "Peter", "Rachel adores the kids."),
        Said("demands", N, "worker", ""),
        Said("adults_influenced", Y, "Rachel", "Daniel drinks most weekends.", True),
    ), decision=("fits", "Jack was hurt and the drinking goes on: the family and Peter make a safety plan so that "
                         "the children can stay at home.")),
    "JA-2026-0212": DemoScreening(days_ago=55, child="Emil", answers=(
        Said("safety_risk", Y, "worker", "Emil war nachts allein in der Wohnung."),
        Said("serious_harm", Y, "worker", "Ein Zweijähriger allein: Gefahr für Leib und Leben."),
        Said("massive_support", U, "Jana", "Ich weiß nicht, was wir brauchen. Ich will ihn nur zurück."),
        Said("great_safety_risk", Y, "worker", "Polizeieinsatz nach einem Streit der Eltern."),
    ), note="Entwurf: Emil lebt in der Bereitschaftspflege; die Rückkehr wird zuerst geprüft."),
    "OT-2026-0001": DemoScreening(days_ago=5, answers=(
        Said("safety_risk", U, "worker", "En nabo fandt Noah alene ude en aften."),
        Said("basic_needs", Y, "worker", "Noah kommer ofte sulten i skole.", True),
        Said("school", Y, "Erik", "Han kommer for sent flere gange om ugen.", True),
    ), note="Kladde: afdækning i gang."),
}


def ensure_demo_screening(case: Case, worker: User, lead: User | None = None) -> None:
    spec = SCREENINGS.get(case.reference)
    if spec is None or case.screenings.exists():
        return
    people = {p.first_name: p for p in case.people.all()}
    screened_on = timezone.localdate() - timedelta(days=spec.days_ago)
    first_entries: dict[str, Entry] = {}
    for entry in Entry.objects.filter(map__case=case, map__drawn_on__lte=screened_on,
                                      deleted_at__isnull=True).order_by("map__drawn_on", "position", "pk"):
        first_entries.setdefault(entry.part, entry)

    def voice(who: str) -> str:
        return f"user:{worker.pk}" if who == "worker" else f"person:{people[who].pk}"

    answers: dict[str, dict[str, Any]] = {
        said.item: {"answer": said.answer, "voice": voice(said.who), "evidence": said.evidence,
                    "repeated": said.repeated,
                    "map_entries": [first_entries[said.map_part].pk] if said.map_part in first_entries else []}
        for said in spec.answers}
    screening = services.screening_create(
        actor=worker, case=case, screened_on=screened_on,
        child=people[spec.child].pk if spec.child else None, note=spec.note, answers=answers)
    if spec.decision is not None:
        decision, reason = spec.decision
        services.screening_decide(actor=worker, case=case, screening=screening, expected_version=screening.version,
                                  decision=decision, reason=reason)
    if spec.lead_decision is not None and lead is not None and services.lead_decision_asked(case):
        decision, reason = spec.lead_decision
        services.screening_lead_decide(actor=lead, case=case, screening=screening,
                                       expected_version=screening.version, decision=decision, reason=reason)
