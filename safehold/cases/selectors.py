"""Reads of cases and people that cross relations. Every read starts from the access policy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from safehold.accounts.models import Membership, Organisation, Role, Team, User
from safehold.accounts.selectors import user_context
from safehold.audit.selectors import case_last_change
from safehold.cases import search_index
from safehold.cases.access import CasePerms, visible_cases
from safehold.cases.models import Case, CaseAssignment, CaseStatus, ChildOutcome, LegalBasis, Person, PersonRole
from safehold.core.ids import as_pk, pk_or_404
from safehold.core.text import fold


def _with_list_relations(cases: QuerySet[Case]) -> QuerySet[Case]:
    # Of the workers and children only what a list shows (a name, an age): a page of a team lead's list holds
    # a hundred cases, and each person's notes and address were read and built only to be thrown away.
    workers = CaseAssignment.objects.select_related("user").only(
        "case_id", "user_id", "role", "user__username", "user__first_name", "user__last_name")
    children = Person.objects.filter(role=PersonRole.CHILD).only("case_id", "role", "first_name", "birth_date")
    return cases.select_related("team", "legal_basis").prefetch_related(
        Prefetch("assignments", queryset=workers),
        Prefetch("people", queryset=children, to_attr="children"),
    )


def case_list(
    *, user: User, query: str = "", status: str = "", worker_id: int | None = None, team_id: int | None = None,
) -> QuerySet[Case]:
    """The cases `user` may see, filtered. Search matches the reference, the family name and anyone's name,
    ignoring case and accents ("Sorensen" finds "Sørensen")."""
    cases = visible_cases(user)
    needle = fold(query)
    if needle:
        # Whoever leads no team sees only their own cases (15 to a few hundred): walking those is twice as fast
        # as the index's thousands of hits for a common name ("jensen": 1,551 cases of 100,000).
        cases = cases.filter(_named(needle, indexed=bool(user_context(user).led_team_ids)))
    if status:
        cases = cases.filter(status=status)
    if worker_id:
        cases = cases.filter(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user_id=worker_id)))
    if team_id:
        cases = cases.filter(team_id=team_id)
    return _with_list_relations(cases).order_by("-updated_at", "-id")


def case_list_page(cases: QuerySet[Case], number: int | str | None, *, searched: bool) -> Page:
    """A page of case_list(). For a search, the ids of what it found are read once, in order, and counted and
    paged here: counting in the database ran the search a second time, most of a team lead's search for a
    common name (docs/PERFORMANCE.md). A search finds tens or hundreds of cases; the whole list (thousands for a
    team lead) is counted and paged by the database."""
    per_page = settings.SAFEHOLD_CASES_PER_PAGE
    if not searched:
        return Paginator(cases, per_page).get_page(number)
    ids = list(cases.prefetch_related(None).select_related(None).values_list("pk", flat=True))
    page = Paginator(ids, per_page).get_page(number)
    # The ids came through visible_cases(): the page's cases are read by id alone, without the search again.
    shown = {case.pk: case for case in _with_list_relations(Case.objects.filter(pk__in=page.object_list))}
    page.object_list = [shown[pk] for pk in page.object_list if pk in shown]  # type: ignore[misc]
    return page


# pg_trgm indexes words by their three-letter runs: a shorter needle gives the index nothing to look up.
TRIGRAM_LENGTH = 3


def _named(needle: str, *, indexed: bool = True) -> Q:
    """The cases whose reference, family name or anyone's name holds `needle` (already folded), as a filter.

    For a needle of three letters or more an index answers, and each table is searched on its own, the case ids
    joined: on PostgreSQL `search_key LIKE '%needle%'` on the trigram indexes (migration 0006), a Bitmap Index
    Scan on each (written as an OR inside the case query, PostgreSQL walks every case of the organisation
    instead); on SQLite the FTS5 trigram tables (search_index.py, migration 0007). A shorter needle gives a
    trigram index nothing to look up: walking the organisation's cases, each with its people by
    `person_case_role`, is then the cheaper scan (docs/PERFORMANCE.md), as it is for `indexed=False`, a caller
    that has already narrowed the cases to a few."""
    if indexed and len(needle) >= TRIGRAM_LENGTH and connection.vendor == "postgresql":
        by_case = Case.objects.filter(search_key__contains=needle).order_by().values("pk")
        by_person = Person.objects.filter(search_key__contains=needle).order_by().values("case_id")
        return Q(pk__in=by_case.union(by_person))
    if indexed and len(needle) >= TRIGRAM_LENGTH and connection.vendor == "sqlite" and "\x00" not in needle:
        # (FTS5 ends a phrase at a NUL; forms refuse one, and the scan below answers what else might send it.)
        phrase = search_index.quoted(needle)
        return Q(pk__in=RawSQL(
            "SELECT rowid FROM cases_case_search WHERE cases_case_search MATCH %s"
            " UNION SELECT case_id FROM cases_person"
            " WHERE id IN (SELECT rowid FROM cases_person_search WHERE cases_person_search MATCH %s)",
            [phrase, phrase]))
    named = Person.objects.filter(case=OuterRef("pk"), search_key__contains=needle)
    return Q(search_key__contains=needle) | Q(Exists(named))


def my_cases(*, user: User) -> QuerySet[Case]:
    """Open cases the user is assigned to, for the start page."""
    assigned = CaseAssignment.objects.filter(case=OuterRef("pk"), user_id=user.pk)
    return (
        _with_list_relations(visible_cases(user).filter(Exists(assigned)))
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-updated_at", "-id")
    )


def team_cases(*, user: User) -> QuerySet[Case]:
    """Open cases of the teams the user leads that they are not assigned to themselves."""
    ctx = user_context(user)
    if not ctx.led_team_ids:
        return Case.objects.none()
    assigned = CaseAssignment.objects.filter(case=OuterRef("pk"), user_id=user.pk)
    return (
        _with_list_relations(visible_cases(user).filter(team_id__in=ctx.led_team_ids).exclude(Exists(assigned)))
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-updated_at", "-id")
    )


_SHARED_OPEN_IDS = "_safehold_open_case_ids"


@contextmanager
def open_case_ids_shared(user: User) -> Iterator[None]:
    """Within the block, open_case_ids(user) is read from the database once: each tool's report on the start page
    asks for it. Only within: a case opened or closed afterwards must count."""
    setattr(user, _SHARED_OPEN_IDS, None)
    try:
        yield
    finally:
        delattr(user, _SHARED_OPEN_IDS)


def open_case_ids(*, user: User) -> list[int]:
    """The ids of my_cases and team_cases, for what the start page reports on them. One query, ids only: a team
    lead's team has hundreds of open cases, and loading each as a case with its team only to take its id was
    the team lead's start page's largest waste (docs/PERFORMANCE.md, issue 18). The two as a UNION, each
    through its own index: as one condition (assigned OR of a led team) PostgreSQL reads every case."""
    shared: list[int] | None = getattr(user, _SHARED_OPEN_IDS, None)
    if shared is not None:
        return shared
    mine = my_cases(user=user).prefetch_related(None).select_related(None).order_by().values_list("pk", flat=True)
    led = team_cases(user=user).prefetch_related(None).select_related(None).order_by().values_list("pk", flat=True)
    ids = list(mine.union(led, all=True))  # all: team_cases leaves out the cases the user is assigned to
    if hasattr(user, _SHARED_OPEN_IDS):
        setattr(user, _SHARED_OPEN_IDS, ids)
    return ids


def case_page_key(*, case: Case, user: User, may: CasePerms) -> tuple[object, ...]:
    """Everything the case page's body shows that can change, for keeping it rendered (core/fragment_cache.py):
    the case's last change (every service records each change), the reader and what they may do, the day
    (sections count days), and the organisation's settings (the screening asks whether the team lead decides).
    Names kept outside the case (a team's, an offer's) show renamed within the fragments cache's timeout.
    One query: the organisation came with the case from the access policy."""
    organisation = case.organisation
    settings_now = tuple(getattr(organisation, field.attname) for field in organisation._meta.concrete_fields)
    return (case.pk, case_last_change(case_id=case.pk), user.pk, tuple(sorted(may)), timezone.localdate(),
            settings_now)


PERSON_ROLE_ORDER = {role: index for index, role in enumerate(PersonRole.values)}


def opener_teams(*, user: User) -> list[Team]:
    """The teams `user` works a case for (as caseworker or team lead): where a case they open goes."""
    team_ids = Membership.objects.filter(user=user, role__in=[Role.CASEWORKER, Role.TEAM_LEAD],
                                         team__isnull=False).values("team_id")
    return list(Team.objects.filter(pk__in=team_ids, organisation_id=user.organisation_id).order_by("name"))


def case_people(*, case: Case) -> list[Person]:
    """The people on a case: children first, then parents, caregivers, network, professionals."""
    return sorted(case.people.all(), key=lambda p: (PERSON_ROLE_ORDER[p.role], p.birth_date is None, p.birth_date,
                                                      p.first_name))


def case_child_outcomes(*, case: Case) -> list[ChildOutcome]:
    """Each child's current outcome: of the case's last closing, or recorded when the child left the plan
    while the case stayed open; in the order of the case's children."""
    rows = case.child_outcomes.filter(current=True).select_related("child")
    return sorted(rows, key=lambda row: (row.child.birth_date is None, row.child.birth_date, row.child.first_name))


def child_outcome_history(*, case: Case, child: Person) -> list[ChildOutcome]:
    """A child's outcomes, latest first: the current one and those of closings undone by a reopening."""
    return list(case.child_outcomes.filter(child=child).select_related("closing", "recorded_by")
                .order_by("-current", "-recorded_at", "-id"))


def child_left_plan(*, case: Case, child: Person) -> ChildOutcome:
    """The outcome recorded when `child` left the plan of the open case; 404 if there is none."""
    row = case.child_outcomes.filter(child=child, current=True, closing=None).first()
    if row is None:
        raise Http404
    return row


def case_assignments(*, case: Case) -> list[CaseAssignment]:
    return list(case.assignments.select_related("user"))


def case_person(*, case: Case, person_id: int | str) -> Person:
    """A person of an already-accessed case; 404 for anyone else's."""
    person = Person.objects.filter(case=case, pk=pk_or_404(person_id)).first()
    if person is None:
        raise Http404
    return person


def case_assignment(*, case: Case, assignment_id: int | str) -> CaseAssignment:
    """An assignment of an already-accessed case; 404 for anyone else's."""
    assignment = case.assignments.select_related("user").filter(pk=pk_or_404(assignment_id)).first()
    if assignment is None:
        raise Http404
    return assignment


def chosen_person(case: Case, person_id: object, *, field: str, roles: Iterable[str] | None = None,
                  message: str | None = None) -> Person:
    """The person of the case a form or an API body names, or ValidationError({field: message}). For input,
    where `case_person` (404) is for URLs: a wrong choice is the user's mistake, not a missing page."""
    message = message or gettext("Choose a person on this case.")
    if isinstance(person_id, Person):
        person_id = person_id.pk
    pk = as_pk(person_id)
    if pk is None:
        raise ValidationError({field: message})
    people = case.people.filter(pk=pk)
    if roles is not None:
        people = people.filter(role__in=list(roles))
    person = people.first()
    if person is None:
        raise ValidationError({field: message})
    return person


def chosen_legal_basis(*, organisation_id: int, basis_id: object, keep_id: int | None = None) -> LegalBasis | None:
    """The provision of the organisation's list a form or an API body names (one in use, or the one the case
    already rests on), else None."""
    pk = as_pk(basis_id)
    if pk is None:
        return None
    return organisation_legal_bases(organisation_id=organisation_id, keep_id=keep_id).filter(pk=pk).first()


def organisation_legal_bases(
    *, organisation_id: int, include_inactive: bool = False, keep_id: int | None = None,
) -> QuerySet[LegalBasis]:
    """The organisation's provisions in use; `keep_id` adds one taken out of use that a case still rests on."""
    bases = LegalBasis.objects.filter(organisation_id=organisation_id)
    if include_inactive:
        return bases
    return bases.filter(Q(is_active=True) | Q(pk=keep_id)) if keep_id else bases.filter(is_active=True)


# The country whose law a case in each language is taken to rest on, where the organisation keeps that
# country's provisions (a demo or a border organisation keeps both lists).
LANGUAGE_COUNTRIES: dict[str, str] = {"de": Organisation.Country.GERMANY, "da": Organisation.Country.DENMARK}


def legal_bases_by_language(*, organisation_id: int, case: Case | None = None) -> dict[str, list[LegalBasis]]:
    """The provisions offered to a case in each of the interface's languages, in two queries.

    A case in a language is offered the provisions of that language's country where the organisation keeps
    some, else those of the organisation's own country (a Danish-speaking family of a German Jugendamt is
    still under SGB VIII; an English case under the organisation's law), else the whole list. The provision
    `case` rests on stays offered for the case's own language even if it is out of use or of another country,
    so that saving the form changes nothing the user did not touch."""
    country = Organisation.objects.filter(pk=organisation_id).values_list("country", flat=True).first()
    keep_id = case.legal_basis_id if case is not None else None
    bases = list(organisation_legal_bases(organisation_id=organisation_id, keep_id=keep_id))
    in_use = {basis.country for basis in bases if basis.is_active}
    offered: dict[str, list[LegalBasis]] = {}
    for language, _name in settings.LANGUAGES:
        wanted = LANGUAGE_COUNTRIES.get(language)
        law = wanted if wanted in in_use else country if country in in_use else None
        offered[language] = [
            basis for basis in bases
            if (basis.is_active and (law is None or basis.country == law))
            or (case is not None and basis.pk == keep_id and language == case.language)
        ]
    return offered


def legal_basis_applies(basis: LegalBasis, *, language: str, case: Case | None = None) -> bool:
    """Whether `basis` may be chosen for a case in `language` (the case's own unchanged choice always may)."""
    if case is not None and basis.pk == case.legal_basis_id and language == case.language:
        return True
    offered = legal_bases_by_language(organisation_id=basis.organisation_id, case=case).get(language, [])
    return any(other.pk == basis.pk for other in offered)
