"""The referral pages of a case: the list, a new referral (the need searched in the directory, then an offer
chosen or "no suitable offer exists"), one referral with its steps and the buttons for the next ones, the edit
form, the family's consent, an offer for a referral that found none, deleting one made by mistake. Thin: every
case through the access policy (`case_view`), every change through a service, every read audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.selectors import case_people
from safehold.cases.views import conflict_rows
from safehold.core.forms import form_ids, submit
from safehold.core.http import AuthedRequest
from safehold.resources import referrals as services
from safehold.resources.forms_referrals import (
    ConsentForm,
    MoveForm,
    NeedSearchForm,
    OfferForm,
    ReferralEditForm,
    ReferralForm,
)
from safehold.resources.models import Capacity, District, Offer, Referral, ReferralStatus
from safehold.resources.selectors import OfferQuery, districts, search_offers
from safehold.resources.selectors_referrals import case_referral, case_referrals

SHOWN = 50  # offers per list of results: the worker narrows the search rather than scrolls


@dataclass
class Found:
    """An offer in the search results, with what the worker is warned about."""

    offer: Offer
    misfits: list[services.Misfit]

    @property
    def full(self) -> bool:
        return self.offer.capacity == Capacity.FULL


@dataclass
class Results:
    fitting: list[Found]
    others: list[Found]  # for the need and district, but not the person's age or language: shown, marked


def _referable(case: Case) -> list[Person]:
    return [p for p in case_people(case=case) if p.role in services.REFERRED_ROLES]


def _districts(request: AuthedRequest) -> list[District]:
    return list(districts(request.user))


def _search(request: AuthedRequest, case: Case, *, kind: str, district_id: int | None, language: str,
            person: Person | None, text: str = "") -> Results:
    """The active offers for the need in the family's district: first those that fit the person's age (for a
    parent and an offer about children: one of the children's) and the language, then the others for the need,
    each marked with how it does not fit."""
    today = timezone.localdate()
    age = person.age() if person is not None else None
    language = language.strip().lower()
    children: list[int] | None = None
    if person is not None and kind in services.FOR_PARENTS:
        births = Person.objects.filter(case=case, role=PersonRole.CHILD).values_list("birth_date", flat=True)
        children = services.children_ages_for(person, list(births), today)

    def marked(offer: Offer) -> Found:
        return Found(offer, services.offer_misfits(offer, age=age, language=language, children_ages=children))

    # For a parent and an offer about children the age filter cannot say it: the children's ages decide below.
    candidates = search_offers(request.user, OfferQuery(text=text, kind=kind, district_id=district_id,
                                                        language=language, age=None if children is not None else age))
    fitting = [f for f in map(marked, candidates[:SHOWN * 2]) if not f.misfits][:SHOWN]
    others = search_offers(request.user, OfferQuery(text=text, kind=kind, district_id=district_id)).exclude(
        pk__in=[f.offer.pk for f in fitting])
    return Results(fitting=fitting, others=[marked(o) for o in others[:SHOWN]])


def _back(case: Case, referral: Referral | None = None) -> str:
    if referral is None:
        return reverse("referrals:list", kwargs={"case_id": case.pk})
    return reverse("referrals:detail", kwargs={"case_id": case.pk, "referral_id": referral.pk})


@case_view(Perm.VIEW)
def referrals_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    referrals = case_referrals(case)
    return render(request, "resources/referrals/list.html", {
        "case": case, "may": may, "rows": [(r, services.referral_misfits(r)) for r in referrals]})


def _need_of(data: QueryDict, people: list[Person]) -> tuple[Person | None, int | None]:
    """The person and district a sent need names (for the search again beside a refused referral)."""
    person = next((p for p in people if str(p.pk) == data.get("person", "")), None)
    district = data.get("district", "")
    return person, int(district) if district.isdecimal() and len(district) < 19 else None


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def referral_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """GET: the need, and once searched the offers for it; POST: the referral to the chosen offer, or the need
    recorded without one ("no_offer" button)."""
    people = _referable(case)
    district_list = _districts(request)
    search = NeedSearchForm(request.GET if "need_kind" in request.GET else None, people=people,
                            districts=district_list, initial={"language": case.language}, auto_id=form_ids("need"))
    form: ReferralForm | None = None
    results: Results | None = None
    person: Person | None = None
    status = 200
    if request.method == "POST":
        form = sent_form = ReferralForm(request.POST, auto_id=form_ids("referral"))
        no_offer = "no_offer" in request.POST
        sent = submit(sent_form, lambda data: services.referral_create(
            actor=request.user, case=case, **sent_form.service_fields(no_offer=no_offer)))
        if sent.saved and sent.result is not None:
            messages.success(request, _("Need recorded: no suitable offer exists.") if no_offer
                             else _("Referral saved."))
            return redirect(_back(case, sent.result))
        status = sent.status
        person, district_id = _need_of(request.POST, people)
        search = NeedSearchForm(initial={**{k: request.POST.get(k, "") for k in ("person", "need_kind", "district",
                                                                                   "language", "need_words")}},
                                people=people, districts=district_list, auto_id=form_ids("need"))
        results = _search(request, case, kind=request.POST.get("need_kind", ""), district_id=district_id,
                          language=request.POST.get("language", ""), person=person)
    elif search.is_bound:
        if search.is_valid():
            data = search.cleaned_data
            person = next(p for p in people if p.pk == data["person"])
            results = _search(request, case, kind=data["need_kind"], district_id=data["district"],
                              language=data["language"], person=person, text=data["text"])
            form = ReferralForm(auto_id=form_ids("referral"), initial={
                "person": person.pk, "need_kind": data["need_kind"], "district": data["district"] or "",
                "language": data["language"], "need_words": data["need_words"]})
        else:
            status = 400
    return render(request, "resources/referrals/create.html", {
        "case": case, "may": may, "search": search, "form": form, "results": results, "person": person,
        "chosen_offer": request.POST.get("offer", ""), "back": _back(case)}, status=status)


def _detail(request: AuthedRequest, case: Case, may: CasePerms, referral: Referral, *,
            move: MoveForm | None = None, consent: ConsentForm | None = None, status: int = 200,
            conflict: Any = None) -> HttpResponse:
    moves = []
    for next_status in referral.allowed_transitions():
        if next_status == ReferralStatus.SUGGESTED:
            continue  # a referral that found no offer gets one on its own page (referrals:offer)
        if move is not None and move.data.get("status") == next_status:
            moves.append((ReferralStatus(next_status), move))
        else:
            moves.append((ReferralStatus(next_status), MoveForm(
                auto_id=form_ids(f"move-{next_status}"),
                initial={"version": referral.version, "status": next_status})))
    return render(request, "resources/referrals/detail.html", {
        "case": case, "may": may, "referral": referral, "misfits": services.referral_misfits(referral),
        "moves": moves, "consent_form": consent or ConsentForm(auto_id=form_ids("consent"),
                                                                 initial={"version": referral.version}),
        "may_get_offer": ReferralStatus.SUGGESTED in referral.allowed_transitions(),
        "deletable": referral.status in services.DELETABLE, "conflict": conflict,
        "conflict_current": conflict_rows(conflict.current, ("status", "status_on", "consent_on"))
        if conflict else []}, status=status)


@case_view(Perm.VIEW)
def referral_detail_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    referral = case_referral(case, referral_id)
    shows(request, referral)
    return _detail(request, case, may, referral)


@case_view(Perm.CHANGE, methods=("POST",))
def referral_move_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    referral = case_referral(case, referral_id)
    form = MoveForm(request.POST, auto_id=form_ids(f"move-{request.POST.get('status', '')}"))
    sent = submit(form, lambda data: services.referral_move(
        actor=request.user, case=case, referral=referral, expected_version=data["version"], status=data["status"],
        on=data["on"], note=data["note"]))
    if sent.saved:
        messages.success(request, _("Step recorded."))
        return redirect(_back(case, referral))
    if "status" in form.errors:  # not a next step of this referral: no form on the page to show it beside
        messages.error(request, str(form.errors["status"][0]))
    return _detail(request, case, may, case_referral(case, referral.pk), move=form, status=sent.status,
                   conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("POST",))
def referral_consent_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    """Record the family's consent with its date, or withdraw it ("withdraw" button)."""
    referral = case_referral(case, referral_id)
    form = ConsentForm(request.POST, auto_id=form_ids("consent"))
    if "withdraw" in request.POST:
        form.fields["consent_on"].required = False
        sent = submit(form, lambda data: services.referral_consent_withdraw(
            actor=request.user, case=case, referral=referral, expected_version=data["version"]))
        done = _("Consent withdrawn: family documents no longer name the provider's contact.")
    else:
        sent = submit(form, lambda data: services.referral_consent(
            actor=request.user, case=case, referral=referral, on=data["consent_on"],
            expected_version=data["version"]))
        done = _("Consent recorded.")
    if sent.saved:
        messages.success(request, done)
        return redirect(_back(case, referral))
    return _detail(request, case, may, case_referral(case, referral.pk), consent=form, status=sent.status,
                   conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def referral_edit_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    referral = case_referral(case, referral_id)
    shows(request, referral)
    form = ReferralEditForm(request.POST or None, districts=_districts(request),
                            initial=ReferralEditForm.initial_for(referral))
    sent = submit(form, lambda data: services.referral_update(
        actor=request.user, case=case, referral=referral, expected_version=data["version"],
        **{name: data[name] for name in services.UPDATE_FIELDS}))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_back(case, referral))
    return render(request, "resources/referrals/edit.html", {
        "case": case, "may": may, "referral": referral, "form": form, "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, (*services.UPDATE_FIELDS,))
        if sent.conflict else [], "back": _back(case, referral)}, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def referral_offer_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    """A referral that found no offer gets one: the directory searched for its need again, an offer chosen."""
    referral = case_referral(case, referral_id)
    if ReferralStatus.SUGGESTED not in referral.allowed_transitions():
        messages.info(request, _("This referral already has an offer."))
        return redirect(_back(case, referral))
    shows(request, referral)
    form = OfferForm(request.POST or None, initial={"version": referral.version})
    sent = submit(form, lambda data: services.referral_move(
        actor=request.user, case=case, referral=referral, expected_version=data["version"],
        status=ReferralStatus.SUGGESTED, on=data["on"], note=data["note"], offer=data["offer"],
        full_confirmed=data["full_confirmed"]))
    if sent.saved:
        messages.success(request, _("Referral saved."))
        return redirect(_back(case, referral))
    text = request.GET.get("text", "")[:100]
    results = _search(request, case, kind=referral.need_kind, district_id=referral.district_id,
                      language=referral.language, person=referral.person, text=text)
    return render(request, "resources/referrals/offer.html", {
        "case": case, "may": may, "referral": referral, "form": form, "results": results, "text": text,
        "person": referral.person, "chosen_offer": request.POST.get("offer", ""), "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, ("status", "offer")) if sent.conflict else [],
        "back": _back(case, referral)}, status=sent.status)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def referral_delete_view(request: AuthedRequest, case: Case, may: CasePerms, referral_id: int) -> HttpResponse:
    """GET asks first, POST deletes (only a referral still suggested, or one that found no offer)."""
    referral = case_referral(case, referral_id)
    refused: list[str] = []
    if request.method == "POST":
        try:
            services.referral_delete(actor=request.user, case=case, referral=referral)
        except ValidationError as error:
            refused = error.messages
        else:
            messages.success(request, _("Referral deleted. The audit trail keeps a record of who deleted it."))
            return redirect(_back(case))
    shows(request, referral)
    return render(request, "resources/referrals/delete.html", {
        "case": case, "referral": referral, "refused": refused or (
            [] if referral.status in services.DELETABLE else [_(
                "Only a referral still suggested, or one that found no offer, can be deleted.")]),
        "back": _back(case, referral)}, status=400 if refused else 200)
