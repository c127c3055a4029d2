"""What the API accepts and returns. Field names follow the models; ids, never nested writes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, GetJsonSchemaHandler, ValidationInfo, create_model, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from safehold.cases.models import Case, CaseStatus, ChildOutcome, Outcome, Person, PersonRole, Sex
from safehold.cases.selectors import case_child_outcomes
from safehold.core.text import balance_bidi
from safehold.core.validation import LONG, TEXT

Language = Literal["de", "da", "en"]


# An integer the database can compare with: SQLite and PostgreSQL both stop at 64 bits.
DbInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class Input(Schema):
    """The base of everything a client sends: what the database cannot store is a 400, not a 500."""

    # Taken exactly as sent: secrets, where a changed character would be another secret.
    verbatim: ClassVar[frozenset[str]] = frozenset({"password", "otp"})

    @field_validator("*", mode="after")
    @classmethod
    def no_null_characters(cls, value, info: ValidationInfo):
        # PostgreSQL refuses NUL in text; Django's form fields refuse it for the same reason.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(_("Null characters are not allowed."))
        # No bidirectional control left open to reorder what is shown beside the text (core.text.balance_bidi).
        if isinstance(value, str) and info.field_name not in cls.verbatim:
            return balance_bidi(value)
        return value


# The most items one call to a list answers. Above it is a 400 on `limit`, as for any value out of range, so a
# client learns the bound instead of silently getting fewer items than it asked for.
PAGE_MAX = 100


class PageQuery(Input):
    """`limit` and `offset` of every list endpoint that pages: one place for the bound."""

    limit: int = Field(25, ge=1, le=PAGE_MAX, description=f"How many items to answer, at most {PAGE_MAX}.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="How many items to skip.")


def _document_null_as_refused(schema: dict[str, Any], model: type) -> None:
    """In the OpenAPI document, a PATCH field accepts null only where `nullable` says so: pydantic would
    describe every optional field as nullable, which is not how the API behaves."""
    nullable: frozenset[str] = getattr(model, "nullable", frozenset())
    for name, field in schema.get("properties", {}).items():
        options = field.get("anyOf")
        if name in nullable or not options:
            continue
        kept = [option for option in options if option.get("type") != "null"]
        if len(kept) == 1:
            del field["anyOf"]
            field.update(kept[0])
        else:
            field["anyOf"] = kept
        if field.get("default", "") is None:
            del field["default"]


class Patch(Input):
    """A change to a record: a field left out stays as it is; null clears a field only where `nullable` names
    it (a team, a date of birth), every other field answers "This field cannot be empty."."""

    nullable: ClassVar[frozenset[str]] = frozenset()
    model_config = ConfigDict(json_schema_extra=_document_null_as_refused)

    @field_validator("*", mode="after")
    @classmethod
    def null_only_where_it_clears(cls, value: Any, info: ValidationInfo) -> Any:
        # Runs only for fields the client sent: a field left out keeps its default without validation.
        if value is None and info.field_name not in cls.nullable:
            raise PydanticCustomError("not_null", _("This field cannot be empty."))
        return value


class Error(Schema):
    message: str
    errors: dict[str, list[str]] = {}


class Conflict(Error):
    """A 409: the version sent is no longer the current one; `current` is the record as it is now. Each
    operation answers with its own `conflict` schema, which names the records `current` can be."""

    current: dict[str, Any] = Field(..., description="The record as it is in the database now.")


class _OneOfRecords:
    """Describes `current` as one of the answer schemas it was dumped from (or `{}`, for a record deleted since),
    while it is validated as the plain object it is: re-validating it through those schemas would run their
    resolvers, which read model instances, on a dict."""

    def __init__(self, records: tuple[type[Schema], ...], gone: bool) -> None:
        self.records, self.gone = records, gone

    def __get_pydantic_json_schema__(self, _schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        options = []
        for record in self.records:
            # Through a reference, so that the document names the record's own component (a model that holds
            # other models has its definitions and a reference already).
            record_schema = record.__pydantic_core_schema__
            if ref := record_schema.get("ref"):
                record_schema = core_schema.definitions_schema(core_schema.definition_reference_schema(ref),
                                                               [record_schema])
            options.append(handler(record_schema))
        if self.gone:
            options.append({"type": "object", "maxProperties": 0,
                            "description": "Empty: the record was deleted in the meantime."})
        return options[0] if len(options) == 1 else {"anyOf": options}


def conflict(name: str, *records: type[Schema], gone: bool = False) -> type[Conflict]:
    """The 409 answer of an operation whose `current` is one of `records` (`gone`: or `{}`)."""
    current = Annotated[dict[str, Any], _OneOfRecords(records, gone)]
    return create_model(name, __base__=Conflict, __module__=__name__,
                        current=(current, Field(..., description="The record as it is in the database now.")))


class TokenRequest(Input):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=4096)
    name: str = Field("", max_length=100)
    otp: str = Field("", max_length=40, description="A current authenticator or recovery code, for users with "
                                                    "two-factor authentication.")


class TokenOut(Schema):
    token: str
    expires_at: datetime


class TokenInfo(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class Ref(Schema):
    id: int
    name: str


class LegalBasisOut(Schema):
    id: int
    code: str
    label: str
    country: str = Field(description="The country whose law the provision is of: DE, DK or other.")


class WorkerOut(Schema):
    user_id: int
    username: str
    name: str
    role: str


class CaseOut(Schema):
    id: int
    reference: str
    family_name: str
    language: str
    legal_basis: LegalBasisOut | None
    legal_basis_note: str
    summary: str
    status: str
    opened_on: date
    closed_on: date | None
    outcome: str
    outcome_note: str
    team: Ref | None
    workers: list[WorkerOut]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_legal_basis(case: Case):
        basis = case.legal_basis
        return None if basis is None else {"id": basis.pk, "code": basis.code, "label": basis.label,
                                           "country": basis.country}

    @staticmethod
    def resolve_team(case: Case):
        return None if case.team is None else {"id": case.team.pk, "name": case.team.name}

    @staticmethod
    def resolve_workers(case: Case):
        return [
            {"user_id": a.user_id, "username": a.user.username, "name": str(a.user), "role": a.role}
            for a in case.assignments.all()
        ]


class ChildOutcomeOut(Schema):
    id: int
    child: int = Field(description="The child's id (a person of the case).")
    child_name: str
    outcome: ChildOutcome.Kind = Field(description="`placed` only on cases closed before outcomes were kept "
                                                   "per child.")
    on: date
    note: str
    closing_id: int | None = Field(description="The status change that closed the case with this outcome; null "
                                               "when the child left the plan while the case stayed open.")
    recorded_at: datetime

    @staticmethod
    def resolve_child(row: ChildOutcome) -> int:
        return row.child_id

    @staticmethod
    def resolve_child_name(row: ChildOutcome) -> str:
        return row.child.full_name


class CaseDetailOut(CaseOut):
    child_outcomes: list[ChildOutcomeOut] = Field(
        description="Each child's current outcome: of the case's last closing, or recorded when the child left "
                    "the plan.")

    @staticmethod
    def resolve_child_outcomes(case: Case):
        return case_child_outcomes(case=case)


class CaseList(Schema):
    items: list[CaseOut]
    count: int


class CaseCreate(Input):
    reference: str = Field(..., max_length=40)
    family_name: str = Field(..., max_length=120)
    language: Language = "de"
    legal_basis_id: int | None = None
    legal_basis_note: str = Field("", max_length=200)
    summary: str = Field("", max_length=LONG)
    opened_on: date | None = None
    team_id: int | None = Field(None, description="The team that works on the case; its team lead sees it. "
                                                  "Left out: yours, if you work in one team (in several, name it).")


class CasePatch(Patch):
    nullable = frozenset({"legal_basis_id"})

    version: int = Field(..., description="The version you read; a newer one in the database answers 409.")
    reference: str | None = Field(None, max_length=40)
    family_name: str | None = Field(None, max_length=120)
    language: Language | None = None
    legal_basis_id: int | None = None
    legal_basis_note: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=LONG)
    opened_on: date | None = None
    team_id: int | None = Field(None, description="Another team of your organisation (team leads); a case always "
                                                  "has a team.")


class ChildOutcomeIn(Input):
    outcome: ChildOutcome.Kind
    on: date | None = Field(None, description="Defaults to today.")
    note: str = Field("", max_length=TEXT)


class ClosingChildOutcomeIn(ChildOutcomeIn):
    child: DbInt = Field(description="A child of this case.")


class CaseTransitionIn(Input):
    status: CaseStatus
    outcome: Outcome | None = Field(None, description="On closing: the case's outcome, which every child without "
                                                      "an outcome of their own in `outcomes` takes.")
    outcomes: list[ClosingChildOutcomeIn] = Field(
        default_factory=list, max_length=100,
        description="On closing: each child's own outcome. A child who left the plan earlier keeps theirs.")
    note: str = Field("", max_length=5000)
    version: int | None = None


class ReopenIn(Input):
    status: Literal["assessment", "safety_planning", "monitoring"]
    reason: str = Field(..., max_length=5000)


class PersonOut(Schema):
    id: int
    role: str
    first_name: str
    last_name: str
    relationship: str
    birth_date: date | None
    age: int | None
    sex: str
    deceased: bool
    deceased_on: date | None
    phone: str
    email: str
    address: str
    preferred_language: str
    interpreter_needed: bool
    notes: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_age(person: Person):
        return person.age()


class PersonList(Schema):
    items: list[PersonOut]
    count: int


class PersonCreate(Input):
    role: PersonRole
    first_name: str = Field(..., max_length=100)
    last_name: str = Field("", max_length=100)
    relationship: str = Field("", max_length=100)
    birth_date: date | None = None
    sex: Sex = Sex.UNKNOWN
    deceased: bool = False
    deceased_on: date | None = None
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=2000)
    preferred_language: str = Field("", max_length=60)
    interpreter_needed: bool = False
    notes: str = Field("", max_length=LONG)


class PersonPatch(Patch):
    nullable = frozenset({"birth_date"})

    version: int = Field(..., description="The version you read; a newer one in the database answers 409.")
    role: PersonRole | None = None
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    relationship: str | None = Field(None, max_length=100)
    birth_date: date | None = None
    sex: Sex | None = None
    deceased: bool | None = None
    deceased_on: date | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    address: str | None = Field(None, max_length=2000)
    preferred_language: str | None = Field(None, max_length=60)
    interpreter_needed: bool | None = None
    notes: str | None = Field(None, max_length=LONG)
    correction: bool = Field(False, description="The change corrects the person's data at their request: the "
                                                "audit trail records it as a correction.")


def conflict_current(obj) -> dict:
    """What is in the database now, for a 409 answer (api.errors: a ConflictError no router answered itself)."""
    if isinstance(obj, Person):
        return PersonOut.from_orm(obj).model_dump(mode="json")
    if isinstance(obj, Case):
        return CaseOut.from_orm(obj).model_dump(mode="json")
    return {}


# A ConflictError no router answers itself (a case's or a person's PATCH, a transition) is answered by
# api.errors with `conflict_current`: the case, the person, or `{}` for any other record.
CaseConflict = conflict("CaseConflict", CaseOut, PersonOut, gone=True)
