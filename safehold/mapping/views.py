"""HTML views of the map. Thin: every case through the access policy (`case_view`), every change through a
service, every map, entry, view and score through a selector of its case.

On the map page each part is edited in place with htmx: a change answers with the part(s) it touched. The
same URLs work without script (a full page with the form, and a redirect back to the map after saving)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.audit.services import Action
from safehold.cases.case_view import case_view, shows
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.cases.voices import Voice, case_voices
from safehold.core.downloads import download_response
from safehold.core.forms import form_ids, submit
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.anchors import anchors_for
from safehold.mapping.chart import scaling_chart
from safehold.mapping.compare import compare_maps
from safehold.mapping.documents import map_document
from safehold.mapping.forms import DangerStatementForm, EntryForm, MapForm, ScaleForm, StanceForm
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Entry, Map, Part, ScaleKind
from safehold.mapping.panels import panels_beside
from safehold.mapping.selectors import (
    case_has_maps,
    case_map,
    case_maps,
    deleted_entries,
    map_content,
    map_danger_statements,
    map_entry,
    map_participants,
    map_scale,
    map_stance,
)

UNDO_KEY = "mapping_undo"  # entries deleted in this session, which it may still bring back


def _map_url(case: Case, map_: Map, part: str = "") -> str:
    url = reverse("mapping:map_detail", kwargs={"case_id": case.pk, "map_id": map_.pk})
    return f"{url}#part-{part}" if part else url


def _with_earlier(voices: list[Voice], earlier: list[Voice]) -> list[Voice]:
    """The case's voices plus those already on the record: someone who has left the case still said it."""
    keys = {v.key for v in voices}
    return voices + [v for v in earlier if v.key not in keys]


def _undo_ids(request: AuthedRequest) -> list[int]:
    return list(request.session.get(UNDO_KEY, []))


def _board_context(request: AuthedRequest, case: Case, may: CasePerms, map_: Map) -> dict[str, Any]:
    return {
        "case": case, "map": map_, "content": map_content(map_), "voices": case_voices(case),
        "editable": may.change, "deleted": deleted_entries(map_, _undo_ids(request)),
    }


def _parts_response(request: AuthedRequest, case: Case, may: CasePerms, map_: Map, parts: list[str]) -> HttpResponse:
    """Answer an htmx change with the parts it touched: the first replaces the target, the others and the
    undo list are swapped out of band. Without htmx, back to the map at the first part."""
    if not request.htmx:
        return redirect(_map_url(case, map_, parts[0] if parts else ""))
    context = _board_context(request, case, may, map_)
    by_part = {p.part: p for p in context["content"].parts}
    ordered = list(dict.fromkeys(parts))
    return render(request, "mapping/partials/_parts_response.html", {
        **context, "main": by_part[ordered[0]], "others": [by_part[p] for p in ordered[1:]],
    })


def _error_messages(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the maps of a case -----------------------------------------------------------------------------------

@case_view(Perm.VIEW)
def maps_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    maps = case_maps(case)
    history = scaling_history(case, maps=maps)
    return render(request, "mapping/maps.html", {
        "case": case, "maps": list(reversed(maps)), "history": history,
        "charts": [c for c in (scaling_chart(history, kind) for kind in ScaleKind.values) if c],
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE), "editable": may.change,
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def map_create_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    form = MapForm(request.POST or None, voices=case_voices(case), creating=True, has_maps=case_has_maps(case),
                   initial={"drawn_on": timezone.localdate(), "copy_latest": True})
    sent = submit(form, lambda data: services.map_create(
        actor=request.user, case=case, drawn_on=data["drawn_on"], title=data["title"],
        meeting_kind=data["meeting_kind"], participants=data["participants"],
        copy_latest=data.get("copy_latest", False)))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Map started."))
        return redirect(_map_url(case, sent.result))
    return render(request, "mapping/map_form.html", {"case": case, "form": form, "creating": True},
                  status=sent.status)


@case_view(Perm.VIEW)
def map_detail_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    context = _board_context(request, case, may, map_)
    return render(request, "mapping/map_detail.html", {
        **context,
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE),
        "scale_form": ScaleForm(voices=context["voices"], auto_id=form_ids("scale")) if may.change else None,
        "panels": panels_beside(case),
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def map_edit_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    participants = map_participants(map_)
    form = MapForm(request.POST or None, voices=_with_earlier(case_voices(case), [p.voice for p in participants]),
                   creating=False, initial={
                       "drawn_on": map_.drawn_on, "title": map_.title, "version": map_.version,
                       "meeting_kind": map_.meeting.kind if map_.meeting else "",
                       "participants": [p.voice_key for p in participants]})
    sent = submit(form, lambda data: services.map_update(
        actor=request.user, case=case, map_=map_, expected_version=data["version"] or 0,
        drawn_on=data["drawn_on"], title=data["title"], meeting_kind=data["meeting_kind"],
        participants=data["participants"]))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(_map_url(case, map_))
    if sent.conflict:
        map_.refresh_from_db()  # the page shows what is saved, the form what the user typed
    return render(request, "mapping/map_form.html", {
        "case": case, "map": map_, "form": form, "creating": False, "conflict": sent.conflict,
        "conflict_current": [(_("Date"), map_.drawn_on), (_("Title"), map_.title),
                             (_("Meeting"), map_.meeting.get_kind_display() if map_.meeting else "")]
        if sent.conflict else [],
    }, status=sent.status)


@case_view(Perm.VIEW, audit=Action.EXPORT)
def map_pdf_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    return download_response(map_document(case, map_))


@case_view(Perm.VIEW)
def compare_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    maps = case_maps(case)
    by_id = {str(m.pk): m for m in maps}
    before = by_id.get(request.GET.get("before", ""))
    after = by_id.get(request.GET.get("after", ""))
    if (before is None or after is None) and len(maps) >= 2 and not request.GET:
        before, after = maps[-2], maps[-1]
    comparison = None
    error = ""
    if before is not None and after is not None:
        if before.pk == after.pk:
            error = _("Choose two different maps.")
        else:
            if before.drawn_on > after.drawn_on:
                before, after = after, before
            comparison = compare_maps(before, after)
    elif request.GET:
        error = _("Choose the two maps to compare.")
    return render(request, "mapping/compare.html", {
        "case": case, "maps": maps, "comparison": comparison, "error": error,
        "before_id": before.pk if before else None, "after_id": after.pk if after else None,
    }, status=400 if error else 200)


# --- entries ------------------------------------------------------------------------------------------

ENTRY_FORM = "mapping/partials/_entry_form.html"
DANGER_FORM = "mapping/partials/_danger_form.html"
STANCE_FORM = "mapping/partials/_stance_form.html"


def _entry_form_response(request: AuthedRequest, case: Case, map_: Map, part: str, form: forms.Form, *,
                         status: int, template: str, entry: Entry | None = None,
                         conflict: ConflictError | None = None) -> HttpResponse:
    """A form of the map: in place (htmx), where a refused save goes back to the form's own place, or as a
    page of its own without script."""
    context = {"case": case, "map": map_, "part": part, "part_label": Part(part).label, "form": form,
               "entry": entry, "conflict": conflict}
    if request.htmx:
        if template == STANCE_FORM:
            form_id = f"#stance-form-{entry.pk if entry else ''}"
        elif entry is not None:
            form_id = f"#entry-{entry.pk}"
        else:
            form_id = "#new-danger" if template == DANGER_FORM else f"#new-{part}"
        return form_in_place(request, template, context, status=status, target=form_id)
    return render(request, "mapping/form_page.html", {**context, "form_template": template}, status=status)


@case_view(Perm.VIEW)
def part_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, part: str) -> HttpResponse:
    """One part of the map as shown on it (what "cancel" on a form brings back)."""
    map_ = case_map(case, map_id)
    if part not in Part.values:
        raise Http404
    shows(request, map_)
    if not request.htmx:
        return redirect(_map_url(case, map_, part))
    context = _board_context(request, case, may, map_)
    return render(request, "mapping/partials/_part.html", {
        **context, "part": next(p for p in context["content"].parts if p.part == part)})


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def entry_create_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    part = request.POST.get("part") or request.GET.get("part") or ""
    # Without a part (a link from outside the map) the form asks for one.
    choose_part = part not in Part.values
    form = EntryForm(request.POST or None, part=part, voices=case_voices(case),
                     danger_statements=map_danger_statements(map_),
                     initial={"part": part, "voice": f"user:{request.user.pk}"}, choose_part=choose_part,
                     auto_id=form_ids(f"new-{'entry' if choose_part else part}"))
    sent = submit(form, lambda data: services.entry_create(actor=request.user, case=case, map_=map_, **data))
    if sent.saved:
        return _parts_response(request, case, may, map_, [part])
    return _entry_form_response(request, case, map_, Part.GREY_AREAS if choose_part else part, form,
                                status=sent.status, template=ENTRY_FORM)


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def danger_statement_create_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    form = DangerStatementForm(request.POST or None, voices=case_voices(case),
                               initial={"voice": f"user:{request.user.pk}"}, auto_id=form_ids("new-danger"))
    sent = submit(form, lambda data: services.entry_create(actor=request.user, case=case, map_=map_,
                                                           part=Part.FUTURE_DANGER, **data))
    if sent.saved:
        return _parts_response(request, case, may, map_, [Part.FUTURE_DANGER, Part.GOALS])
    return _entry_form_response(request, case, map_, Part.FUTURE_DANGER, form, status=sent.status,
                                template=DANGER_FORM)


@case_view(Perm.VIEW)
def entry_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, entry_id: int) -> HttpResponse:
    """One entry as shown on the map (what "cancel" on its edit form brings back)."""
    map_ = case_map(case, map_id)
    entry = map_entry(map_, entry_id)
    shows(request, map_)
    if not request.htmx:
        return redirect(_map_url(case, map_))
    shown = next(e for e in map_content(map_).entries if e.pk == entry.pk)  # with its views and what it answers
    return render(request, "mapping/partials/_entry.html", {
        "case": case, "map": map_, "entry": shown, "editable": may.change,
    })


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def entry_edit_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, entry_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    entry = map_entry(map_, entry_id)
    shows(request, entry)
    voices = _with_earlier(case_voices(case), [entry.voice])
    form: EntryForm | DangerStatementForm
    if entry.is_danger_statement:
        template = DANGER_FORM
        form = DangerStatementForm(
            request.POST or None, voices=voices, editing=True, auto_id=form_ids(f"entry-{entry.pk}"),
            initial={"worried": entry.worried, "worried_number": entry.worried_number,
                     "behaviour": entry.behaviour, "impact": entry.impact,
                     "voice": entry.voice_key, "version": entry.version})
    else:
        template = ENTRY_FORM
        part = request.POST.get("part", entry.part) if request.method == "POST" else entry.part
        form = EntryForm(request.POST or None, part=part if part in Part.values else entry.part, voices=voices,
                         danger_statements=map_danger_statements(map_, exclude=entry), editing=True,
                         auto_id=form_ids(f"entry-{entry.pk}"),
                         initial={"part": entry.part, "text": entry.text, "voice": entry.voice_key,
                                  "goal_kind": entry.goal_kind, "answers": entry.answers_id,
                                  "responsible": entry.responsible, "due_on": entry.due_on,
                                  "version": entry.version})
    old_part = entry.part
    sent = submit(form, lambda data: services.entry_update(
        actor=request.user, case=case, entry=entry, expected_version=data["version"] or 0,
        **{name: value for name, value in data.items() if name != "version"}))
    if sent.saved:
        return _parts_response(request, case, may, map_, [old_part, entry.part])
    if sent.conflict:
        entry.refresh_from_db()  # the form keeps what the user typed, the entry is what is saved
    return _entry_form_response(request, case, map_, entry.part, form, status=sent.status, template=template,
                                entry=entry, conflict=sent.conflict)


@case_view(Perm.CHANGE, methods=("POST",))
def entry_move_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, entry_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    entry = map_entry(map_, entry_id)
    try:
        services.entry_move(actor=request.user, case=case, entry=entry,
                            offset=-1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as error:
        _error_messages(request, error)
    return _parts_response(request, case, may, map_, [entry.part])


@case_view(Perm.CHANGE, methods=("POST",))
def entry_delete_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, entry_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    entry = map_entry(map_, entry_id)
    try:
        services.entry_delete(actor=request.user, case=case, entry=entry)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        request.session[UNDO_KEY] = [*_undo_ids(request)[-49:], entry.pk]
        if not request.htmx:
            messages.success(request, _("Entry deleted. You can restore it from the list under the map."))
    return _parts_response(request, case, may, map_, [entry.part, Part.GOALS] if entry.part == Part.FUTURE_DANGER
                           else [entry.part])


@case_view(Perm.CHANGE, methods=("POST",))
def entry_restore_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int,
                       entry_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    undo = _undo_ids(request)
    if entry_id not in undo:
        raise Http404  # only what this session deleted can be brought back here
    entry = map_entry(map_, entry_id, deleted=True)
    try:
        services.entry_restore(actor=request.user, case=case, entry=entry)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        request.session[UNDO_KEY] = [pk for pk in undo if pk != entry.pk]
    return _parts_response(request, case, may, map_, [entry.part])


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def stance_create_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int,
                       entry_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    entry = map_entry(map_, entry_id)
    shows(request, entry)
    form = StanceForm(request.POST or None, voices=case_voices(case), auto_id=form_ids(f"stance-{entry.pk}"))
    sent = submit(form, lambda data: services.stance_set(actor=request.user, case=case, entry=entry, **data))
    if sent.saved:
        return _parts_response(request, case, may, map_, [entry.part])
    return _entry_form_response(request, case, map_, entry.part, form, status=sent.status, template=STANCE_FORM,
                                entry=entry)


@case_view(Perm.CHANGE, methods=("POST",))
def stance_delete_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int,
                       stance_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    stance = map_stance(map_, stance_id)
    services.stance_remove(actor=request.user, case=case, stance=stance)
    return _parts_response(request, case, may, map_, [stance.entry.part])


# --- scales -------------------------------------------------------------------------------------------

def _scales_response(request: AuthedRequest, case: Case, map_: Map, form: ScaleForm, *,
                     status: int = 200) -> HttpResponse:
    """The scales panel (htmx) or a page with it."""
    context = {
        "case": case, "map": map_, "content": map_content(map_), "editable": True, "scale_form": form,
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE),
    }
    template = "mapping/partials/_scales.html" if request.htmx else "mapping/scales_page.html"
    return render(request, template, context, status=status)


def _scales_saved(request: AuthedRequest, case: Case, map_: Map) -> HttpResponse:
    """After a change of the scores: the panel with an empty form (htmx), or back to the map without script."""
    if not request.htmx:
        return redirect(_map_url(case, map_) + "#scales")
    return _scales_response(request, case, map_, ScaleForm(voices=case_voices(case), auto_id=form_ids("scale")))


@case_view(Perm.CHANGE, methods=("GET", "POST"))
def scale_set_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    shows(request, map_)
    form = ScaleForm(request.POST or None, voices=case_voices(case),
                     initial={"kind": request.GET.get("kind", "safety")}, auto_id=form_ids("scale"))
    sent = submit(form, lambda data: services.scale_set(actor=request.user, case=case, map_=map_, **data))
    if sent.saved:
        return _scales_saved(request, case, map_)
    return _scales_response(request, case, map_, form, status=sent.status)


@case_view(Perm.CHANGE, methods=("POST",))
def scale_delete_view(request: AuthedRequest, case: Case, may: CasePerms, map_id: int, scale_id: int) -> HttpResponse:
    map_ = case_map(case, map_id)
    scale = map_scale(map_, scale_id)
    services.scale_delete(actor=request.user, case=case, scale=scale)
    return _scales_saved(request, case, map_)
