"""What the network endpoints accept and return: the register of relationships between the people of a case,
the safety circles, the network coordinator and how the safety network grew or shrank. People are sent as
ids and answered as {id, name}."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from safehold.api.schemas import DbInt, Input, Patch, Ref
from safehold.core.validation import SHORT
from safehold.network.models import LEGAL_BASIS_LENGTH, Circle, CirclePlacement, Kind, Quality, Relationship
from safehold.network.selectors import Network

KindName = Literal["parent", "grandparent", "foster_carer", "kinship_carer", "partner", "ex_partner", "sibling",
                   "half_sibling", "lives_with", "contact_restricted", "connection"]
QualityName = Literal["strong", "normal", "weak", "stressful"]
CircleName = Literal["inner", "middle", "outer", "none"]

assert set(KindName.__args__) == set(Kind.values)  # type: ignore[attr-defined]
assert set(QualityName.__args__) == set(Quality.values)  # type: ignore[attr-defined]
assert set(CircleName.__args__) == set(Circle.values)  # type: ignore[attr-defined]

KIND_DESCRIPTION = ('Read "person_a <kind> person_b" for parent, grandparent, foster_carer and kinship_carer; '
                    "the other kinds hold both ways.")
LEGAL_BASIS_DESCRIPTION = "For contact_restricted (required): the decision or provision the restriction rests on."


# --- answers ------------------------------------------------------------------------------------------

class RelationshipOut(Schema):
    id: int
    person_a: Ref
    person_b: Ref
    kind: str = Field(..., description=KIND_DESCRIPTION)
    kind_label: str = Field(..., description="The kind in the reader's language.")
    directed: bool = Field(..., description="Whether the kind reads from person_a to person_b.")
    quality: str
    quality_label: str
    legal_basis: str
    note: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_person_a(relationship: Relationship) -> dict[str, Any]:
        return {"id": relationship.person_a.pk, "name": relationship.person_a.full_name}

    @staticmethod
    def resolve_person_b(relationship: Relationship) -> dict[str, Any]:
        return {"id": relationship.person_b.pk, "name": relationship.person_b.full_name}

    @staticmethod
    def resolve_kind_label(relationship: Relationship) -> str:
        return str(relationship.get_kind_display())

    @staticmethod
    def resolve_directed(relationship: Relationship) -> bool:
        return relationship.is_directed

    @staticmethod
    def resolve_quality_label(relationship: Relationship) -> str:
        return str(relationship.get_quality_display())


class RelationshipList(Schema):
    items: list[RelationshipOut] = Field(..., description="In the order they were recorded.")
    count: int


class NetworkPersonOut(Schema):
    id: int
    name: str
    role: str
    circle: str | None = Field(..., description="The safety circle the person stands in now; null if never "
                                                "placed or taken out.")
    in_safety_network: bool = Field(..., description="In the inner or middle circle.")
    coordinator: bool = Field(..., description="Whether the person coordinates the network.")
    rules_held: int = Field(..., description="Rules of the active safety plan the person is responsible for.")


class NetworkSizeOut(Schema):
    on: date
    size: int = Field(..., description="People in the safety network (inner and middle circles) from that day.")


class NetworkOut(Schema):
    people: list[NetworkPersonOut]
    coordinator: Ref | None = Field(..., description="The network coordinator; null if nobody is named.")
    size_over_time: list[NetworkSizeOut] = Field(..., description="After each day a place in the circles "
                                                                  "changed, oldest first.")


def network_out(network: Network) -> dict[str, Any]:
    coordinator = None
    if network.coordinator_id is not None:
        person = network.person(network.coordinator_id)
        coordinator = {"id": person.pk, "name": person.full_name}
    return {
        "people": [{"id": p.pk, "name": p.full_name, "role": p.role, "circle": network.circles.get(p.pk),
                    "in_safety_network": network.in_safety_network(p.pk),
                    "coordinator": p.pk == network.coordinator_id, "rules_held": network.rules_held.get(p.pk, 0)}
                   for p in network.people],
        "coordinator": coordinator,
        "size_over_time": [{"on": on, "size": size} for on, size in network.size_over_time()],
    }


class CirclePlacementOut(Schema):
    id: int
    person: int
    circle: str
    placed_on: date

    @staticmethod
    def resolve_person(placement: CirclePlacement) -> int:
        return placement.person_id


# --- what a client sends -----------------------------------------------------------------------------

class RelationshipCreate(Input):
    person_a: DbInt = Field(..., description="A person on the case.")
    person_b: DbInt = Field(..., description="Another person on the case.")
    kind: KindName = Field(..., description=KIND_DESCRIPTION)
    quality: QualityName = "normal"
    legal_basis: str = Field("", max_length=LEGAL_BASIS_LENGTH, description=LEGAL_BASIS_DESCRIPTION)
    note: str = Field("", max_length=SHORT)


class RelationshipPatch(Patch):
    """A field left out stays as it is; none of them may be null (an empty text clears the legal basis or
    the note)."""

    version: int = Field(..., description="The version you read; a newer one in the database answers 409.")
    kind: KindName | None = Field(None, description=KIND_DESCRIPTION)
    quality: QualityName | None = None
    legal_basis: str | None = Field(None, max_length=LEGAL_BASIS_LENGTH, description=LEGAL_BASIS_DESCRIPTION)
    note: str | None = Field(None, max_length=SHORT)


class CoordinatorIn(Input):
    person: DbInt | None = Field(..., description="A person on the case (not a child); null for nobody. Required, "
                                                  "even as null.")


class PlacementIn(Input):
    person: DbInt = Field(..., description="A person on the case (not a child: the child is the centre).")
    circle: CircleName = Field(..., description='"none" takes the person out of the circles.')
    placed_on: date | None = Field(None, description="From this day on (1900 or later, not in the future); "
                                                     "today if left out or null.")
