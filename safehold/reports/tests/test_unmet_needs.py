"""The unmet-needs report on hand-built referrals: each reason with its dates, people and families counted once,
the rows by district, kind, language and month, the scope, the "< 5" rule, the page and the API."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import cast

import pytest

from safehold.accounts.models import Role
from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, Person
from safehold.reports import unmet_needs
from safehold.reports.base import Period, Scope
from safehold.reports.registry import REPORTS
from safehold.resources.models import District, OfferKind, Referral, ReferralEvent, ReferralStatus
from safehold.testing.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
QUERY = "from=2026-01-01&to=2026-06-30"
S = ReferralStatus


def family(organisation, team=None, people: int = 1) -> tuple[Case, list[Person]]:
    case = cast(Case, CaseFactory(organisation=organisation, team=team))
    return case, [cast(Person, PersonFactory(case=case, role="parent")) for _n in range(people)]


def referral(case: Case, person: Person, *steps: tuple[str, date], kind: str = OfferKind.PARENT_GROUP,
             district: District | None = None, language: str = "", words: str = "") -> Referral:
    """A referral with its path: each step a (status, day); the last one is its status."""
    status, on = steps[-1]
    made = Referral.objects.create(case=case, person=person, need_kind=kind, need_words=words, district=district,
                                   language=language, status=status, status_on=on, referred_on=steps[0][1])
    ReferralEvent.objects.bulk_create(ReferralEvent(referral=made, status=s, on=d) for s, d in steps)
    return made


def figures(result, label: str) -> dict[str, object]:
    row = next(r for r in result.table.rows if r.cells["group"].value == label)
    return {key: row.cells[key].value for key in unmet_needs.FIGURES}


def counts(no_offer=0, refused=0, waited=0, referrals=0, people=0, families=0) -> dict[str, int]:
    return {"no_offer": no_offer, "refused": refused, "waited": waited, "referrals": referrals, "people": people,
            "families": families}


@pytest.fixture
def north(organisation):
    return District.objects.create(organisation=organisation, name="Nordstadt", position=1)


@pytest.fixture
def south(organisation):
    return District.objects.create(organisation=organisation, name="Südstadt", position=2)


def test_the_report_is_listed_last_with_its_slug():
    assert REPORTS[-1] is unmet_needs and unmet_needs.SLUG == "unmet-needs"


def test_a_need_without_an_offer_counts_in_its_district_when_recorded_in_the_period(organisation, team, north,
                                                                                     south):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), district=north)
    referral(case, mother, (S.NO_OFFER, date(2025, 12, 31)), district=north)  # before the period
    referral(case, mother, (S.NO_OFFER, date(2026, 7, 1)), district=north)  # after it
    result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert figures(result, "Nordstadt") == counts(no_offer=1, referrals=1, people=1, families=1)
    assert all(r.cells["group"].value != "Südstadt" for r in result.table.rows)  # nothing counted there
    assert figures(result, "Total") == counts(no_offer=1, referrals=1, people=1, families=1)


def test_a_need_that_found_an_offer_later_still_counts_when_it_found_none(organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), (S.SUGGESTED, date(2026, 3, 1)),
             (S.STARTED, date(2026, 3, 10)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt")["no_offer"] == 1


def test_a_referral_written_without_its_steps_counts_by_its_status(organisation, team, north):
    case, (mother,) = family(organisation, team)
    Referral.objects.create(case=case, person=mother, need_kind=OfferKind.COUNSELLING, district=north,
                            status=S.NO_OFFER, status_on=date(2026, 4, 1), referred_on=date(2026, 4, 1))
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt")["no_offer"] == 1


def test_a_refusal_by_the_provider_counts_on_the_day_it_was_refused(organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.SUGGESTED, date(2025, 12, 1)), (S.REFUSED, date(2026, 1, 5)), district=north)
    referral(case, mother, (S.SUGGESTED, date(2025, 11, 1)), (S.REFUSED, date(2025, 12, 5)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt") == counts(
        refused=1, referrals=1, people=1, families=1)


@pytest.mark.parametrize(("waiting", "ended", "counted"), [
    (date(2026, 2, 1), date(2026, 2, 1) + timedelta(days=43), True),  # started after more than six weeks
    (date(2026, 2, 1), date(2026, 2, 1) + timedelta(days=42), False),  # exactly six weeks is not longer
    (date(2026, 2, 1), date(2026, 2, 20), False),  # a short wait
    (date(2026, 5, 1), None, True),  # still waiting at the period's end, for 60 days
    (date(2026, 5, 20), None, False),  # still waiting, but for 41 days only
    (date(2026, 5, 1), date(2026, 8, 1), True),  # started after the period: still waiting at its end
    (date(2025, 10, 1), date(2025, 12, 1), False),  # a long wait that ended before the period
    (date(2025, 10, 1), date(2026, 1, 15), True),  # a long wait begun before the period, ended in it
])
def test_a_wait_counts_when_it_was_longer_than_six_weeks_in_the_period(waiting, ended, counted, organisation,
                                                                        team, north):
    case, (mother,) = family(organisation, team)
    steps = [(S.SUGGESTED, waiting - timedelta(days=3)), (S.WAITING, waiting)]
    if ended is not None:
        steps.append((S.STARTED, ended))
    referral(case, mother, *steps, district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Total")["waited"] == int(counted)


def test_a_wait_ended_by_a_refusal_counts_for_both_reasons_and_once_as_a_referral(organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.WAITING, date(2026, 1, 10)), (S.REFUSED, date(2026, 4, 1)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt") == counts(
        refused=1, waited=1, referrals=1, people=1, families=1)


def test_a_wait_ends_with_the_first_step_after_it(organisation, team, north):
    case, (mother,) = family(organisation, team)
    # Started after three weeks, declined by the family months later: not a long wait.
    referral(case, mother, (S.WAITING, date(2026, 1, 10)), (S.STARTED, date(2026, 2, 1)),
             (S.DECLINED, date(2026, 5, 1)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Total")["waited"] == 0


def test_a_wait_whose_end_was_written_without_its_step_ends_on_the_status_day(organisation, team, north):
    case, (mother,) = family(organisation, team)
    made = referral(case, mother, (S.WAITING, date(2026, 1, 10)), district=north)
    Referral.objects.filter(pk=made.pk).update(status=S.STARTED, status_on=date(2026, 1, 20))
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Total")["waited"] == 0
    Referral.objects.filter(pk=made.pk).update(status_on=date(2026, 3, 20))
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Total")["waited"] == 1


def test_people_and_families_are_counted_once_however_many_referrals(organisation, team, north):
    first, (mother, father) = family(organisation, team, people=2)
    second, (other_mother,) = family(organisation, team)
    for person in (mother, mother, father):
        referral(first, person, (S.NO_OFFER, date(2026, 3, 1)), district=north)
    referral(second, other_mother, (S.NO_OFFER, date(2026, 3, 2)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt") == counts(
        no_offer=4, referrals=4, people=3, families=2)


def test_districts_come_in_their_order_and_referrals_without_one_last(organisation, team, north, south):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 3, 1)))
    referral(case, mother, (S.NO_OFFER, date(2026, 3, 1)), district=south)
    referral(case, mother, (S.REFUSED, date(2026, 3, 1)), district=north)
    result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert [r.cells["group"].value for r in result.table.rows if r.charted] == ["Nordstadt", "Südstadt",
                                                                                "No district"]
    assert figures(result, "No district")["no_offer"] == 1


def test_the_same_figures_come_by_kind_by_language_and_by_month(organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), kind=OfferKind.PARENT_GROUP, language="tr",
             district=north)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 3)), kind=OfferKind.PARENT_GROUP, district=north)
    referral(case, mother, (S.SUGGESTED, date(2026, 3, 1)), (S.REFUSED, date(2026, 3, 5)),
             kind=OfferKind.DEBT, language="tr", district=north)
    # Waiting from 1 February: past six weeks at the end of March, April and May; started in May.
    referral(case, mother, (S.WAITING, date(2026, 2, 1)), (S.STARTED, date(2026, 5, 20)),
             kind=OfferKind.COUNSELLING, language="de", district=north)
    result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert figures(result, "Kind of need: Mothers' or parents' group")["no_offer"] == 2
    assert figures(result, "Kind of need: Debt counselling")["refused"] == 1
    assert not any(r.cells["group"].value == "Kind of need: Day care" for r in result.table.rows)  # none
    assert figures(result, "Language: Turkish") == counts(no_offer=1, refused=1, referrals=2, people=1, families=1)
    assert figures(result, "Language: German")["waited"] == 1
    assert figures(result, "Language: No language named")["no_offer"] == 1
    months = {r.cells["group"].value: r.cells["waited"].value for r in result.table.rows
              if str(r.cells["group"].value).startswith("Month: ")}
    assert list(months) == [f"Month: {m} 2026" for m in ("January", "February", "March", "April", "May", "June")]
    assert list(months.values()) == [0, 0, 1, 1, 1, 0]
    assert figures(result, "Month: February 2026")["no_offer"] == 2
    assert figures(result, "Total")["waited"] == 1


def test_a_long_period_is_given_by_year():
    assert [label for label, _p in unmet_needs.spans(Period(date(2024, 3, 1), date(2026, 6, 30)))] == [
        "2024", "2025", "2026"]
    assert unmet_needs.spans(Period(date(2026, 1, 15), date(2026, 2, 10)))[0][1] == Period(date(2026, 1, 15),
                                                                                          date(2026, 1, 31))


def test_the_chart_draws_the_districts_by_reason(organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 3, 1)), district=north)
    result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert list(result.chart_columns) == ["no_offer", "refused", "waited"]
    assert [r.cells["group"].value for r in result.table.rows if r.charted] == ["Nordstadt"]


def test_another_organisations_referrals_never_count(organisation, team, north, other_organisation):
    other_district = District.objects.create(organisation=other_organisation, name="Roskilde Øst")
    case, (mother,) = family(other_organisation)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), district=other_district)
    result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert figures(result, "Total") == counts()
    assert all(r.cells["group"].value != "Roskilde Øst" for r in result.table.rows)


def test_a_team_scope_counts_only_that_teams_cases(organisation, team, north):
    other_team = TeamFactory(organisation=organisation, name="ASD Süd")
    ours, (mother,) = family(organisation, team)
    theirs, (other_mother,) = family(organisation, other_team)
    referral(ours, mother, (S.NO_OFFER, date(2026, 2, 1)), district=north)
    referral(theirs, other_mother, (S.NO_OFFER, date(2026, 2, 1)), district=north)
    assert figures(unmet_needs.compute(Scope(organisation.pk, team_ids=frozenset({team.pk})), PERIOD),
                   "Nordstadt")["families"] == 1
    assert figures(unmet_needs.compute(Scope(organisation.pk), PERIOD), "Nordstadt")["families"] == 2


def test_the_figures_take_the_same_queries_for_few_and_many_referrals(organisation, team, north,
                                                                      django_assert_num_queries):
    def add(n: int) -> None:
        for i in range(n):
            case, (mother,) = family(organisation, team)
            referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), district=north, language="tr")
            referral(case, mother, (S.WAITING, date(2026, 1, 2 + i)), (S.REFUSED, date(2026, 4, 1)),
                     kind=OfferKind.DEBT, district=north)

    add(1)
    with django_assert_num_queries(4):
        unmet_needs.compute(Scope(organisation.pk), PERIOD)
    add(20)
    with django_assert_num_queries(4):
        result = unmet_needs.compute(Scope(organisation.pk), PERIOD)
    assert figures(result, "Nordstadt") == counts(no_offer=21, refused=21, waited=21, referrals=42, people=21,
                                                  families=21)


def test_the_api_answers_with_the_figures_and_hides_small_counts_for_publication(api_client_for, team_lead,
                                                                                  organisation, team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), district=north)
    client = api_client_for(team_lead)
    body = client.get(f"/api/v1/reports/unmet-needs?{QUERY}").json()
    assert body["slug"] == "unmet-needs" and body["title"] == "Unmet needs"
    assert body["rows"][0] == {"group": "Nordstadt", **counts(no_offer=1, referrals=1, people=1, families=1)}
    published = client.get(f"/api/v1/reports/unmet-needs?{QUERY}&publication=true").json()
    assert published["rows"][0]["no_offer"] == "< 5" and published["rows"][0]["group"] == "Nordstadt"
    response = client.get(f"/api/v1/reports/unmet-needs.csv?{QUERY}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert table[0] == ["District", "No suitable offer", "Refused by the provider", "Waited longer than 6 weeks",
                        "Referrals, in all", "People", "Families"]
    assert table[1] == ["Nordstadt", "1", "0", "0", "1", "1", "1"]
    assert AuditEvent.objects.filter(actor=team_lead, object_type="reports.unmet-needs").count() == 3


def test_the_page_shows_the_chart_and_table_to_a_team_lead_and_not_to_a_caseworker(client_for, team_lead,
                                                                                    caseworker, organisation,
                                                                                    team, north):
    case, (mother,) = family(organisation, team)
    referral(case, mother, (S.NO_OFFER, date(2026, 3, 1)), district=north)
    response = client_for(team_lead).get(f"/reports/unmet-needs/?{QUERY}")
    assert response.status_code == 200
    assert b"<svg" in response.content and b"Nordstadt" in response.content
    assert client_for(caseworker).get(f"/reports/unmet-needs/?{QUERY}").status_code == 403


def test_an_auditor_sees_the_whole_organisation(client_for, organisation, north):
    auditor = UserFactory(organisation=organisation, roles=[Role.AUDITOR])
    case, (mother,) = family(organisation)  # a case without a team
    referral(case, mother, (S.NO_OFFER, date(2026, 2, 1)), district=north)
    body = client_for(auditor).get(f"/reports/unmet-needs/?{QUERY}&format=csv").getvalue().decode()
    assert "Nordstadt,1,0,0,1,1,1" in body
