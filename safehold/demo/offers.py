"""The demo organisation's directory of offers (seed 001, prevention in the social space): districts in the three
cities the demo cases live in (Dortmund, Roskilde, York), a realistic directory of local offers for each, in the
cases' languages, and one cooperation agreement per language, written through the services like work done in the
interface. Providers, addresses and contact persons are invented.

Each demo family finds a parenting course in its district and language (the Becker family in Dortmund-Eving, the
Sørensen family in Roskilde – Himmelev, the Hughes family in York – Clifton). Every directory holds one offer that
is full, at least one with a waiting list, and one not verified for over a year, so that the directory's flags show.

Idempotent: a district, an offer (by its key) or an agreement (by its title) that exists is left as it is.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from safehold.accounts.models import User
from safehold.resources import services
from safehold.resources.access import require_edit
from safehold.resources.models import Access, Capacity, CooperationAgreement, District, Offer

EVING, NORDSTADT, SCHARNHORST = "Dortmund-Eving", "Dortmund-Innenstadt-Nord", "Dortmund-Scharnhorst"
HIMMELEV, MIDTBYEN, TREKRONER = "Roskilde – Himmelev", "Roskilde – Midtbyen", "Roskilde – Trekroner"
CLIFTON, ACOMB, TANG_HALL = "York – Clifton", "York – Acomb", "York – Tang Hall"
DISTRICTS = (EVING, NORDSTADT, SCHARNHORST, HIMMELEV, MIDTBYEN, TREKRONER, CLIFTON, ACOMB, TANG_HALL)

# Where each demo case's family lives (the addresses and schools in safehold/demo/seed.py): for the referrals.
DISTRICT_OF_CASE = {
    "JA-2026-0147": EVING,  # Becker: Bergstraße, 44339 Dortmund; Kita Sonnenblume in Eving
    "JA-2026-0212": NORDSTADT,  # Schulz: the parents' flat, where the police came
    "BU-2026-0311": HIMMELEV,  # Sørensen: Himmelev Skole, Æblehaven 7, 4000 Roskilde
    "CP-2026-0058": CLIFTON,  # Hughes: Bootham Terrace, York YO30
}
# The parenting course each family finds in its district and language.
PARENTING_COURSE_OF_CASE = {"JA-2026-0147": "de-elternkurs-eving", "BU-2026-0311": "da-foraeldrekursus-himmelev",
                            "CP-2026-0058": "en-parenting-clifton"}

NORDLICHT = "Beratungsstelle Nordlicht (Evangelische Familienhilfe Dortmund-Nord e. V.)"
STALE = 430  # days since the last check: over a year, flagged in the directory


def _offer(key: str, name: str, provider: str, kind: str, district: str | None, languages: str, legal_domain: str,
           *, ages: tuple[int | None, int | None] = (None, None), capacity: str = Capacity.OPEN,
           access: str = Access.BOTH, verified: int = 30, **texts: str) -> dict[str, Any]:
    """One offer's fields; `verified` is how many days ago someone last checked them with the provider."""
    return {"key": key, "name": name, "provider": provider, "kind": kind, "district": district,
            "languages": languages, "legal_domain": legal_domain, "age_from": ages[0], "age_to": ages[1],
            "capacity": capacity, "access": access, "verified": verified, "email": f"{key}@example.org", **texts}


GERMAN = [
    _offer("de-elternkurs-eving", "Elternkurs „Gelassen durch den Familienalltag“",
           "Familienbildungsstätte Eving (Evangelische Familienhilfe Dortmund-Nord e. V.)", "parenting_course",
           EVING, "de,tr", "sgb_viii", ages=(2, 12), verified=35, address="Evinger Platz 4, 44339 Dortmund",
           target_group="Mütter und Väter von Kindern im Kita- und Grundschulalter; acht Abende, Kinderbetreuung "
                        "während des Kurses.",
           cost="kostenlos (§ 16 SGB VIII)", contact_name="Frau Kaya", phone="0231 5566 410"),
    _offer("de-elternkurs-nordstadt-arabisch", "Elternkurs auf Arabisch und Deutsch",
           "Familienzentrum Nordmarkt (Nordstadt-Familienhilfe e. V.)", "parenting_course", NORDSTADT,
           "de,ar", "sgb_viii", ages=(0, 10), capacity=Capacity.WAITING_LIST, verified=60,
           address="Mallinckrodtstraße 120, 44147 Dortmund",
           target_group="Eltern, die gern auf Arabisch über Erziehung sprechen; mit Sprachmittlerin.",
           cost="kostenlos", contact_name="Herr Haddad", phone="0231 8899 120"),
    _offer("de-elternkurs-scharnhorst", "Elternkurs für Eltern von Kleinkindern",
           "Familienzentrum Scharnhorst-Ost", "parenting_course", SCHARNHORST, "de,uk", "sgb_viii", ages=(0, 6),
           verified=90, address="Gleiwitzstraße 277, 44328 Dortmund", cost="5 € je Abend, ermäßigt kostenlos",
           contact_name="Frau Nowak", phone="0231 2233 510"),
    _offer("de-muetterfruehstueck-eving", "Mütterfrühstück im Familienzentrum Eving",
           "Familienzentrum Eving (Stadt Dortmund, Kita Am Lindenhorst)", "parent_group", EVING, "de,tr,ar",
           "sgb_viii", ages=(0, 3), access=Access.SELF_REFERRAL, verified=20,
           address="Lindenhorster Straße 38, 44339 Dortmund",
           target_group="Mütter mit Babys und Kleinkindern; jeden Dienstag 9–11 Uhr, ohne Anmeldung.",
           cost="kostenlos"),
    _offer("de-muettercafe-scharnhorst", "Mütter-Café Scharnhorst", "Nachbarschaftstreff Scharnhorst e. V.",
           "parent_group", SCHARNHORST, "de,uk,ru", "sgb_viii", ages=(0, 6), access=Access.SELF_REFERRAL,
           verified=50, address="Droote 26, 44328 Dortmund",
           target_group="Mütter, auch neu zugezogene; Austausch, Beratung durch eine Sozialpädagogin."),
    _offer("de-erziehungsberatung", "Beratungsstelle für Eltern, Kinder und Jugendliche",
           NORDLICHT, "counselling", None, "de,tr,pl",
           "sgb_viii", ages=(0, 27), capacity=Capacity.WAITING_LIST, verified=45,
           address="Schützenstraße 42, 44147 Dortmund",
           target_group="Erziehungs- und Familienberatung nach § 28 SGB VIII; Erstgespräch in etwa sechs Wochen.",
           cost="kostenlos", phone="0231 8877 300"),
    _offer("de-schulsozialarbeit-eving", "Schulsozialarbeit an der Grundschule Am Süggelwald",
           "Jugendhilfe Dortmund-Nord gGmbH", "school_social_work", EVING, "de,tr", "sgb_viii", ages=(6, 10),
           verified=120, address="Süggelweg 10, 44339 Dortmund",
           target_group="Kinder der Schule und ihre Eltern; Sprechzeiten montags bis donnerstags.",
           contact_name="Herr Wolff", phone="0231 5566 720"),
    _offer("de-schulsozialarbeit-nordstadt", "Schulsozialarbeit an der Gesamtschule Nordstadt",
           "Jugendhilfe Dortmund-Nord gGmbH", "school_social_work", NORDSTADT, "de,tr,ar,pl", "sgb_viii",
           ages=(10, 18), verified=100, address="Lützowstraße 70, 44147 Dortmund"),
    _offer("de-psychiatrie-elternsprechstunde", "Sprechstunde für Eltern mit psychischer Erkrankung",
           "Psychiatrische Institutsambulanz am Fredenbaum", "parent_psychiatry", None, "de,tr", "sgb_v",
           access=Access.REFERRAL, verified=25, address="Am Fredenbaum 9, 44147 Dortmund",
           target_group="Mütter und Väter mit einer psychischen Erkrankung: Diagnostik, Behandlung und Beratung "
                        "zur Elternrolle; gemeinsame Termine mit dem Jugendamt nach der Kooperationsvereinbarung.",
           cost="Leistung der Krankenkasse (SGB V)", contact_name="Frau Dr. Lindner", phone="0231 4503 100"),
    _offer("de-kindergruppe-psychisch-kranke-eltern", "Gruppe für Kinder psychisch erkrankter Eltern",
           NORDLICHT, "counselling", None, "de", "sgb_viii",
           ages=(8, 14), access=Access.REFERRAL, verified=80,
           target_group="Kinder, deren Mutter oder Vater psychisch erkrankt ist: zehn Treffen, Elternabend."),
    _offer("de-suchtberatung-eltern", "Suchtberatung für Eltern", "Suchtberatung Nordstadt e. V.",
           "addiction", NORDSTADT, "de,pl,ru", "other", verified=STALE, address="Hövelstraße 5, 44147 Dortmund",
           target_group="Mütter und Väter mit Alkohol-, Medikamenten- oder Drogenproblemen; offene Sprechstunde "
                        "mittwochs, auch anonym.",
           cost="kostenlos"),
    _offer("de-schuldnerberatung", "Schuldner- und Insolvenzberatung", "Verbraucher- und Schuldnerhilfe Dortmund e. V.",
           "debt", None, "de,tr,ar", "sgb_ii_xii", capacity=Capacity.WAITING_LIST, verified=150,
           address="Leopoldstraße 16, 44147 Dortmund", cost="kostenlos für Leistungsberechtigte nach SGB II/XII"),
    _offer("de-familienhebammen", "Familienhebammen und Familien-Kinderkrankenpflege",
           "Frühe Hilfen Dortmund (Gesundheitsamt und Jugendamt)", "health_visitor", None, "de,tr,ar,uk",
           "sgb_viii", ages=(0, 1), capacity=Capacity.FULL, verified=15,
           target_group="Schwangere und Familien mit Babys im ersten Lebensjahr, die Unterstützung brauchen; "
                        "Hausbesuche.",
           cost="kostenlos", phone="0231 5022 400"),
    _offer("de-fruehe-hilfen-eving", "Willkommensbesuch und Babysprechstunde Eving",
           "Frühe Hilfen Dortmund (Gesundheitsamt und Jugendamt)", "early_help", EVING, "de,tr", "sgb_viii",
           ages=(0, 3), verified=40, address="Deutsche Straße 27, 44339 Dortmund",
           target_group="Alle Familien mit einem neugeborenen Kind im Stadtbezirk."),
    _offer("de-babytreff-scharnhorst", "Babytreff und Elterncafé", "Familienzentrum Scharnhorst-Ost",
           "early_help", SCHARNHORST, "de,uk,ar", "sgb_viii", ages=(0, 2), access=Access.SELF_REFERRAL,
           verified=70, address="Gleiwitzstraße 277, 44328 Dortmund"),
    _offer("de-ambulante-familienhilfe", "Sozialpädagogische Familienhilfe", "Jugendhilfe Dortmund-Nord gGmbH",
           "family_support", None, "de,tr,ar,pl", "sgb_viii", ages=(0, 18), access=Access.REFERRAL, verified=100,
           target_group="Familien mit einer Hilfe zur Erziehung nach § 31 SGB VIII (Hilfeplan)."),
    _offer("de-gewaltschutz", "Beratungsstelle bei häuslicher Gewalt", "Frauenberatung Dortmund-Nord e. V.",
           "domestic_violence", None, "de,tr,ar,pl", "other", verified=60,
           target_group="Frauen, die Gewalt in der Partnerschaft erleben, und ihre Kinder; auch telefonisch.",
           cost="kostenlos"),
    _offer("de-jugendtreff-eving", "Offener Jugendtreff Eving", "Jugendfreizeitstätte Eving (Stadt Dortmund)",
           "open_youth_work", EVING, "de,tr,ar", "sgb_viii", ages=(10, 21), access=Access.SELF_REFERRAL,
           verified=200, address="Evinger Straße 210, 44339 Dortmund"),
]

DANISH = [
    _offer("da-foraeldrekursus-himmelev", "Forældrekursus „Tryg i forældrerollen“", "Familiehuset Himmelev",
           "parenting_course", HIMMELEV, "da,en", "barnets_lov", ages=(2, 12), verified=30,
           address="Himmelev Bygade 21, 4000 Roskilde",
           target_group="Forældre til børn i børnehave- og skolealderen; seks aftener med børnepasning.",
           cost="gratis", contact_name="Lene Frandsen", phone="+45 46 31 77 10"),
    _offer("da-foraeldrekursus-arabisk", "Forældrekursus på arabisk og dansk", "Familiecentret Roskilde",
           "parenting_course", MIDTBYEN, "da,ar", "barnets_lov", ages=(0, 12), capacity=Capacity.WAITING_LIST,
           verified=75, address="Kornerups Vænge 8, 4000 Roskilde",
           target_group="Forældre, der gerne vil tale om opdragelse på arabisk; med tolk."),
    _offer("da-foraeldrekursus-teenagere", "Forældrekursus for forældre til teenagere", "Familiecentret Roskilde",
           "parenting_course", TREKRONER, "da", "barnets_lov", ages=(12, 17), verified=110),
    _offer("da-moedregruppe-trekroner", "Mødregruppe for nybagte mødre", "Sundhedsplejen Roskilde",
           "parent_group", TREKRONER, "da,uk,pl", "sundhedsloven", ages=(0, 1), capacity=Capacity.FULL,
           verified=20, target_group="Mødre med børn under et år; sundhedsplejersken samler gruppen."),
    _offer("da-sundhedspleje", "Sundhedsplejen – hjemmebesøg og åben konsultation", "Sundhedsplejen Roskilde",
           "health_visitor", None, "da,en,ar,so,uk,pl", "sundhedsloven", ages=(0, 6), verified=10,
           target_group="Alle familier med spædbørn; ekstra besøg ved behov.", cost="gratis",
           phone="+45 46 31 60 00"),
    _offer("da-skolesocialraadgiver-himmelev", "Skolesocialrådgiver på Himmelev Skole",
           "Børne- og Familierådgivningen Roskilde", "school_social_work", HIMMELEV, "da", "barnets_lov",
           ages=(6, 16), access=Access.SELF_REFERRAL, verified=90,
           target_group="Elever og forældre på skolen; træffes tirsdag og torsdag."),
    _offer("da-aaben-raadgivning", "Åben anonym rådgivning for børnefamilier", "Familiecentret Roskilde",
           "counselling", None, "da,en,ar,tr", "barnets_lov", ages=(0, 18), access=Access.SELF_REFERRAL,
           verified=40, address="Kornerups Vænge 8, 4000 Roskilde",
           target_group="Alle familier med børn; op til fem samtaler uden visitation.", cost="gratis"),
    _offer("da-familiebehandling", "Familiebehandling", "Familiecentret Roskilde", "family_support", None,
           "da,en,ar", "barnets_lov", ages=(0, 18), access=Access.REFERRAL, capacity=Capacity.WAITING_LIST,
           verified=60, target_group="Familier med en afgørelse om støtte efter Barnets Lov."),
    _offer("da-psykiatri-foraeldre", "Rådgivning for forældre med psykisk sygdom",
           "Distriktspsykiatrien Roskilde Fjord", "parent_psychiatry", None, "da,en", "sundhedsloven",
           access=Access.REFERRAL, verified=25,
           target_group="Forældre i psykiatrisk behandling: samtaler om forældrerollen, fælles møder med "
                        "kommunen efter samarbejdsaftalen.",
           contact_name="Karen Dalsgaard", phone="+45 46 30 45 00"),
    _offer("da-boernegruppe-psykisk-syg", "Samtalegruppe for børn af psykisk syge forældre",
           "Familiecentret Roskilde", "counselling", None, "da", "barnets_lov", ages=(8, 15), verified=130),
    _offer("da-alkoholbehandling", "Alkoholbehandling for forældre", "Alkoholbehandlingen Roskilde",
           "addiction", MIDTBYEN, "da,pl,en", "sundhedsloven", access=Access.SELF_REFERRAL, verified=STALE,
           target_group="Voksne med et alkoholproblem; gratis og anonymt, også med familien.", cost="gratis"),
    _offer("da-ungdomsmisbrug", "Ungdomsmisbrugsbehandling", "Ungecenter Roskilde", "addiction", None, "da",
           "serviceloven", ages=(15, 25), verified=70),
    _offer("da-gaeldsraadgivning", "Gratis gældsrådgivning", "Gældsrådgivningen Roskilde (frivillige)", "debt",
           None, "da,en,ar,tr", "other", access=Access.SELF_REFERRAL, verified=160),
    _offer("da-baby-cafe-trekroner", "Baby- og forældrecafé", "Familiehuset Trekroner", "early_help", TREKRONER,
           "da,uk,ar", "barnets_lov", ages=(0, 2), access=Access.SELF_REFERRAL, verified=50),
    _offer("da-voldsramte-familier", "Rådgivning for familier med vold", "Krisecentret Roskilde Fjord",
           "domestic_violence", None, "da,en,ar", "serviceloven", verified=45),
    _offer("da-klub-himmelev", "Klub Himmelev – fritids- og ungdomsklub", "Roskilde Kommune, Fritid",
           "open_youth_work", HIMMELEV, "da", "other", ages=(10, 18), access=Access.SELF_REFERRAL, verified=200),
]

ENGLISH = [
    _offer("en-parenting-clifton", "Parenting course: Calmer Families", "Clifton Family Hub", "parenting_course",
           CLIFTON, "en,pl", "other", ages=(2, 12), verified=30, address="Water Lane Community Centre, York YO30",
           target_group="Parents of children aged 2 to 12; eight weekly sessions with a crèche.", cost="free",
           contact_name="Family hub reception", phone="01904 555 210"),
    _offer("en-parenting-acomb", "Parenting course for parents of under-fives", "Acomb Children's Centre",
           "parenting_course", ACOMB, "en,ur,ar", "other", ages=(0, 5), capacity=Capacity.WAITING_LIST, verified=60),
    _offer("en-parenting-teenagers", "Parenting teenagers course", "Tang Hall Family Hub", "parenting_course",
           TANG_HALL, "en,ar", "other", ages=(11, 17), verified=100),
    _offer("en-mums-group-acomb", "Mums' group", "Acomb Children's Centre", "parent_group", ACOMB, "en,pl,ro",
           "other", ages=(0, 4), access=Access.SELF_REFERRAL, verified=20,
           target_group="Mothers with babies and toddlers; Thursday mornings, no need to book."),
    _offer("en-health-visiting", "Health visiting team: home visits and baby clinic", "York Healthy Child Service",
           "health_visitor", None, "en,pl,ar,ur,uk", "other", ages=(0, 5), verified=15, cost="free",
           phone="01904 555 010"),
    _offer("en-early-help", "Early help family support", "City of York Local Area Team (North)", "early_help",
           None, "en,pl,ar", "other", ages=(0, 18), verified=45,
           target_group="Families who need support before problems grow; a lead practitioner and a family plan."),
    _offer("en-school-family-worker", "School family support worker, Riverside Primary", "Clifton Family Hub",
           "school_social_work", CLIFTON, "en", "other", ages=(4, 11), verified=120),
    _offer("en-parent-mental-health", "Parental mental health clinic", "Ouse Valley Adult Mental Health Trust",
           "parent_psychiatry", None, "en", "other", access=Access.REFERRAL, verified=25,
           target_group="Parents receiving adult mental health care: support with parenting and joint meetings "
                        "with children's social care under the consultation agreement.",
           contact_name="Duty clinician", phone="01904 555 400"),
    _offer("en-young-carers", "Young carers' group", "York Carers' Network", "counselling", None, "en",
           "other", ages=(8, 16), verified=80,
           target_group="Children who look after a parent with a mental illness or an addiction."),
    _offer("en-drug-alcohol", "Drug and alcohol service for parents", "Tang Hall Recovery Service", "addiction",
           TANG_HALL, "en,pl", "other", access=Access.SELF_REFERRAL, verified=STALE,
           target_group="Parents who use alcohol or drugs; drop-in on Wednesdays."),
    _offer("en-debt-advice", "Debt advice drop-in", "York Money Advice Service", "debt", None, "en,ar,ur",
           "other", access=Access.SELF_REFERRAL, capacity=Capacity.WAITING_LIST, verified=150, cost="free"),
    _offer("en-family-counselling", "Family counselling service", "Minster Family Counselling", "counselling",
           CLIFTON, "en", "other", ages=(0, 18), capacity=Capacity.FULL, verified=40,
           target_group="Families in conflict or after a separation; six to ten sessions.", cost="sliding scale"),
    _offer("en-domestic-abuse", "Domestic abuse outreach", "York Women's Support Service", "domestic_violence",
           None, "en,pl,ur", "other", verified=60),
    _offer("en-stay-and-play", "Baby and toddler stay-and-play", "Clifton Family Hub", "early_help", CLIFTON,
           "en,uk", "other", ages=(0, 3), access=Access.SELF_REFERRAL, verified=35),
    _offer("en-youth-club-acomb", "Acomb youth club", "Acomb Youth Project", "open_youth_work", ACOMB, "en",
           "other", ages=(11, 19), access=Access.SELF_REFERRAL, verified=200),
]

DIRECTORIES = {"de": GERMAN, "da": DANISH, "en": ENGLISH}

AGREEMENTS: list[dict[str, Any]] = [
    {"title": "Kooperationsvereinbarung Jugendamt – Erwachsenenpsychiatrie",
     "partner": "Psychiatrische Institutsambulanz am Fredenbaum", "legal_domains": "SGB VIII, SGB V",
     "contacts": "Jugendamt: Koordinationsstelle Frühe Hilfen, 0231 5022 410\n"
                 "Klinik: Frau Dr. Lindner (Oberärztin), 0231 4503 100",
     "contingent": "20 Beratungsstunden im Jahr für gemeinsame Fallberatungen; Rückruf binnen zwei Werktagen.",
     "terms": "Die Klinik spricht mit Patientinnen und Patienten, die Kinder haben, über Hilfen für die Familie "
              "und vermittelt mit deren Einverständnis an das Jugendamt. Das Jugendamt lädt die Klinik zu "
              "Hilfeplangesprächen ein, wenn ein Elternteil dort behandelt wird.",
     "valid_days_ago": 400, "valid_for_days": 1100,
     "offers": ["de-psychiatrie-elternsprechstunde", "de-kindergruppe-psychisch-kranke-eltern"]},
    {"title": "Samarbejdsaftale om børn af forældre med psykisk sygdom",
     "partner": "Distriktspsykiatrien Roskilde Fjord og Sundhedsplejen Roskilde",
     "legal_domains": "Barnets Lov, Sundhedsloven",
     "contacts": "Børne- og Familierådgivningen: teamleder, +45 46 31 50 00\n"
                 "Distriktspsykiatrien: Karen Dalsgaard, +45 46 30 45 00",
     "contingent": "12 fælles konsultationer om året; sundhedsplejen deltager i netværksmøder efter behov.",
     "terms": "Psykiatrien spørger altid ind til børnene og underretter efter Barnets Lov, når det er "
              "nødvendigt. Med forældrenes samtykke holdes et fælles møde inden for to uger.",
     "valid_days_ago": 250, "valid_for_days": None,
     "offers": ["da-psykiatri-foraeldre", "da-sundhedspleje", "da-boernegruppe-psykisk-syg"]},
    {"title": "Consultation agreement with the adult mental health trust",
     "partner": "Ouse Valley Adult Mental Health Trust", "legal_domains": "Children Act 1989, Care Act 2014",
     "contacts": "Children's social care: Local Area Team (North), 01904 555 300\n"
                 "Trust: duty clinician, 01904 555 400",
     "contingent": "20 consultation hours a year; joint visits within ten working days.",
     "terms": "Adult mental health staff ask every parent in their care about their children and, with the "
              "parent's consent, share information with children's social care. Either side may ask for a joint "
              "consultation before a child protection conference.",
     "valid_days_ago": 150, "valid_for_days": 730,
     "offers": ["en-parent-mental-health", "en-young-carers"]},
]


def ensure_demo_offers(actor: User) -> dict[str, District]:
    """The directory of `actor`'s organisation (the demo organisation; `actor` edits its directory), made once.
    Returns the districts by name."""
    organisation_id = require_edit(actor)
    districts = {d.name: d for d in District.objects.filter(organisation_id=organisation_id)}
    for name in DISTRICTS:
        if name not in districts:
            districts[name] = services.district_create(actor=actor, name=name)
    today = timezone.localdate()
    existing = set(Offer.objects.filter(organisation_id=organisation_id).values_list("key", flat=True))
    for directory in DIRECTORIES.values():
        for spec in directory:
            if spec["key"] in existing:
                continue
            data = {name: value for name, value in spec.items() if name != "verified"}
            data["district"] = districts[spec["district"]].pk if spec["district"] else None
            data["verified_on"] = today - timedelta(days=spec["verified"])
            services.offer_create(actor=actor, data=data)
    offers = dict(Offer.objects.filter(organisation_id=organisation_id).values_list("key", "pk"))
    titles = set(CooperationAgreement.objects.filter(organisation_id=organisation_id).values_list("title", flat=True))
    for spec in AGREEMENTS:
        if spec["title"] in titles:
            continue
        start = today - timedelta(days=spec["valid_days_ago"])
        data = {name: value for name, value in spec.items() if name not in ("valid_days_ago", "valid_for_days")}
        data.update(valid_from=start, offers=[offers[key] for key in spec["offers"]],
                    valid_to=start + timedelta(days=spec["valid_for_days"]) if spec["valid_for_days"] else None)
        services.agreement_create(actor=actor, data=data)
    return districts
