from datetime import timedelta

from django.utils import timezone

from safehold.cases.models import CaseAssignment
from safehold.testing.factories import AssignmentFactory, CaseFactory


def test_an_old_referral_shows_on_the_worker_s_start_page(caseworker, organisation, team, client_for):
    old = CaseFactory(organisation=organisation, team=team, reference="OLD-1",
                      opened_on=timezone.localdate() - timedelta(days=20))
    fresh = CaseFactory(organisation=organisation, team=team, reference="NEW-1")
    assessed = CaseFactory(organisation=organisation, team=team, reference="ASSESSED-1", status="assessment",
                           opened_on=timezone.localdate() - timedelta(days=40))
    for case in (old, fresh, assessed):
        AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    attention = client_for(caseworker).get("/").context["attention"]
    assert [item.case.reference for item in attention] == ["OLD-1"]
    assert "20" in attention[0].message


def _stale_referrals(organisation, team, worker, ages):
    for age in ages:
        case = CaseFactory(organisation=organisation, team=team, reference=f"R-{age}",
                           opened_on=timezone.localdate() - timedelta(days=age))
        AssignmentFactory(case=case, user=worker, role=CaseAssignment.Role.CASEWORKER)


def test_the_start_page_shows_the_most_urgent_and_links_to_the_rest(caseworker, organisation, team, client_for,
                                                                   monkeypatch):
    from safehold.cases import views_start

    monkeypatch.setattr(views_start, "ATTENTION_ON_START", 3)
    _stale_referrals(organisation, team, caseworker, [20, 24, 21, 23, 22])
    response = client_for(caseworker).get("/")
    assert [item.case.reference for item in response.context["attention"]] == ["R-24", "R-23", "R-22"]
    assert 'href="/attention/"' in response.content.decode()
    assert "All 5 items that need attention" in response.content.decode()


def test_the_start_page_has_no_link_when_it_shows_everything(caseworker, organisation, team, client_for):
    _stale_referrals(organisation, team, caseworker, [20, 21])
    response = client_for(caseworker).get("/")
    assert len(response.context["attention"]) == 2
    assert 'href="/attention/"' not in response.content.decode()


def test_the_attention_page_shows_everything_and_records_each_case(caseworker, organisation, team, client_for):
    from safehold.audit.models import AuditEvent

    _stale_referrals(organisation, team, caseworker, [20, 24, 21, 23, 22])
    caseworker.language = "de"
    caseworker.save()
    response = client_for(caseworker).get("/attention/")
    assert response.status_code == 200
    assert [item.case.reference for item in response.context["attention"]] == ["R-24", "R-23", "R-22", "R-21",
                                                                               "R-20"]
    assert "Handlungsbedarf" in response.content.decode()
    recorded = AuditEvent.objects.filter(actor=caseworker, object_type="cases.attention", action="view")
    assert sorted(recorded.values_list("case_reference", flat=True)) == ["R-20", "R-21", "R-22", "R-23", "R-24"]


def test_the_attention_page_says_when_nothing_needs_attention(caseworker, client_for):
    caseworker.language = "da"
    caseworker.save()
    response = client_for(caseworker).get("/attention/")
    assert "Intet kræver din opmærksomhed lige nu." in response.content.decode()


def test_the_attention_page_asks_to_log_in(client):
    response = client.get("/attention/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_team_lead_s_start_page_lists_some_team_cases_and_links_to_the_team_s_list(team_lead, organisation,
                                                                                       team, client_for,
                                                                                       monkeypatch):
    from safehold.cases import views_start

    monkeypatch.setattr(views_start, "TEAM_CASES_ON_START", 2)
    for number in range(2):
        CaseFactory(organisation=organisation, team=team, reference=f"T-{number}")
    page = client_for(team_lead).get("/")
    assert len(page.context["team_cases"]) == 2
    assert f'href="/cases/?team={team.pk}"' not in page.content.decode()  # all of them are shown
    CaseFactory(organisation=organisation, team=team, reference="T-2")
    page = client_for(team_lead).get("/")
    assert [case.reference for case in page.context["team_cases"]] == ["T-2", "T-1"]  # the latest changed first
    assert f'href="/cases/?team={team.pk}"' in page.content.decode()


def test_the_start_page_shows_each_kind_before_more_of_one(caseworker, organisation, team, client_for,
                                                           monkeypatch):
    from safehold.cases import views_start
    from safehold.testing.factories import SafetyPlanFactory

    monkeypatch.setattr(views_start, "ATTENTION_ON_START", 2)
    _stale_referrals(organisation, team, caseworker, [20, 21, 22])  # due 6 to 8 days ago
    watched = CaseFactory(organisation=organisation, team=team, reference="PLAN-1", status="monitoring")
    AssignmentFactory(case=watched, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    SafetyPlanFactory(case=watched, status="active", next_review_on=timezone.localdate() - timedelta(days=1))
    response = client_for(caseworker).get("/")
    # The review is due later than every referral, but it is the only one of its kind.
    assert [item.case.reference for item in response.context["attention"]] == ["R-22", "PLAN-1"]
    assert response.context["attention_total"] == 4
