"""The demo's Perspektivklärung (seed 002): for a German case with a toddler, a placement in a
Bereitschaftspflegefamilie for six months and six contacts with the parents over eight weeks (one cancelled,
the last one still planned), observed and reflected with the parents; three clarification assignments agreed in
the first Hilfeplangespräch, answered, and a recommendation to return home with help; the parents' and the foster
mother's expectations gathered before that first Hilfeplangespräch, its agreements and its Hilfeplan signed by
the parents, and the review meeting seven weeks in (Überprüfungsgespräch) with the Hilfeplan's update
(Fortschreibung) for the return home with help; in German.

Emil is two: he cannot be asked what he expects of the meeting. What he needs is written down as the foster
mother, who sees him every day, put it to the worker beforehand, in her own name (never as the child's words)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case, LegalBasis, Person, PersonRole
from safehold.meetings import services as meetings
from safehold.meetings.models import Meeting, MeetingKind
from safehold.network import services as network
from safehold.network.models import Kind
from safehold.perspective import help_plans, services
from safehold.perspective.models import Contact, HelpPlan, Placement


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
    the parents over eight weeks, the Hilfeplan of the first care-plan meeting and its update in the review.
    Does nothing if the case has a placement already (but adds the Hilfeplan to a demo made before there was
    one) or has no such child."""
    existing = Placement.objects.filter(case=case).order_by("pk").first()
    if existing is not None:
        _help_plans(case, worker, existing, today=today or timezone.localdate())
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
    _help_plans(case, worker, placement, today=today)
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


# --- the Hilfeplan: the first care-plan meeting and the review ----------------------------------------------

REVIEW_DAY = 50  # days after the placement started: seven weeks in, the contacts observed and the findings in
LEGAL_BASES = ("SGB VIII § 27", "SGB VIII § 33", "SGB VIII § 36")  # those of them the organisation keeps
PROVIDER = "SOS-Kinderdorf Dortmund, ambulante Perspektivklärung (Familienzentrum)"

FIRST_EXPECTATIONS = (
    ("Mutter", "Ich möchte, dass Emil so schnell wie möglich wieder nach Hause kommt. Ich will zeigen, dass ich "
               "mich um ihn kümmern kann. Und ich brauche Hilfe, wenn Kevin und ich streiten."),
    ("Vater", "Ich will Emil öfter sehen als einmal in der Woche. Ich weiß, dass ich pünktlich sein muss. Vom "
              "Jugendamt erwarte ich, dass man uns ehrlich sagt, was wir ändern sollen."),
    ("Bereitschaftspflegemutter", "Emil fragt abends nach Mama und Papa. Er braucht feste Tage, an denen er sie "
                                  "sieht, und jedes Mal denselben Ablauf, damit der Abschied nicht so schwer ist."),
)
FIRST_AGREEMENTS = (
    ("Begleitete Umgangskontakte einmal in der Woche im Familienzentrum, 60 Minuten; nach drei Kontakten wird "
     "besprochen, ob längere Kontakte im Freien möglich sind.", "Familienzentrum mit Frau und Herrn Schulz", 42),
    ("Die Eltern melden sich bei der Erziehungsberatungsstelle und nehmen einen ersten Termin wahr.",
     "Jana und Kevin Schulz", 35),
    ("Emils Entwicklung und Gesundheit werden in einem Tagebuch festgehalten, das zu jedem Kontakt mitkommt.",
     "Heike Brandt (Bereitschaftspflegemutter)", None),
    ("Die Anmeldung für einen Kita-Platz wird vorbereitet, damit er bei einer Rückkehr bereitsteht.",
     "Frau Yilmaz, Jugendamt Dortmund", 49),
)
FIRST_PLAN = {
    "situation": (
        "Emil (2) lebt seit zehn Tagen in der Bereitschaftspflegefamilie Brandt. Er wurde in Obhut genommen, "
        "nachdem die Polizei ihn nachts allein in der Wohnung angetroffen hatte; die Mutter war nach einem Streit "
        "mit dem Vater im Krankenhaus. Die Eltern leben weiter zusammen und haben gemeinsam das Sorgerecht. Sie "
        "möchten, dass Emil zurückkommt, und sind bereit, mit dem Jugendamt und dem Familienzentrum "
        "zusammenzuarbeiten. In der Pflegefamilie hat Emil sich schnell eingelebt; er schläft inzwischen durch "
        "und fragt abends nach seinen Eltern."),
    "goals": (
        "Emil ist sicher versorgt und hat verlässliche Bezugspersonen.\n"
        "Emil sieht seine Eltern regelmäßig; die Kontakte werden beobachtet und gestärkt.\n"
        "Es ist geklärt, ob Emil zu seinen Eltern zurückkehren kann und welche Hilfe die Familie dafür braucht.\n"
        "Die Eltern tragen Konflikte ohne Gewalt und nicht vor Emil aus."),
    "help": (
        "Bereitschaftspflege in der Familie Brandt für zunächst sechs Monate, mit ambulanter Perspektivklärung: "
        "wöchentliche begleitete Umgangskontakte von 60 bis 90 Minuten mit Beobachtung und einem "
        "Reflexionsgespräch mit den Eltern danach, die Bearbeitung der drei vereinbarten Klärungsaufträge und "
        "Beratung der Eltern im Umfang von etwa zwei Stunden in der Woche."),
    "provider": f"{PROVIDER}; Bereitschaftspflegefamilie Brandt",
}

REVIEW_EXPECTATIONS = (
    ("Mutter", "Wir möchten wissen, ab wann Emil wieder bei uns wohnt."),
    ("Vater", "Die Familienhilfe soll schon da sein, wenn Emil nach Hause kommt, nicht erst danach."),
)
REVIEW_AGREEMENTS = (
    ("Emil kehrt schrittweise zu seinen Eltern zurück: zwei begleitete Kontakte in der Wohnung der Eltern, dann "
     "Übernachtungen am Wochenende; Rückkehr nach Hause in vier Wochen.",
     "Jugendamt, Familienzentrum, Familie Schulz und Familie Brandt", 28),
    ("Die Sozialpädagogische Familienhilfe wird beantragt; sie beginnt spätestens mit Emils Rückkehr.",
     "Frau Yilmaz, Jugendamt Dortmund", 14),
    ("Die Eltern setzen die Erziehungsberatung zum Umgang mit Konflikten fort, alle zwei Wochen.",
     "Jana und Kevin Schulz", None),
    ("Ein Kita-Platz ab der Rückkehr wird gesichert; die Eingewöhnung übernimmt die Mutter.",
     "Jana Schulz, unterstützt vom Jugendamt", 28),
    ("Emil besucht die Familie Brandt nach der Rückkehr noch zweimal, damit der Abschied gut gelingt.",
     "Heike Brandt mit Familie Schulz", 42),
)
REVIEW_PLAN = {
    "situation": (
        "Emil lebt seit sieben Wochen in der Bereitschaftspflegefamilie Brandt. Die Eltern haben alle "
        "vereinbarten Umgangskontakte wahrgenommen; ein Kontakt fiel aus, weil der Vater krank war, und wurde "
        "rechtzeitig abgesagt. Die Klärungsaufträge sind beantwortet: Die Mutter erkennt Emils Signale "
        "zunehmend sicher und tröstet ihn angemessen, beide Eltern halten Absprachen ein und besprechen "
        "Streitthemen außerhalb der Kontakte. Emil sucht die Nähe seiner Eltern und lässt sich von ihnen "
        "trösten. Die Fachkräfte empfehlen die Rückkehr in die Familie mit Hilfe; die Eltern stimmen zu."),
    "goals": (
        "Emil lebt wieder bei seinen Eltern und ist dort sicher versorgt.\n"
        "Die Rückkehr geschieht schrittweise, und Emil behält die Pflegeeltern als vertraute Menschen.\n"
        "Die Eltern bekommen die Hilfe, die sie für den Alltag mit Emil brauchen, und nehmen sie an.\n"
        "Bei Streit oder in einer Krise wissen die Eltern, wen sie anrufen, und Emil bleibt außen vor."),
    "help": (
        "Rückkehr in die Familie mit Hilfe: schrittweise Rückführung über vier Wochen, begleitet vom "
        "Familienzentrum; danach Sozialpädagogische Familienhilfe (§ 31 SGB VIII) mit zehn Stunden in der Woche "
        "für zunächst sechs Monate; Erziehungsberatung für die Eltern (§ 28 SGB VIII) alle zwei Wochen; ein "
        "Kita-Platz mit Eingewöhnung."),
    "provider": "SOS-Kinderdorf Dortmund (Rückführungsbegleitung, Sozialpädagogische Familienhilfe); "
                "Erziehungsberatungsstelle",
}


def _legal_bases(case: Case) -> list[int]:
    return list(LegalBasis.objects.filter(organisation_id=case.organisation_id, code__in=LEGAL_BASES, is_active=True)
                .order_by("position", "code").values_list("pk", flat=True))


def _voice_of(people: list[Person], relationship: str) -> str | None:
    found = next((p for p in people if p.relationship == relationship), None)
    return f"person:{found.pk}" if found else None


def _write_plan(case: Case, worker: User, meeting: Meeting, placement: Placement, text: dict[str, str]) -> HelpPlan:
    return help_plans.help_plan_save(actor=worker, case=case, meeting=meeting, expected_version=None,
                                     child=placement.child_id, placement=placement.pk, legal_bases=_legal_bases(case),
                                     **text).plan


def _help_plans(case: Case, worker: User, placement: Placement, *, today: date) -> None:
    """The Hilfeplan of the first care-plan meeting and its update in the review; each once."""
    people = list(case.people.all())
    parents = [p for p in people if p.role == PersonRole.PARENT]
    start = placement.starts_on
    first = _first_care_plan_meeting(case, worker, start, parents)
    review_on = min(start + timedelta(days=REVIEW_DAY), today)
    if not HelpPlan.objects.filter(meeting=first).exists():
        for relationship, text in FIRST_EXPECTATIONS:
            voice = _voice_of(people, relationship)
            if voice is not None:
                meetings.expectation_add(actor=worker, case=case, meeting=first, voice=voice, text=text)
        for what, who, due_day in FIRST_AGREEMENTS:
            meetings.agreement_add(actor=worker, case=case, meeting=first, what=what, who=who,
                                   due_on=start + timedelta(days=due_day) if due_day is not None else None)
        if first.next_on is None:
            meetings.meeting_change(actor=worker, case=case, meeting=first, expected_version=first.version,
                                    changes={"next_on": review_on})
        plan = _write_plan(case, worker, first, placement, FIRST_PLAN)
        for parent in parents:
            help_plans.help_plan_sign_off(actor=worker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                          how="in_person", signed_on=first.held_on)
    if Meeting.objects.filter(case=case, kind=MeetingKind.REVIEW, held_on__gte=start).exists():
        return
    carers = [f"person:{p.pk}" for p in placement.carers.all() if p.relationship == "Bereitschaftspflegemutter"]
    review = meetings.meeting_record(
        actor=worker, case=case, kind=MeetingKind.REVIEW, held_on=review_on, next_on=review_on + timedelta(weeks=12),
        place="Jugendamt Dortmund, Sozialer Dienst West", title="Überprüfungsgespräch (Fortschreibung des Hilfeplans)",
        participants=[meetings.ParticipantInput(voice=f"person:{p.pk}") for p in parents]
        + [meetings.ParticipantInput(voice=voice) for voice in carers],
        professionals=[meetings.ProfessionalInput(name="Frau Yilmaz", organisation="Jugendamt Dortmund"),
                       meetings.ProfessionalInput(name="Frau Krüger", organisation="SOS-Kinderdorf Dortmund, "
                                                                                   "Familienzentrum"),
                       meetings.ProfessionalInput(name="Frau Özdemir", organisation="Kita Sonnenblume",
                                                  presence="excused")],
        expectations=[meetings.ExpectationInput(voice=voice, text=text) for relationship, text in REVIEW_EXPECTATIONS
                      if (voice := _voice_of(people, relationship)) is not None],
        agreements=[meetings.AgreementInput(what=what, who=who,
                                            due_on=review_on + timedelta(days=due) if due is not None else None)
                    for what, who, due in REVIEW_AGREEMENTS],
        agenda="Ergebnisse der Klärungsaufträge und der Umgangskontakte, Empfehlung, Rückkehr und Hilfe danach, "
               "nächste Überprüfung.",
        minutes="Die Fachkraft des Familienzentrums stellte die Beobachtungen der Kontakte vor, Frau Yilmaz die "
                "Empfehlung. Die Eltern stimmten der Rückkehr mit Familienhilfe zu; Frau Brandt unterstützt den "
                "Übergang.")
    plan = _write_plan(case, worker, review, placement, REVIEW_PLAN)
    mother = _voice_of(people, "Mutter")
    father = _voice_of(people, "Vater")
    if mother is not None:
        help_plans.help_plan_sign_off(actor=worker, case=case, plan=plan, signer=mother, how="in_person",
                                      signed_on=review_on)
    if father is not None:  # he had to leave early and agreed by phone the next day
        help_plans.help_plan_sign_off(actor=worker, case=case, plan=plan, signer=father, how="phone",
                                      signed_on=min(review_on + timedelta(days=1), today))
    yilmaz = next(p for p in review.professionals.all() if p.name == "Frau Yilmaz")
    help_plans.help_plan_sign_off(actor=worker, case=case, plan=plan, signer=f"professional:{yilmaz.pk}",
                                  how="in_person", signed_on=review_on)
