"""Every change to screenings. Pages, the API and the demo call these; each runs in one transaction under the
access policy, with its audit record.

A screening may be saved with answers missing: it is a draft, and `rules.assess` says what is missing. The answers
are sent per item ({"answer", "voice", "evidence", "map_entries", "repeated"}); an item sent with an empty answer
(and nothing else) is taken back. An answer needs a voice of the case; a condition of neglect is met or not (yes /
no), and a met one says whether it happened repeatedly.

The worker's decision (fits / does not fit, with a reason) needs a complete screening; the team lead's, where the
organisation asks for one (Organisation.screening_needs_team_lead), needs the worker's first and Perm.APPROVE.
Changing the answers withdraws both decisions: they were made on other answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts.models import Organisation, User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.cases.voices import Voice, case_voices, resolve_voice
from safehold.core.ids import as_pk
from safehold.core.validation import LONG, TEXT, Errors, clean_date, clean_text
from safehold.core.versioning import save_versioned, update_versioned
from safehold.mapping.models import Entry
from safehold.screening import rules
from safehold.screening.models import Decision, Item, Screening, ScreeningAnswer

SCREENING_FIELDS = ("child", "screened_on", "note")
DECISION_FIELDS = ("worker_decision", "worker_reason", "worker_decided_by", "worker_decided_at",
                   "lead_decision", "lead_reason", "lead_decided_by", "lead_decided_at")
ANSWER_KEYS = ("answer", "voice", "evidence", "map_entries", "repeated")


def _clean_head(case: Case, data: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    child: Person | None = None
    if data.get("child") not in (None, ""):
        try:
            child = chosen_person(case, data["child"], field="child", roles=[PersonRole.CHILD],
                                  message=_("Choose a child of this case, or none for the whole family."))
        except ValidationError as refused:
            errors.add("child", refused.message_dict["child"][0])
    screened_on = clean_date(data.get("screened_on"), "screened_on", errors, required=_("Enter the date of the "
                                                                                        "screening."),
                             not_after_today=True)
    return {"child": child, "screened_on": screened_on,
            "note": clean_text(data.get("note"), "note", errors, limit=LONG)}


class _Cleaned:
    """One item's answer as it will be saved (None: taken back)."""

    def __init__(self, answer: str, repeated: bool | None, evidence: str, voice: Voice, entries: list[Entry]):
        self.answer, self.repeated, self.evidence, self.voice, self.entries = answer, repeated, evidence, voice, entries


def _clean_answers(case: Case, sent: Mapping[str, Mapping[str, Any]] | None,
                   errors: Errors) -> dict[str, _Cleaned | None]:
    if not sent:
        return {}
    voices = case_voices(case)
    entries = {e.pk: e for e in Entry.objects.filter(map__case=case, deleted_at__isnull=True)}
    cleaned: dict[str, _Cleaned | None] = {}
    for item, data in sent.items():
        prefix = f"answers.{item}"
        if item not in rules.ITEMS:
            errors.add(prefix, _("There is no such item to answer."))
            continue
        if not isinstance(data, Mapping) or set(data) - set(ANSWER_KEYS):
            errors.add(prefix, _("Send answer, voice, evidence, map_entries and repeated."))
            continue
        answer = data.get("answer") or ""
        evidence = clean_text(data.get("evidence"), f"{prefix}.evidence", errors, limit=TEXT)
        sent_entries = data.get("map_entries") or []
        if not isinstance(sent_entries, list | tuple):
            errors.add(f"{prefix}.map_entries", _("Choose entries of this case's maps."))
            sent_entries = []
        chosen = [as_pk(pk) for pk in sent_entries]
        if not answer:
            if evidence or data.get("voice") or chosen or data.get("repeated") is not None:
                errors.add(f"{prefix}.answer", _("Choose an answer, or leave the evidence empty too."))
            cleaned[item] = None
            continue
        allowed = (rules.YES, rules.NO) if item in rules.CONDITIONS else rules.ANSWERS
        if not isinstance(answer, str) or answer not in allowed:
            errors.add(f"{prefix}.answer", _("Answer yes or no.") if item in rules.CONDITIONS
                       else _("Answer yes, no or unknown."))
            continue
        repeated = data.get("repeated")
        if repeated is not None and not isinstance(repeated, bool):
            errors.add(f"{prefix}.repeated", _("Answer yes or no."))
            continue
        if item not in rules.CONDITIONS or answer != rules.YES:
            repeated = None  # only a condition that was met happens once or repeatedly
        voice: Voice | None = None
        try:
            sent_voice = data.get("voice")
            voice = resolve_voice(case, sent_voice if isinstance(sent_voice, str) else "", field=f"{prefix}.voice",
                                  voices=voices)
        except ValidationError as refused:
            errors.add(f"{prefix}.voice", refused.message_dict[f"{prefix}.voice"][0])
        if any(pk not in entries for pk in chosen):
            errors.add(f"{prefix}.map_entries", _("Choose entries of this case's maps."))
        if voice is not None:
            cleaned[item] = _Cleaned(answer, repeated, evidence, voice,
                                     sorted({entries[pk] for pk in chosen if pk in entries}, key=lambda e: e.pk))
    return cleaned


def _answer_rows(screening: Screening) -> dict[str, ScreeningAnswer]:
    return {a.item: a for a in screening.answers.all()}


def _store_answers(screening: Screening, cleaned: Mapping[str, _Cleaned | None]) -> list[str]:
    """Write the answers that differ from those saved; returns the items changed."""
    saved = _answer_rows(screening)
    changed: list[str] = []
    for item, new in cleaned.items():
        old = saved.get(item)
        if new is None:
            if old is not None:
                old.delete()
                changed.append(item)
            continue
        entry_ids = [e.pk for e in new.entries]
        if old is not None and (old.answer, old.repeated, old.evidence, old.voice_key) == (
                new.answer, new.repeated, new.evidence, new.voice.key) and sorted(
                e.pk for e in old.map_entries.all()) == entry_ids:
            continue
        row = old or ScreeningAnswer(screening=screening, item=item)
        row.answer, row.repeated, row.evidence = new.answer, new.repeated, new.evidence
        row.set_voice(new.voice)
        row.save()
        row.map_entries.set(new.entries)
        changed.append(item)
    return changed


def result_of(screening: Screening) -> rules.Result:
    """What the rules make of a screening's answers (prefetched by the selector, else one query)."""
    return rules.assess({a.item: a.rule_answer for a in screening.answers.all()})


def _withdraw_decisions(screening: Screening) -> list[str]:
    withdrawn = [name for name in ("worker_decision", "lead_decision") if getattr(screening, name)]
    for name in DECISION_FIELDS:
        setattr(screening, name, None if name.endswith(("_by", "_at")) else "")
    return withdrawn


def _keep_result(screening: Screening) -> list[str]:
    """Store the rules' outcome and whether all is answered on the screening; returns the fields that moved."""
    if hasattr(screening, "_prefetched_objects_cache"):
        screening._prefetched_objects_cache.pop("answers", None)
    result = result_of(screening)
    moved = [name for name, value in (("outcome", result.outcome), ("complete", result.complete))
             if getattr(screening, name) != value]
    screening.outcome, screening.complete = result.outcome, result.complete
    return moved


@transaction.atomic
def screening_create(*, actor: User, case: Case, screened_on: date | None, child: int | None = None,
                     note: str = "", answers: Mapping[str, Mapping[str, Any]] | None = None) -> Screening:
    """Screen the case (or one of its children) against the target group; answers may be missing (a draft)."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    head = _clean_head(case, {"child": child, "screened_on": screened_on, "note": note}, errors)
    cleaned = _clean_answers(case, answers, errors)
    errors.raise_if_any()
    screening = Screening.objects.create(case=case, created_by=actor, **head)
    items = _store_answers(screening, cleaned)
    _keep_result(screening)
    screening.save(update_fields=["outcome", "complete"])
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=screening,
                 changed_fields=[*SCREENING_FIELDS, *(f"answers.{item}" for item in items)])
    return screening


@transaction.atomic
def screening_update(*, actor: User, case: Case, screening: Screening, expected_version: int,
                     answers: Mapping[str, Mapping[str, Any]] | None = None, **changes: Any) -> list[str]:
    """Change the date, the child, the note or answers (the items sent; the others stay). Changed answers
    withdraw the decisions. Returns the names of what changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    unknown = set(changes) - set(SCREENING_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be changed here")
    errors = Errors()
    head = _clean_head(case, {"child": screening.child_id, "screened_on": screening.screened_on,
                              "note": screening.note, **changes}, errors)
    cleaned = _clean_answers(case, answers, errors)
    errors.raise_if_any()
    changed = update_versioned(screening, head, SCREENING_FIELDS, expected_version=expected_version)
    items = _store_answers(screening, cleaned)
    if items:
        moved = _keep_result(screening) + _withdraw_decisions(screening)
        save_versioned(screening, expected_version=screening.version if changed else expected_version,
                       fields=["outcome", "complete", *DECISION_FIELDS])
        changed += [*moved, *(f"answers.{item}" for item in items)]
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=screening, changed_fields=changed)
    return changed


def _clean_decision(decision: str, reason: object, errors: Errors, field: str, reason_field: str) -> str:
    if decision not in Decision.values:
        errors.add(field, _("Choose whether the case fits the target group."))
    return clean_text(reason, reason_field, errors, limit=TEXT, required=_("Give the reason for the decision."))


@transaction.atomic
def screening_decide(*, actor: User, case: Case, screening: Screening, expected_version: int, decision: str,
                     reason: str) -> Screening:
    """The worker's own decision beside the recommendation. Refused while an answer is missing (the message
    says which)."""
    require_case_perm(actor, case, Perm.CHANGE)
    errors = Errors()
    reason = _clean_decision(decision, reason, errors, "worker_decision", "worker_reason")
    if not screening.complete:
        errors.add("worker_decision", _("Answer every item first. Missing: %(items)s") % {
            "items": "; ".join(missing_labels(screening))})
    errors.raise_if_any()
    values: dict[str, Any] = {"worker_decision": decision, "worker_reason": reason}
    if (decision, reason) != (screening.worker_decision, screening.worker_reason):
        # A new decision of the worker's is one the team lead has not seen yet.
        values |= {"worker_decided_by": actor, "worker_decided_at": timezone.now(), "lead_decision": "",
                   "lead_reason": "", "lead_decided_by": None, "lead_decided_at": None}
    changed = update_versioned(screening, values, DECISION_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=screening, changed_fields=changed)
    return screening


def lead_decision_asked(case: Case) -> bool:
    return bool(Organisation.objects.filter(pk=case.organisation_id, screening_needs_team_lead=True).exists())


@transaction.atomic
def screening_lead_decide(*, actor: User, case: Case, screening: Screening, expected_version: int, decision: str,
                          reason: str) -> Screening:
    """The team lead's decision, where the organisation asks for one, after the worker's."""
    require_case_perm(actor, case, Perm.APPROVE)
    errors = Errors()
    reason = _clean_decision(decision, reason, errors, "lead_decision", "lead_reason")
    if not lead_decision_asked(case):
        errors.add("lead_decision", _("Your organisation does not ask for a team lead's decision on screenings."))
    elif not screening.worker_decision:
        errors.add("lead_decision", _("The worker decides first."))
    errors.raise_if_any()
    values: dict[str, Any] = {"lead_decision": decision, "lead_reason": reason}
    if (decision, reason) != (screening.lead_decision, screening.lead_reason):
        values |= {"lead_decided_by": actor, "lead_decided_at": timezone.now()}
    changed = update_versioned(screening, values, DECISION_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=screening, changed_fields=changed)
    return screening


def missing_labels(screening: Screening) -> list[str]:
    """The items of a screening not answered yet, as the interface names them."""
    return [str(Item(item).label) for item in result_of(screening).missing]


def answers_as_sent(rows: Iterable[ScreeningAnswer]) -> dict[str, dict[str, Any]]:
    """Saved answers in the shape the services take (for a form's initial values)."""
    return {a.item: {"answer": a.answer, "voice": a.voice_key, "evidence": a.evidence, "repeated": a.repeated,
                     "map_entries": [e.pk for e in a.map_entries.all()]} for a in rows}
