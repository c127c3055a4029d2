"""The demo organisation: users for every role and one realistic case per language.

Written through the same services as the interface, so the demo data obeys every rule and has an audit
trail. Each case gets two assessment and planning maps (safehold/demo/maps.py), and each case of the demo
organisation an active safety plan with check-ins (safehold/demo/plans.py). Running it again changes nothing
but the demo passwords (to the current SAFEHOLD_DEMO_PASSWORD).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safehold.accounts import services as accounts
from safehold.accounts.models import Membership, Organisation, Role, Team, User
from safehold.cases import services as cases
from safehold.cases.models import Case, CaseAssignment, CaseStatus, LegalBasis, StatusChange
from safehold.demo.history import ensure_demo_history
from safehold.demo.maps import ensure_demo_maps
from safehold.demo.network import ensure_demo_network
from safehold.demo.offers import ensure_demo_offers
from safehold.demo.perspective import ensure_demo_perspective
from safehold.demo.plans import ensure_demo_plan
from safehold.demo.referrals import ensure_demo_referrals
from safehold.demo.screening import ensure_demo_screening
from safehold.demo.stories import ensure_demo_story
from safehold.demo.voices import ensure_demo_voices
from safehold.organisation.services import legal_bases_add_country, organisation_create

DEMO_ORGANISATION = "Demo"
OTHER_ORGANISATION = "Other"
DEMO_TEAM = "Team Nord"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    language: str = ""


DEMO_USERS = [
    DemoUser("demo-caseworker", "Katrin", "Weber", (Role.CASEWORKER,), "en"),
    DemoUser("demo-consultant", "Mikkel", "Dahl", (Role.CONSULTANT,), "en"),
    DemoUser("demo-teamlead", "Jens", "Albrecht", (Role.TEAM_LEAD,), "en"),
    DemoUser("demo-admin", "Petra", "Lang", (Role.ORG_ADMIN,), "en"),
    DemoUser("demo-auditor", "Henrik", "Berg", (Role.AUDITOR,), "en"),
]
OTHER_USERS = [DemoUser("other-caseworker", "Olivia", "Brown", (Role.CASEWORKER,), "en")]


@dataclass
class DemoCase:
    reference: str
    family_name: str
    language: str
    legal_basis_code: str
    legal_basis_note: str
    summary: str
    opened_days_ago: int
    path: tuple[str, ...]
    people: list[dict] = field(default_factory=list)
    consultant: bool = False


def _born(years: int, month: int, day: int) -> date:
    today = timezone.localdate()
    return date(today.year - years, month, day)


DEMO_CASES = [
    DemoCase(
        reference="JA-2026-0147", family_name="Becker", language="de",
        legal_basis_code="SGB VIII § 8a", legal_basis_note="",
        summary=(
            "Meldung der Kita Sonnenblume (Dortmund-Eving): Mia kam in den letzten drei Wochen mehrmals ohne "
            "Frühstück und in verschmutzter Kleidung. Beim Abholen wirkte die Mutter zweimal alkoholisiert. "
            "Leon (9) fehlt häufig in der Schule. Gefährdungseinschätzung nach § 8a mit der Familie begonnen."
        ),
        opened_days_ago=41, path=(CaseStatus.ASSESSMENT,),
        people=[
            {"role": "child", "first_name": "Mia", "last_name": "Becker", "relationship": "Tochter",
             "birth_date": (4, 3, 14), "preferred_language": "Deutsch"},
            {"role": "child", "first_name": "Leon", "last_name": "Becker", "relationship": "Sohn",
             "birth_date": (9, 9, 2), "preferred_language": "Deutsch"},
            {"role": "parent", "first_name": "Sandra", "last_name": "Becker", "relationship": "Mutter",
             "birth_date": (34, 6, 30), "phone": "0231 5567 123", "address": "Bergstraße 12, 44339 Dortmund",
             "preferred_language": "Deutsch"},
            {"role": "parent", "first_name": "Thomas", "last_name": "Becker", "relationship": "Vater, lebt getrennt",
             "birth_date": (38, 1, 9), "phone": "0176 2233 4455", "address": "Am Hafen 3, 44147 Dortmund",
             "preferred_language": "Deutsch"},
            {"role": "network", "first_name": "Gisela", "last_name": "Hoffmann", "relationship": "Großmutter (mütterlicherseits)",
             "birth_date": (63, 11, 2), "phone": "0231 889 0021", "notes": "Wohnt zwei Straßen weiter, holt Mia montags und mittwochs ab."},
            {"role": "professional", "first_name": "Aylin", "last_name": "Yilmaz", "relationship": "Erzieherin, Kita Sonnenblume",
             "phone": "0231 4455 600", "email": "kita.sonnenblume@example.org"},
            {"role": "professional", "first_name": "Martin", "last_name": "Brandt", "relationship": "Kinderarzt",
             "phone": "0231 112 2334"},
        ],
    ),
    DemoCase(
        reference="BU-2026-0311", family_name="Sørensen", language="da",
        legal_basis_code="Barnets Lov § 20", legal_basis_note="",
        summary=(
            "Underretning fra Himmelev Skole: Freja (10) fortæller om højlydte skænderier derhjemme og om, at "
            "Jonas har slået Camilla. Politiet har været tilkaldt to gange siden sommer. Forældrene ønsker at "
            "børnene bliver hjemme og vil arbejde med en sikkerhedsplan sammen med netværket."
        ),
        opened_days_ago=78, path=(CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING), consultant=True,
        people=[
            {"role": "child", "first_name": "Freja", "last_name": "Sørensen", "relationship": "datter",
             "birth_date": (10, 5, 21), "preferred_language": "Dansk"},
            {"role": "child", "first_name": "Oscar", "last_name": "Sørensen", "relationship": "søn",
             "birth_date": (6, 11, 8), "preferred_language": "Dansk"},
            {"role": "parent", "first_name": "Camilla", "last_name": "Sørensen", "relationship": "mor",
             "birth_date": (35, 2, 17), "phone": "+45 22 45 67 89", "address": "Æblehaven 7, 4000 Roskilde",
             "preferred_language": "Dansk"},
            {"role": "caregiver", "first_name": "Jonas", "last_name": "Nielsen", "relationship": "mors samlever, Oscars far",
             "birth_date": (37, 8, 4), "phone": "+45 31 12 34 56", "preferred_language": "Dansk"},
            {"role": "network", "first_name": "Birthe", "last_name": "Sørensen", "relationship": "mormor",
             "birth_date": (64, 4, 12), "phone": "+45 46 35 12 00", "notes": "Netværkstovholder i sikkerhedsplanen."},
            {"role": "network", "first_name": "Mette", "last_name": "Larsen", "relationship": "nabo og veninde",
             "phone": "+45 28 76 54 32"},
            {"role": "professional", "first_name": "Anne", "last_name": "Holm", "relationship": "klasselærer, Himmelev Skole",
             "phone": "+45 46 31 40 00"},
        ],
    ),
    DemoCase(
        reference="CP-2026-0058", family_name="Hughes", language="en",
        legal_basis_code="", legal_basis_note="Children Act 1989, section 47 enquiry (child protection plan)",
        summary=(
            "Referral from the health visitor in York: Jack (5) was seen with bruising to his upper arm that "
            "Rachel could not explain. Rachel's partner Daniel has a history of heavy drinking. The family agreed "
            "to a safety plan with grandfather Peter as network coordinator; the plan is now being monitored."
        ),
        opened_days_ago=120, path=(CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING, CaseStatus.MONITORING),
        people=[
            {"role": "child", "first_name": "Ella", "last_name": "Hughes", "relationship": "daughter",
             "birth_date": (12, 7, 30), "preferred_language": "English"},
            {"role": "child", "first_name": "Jack", "last_name": "Hughes", "relationship": "son",
             "birth_date": (5, 1, 12), "preferred_language": "English"},
            {"role": "parent", "first_name": "Rachel", "last_name": "Hughes", "relationship": "mother",
             "birth_date": (33, 10, 5), "phone": "07700 900123", "address": "14 Bootham Terrace, York YO30 7DH",
             "preferred_language": "English"},
            {"role": "caregiver", "first_name": "Daniel", "last_name": "Price", "relationship": "mother's partner",
             "birth_date": (36, 3, 22), "phone": "07700 900456"},
            {"role": "network", "first_name": "Peter", "last_name": "Hughes", "relationship": "grandfather",
             "birth_date": (66, 12, 1), "phone": "01904 600789", "notes": "Network coordinator; lives in Acomb."},
            {"role": "professional", "first_name": "Sarah", "last_name": "Khan", "relationship": "health visitor",
             "phone": "01904 555 010"},
        ],
    ),
]

# Perspektivklärung (seed 002): a toddler in a Bereitschaftspflege while the return home is examined.
PERSPECTIVE_CASE = DemoCase(
    reference="JA-2026-0212", family_name="Schulz", language="de",
    legal_basis_code="SGB VIII § 27", legal_basis_note="§ 33 SGB VIII, befristet; Hilfeplan nach § 36",
    summary=(
        "Inobhutnahme nach einem Polizeieinsatz in der Wohnung der Familie: Emil (2) war nachts allein, die "
        "Mutter nach einem Streit mit dem Vater im Krankenhaus. Emil lebt seitdem in einer "
        "Bereitschaftspflegefamilie. Perspektivklärung: Zuerst wird die Rückkehr zu den Eltern geprüft."
    ),
    opened_days_ago=60, path=(CaseStatus.ASSESSMENT,), consultant=True,
    people=[
        {"role": "child", "first_name": "Emil", "last_name": "Schulz", "relationship": "Sohn",
         "birth_date": (2, 5, 21), "preferred_language": "Deutsch"},
        {"role": "parent", "first_name": "Jana", "last_name": "Schulz", "relationship": "Mutter",
         "birth_date": (24, 2, 11), "phone": "0231 7788 210", "preferred_language": "Deutsch"},
        {"role": "parent", "first_name": "Kevin", "last_name": "Schulz", "relationship": "Vater",
         "birth_date": (27, 8, 30), "phone": "0157 4455 6677", "preferred_language": "Deutsch"},
    ],
)

OTHER_CASE = DemoCase(
    reference="OT-2026-0001", family_name="Andersen", language="da", legal_basis_code="",
    legal_basis_note="Barnets Lov § 19",
    summary=(
        "Underretning fra Noahs skole: Noah (7) kommer ofte for sent og sulten, og en nabo fandt ham alene ude en "
        "aften. Louise har en depression; hun og morfar Erik arbejder sammen med forvaltningen om en plan."
    ),
    opened_days_ago=10, path=(),
    people=[
        {"role": "child", "first_name": "Noah", "last_name": "Andersen", "birth_date": (7, 4, 4)},
        {"role": "parent", "first_name": "Louise", "last_name": "Andersen", "relationship": "mor",
         "birth_date": (31, 9, 12), "preferred_language": "Dansk"},
        {"role": "network", "first_name": "Erik", "last_name": "Andersen", "relationship": "morfar",
         "birth_date": (67, 2, 3), "notes": "Henter Noah i SFO om torsdagen."},
    ],
)


def _ensure_organisation(name: str, country: str, extra_countries: tuple[str, ...] = (), *,
                         screening_needs_team_lead: bool = False) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = organisation_create(name=name, kind=Organisation.Kind.YOUTH_OFFICE, country=country)
        for extra in extra_countries:
            legal_bases_add_country(organisation=organisation, country=extra, first_position=100)
        # Set up as an organisation admin would on its settings page (there is no admin yet to act).
        organisation.screening_needs_team_lead = screening_needs_team_lead
        organisation.save(update_fields=["screening_needs_team_lead"])
    return organisation


def _ensure_user(organisation: Organisation, spec: DemoUser, team: Team | None, password: str) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        roles: list[tuple[str, Team | None]] = [
            (role, team if role != Role.ORG_ADMIN and role != Role.AUDITOR else None) for role in spec.roles
        ]
        user = accounts.user_create(
            actor=None, organisation=organisation, username=spec.username, first_name=spec.first_name,
            last_name=spec.last_name, email=f"{spec.username}@example.org", roles=roles, language=spec.language,
            is_demo=True,
        )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _ensure_case(spec: DemoCase, organisation: Organisation, worker: User, team: Team | None,
                 lead: User | None, consultant: User | None) -> Case:
    existing = Case.objects.filter(organisation=organisation, reference=spec.reference).first()
    if existing is not None:
        return existing
    basis = LegalBasis.objects.filter(organisation=organisation, code=spec.legal_basis_code).first()
    case = cases.case_create(
        actor=worker, reference=spec.reference, family_name=spec.family_name, language=spec.language,
        legal_basis=basis.pk if basis else None, legal_basis_note=spec.legal_basis_note, summary=spec.summary,
        opened_on=timezone.localdate() - timedelta(days=spec.opened_days_ago), team=team.pk if team else None,
    )
    for person in spec.people:
        data = dict(person)
        if "birth_date" in data:
            data["birth_date"] = _born(*data["birth_date"])
        cases.person_create(actor=worker, case=case, **data)
    for status in spec.path:
        cases.case_transition(actor=worker, case=case, to_status=status)
    if consultant is not None and lead is not None:
        cases.assignment_add(actor=lead, case=case, user=consultant, role=CaseAssignment.Role.CONSULTANT)
    _spread_history(case, spec.opened_days_ago)
    return case


def _spread_history(case: Case, days: int) -> None:
    """Date the demo's status history across the weeks since the case was opened, as if lived.
    (The audit trail keeps the true time the demo was created.)"""
    opened = timezone.make_aware(datetime.combine(case.opened_on, time(9, 30)))
    changes = list(StatusChange.objects.filter(case=case).order_by("id"))
    for index, change in enumerate(changes):
        change.changed_at = opened + timedelta(days=days * index // len(changes), hours=index)
    StatusChange.objects.bulk_update(changes, ["changed_at"])
    CaseAssignment.objects.filter(case=case).update(assigned_at=opened)
    Case.objects.filter(pk=case.pk).update(created_at=opened, updated_at=changes[-1].changed_at)


@transaction.atomic
def seed_demo(password: str | None = None) -> dict[str, User]:
    password = password or settings.SAFEHOLD_DEMO_PASSWORD
    demo = _ensure_organisation(DEMO_ORGANISATION, Organisation.Country.GERMANY, (Organisation.Country.DENMARK,),
                                screening_needs_team_lead=True)
    team, _ = Team.objects.get_or_create(organisation=demo, name=DEMO_TEAM)
    users = {spec.username: _ensure_user(demo, spec, team, password) for spec in DEMO_USERS}
    lead = users["demo-teamlead"]
    if not Membership.objects.filter(user=lead, role=Role.TEAM_LEAD, team=team).exists():
        Membership.objects.create(user=lead, role=Role.TEAM_LEAD, team=team)
    ensure_demo_offers(users["demo-admin"])  # the directory of offers, before the cases' referrals name it
    for case_spec in DEMO_CASES:
        case = _ensure_case(case_spec, demo, users["demo-caseworker"], team, lead,
                            users["demo-consultant"] if case_spec.consultant else None)
        ensure_demo_maps(case, users["demo-caseworker"])
        ensure_demo_voices(case, users["demo-caseworker"])
        ensure_demo_story(case, users["demo-caseworker"])  # before the plan, which names it
        ensure_demo_plan(case, users["demo-caseworker"], lead)
        ensure_demo_network(case, users["demo-caseworker"])
        ensure_demo_screening(case, users["demo-caseworker"], lead)  # after the maps: its answers point to entries
        ensure_demo_referrals(case, users["demo-caseworker"])  # after the directory (ensure_demo_offers)
    perspective = _ensure_case(PERSPECTIVE_CASE, demo, users["demo-caseworker"], team, lead, users["demo-consultant"])
    # The family's register first: the network skips a case that has ties already, and the placement adds the
    # foster carers' ties.
    ensure_demo_network(perspective, users["demo-caseworker"])
    ensure_demo_perspective(perspective, users["demo-caseworker"])
    ensure_demo_screening(perspective, users["demo-caseworker"])
    ensure_demo_referrals(perspective, users["demo-caseworker"])
    # Closed cases of the last eighteen months, so that the reports show a picture (safehold/demo/history.py).
    ensure_demo_history(demo, team, users["demo-caseworker"], lead)

    other = _ensure_organisation(OTHER_ORGANISATION, Organisation.Country.DENMARK)
    other_team, _ = Team.objects.get_or_create(organisation=other, name="Team Syd")
    for spec in OTHER_USERS:
        users[spec.username] = _ensure_user(other, spec, other_team, password)
    other_case = _ensure_case(OTHER_CASE, other, users["other-caseworker"], other_team, None, None)
    ensure_demo_maps(other_case, users["other-caseworker"])
    ensure_demo_screening(other_case, users["other-caseworker"])
    return users
