"""A person's ties in the register, shown on their page and beside the form that edits them (the case's person
pages read it through the setting `SAFEHOLD_PERSON_PANELS`, since the network sits above the case). Where a
placement runs, it says so too: a placed child lives with its carers, a carer has the child living with them."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from safehold.cases.models import Case, Person
from safehold.cases.perms import CasePerms
from safehold.core.text import isolate
from safehold.network.homes import care_homes
from safehold.network.selectors import case_relationships


def _living(case: Case, person: Person) -> list[str]:
    """Where the person lives because of a placement: as the placed child, or as a carer. One query, and one more
    when the person is either."""
    homes = care_homes(case)
    cared = [child_id for child_id, home in homes.items() if person.pk in home.carer_ids]
    if person.pk not in homes and not cared:
        return []
    wanted = set(cared) | set(homes[person.pk].carer_ids if person.pk in homes else ())
    people = list(case.people.filter(pk__in=wanted))
    lines = [homes[person.pk].sentence(person, people)] if person.pk in homes else []
    lines += [_("%(child)s lives with this person now (%(setting)s, %(time_frame)s)") % {
        "child": isolate(child.full_name), "setting": homes[child.pk].label, "time_frame": homes[child.pk].time_frame}
        for child in people if child.pk in cared]
    return lines


def person_ties(case: Case, person: Person, may: CasePerms) -> SafeString:
    """The register's lines of this person, each read from them ("Inge is a grandparent of Mia"), with links to
    change them or add another, and where a placement has the person live. Three queries (four for a placed
    child or a carer)."""
    ties = [(r, r.person_b if r.person_a_id == person.pk else r.person_a, r.person_a_id == person.pk)
            for r in case_relationships(case, person_id=person.pk)]
    return render_to_string("network/partials/_person_ties.html", {
        "case": case, "person": person, "ties": ties, "may": may, "living": _living(case, person)})
