"""The load data: reproducible, realistic caseloads, and work on each case that reads like the practice."""

import threading
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F

from safehold.audit.models import CHANGES, AuditEvent
from safehold.audit.services import audit_record
from safehold.audit.verification import verify_chain
from safehold.cases.models import PLACED_AWAY, Case, CaseAssignment, CaseStatus, ChildOutcome, Outcome, Person
from safehold.cases.models import PersonRole as Role
from safehold.demo.load import bulk, generate_load_data
from safehold.demo.load.indexes import built_after
from safehold.mapping.models import Entry, GoalKind, Map, Part, Scale
from safehold.network.models import CirclePlacement
from safehold.safety_plans.models import PlanStatus, SafetyPlan, SignOff
from safehold.testing.plans import postgres_plan

pytestmark = pytest.mark.django_db


def _shape(organisation):
    cases = Case.objects.filter(organisation=organisation)
    return (
        list(cases.order_by("reference").values_list("reference", "family_name", "language", "status", "opened_on",
                                                      "closed_on", "outcome")),
        list(Person.objects.filter(case__in=cases).order_by("case__reference", "id")
             .values_list("role", "first_name", "birth_date")),
        list(Map.objects.filter(case__in=cases).order_by("case__reference", "id").values_list("drawn_on")),
        list(SafetyPlan.objects.filter(case__in=cases).order_by("case__reference", "version_no")
             .values_list("status", "activated_on", "ended_on")),
    )


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = generate_load_data(cases=40, organisation_name="First", seed=7)
    second = generate_load_data(cases=40, organisation_name="Second", seed=7)
    other = generate_load_data(cases=40, organisation_name="Other", seed=8)
    assert _shape(first) == _shape(second)
    assert _shape(first)[0] != _shape(other)[0]


def test_a_second_run_adds_cases_after_the_first():
    organisation = generate_load_data(cases=30)
    generate_load_data(cases=5, seed=2)
    references = sorted(Case.objects.filter(organisation=organisation).values_list("reference", flat=True))
    assert len(references) == 35 and references[-1] == "L-0000035"


def test_caseloads_are_realistic_and_people_many():
    organisation = generate_load_data(cases=700, work=False)  # the work in the tools is tested on fewer cases
    cases = Case.objects.filter(organisation=organisation)
    loads = list(CaseAssignment.objects.filter(case__in=cases).exclude(case__status=CaseStatus.CLOSED)
                 .values("user").annotate(n=Count("case")).values_list("n", flat=True))
    assert loads and all(15 <= n <= 40 for n in loads)
    # Most cases of five years are closed; every open status is there.
    statuses = Counter(cases.values_list("status", flat=True))
    assert statuses[CaseStatus.CLOSED] > len(loads) * 15
    assert set(statuses) == set(CaseStatus.values)
    roles = Counter(Person.objects.filter(case__in=cases).values_list("case", "role"))
    children = [roles[(c, Role.CHILD)] for c in cases.values_list("pk", flat=True)]
    parents = [roles[(c, Role.PARENT)] for c in cases.values_list("pk", flat=True)]
    others = [roles[(c, Role.NETWORK)] + roles[(c, Role.PROFESSIONAL)] for c in cases.values_list("pk", flat=True)]
    assert min(children) == 1 and max(children) == 4
    assert min(parents) == 1 and max(parents) == 2
    assert min(others) == 3 and max(others) == 12


def test_every_child_of_a_closed_case_has_one_outcome_of_that_closing():
    organisation = generate_load_data(cases=120, seed=3)
    cases = Case.objects.filter(organisation=organisation)
    for case in cases.prefetch_related("people", "child_outcomes"):
        children = {p.pk for p in case.people.all() if p.role == Role.CHILD}
        outcomes = list(case.child_outcomes.all())
        if case.status != CaseStatus.CLOSED:
            assert outcomes == [] and case.closed_on is None and case.outcome == ""
            continue
        assert {o.child_id for o in outcomes} == children and len(outcomes) == len(children)
        assert all(o.current and o.on == case.closed_on for o in outcomes)
        placed = any(o.outcome in PLACED_AWAY for o in outcomes)
        assert (case.outcome == Outcome.PLACED) == placed
    # Most children of cases with a plan are kept at home, as in the seed (115 of 133).
    with_plan = ChildOutcome.objects.filter(case__in=cases, case__safety_plans__activated_on__isnull=False).distinct()
    kept = with_plan.filter(outcome=ChildOutcome.Kind.KEPT_HOME).count()
    assert with_plan.count() and kept / with_plan.count() > 0.6


def test_plans_run_within_their_case_and_only_open_cases_have_one_in_force():
    organisation = generate_load_data(cases=150, seed=4)
    plans = SafetyPlan.objects.filter(case__organisation=organisation).select_related("case")
    assert plans.exists()
    for plan in plans:
        case = plan.case
        assert case.opened_on < plan.activated_on <= (case.closed_on or plan.activated_on)
        if plan.status == PlanStatus.ACTIVE:
            assert not case.closed_on and plan.ended_on is None and plan.next_review_on is not None
        else:
            assert plan.ended_on is not None and plan.activated_on <= plan.ended_on
        if plan.map_id:
            assert plan.map.case_id == case.pk and plan.map.drawn_on <= plan.activated_on
    assert not (SafetyPlan.objects.filter(status=PlanStatus.ACTIVE, case__organisation=organisation)
                .values("case").annotate(n=Count("pk")).filter(n__gt=1).exists())
    sign_offs = SignOff.objects.filter(plan__case__organisation=organisation)
    assert sign_offs.exists() and not sign_offs.exclude(person__case=F("plan__case")).exists()


def test_maps_carry_scores_and_danger_statements_in_voices_of_their_case():
    organisation = generate_load_data(cases=80, seed=5)
    maps = Map.objects.filter(case__organisation=organisation)
    assert maps.exists()
    scales = Scale.objects.filter(map__in=maps)
    assert not scales.exclude(voice_person__isnull=True).exclude(voice_person__case=F("map__case")).exists()
    assert all(0 <= s <= 10 for s in scales.values_list("score", flat=True))
    dangers = Entry.objects.filter(map__in=maps, part=Part.FUTURE_DANGER)
    assert dangers.exists() and not dangers.filter(worried="").exists()
    goals = Entry.objects.filter(map__in=maps, part=Part.GOALS, goal_kind=GoalKind.SAFETY)
    assert goals.exists() and not goals.filter(answers__isnull=True).exists()
    assert not goals.exclude(answers__map=F("map")).exists()
    assert len(set(Entry.objects.filter(map__in=maps).values_list("lineage", flat=True))) == Entry.objects.filter(
        map__in=maps).count()
    placements = CirclePlacement.objects.filter(case__organisation=organisation)
    assert placements.exists() and not placements.exclude(person__case=F("case")).exists()


def test_insert_names_a_field_that_needs_a_value():
    with pytest.raises(ValueError, match=r"Case\.organisation needs a value"):
        bulk.insert(Case, ("reference",), [("X",)])


def test_keys_reserved_in_small_blocks_do_not_collide(monkeypatch):
    monkeypatch.setattr(bulk.Writer, "BLOCK", 7)
    organisation = generate_load_data(cases=25)
    assert Person.objects.filter(case__organisation=organisation).count() > 25 * 5


def test_the_command_refuses_no_cases_and_says_what_it_added(capsys):
    with pytest.raises(CommandError):
        call_command("generate_load_data", "--cases", "0")
    call_command("generate_load_data", "--cases", "3", "--seed", "9")
    assert "Added 3 cases to 'Load'" in capsys.readouterr().out
    assert Case.objects.filter(organisation__name="Load").count() == 3


def test_the_directory_and_the_referrals_with_their_steps():
    from safehold.resources.models import Offer, Referral, ReferralEvent, ReferralStatus

    organisation = generate_load_data(cases=300, seed=6)
    assert Offer.objects.filter(organisation=organisation).count() >= 20
    referrals = Referral.objects.filter(case__organisation=organisation)
    assert referrals.exists()
    assert not referrals.filter(status=ReferralStatus.NO_OFFER, offer__isnull=False).exists()
    assert not referrals.exclude(status=ReferralStatus.NO_OFFER).filter(offer__isnull=True).exists()
    assert referrals.filter(status=ReferralStatus.NO_OFFER).exists()
    assert not referrals.exclude(person__case=F("case")).exists()
    # Every referral's steps end in its status, dated in order, the first on the day it was referred.
    for referral in referrals.prefetch_related("events"):
        steps = list(referral.events.all())
        assert steps[0].on == referral.referred_on and steps[-1].status == referral.status
        assert [s.on for s in steps] == sorted(s.on for s in steps)
        assert steps[-1].on == referral.status_on
    assert ReferralEvent.objects.filter(referral__in=referrals).count() > referrals.count()


def _indexes() -> set[tuple[str, str]]:
    """Each index's name and definition, its predicate left out: PostgreSQL writes a partial index's condition
    out with other casts than the migration wrote it (the plan test below shows it serves the same query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
        return {(name, sql.split(" WHERE ")[0] + (" WHERE" if " WHERE " in sql else "")) for name, sql in cursor}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps its indexes while loading")
def test_a_first_load_builds_the_plain_indexes_after_its_rows_and_leaves_them_as_migrated(monkeypatch):
    monkeypatch.setattr("safehold.demo.load.CASES_PER_BATCH", 2)
    before = _indexes()
    seen: list[set[str]] = []
    generate_load_data(cases=5, progress=lambda done, total: seen.append({name for name, _sql in _indexes()}))

    assert _indexes() == before
    names = {name for name, _sql in before}
    assert seen[0] == names  # the first batch shows the writer the tables
    aside = names - seen[1]
    assert seen[1] == seen[2] and aside >= {"audit_case_change", "audit_org_chain", "person_search_trgm",
                                            "case_search_trgm", "entry_map_part_position", "check_in_plan_date"}
    assert not aside & {"audit_auditevent_pkey", "relationship_once", "case_reference_unique_in_organisation"}
    changes = AuditEvent.objects.filter(case=Case.objects.first(), action__in=CHANGES).order_by("-id")[:1]
    assert "audit_case_change" in postgres_plan(changes)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps its indexes while loading")
def test_indexes_set_aside_are_built_again_when_the_load_fails():
    before = _indexes()
    with pytest.raises(RuntimeError, match="stopped"), built_after([AuditEvent, Person]) as aside:
        assert {"audit_case_at", "person_search_trgm"} <= {name for name, _sql in aside}
        assert not {name for name, _sql in aside} & {name for name, _sql in _indexes()}
        raise RuntimeError("stopped")
    assert _indexes() == before


def test_a_load_smaller_than_the_cases_there_keeps_its_indexes(monkeypatch):
    generate_load_data(cases=3)
    asked: list[list[type]] = []
    monkeypatch.setattr("safehold.demo.load.indexes.set_aside", lambda tables: asked.append(list(tables)) or [])
    generate_load_data(cases=2)
    assert asked == [[]]
    generate_load_data(cases=5)
    assert AuditEvent in asked[1] and Person in asked[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite stores each batch in line")
def test_batches_stored_beside_the_making_give_the_same_data_and_an_intact_chain(monkeypatch):
    monkeypatch.setattr("safehold.demo.load.CASES_PER_BATCH", 3)
    threads: set[str] = set()
    monkeypatch.setattr("safehold.demo.load.write", _noting_thread(threads, bulk.write))
    beside = generate_load_data(cases=10, organisation_name="Beside", seed=5)
    with transaction.atomic():  # inside a transaction every batch is stored in line
        in_line = generate_load_data(cases=10, organisation_name="In line", seed=5)
    assert _shape(beside) == _shape(in_line)
    assert len(threads) == 2  # the first batch and the in-line load in this thread, the rest in the writer's
    assert verify_chain(beside.pk).intact and verify_chain(in_line.pk).intact
    assert AuditEvent.objects.filter(organisation=beside).count() == AuditEvent.objects.filter(
        organisation=in_line).count()


def _noting_thread(threads, write):
    def noting(rows):
        threads.add(threading.current_thread().name)
        return write(rows)
    return noting


@pytest.mark.parametrize("beside", [
    pytest.param(True, marks=[pytest.mark.django_db(transaction=True), pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite stores each batch in line")]),
    False])
def test_a_load_stops_rather_than_fork_the_chain_when_a_service_writes_to_it_meanwhile(monkeypatch, beside):
    monkeypatch.setattr("safehold.demo.load.CASES_PER_BATCH", 2)
    organisation = generate_load_data(cases=1, organisation_name="Busy")
    case = Case.objects.get(organisation=organisation)

    def a_service_writes(done: int, total: int) -> None:
        if done == 2:  # the first batch of two cases is in
            audit_record(actor=None, action=AuditEvent.Action.VIEW, case=case)

    with pytest.raises(RuntimeError, match="gained records while the load ran"):
        generate_load_data(cases=8, organisation_name="Busy", progress=a_service_writes)
    assert verify_chain(organisation.pk).intact
    assert Case.objects.filter(organisation=organisation).count() == 3  # the batches after the write refused
