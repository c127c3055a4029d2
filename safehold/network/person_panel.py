"""A person's ties in the register, shown on their page and beside the form that edits them (the case's person
pages read it through the setting `SAFEHOLD_PERSON_PANELS`, since the network sits above the case)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from safehold.cases.models import Case, Person
from safehold.cases.perms import CasePerms
from safehold.network.selectors import case_relationships


def person_ties(case: Case, person: Person, may: CasePerms) -> SafeString:
    """The register's lines of this person, each read from them ("Inge is a grandparent of Mia"), with links to
    change them or add another. Two queries."""
    ties = [(r, r.person_b if r.person_a_id == person.pk else r.person_a, r.person_a_id == person.pk)
            for r in case_relationships(case, person_id=person.pk)]
    return mark_safe(render_to_string("network/partials/_person_ties.html",
                                      {"case": case, "person": person, "ties": ties, "may": may}))
