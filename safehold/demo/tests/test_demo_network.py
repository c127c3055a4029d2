"""The demo cases' families and networks (safehold/demo/network.py): three generations, a safety network of at
least six people, a coordinator, and circles that changed over the weeks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from safehold.cases.models import Case
from safehold.network.models import Kind
from safehold.network.selectors import case_network

REFERENCES = ("JA-2026-0147", "BU-2026-0311", "CP-2026-0058")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def networks(build_once):
    """The demo, seeded once for the module; what a test changes is rolled back after it."""
    with build_once():
        call_command("seed_demo", stdout=io.StringIO())
        return {ref: case_network(Case.objects.get(reference=ref)) for ref in REFERENCES}


def _generations(network) -> int:
    parents: dict[int, set[int]] = {}
    for tie in network.relationships:
        if tie.kind == Kind.PARENT:
            parents.setdefault(tie.person_b_id, set()).add(tie.person_a_id)

    def depth(person_id: int) -> int:
        return 1 + max((depth(p) for p in parents.get(person_id, ())), default=0)

    return max(depth(child.pk) for child in network.children)


def test_each_demo_case_has_three_generations_and_a_deceased_grandparent(networks):
    for reference, network in networks.items():
        assert _generations(network) >= 3, reference
        assert any(p.deceased for p in network.people), reference


def test_each_demo_case_has_a_network_of_at_least_six_and_a_coordinator_in_it(networks):
    for reference, network in networks.items():
        around = [p for p in network.people if not p.is_child]
        assert len(around) >= 6, reference
        assert network.coordinator_id is not None and network.in_safety_network(network.coordinator_id)
        sizes = [size for _day, size in network.size_over_time()]
        assert len(sizes) >= 2 and sizes[-1] >= 3, reference


def test_seeding_again_adds_no_people_and_no_ties(networks):
    before = {ref: (len(n.people), len(n.relationships)) for ref, n in networks.items()}
    call_command("seed_demo", stdout=io.StringIO())
    after = {ref: (len(n.people), len(n.relationships))
             for ref, n in ((r, case_network(Case.objects.get(reference=r))) for r in REFERENCES)}
    assert after == before
