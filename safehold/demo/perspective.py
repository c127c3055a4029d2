"""The demo's Perspektivklärung (seed 002): for a German case with a toddler, a placement in a
Bereitschaftspflegefamilie for six months and six contacts with the parents over eight weeks (one cancelled,
the last one still planned), observed and reflected with the parents; three clarification assignments agreed in
the first Hilfeplangespräch, answered, and a recommendation to return home with help; in German."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case, Person, PersonRole
from safehold.meetings import services as meetings
from safehold.meetings.models import Meeting, MeetingKind
from safehold.network import services as network
from safehold.network.models import Kind
from safehold.perspective import services
from safehold.perspective.models import Contact, Placement


@dataclass(frozen=True)
class DemoContact:
    day: int  # days after the placement started
    status: str
    place: str
    minutes: int | None = None
    meeting_parting: str = ""
    child_signals: str = ""
    parent_responsiveness: str = ""
    strengths: str = ""
    challenges: str = ""
    what_helped: str = ""
    reflection: str = ""
    cancelled_by: str = ""
    cancel_reason: str = ""


OFFICE = "Besuchsraum im Familienzentrum"
CONTACTS = (
    DemoContact(7, "held", OFFICE, 60,
                meeting_parting="Das Kind blieb zunächst auf dem Arm der Pflegemutter und ging nach zehn Minuten zur "
                                "Mutter. Beim Abschied weinte es kurz und ließ sich von der Pflegemutter trösten.",
                child_signals="Zu Beginn still und abwartend, später Blickkontakt und Lachen beim Bauklötze-Spiel.",
                parent_responsiveness="Die Mutter wartete ab, bis das Kind zu ihr kam, und sprach ruhig mit ihm.",
                strengths="Die Mutter hatte ein Lieblingsbuch mitgebracht und las daraus vor.",
                challenges="Der Vater kam 20 Minuten zu spät und war unruhig.",
                what_helped="Ein fester Ablauf: Ankommen, Spielen, Snack, Abschied.",
                reflection="Die Eltern freuten sich über das Lachen. Der Vater will künftig pünktlich sein."),
    DemoContact(14, "held", OFFICE, 60,
                meeting_parting="Das Kind streckte der Mutter die Arme entgegen. Der Abschied gelang mit einem "
                                "Winke-Ritual.",
                child_signals="Suchte bei Müdigkeit die Nähe der Mutter.",
                parent_responsiveness="Die Mutter erkannte die Müdigkeit und nahm das Kind auf den Schoß.",
                strengths="Beide Eltern pünktlich; der Vater spielte geduldig auf dem Boden.",
                challenges="Die Eltern stritten kurz über den Snack, leise, aber für das Kind hörbar.",
                what_helped="Die Fachkraft schlug vor, das Thema nach dem Kontakt zu besprechen.",
                reflection="Die Eltern sahen, dass das Kind beim Streit still wurde, und vereinbarten, "
                           "Streitthemen außerhalb der Kontakte zu klären."),
    DemoContact(21, "cancelled", OFFICE, cancelled_by="Vater (telefonisch)",
                cancel_reason="Der Vater war krank; die Mutter wollte nicht allein kommen."),
    DemoContact(28, "held", "Spielplatz am Westpark (begleitet)", 90,
                meeting_parting="Freudige Begrüßung mit beiden Eltern; der Abschied fiel dem Kind schwerer als "
                                "sonst.",
                child_signals="Lief immer wieder zur Mutter zurück und zeigte ihr Dinge.",
                parent_responsiveness="Die Mutter benannte, was das Kind zeigte; der Vater sicherte an der "
                                      "Rutsche ab.",
                strengths="Die Eltern teilten sich die Aufgaben ohne Absprache vor dem Kind.",
                challenges="Zum Schluss wurde es hektisch, weil die Zeit überzogen war.",
                what_helped="Eine Ankündigung fünf Minuten vor dem Ende.",
                reflection="Die Eltern wollen das Ende selbst ankündigen; nächster Kontakt wieder im Freien."),
    DemoContact(42, "held", "Spielplatz am Westpark (begleitet)", 90,
                meeting_parting="Das Kind lief den Eltern entgegen; Abschied ruhig mit dem Winke-Ritual.",
                child_signals="Entspannt, spielte auch ein Stück entfernt von den Eltern.",
                parent_responsiveness="Beide Eltern reagierten schnell auf einen Sturz und trösteten gemeinsam.",
                strengths="Die Mutter kündigte das Ende selbst an; der Vater war pünktlich.",
                challenges="Keine besonderen.",
                what_helped="Der gleiche Ablauf wie beim letzten Mal.",
                reflection="Die Eltern fragten nach längeren Kontakten; das wird im Hilfeplangespräch besprochen."),
    DemoContact(56, "planned", "Wohnung der Eltern (begleitet)", 120),
)


def _carers(case: Case, worker: User, child: Person) -> list[Person]:
    """The foster carers as people of the case, tied to the child as foster carers (the network shows them)."""
    existing = [p for p in case.people.all() if p.role == PersonRole.CAREGIVER and p.last_name == "Brandt"]
    if existing:
        return existing
    return [network.network_person_add(actor=worker, case=case, role=PersonRole.CAREGIVER, first_name=first,
                                       last_name="Brandt", relationship="Bereitschaftspflegemutter" if first ==
                                       "Heike" else "Bereitschaftspflegevater", sex=sex,
                                       kind=Kind.FOSTER_CARER, related_to=child.pk)
            for first, sex in (("Heike", "female"), ("Jörg", "male"))]


def ensure_demo_perspective(case: Case, worker: User, *, today: date | None = None) -> Placement | None:
    """Add to `case` (German, with a child under four and parents) a placement of its youngest child in a
    Bereitschaftspflegefamilie that started 52 days before `today` (six months' time frame) and six contacts with
    the parents over eight weeks. Does nothing if the case has a placement already or has no such child."""
    if Placement.objects.filter(case=case).exists():
        return None
    today = today or timezone.localdate()
    people = list(case.people.all())
    children = sorted((p for p in people if p.role == PersonRole.CHILD and p.birth_date),
                      key=lambda p: p.birth_date or date.min, reverse=True)
    parents = [p for p in people if p.role == PersonRole.PARENT]
    if not children or not parents:
        return None
    child = children[0]
    start = today - timedelta(days=52)
    placement = services.placement_create(
        actor=worker, case=case, child=child.pk, setting="emergency_foster", starts_on=start, time_frame_months=6,
        carers=[p.pk for p in _carers(case, worker, child)], custody="parents",
        youth_office_contact="Jugendamt Dortmund, Sozialer Dienst West, Frau Yilmaz, 0231 50-00000",
        note="Inobhutnahme nach einer Meldung der Kita; Unterbringung in einer Bereitschaftspflegefamilie zur "
             "ambulanten Perspektivklärung. Die Rückführung wird zuerst geprüft.")
    for spec in CONTACTS:
        services.contact_create(
            actor=worker, case=case, placement=placement, on=start + timedelta(days=spec.day), status=spec.status,
            place=spec.place, duration_minutes=spec.minutes, setting="supervised" if spec.day < 28 else "accompanied",
            present=[p.pk for p in parents] if spec.status != "cancelled" else [],
            present_others="Fachkraft des Familienzentrums" if spec.status != "cancelled" else "",
            meeting_parting=spec.meeting_parting, child_signals=spec.child_signals,
            parent_responsiveness=spec.parent_responsiveness, strengths=spec.strengths,
            challenges=spec.challenges, what_helped=spec.what_helped, reflection=spec.reflection,
            cancelled_by=spec.cancelled_by, cancel_reason=spec.cancel_reason)
    _assignments_and_recommendation(case, worker, placement, parents)
    return placement


@dataclass(frozen=True)
class DemoAssignment:
    question: str
    commissioned_by: str
    answered_by: str
    due_day: int  # days after the placement started
    findings: str
    findings_by: str
    contact_days: tuple[int, ...]  # the contacts the findings rest on


ASSIGNMENTS = (
    DemoAssignment("Kann die Mutter die Signale des Kindes erkennen und feinfühlig darauf eingehen?",
                   "Jugendamt Dortmund", "Fachkraft des Familienzentrums", 45,
                   "Die Mutter erkennt Müdigkeit und Unsicherheit des Kindes zunehmend sicher und tröstet es "
                   "angemessen. Bei Streit der Eltern zieht sich das Kind zurück.",
                   "Fachkraft des Familienzentrums", (7, 14, 42)),
    DemoAssignment("Können die Eltern Absprachen verlässlich einhalten (Pünktlichkeit, Termine)?",
                   "Jugendamt Dortmund", "Fachkraft des Familienzentrums", 45,
                   "Nach anfänglichen Verspätungen waren beide Eltern bei den letzten Kontakten pünktlich; eine "
                   "Absage wegen Krankheit wurde rechtzeitig mitgeteilt.",
                   "Fachkraft des Familienzentrums", (7, 21, 28, 42)),
    DemoAssignment("Welche Hilfe braucht die Familie für eine Rückkehr des Kindes?",
                   "Jugendamt Dortmund", "Kinderschutzfachkraft (insoweit erfahrene Fachkraft)", 50,
                   "Sozialpädagogische Familienhilfe mit zehn Stunden in der Woche, ein Kita-Platz und eine "
                   "Erziehungsberatung für die Eltern zum Umgang mit Konflikten.",
                   "Kinderschutzfachkraft (insoweit erfahrene Fachkraft)", (28, 42)),
)


def _first_care_plan_meeting(case: Case, worker: User, start: date, parents: list[Person]) -> Meeting:
    """The first Hilfeplangespräch after the placement started: the one already recorded, else a new one."""
    existing = (Meeting.objects.filter(case=case, kind=MeetingKind.CARE_PLAN, held_on__gte=start)
                .order_by("held_on", "pk").first())
    if existing is not None:
        return existing
    return meetings.meeting_record(
        actor=worker, case=case, kind=MeetingKind.CARE_PLAN, held_on=start + timedelta(days=10),
        place="Jugendamt Dortmund, Sozialer Dienst West", title="Erstes Hilfeplangespräch",
        participants=[meetings.ParticipantInput(voice=f"person:{p.pk}") for p in parents],
        professionals=[meetings.ProfessionalInput(name="Frau Yilmaz", organisation="Jugendamt Dortmund"),
                       meetings.ProfessionalInput(name="Fachkraft", organisation="Familienzentrum")],
        agenda="Anlass der Inobhutnahme, Erwartungen der Eltern, Klärungsaufträge, Umgangskontakte.")


def _assignments_and_recommendation(case: Case, worker: User, placement: Placement, parents: list[Person]) -> None:
    start = placement.starts_on
    meeting = _first_care_plan_meeting(case, worker, start, parents)
    by_day = {(c.on - start).days: c.pk for c in Contact.objects.filter(placement=placement)}
    assignments = [services.assignment_create(
        actor=worker, case=case, meeting=meeting.pk, question=spec.question, commissioned_by=spec.commissioned_by,
        answered_by=spec.answered_by, due_on=max(start + timedelta(days=spec.due_day), meeting.held_on),
        status="answered", findings=spec.findings, findings_by=spec.findings_by,
        contacts=[by_day[day] for day in spec.contact_days if day in by_day]) for spec in ASSIGNMENTS]
    services.recommendation_save(
        actor=worker, case=case, placement=placement, expected_version=None, option="return_home",
        help_needed="Sozialpädagogische Familienhilfe (§ 31 SGB VIII), Kita-Platz, Erziehungsberatung (§ 28 SGB VIII).",
        reasons="Die Eltern gehen feinfühlig auf das Kind ein, halten Absprachen ein und haben gelernt, Konflikte "
                "außerhalb der Kontakte zu klären. Das Kind sucht ihre Nähe und lässt sich von ihnen trösten.",
        parents_view="Wir möchten, dass unser Kind nach Hause kommt, und nehmen die Familienhilfe an.",
        guardian_view="Die Eltern haben das Sorgerecht; das Jugendamt unterstützt die Rückkehr mit Hilfe.",
        assignments=[a.pk for a in assignments],
        contacts=[by_day[day] for day in (28, 42) if day in by_day])
