"""The load data reaches every tool: plans' rules and check-ins, stories' panels, relationships, placements with
their contacts, screenings, and an audit trail whose chain verifies."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from safehold.accounts.models import User
from safehold.audit.models import AuditEvent
from safehold.audit.verification import verify_chain
from safehold.cases.models import Case, CaseAssignment, Person, PersonRole
from safehold.demo.load import generate_load_data
from safehold.demo.load.cases import TEAM_SIZES, team_places
from safehold.demo.load.names import FEMALE_NAMES, MALE_NAMES
from safehold.network.models import DIRECTED, Kind, Relationship
from safehold.perspective.models import Contact, ContactStatus, Placement
from safehold.safety_plans.models import CheckIn, Rule, RuleCheck, SafetyPlan
from safehold.screening import rules
from safehold.screening.models import Screening, ScreeningAnswer
from safehold.words_pictures.figures import FIGURES
from safehold.words_pictures.models import Panel, Section, Story

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated(build_once):
    with build_once():
        return generate_load_data(cases=40, seed=11)  # once for the module: the tests only read it


@pytest.fixture
def organisation(generated, db):
    return generated


def test_each_plan_version_has_5_to_30_rules_kept_by_people_of_its_case(organisation):
    plans = SafetyPlan.objects.filter(case__organisation=organisation).annotate(n=Count("rules"))
    assert plans.exists() and all(5 <= plan.n <= 30 for plan in plans)
    rules_ = Rule.objects.filter(plan__in=plans)
    assert not rules_.exclude(responsible__case=F("plan__case")).exists()
    answering = rules_.filter(answers__isnull=False)
    assert answering.exists() and not answering.exclude(answers__map__case=F("plan__case")).exists()
    # A renewal keeps most rules of the version before it: the same lineage.
    renewed = plans.filter(version_no=2).first()
    if renewed is not None:
        before = set(Rule.objects.filter(plan=renewed.copied_from_id).values_list("lineage", flat=True))
        assert before & set(renewed.rules.values_list("lineage", flat=True))


def test_check_ins_fall_while_their_version_is_in_force_and_the_latest_have_a_result_for_every_rule(organisation):
    today = timezone.localdate()
    for plan in SafetyPlan.objects.filter(case__organisation=organisation).prefetch_related("check_ins", "rules"):
        days = [c.checked_on for c in plan.check_ins.all()]
        assert plan.activated_on is not None
        in_force = ((plan.ended_on or today) - plan.activated_on).days + 1
        assert min(5, in_force) <= len(days) <= 30 and len(set(days)) == len(days)
        assert all(plan.activated_on <= day <= (plan.ended_on or today) for day in days)
        latest = plan.check_ins.all()[len(days) - 1]
        assert set(RuleCheck.objects.filter(check_in=latest).values_list("rule", flat=True)) == {
            rule.pk for rule in plan.rules.all()}
    checks = RuleCheck.objects.filter(check_in__plan__case__organisation=organisation)
    assert not checks.exclude(rule__plan=F("check_in__plan")).exists()
    assert set(checks.values_list("result", flat=True)) == {"held", "broken", "unknown"}
    assert CheckIn.objects.filter(plan__case__organisation=organisation, safety_score__isnull=True).count() == 0


def test_every_story_tells_its_parts_in_the_method_order_with_figures(organisation):
    stories = Story.objects.filter(case__organisation=organisation)
    assert stories.exists()
    for story in stories.prefetch_related("panels"):
        panels = list(story.panels.all())
        assert [p.position for p in panels] == list(range(1, len(panels) + 1))
        assert [p.section for p in panels[:2]] == [Section.WHO_IS_WORRIED, Section.WHAT_HAPPENED]
        assert Section.SAFETY_NETWORK in {p.section for p in panels} and 4 <= len(panels) <= 7
        assert all(1 <= len(p.figures) <= 3 and set(p.figures) <= set(FIGURES) for p in panels)
    assert Panel.objects.filter(story__in=stories).values("lineage").distinct().count() == Panel.objects.filter(
        story__in=stories).count()


def test_relationships_join_people_of_one_case_as_a_genogram_reads_them(organisation):
    ties = Relationship.objects.filter(case__organisation=organisation)
    assert not ties.exclude(person_a__case=F("case"), person_b__case=F("case")).exists()
    assert not ties.exclude(kind__in=DIRECTED).filter(person_a__gt=F("person_b")).exists()
    parents = ties.filter(kind=Kind.PARENT)
    assert not parents.exclude(person_a__role=PersonRole.PARENT, person_b__role=PersonRole.CHILD).exists()
    children = Person.objects.filter(case__organisation=organisation, role=PersonRole.CHILD)
    assert set(parents.values_list("person_b", flat=True)) == set(children.values_list("pk", flat=True))
    kinds = Counter(ties.values_list("kind", flat=True))
    assert kinds[Kind.SIBLING] + kinds[Kind.HALF_SIBLING] and kinds[Kind.CONNECTION] and kinds[Kind.LIVES_WITH]
    assert 8 <= ties.count() / 40 <= 40


def test_placed_children_have_placements_with_carers_and_contacts_within_them():
    organisation = generate_load_data(cases=120, seed=12)
    placements = Placement.objects.filter(case__organisation=organisation).select_related("case", "child")
    assert placements.exists()
    today = timezone.localdate()
    for placement in placements:
        case = placement.case
        assert placement.child.case_id == case.pk and placement.child.role == PersonRole.CHILD
        assert case.opened_on <= placement.starts_on <= (case.closed_on or today)
        assert placement.ended_on is None or placement.starts_on <= placement.ended_on
    carers = Placement.carers.through.objects.filter(placement__in=placements)
    assert carers.exists() and not carers.exclude(person__case=F("placement__case")).exists()
    contacts = Contact.objects.filter(case__organisation=organisation)
    assert contacts.filter(status=ContactStatus.HELD).exists()
    assert not contacts.exclude(placement__case=F("case")).exists()
    assert not contacts.filter(on__lt=F("placement__starts_on")).exists()
    held = contacts.filter(status=ContactStatus.HELD).annotate(n=Count("present"))
    assert all(contact.n == 2 for contact in held)
    assert not contacts.filter(status=ContactStatus.PLANNED, on__lte=today).exists()


def test_screenings_are_one_or_two_per_case_with_the_outcome_their_answers_give(organisation):
    per_case = Counter(Screening.objects.filter(case__organisation=organisation).values_list("case", flat=True))
    assert per_case and set(per_case.values()) <= {1, 2} and len(per_case) >= 35
    for screening in Screening.objects.filter(case__organisation=organisation).prefetch_related("answers"):
        answers = {a.item: rules.Answer(a.answer, a.repeated) for a in screening.answers.all()}
        result = rules.assess(answers)
        assert (screening.outcome, screening.complete) == (result.outcome, result.complete)
        assert screening.worker_decision in ("", screening.outcome)
    outcomes = set(Screening.objects.filter(case__organisation=organisation).values_list("outcome", flat=True))
    assert rules.FITS in outcomes and len(outcomes) >= 2
    stored = ScreeningAnswer.objects.filter(screening__case__organisation=organisation)
    assert stored.exists() and not stored.filter(voice_user__isnull=True).exists()


def test_the_audit_trail_is_the_workers_and_its_chain_verifies():
    organisation = generate_load_data(cases=20, seed=13)
    generate_load_data(cases=5, seed=14)  # a second run goes on from the end of the chain
    report = verify_chain(organisation.pk)
    assert report.intact and report.records == AuditEvent.objects.filter(organisation=organisation).count()
    events = AuditEvent.objects.filter(organisation=organisation, case__isnull=False)
    workers = dict(CaseAssignment.objects.filter(case__organisation=organisation).values_list("case", "user"))
    per_case = Counter(events.values_list("case", flat=True))
    assert set(per_case) == set(workers) and min(per_case.values()) >= 10
    assert all(actor == workers[case] for case, actor in events.values_list("case", "actor").distinct())
    assert {AuditEvent.Action.VIEW, AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE} == set(
        events.values_list("action", flat=True))
    # Nothing happens before its case was opened or after now.
    assert not events.filter(at__gt=timezone.now()).exists()
    for case in Case.objects.filter(organisation=organisation):
        first = events.filter(case=case).order_by("at").first()
        assert first is not None and first.at.date() >= case.opened_on - timedelta(days=1)


def test_teams_are_8_to_12_workers_and_only_the_last_may_be_filling_up():
    sizes = list(Counter(team_places(636)).values())
    assert all(8 <= size <= 12 for size in sizes[:-1]) and sizes[-1] <= TEAM_SIZES[(len(sizes) - 1) % len(TEAM_SIZES)]
    assert sum(sizes) == 636 and len(sizes) >= 60
    assert team_places(25)[:12] == team_places(636)[:12]  # a worker stays in their team as the staff grows


def test_names_are_german_danish_and_english_and_fit_the_person(organisation):
    people = Person.objects.filter(case__organisation=organisation).exclude(role=PersonRole.CAREGIVER)
    languages = set()
    for first, sex, language in people.values_list("first_name", "sex", "case__language"):
        languages.add(language)
        assert first in (FEMALE_NAMES if sex == "female" else MALE_NAMES)[language]
    assert languages == {"de", "da", "en"}
    assert people.filter(Q(role=PersonRole.PARENT), ~Q(relationship="")).count() == people.filter(
        role=PersonRole.PARENT).count()


def test_the_same_seed_gives_the_same_work_in_every_tool():
    def work(organisation):
        def per_case(model, *fields):
            return list(model.objects.filter(case__organisation=organisation).order_by("case__reference", "id")
                        .values_list(*fields))

        today = timezone.localdate()
        return (
            list(Rule.objects.filter(plan__case__organisation=organisation).order_by("plan__case__reference", "id")
                 .values_list("kind", "text", "periods", "lineage")),
            list(CheckIn.objects.filter(plan__case__organisation=organisation).order_by("plan__case__reference", "id")
                 .values_list("checked_on", "safety_score", "source")),
            per_case(Relationship, "kind", "quality"),
            per_case(Placement, "setting", "starts_on"),
            per_case(Screening, "outcome", "complete"),
            list(Panel.objects.filter(story__case__organisation=organisation).order_by("story__case__reference", "id")
                 .values_list("section", "figures", "lineage")),
            # Records of today are dated no later than the moment they are written.
            list(AuditEvent.objects.filter(organisation=organisation, at__date__lt=today).order_by("chain_seq")
                 .values_list("at", "action", "object_type", "case_reference")),
        )

    assert work(generate_load_data(cases=15, organisation_name="A", seed=21)) == work(
        generate_load_data(cases=15, organisation_name="B", seed=21))


def test_the_workers_have_no_password_until_one_is_set(organisation):
    """Hashing a random password for each of hundreds of workers took minutes of a 100,000-case load."""
    workers = User.objects.filter(organisation=organisation)
    assert workers.exists() and not any(worker.has_usable_password() for worker in workers)
