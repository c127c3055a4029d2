"""HTML views of the map. Thin: every case through the access policy, every change through a service.

On the map page each part is edited in place with htmx: a change answers with the part(s) it touched. The
same URLs work without script (a full page with the form, and a redirect back to the map after saving)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.audit.services import Action, audit_record, audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.cases.models import Case
from safehold.cases.voices import Voice, case_voices
from safehold.core.downloads import pdf_response
from safehold.core.forms import form_ids, keep_typed_against
from safehold.core.htmx import form_in_place
from safehold.core.http import AuthedRequest
from safehold.core.versioning import ConflictError
from safehold.mapping import services
from safehold.mapping.anchors import anchors_for
from safehold.mapping.chart import scaling_chart
from safehold.mapping.compare import compare_maps
from safehold.mapping.documents import map_pdf, map_pdf_filename
from safehold.mapping.forms import DangerStatementForm, EntryForm, MapForm, ScaleForm, StanceForm
from safehold.mapping.history import scaling_history
from safehold.mapping.models import Entry, Map, Part, ScaleKind, Stance
from safehold.mapping.selectors import MapContent, case_map, case_maps, map_content, map_entry, map_scale

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


def _board_context(request: AuthedRequest, case: Case, map_: Map, content: MapContent | None = None,
                   voices: list[Voice] | None = None) -> dict:
    content = content or map_content(map_)
    undo = _undo_ids(request)
    return {
        "case": case, "map": map_, "content": content,
        "voices": voices if voices is not None else case_voices(case),
        "editable": Perm.CHANGE in case.permissions,
        "deleted": list(map_.entries.filter(pk__in=undo, deleted_at__isnull=False).order_by("-deleted_at"))
        if undo else [],
    }


def _parts_response(request: AuthedRequest, case: Case, map_: Map, parts: list[str], *, status: int = 200,
                    forms: dict | None = None) -> HttpResponse:
    """Answer an htmx change with the parts it touched: the first replaces the target, the others and the
    undo list are swapped out of band. Without htmx, back to the map at the first part."""
    if not request.htmx:
        return redirect(_map_url(case, map_, parts[0] if parts else ""))
    context = _board_context(request, case, map_)
    by_part = {p.part: p for p in context["content"].parts}
    ordered = list(dict.fromkeys(parts))
    return render(request, "mapping/partials/_parts_response.html", {
        **context,
        "main": by_part[ordered[0]], "others": [by_part[p] for p in ordered[1:]], "forms": forms or {},
    }, status=status)


def _load(request: AuthedRequest, case_id: int, map_id: int, perm: Perm = Perm.VIEW) -> tuple[Case, Map]:
    case = legacy_access_case(request.user, case_id, perm)
    return case, case_map(case, map_id)


# --- the maps of a case -----------------------------------------------------------------------------------

@login_required
@require_GET
def maps_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    maps = case_maps(case)
    history = scaling_history(case, maps=maps)
    audit_view(actor=request.user, case=case, obj=None)
    return render(request, "mapping/maps.html", {
        "case": case, "maps": list(reversed(maps)), "history": history,
        "charts": [c for c in (scaling_chart(history, kind) for kind in ScaleKind.values) if c],
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE),
        "editable": Perm.CHANGE in case.permissions,
    })


@login_required
@require_http_methods(["GET", "POST"])
def map_create_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.CHANGE)
    voices = case_voices(case)
    has_maps = case.maps.exists()
    form = MapForm(request.POST or None, voices=voices, creating=True, has_maps=has_maps,
                   initial={"drawn_on": timezone.localdate(), "copy_latest": True})
    if request.method == "GET":
        audit_view(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            map_ = services.map_create(
                actor=request.user, case=case, drawn_on=data["drawn_on"], title=data["title"],
                meeting_kind=data["meeting_kind"], participants=data["participants"],
                copy_latest=data.get("copy_latest", False),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Map started."))
            return redirect(_map_url(case, map_))
    return render(request, "mapping/map_form.html", {"case": case, "form": form, "creating": True},
                  status=400 if form.errors else 200)


@login_required
@require_GET
def map_detail_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id)
    audit_view(actor=request.user, case=case, obj=map_)
    context = _board_context(request, case, map_)
    return render(request, "mapping/map_detail.html", {
        **context,
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE),
        "scale_form": ScaleForm(voices=context["voices"], auto_id=form_ids("scale")) if context["editable"] else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def map_edit_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    voices = _with_earlier(case_voices(case), [p.voice for p in map_.meeting.participants.all()]
                           if map_.meeting else [])
    initial = {
        "drawn_on": map_.drawn_on, "title": map_.title, "version": map_.version,
        "meeting_kind": map_.meeting.kind if map_.meeting else "",
        "participants": list(map_.meeting.participants.values_list("voice_key", flat=True)) if map_.meeting else [],
    }
    form = MapForm(request.POST or None, voices=voices, creating=False, initial=initial)
    conflict = None
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=map_)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.map_update(actor=request.user, case=case, map_=map_,
                                expected_version=data["version"] or 0, drawn_on=data["drawn_on"],
                                title=data["title"], meeting_kind=data["meeting_kind"],
                                participants=data["participants"])
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
            map_.refresh_from_db()
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_map_url(case, map_))
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "mapping/map_form.html", {
        "case": case, "map": map_, "form": form, "creating": False, "conflict": conflict,
        "conflict_current": [(_("Date"), map_.drawn_on), (_("Title"), map_.title),
                             (_("Meeting"), map_.meeting.get_kind_display() if map_.meeting else "")]
        if conflict else [],
    }, status=status)


@login_required
@require_GET
def map_pdf_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id)
    content = map_pdf(case, map_)
    audit_record(actor=request.user, action=Action.EXPORT, case=case, obj=map_)
    return pdf_response(content, map_pdf_filename(case, map_))


@login_required
@require_GET
def compare_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
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
    audit_view(actor=request.user, case=case)
    return render(request, "mapping/compare.html", {
        "case": case, "maps": maps, "comparison": comparison, "error": error,
        "before_id": before.pk if before else None, "after_id": after.pk if after else None,
    }, status=400 if error else 200)


# --- entries ------------------------------------------------------------------------------------------

def _entry_form_response(request: AuthedRequest, case: Case, map_: Map, part: str, form, *, status: int,
                         template: str, entry: Entry | None = None, conflict=None) -> HttpResponse:
    context = {"case": case, "map": map_, "part": part, "part_label": Part(part).label, "form": form,
               "entry": entry, "conflict": conflict}
    if request.htmx:
        if template.endswith("_stance_form.html"):
            form_id = f"#stance-form-{entry.pk if entry else ''}"
        elif entry is not None:
            form_id = f"#entry-{entry.pk}"
        else:
            form_id = "#new-danger" if template.endswith("_danger_form.html") else f"#new-{part}"
        return form_in_place(request, template, context, status=status, target=form_id)
    return render(request, "mapping/form_page.html", {**context, "form_template": template}, status=status)


def _danger_statements(map_: Map, exclude: int | None = None) -> list[Entry]:
    return [e for e in map_.entries.live().filter(part=Part.FUTURE_DANGER).exclude(worried="").order_by("position")
            if e.pk != exclude]


@login_required
@require_GET
def part_view(request: AuthedRequest, case_id: int, map_id: int, part: str) -> HttpResponse:
    """One part of the map as shown on it (what "cancel" on a form brings back)."""
    case, map_ = _load(request, case_id, map_id)
    if part not in Part.values:
        raise Http404
    audit_view(actor=request.user, case=case, obj=map_)
    if not request.htmx:
        return redirect(_map_url(case, map_, part))
    context = _board_context(request, case, map_)
    return render(request, "mapping/partials/_part.html", {
        **context, "part": next(p for p in context["content"].parts if p.part == part)})


@login_required
@require_http_methods(["GET", "POST"])
def entry_create_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    part = request.POST.get("part") or request.GET.get("part") or ""
    # Without a part (a link from outside the map) the form asks for one.
    choose_part = part not in Part.values
    voices = case_voices(case)
    form = EntryForm(request.POST or None, part=part, voices=voices, danger_statements=_danger_statements(map_),
                     initial={"part": part, "voice": f"user:{request.user.pk}"}, choose_part=choose_part,
                     auto_id=form_ids(f"new-{part if part in Part.values else 'entry'}"))
    if choose_part:
        part = Part.GREY_AREAS if request.method == "GET" else part
        if request.method == "POST" and not form.is_valid():
            return _entry_form_response(request, case, map_, Part.GREY_AREAS, form, status=400,
                                        template="mapping/partials/_entry_form.html")
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=map_)
        return _entry_form_response(request, case, map_, part, form, status=200,
                                    template="mapping/partials/_entry_form.html")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version",)}
        if "answers" in data:
            data["answers"] = map_.entries.live().filter(pk=data["answers"]).first() if data["answers"] else None
        try:
            services.entry_create(actor=request.user, case=case, map_=map_, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _parts_response(request, case, map_, [part])
    return _entry_form_response(request, case, map_, part, form, status=400,
                                template="mapping/partials/_entry_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def danger_statement_create_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    form = DangerStatementForm(request.POST or None, voices=case_voices(case),
                               initial={"voice": f"user:{request.user.pk}"}, auto_id=form_ids("new-danger"))
    template = "mapping/partials/_danger_form.html"
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=map_)
        return _entry_form_response(request, case, map_, Part.FUTURE_DANGER, form, status=200, template=template)
    if form.is_valid():
        try:
            services.entry_create(actor=request.user, case=case, map_=map_, part=Part.FUTURE_DANGER,
                                  **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _parts_response(request, case, map_, [Part.FUTURE_DANGER, Part.GOALS])
    return _entry_form_response(request, case, map_, Part.FUTURE_DANGER, form, status=400, template=template)


@login_required
@require_GET
def entry_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    """One entry as shown on the map (what "cancel" on its edit form brings back)."""
    case, map_ = _load(request, case_id, map_id)
    map_entry(map_, entry_id)
    audit_view(actor=request.user, case=case, obj=map_)
    if not request.htmx:
        return redirect(_map_url(case, map_))
    content = map_content(map_)
    entry = next(e for e in content.entries if e.pk == int(entry_id))
    return render(request, "mapping/partials/_entry.html", {
        "case": case, "map": map_, "entry": entry, "editable": Perm.CHANGE in case.permissions,
    })


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    entry = map_entry(map_, entry_id)
    voices = _with_earlier(case_voices(case), [entry.voice])
    guided = entry.is_danger_statement
    if guided:
        template = "mapping/partials/_danger_form.html"
        form: EntryForm | DangerStatementForm = DangerStatementForm(
            request.POST or None, voices=voices, editing=True, auto_id=form_ids(f"entry-{entry.pk}"),
            initial={"worried": entry.worried, "behaviour": entry.behaviour, "impact": entry.impact,
                     "voice": entry.voice_key, "version": entry.version})
    else:
        template = "mapping/partials/_entry_form.html"
        part = request.POST.get("part", entry.part) if request.method == "POST" else entry.part
        form = EntryForm(request.POST or None, part=part if part in Part.values else entry.part, voices=voices,
                         danger_statements=_danger_statements(map_, exclude=entry.pk), editing=True,
                         auto_id=form_ids(f"entry-{entry.pk}"),
                         initial={"part": entry.part, "text": entry.text, "voice": entry.voice_key,
                                  "goal_kind": entry.goal_kind, "answers": entry.answers_id,
                                  "responsible": entry.responsible, "due_on": entry.due_on,
                                  "version": entry.version})
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=entry)
        return _entry_form_response(request, case, map_, entry.part, form, status=200, template=template, entry=entry)
    conflict = None
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if "answers" in data:
            data["answers"] = map_.entries.live().filter(pk=data["answers"]).first() if data["answers"] else None
        old_part = entry.part
        try:
            services.entry_update(actor=request.user, case=case, entry=entry,
                                  expected_version=form.cleaned_data.get("version") or 0, **data)
        except ConflictError as error:
            conflict = error
            keep_typed_against(form, error.current.version)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _parts_response(request, case, map_, [old_part, entry.part])
    return _entry_form_response(request, case, map_, entry.part, form, status=409 if conflict else 400,
                                template=template, entry=entry, conflict=conflict)


@login_required
@require_POST
def entry_move_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    entry = map_entry(map_, entry_id)
    try:
        services.entry_move(actor=request.user, case=case, entry=entry,
                            offset=-1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _parts_response(request, case, map_, [entry.part])


@login_required
@require_POST
def entry_delete_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    entry = map_entry(map_, entry_id)
    try:
        services.entry_delete(actor=request.user, case=case, entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        request.session[UNDO_KEY] = [*_undo_ids(request)[-49:], entry.pk]
        if not request.htmx:
            messages.success(request, _("Entry deleted. You can restore it from the list under the map."))
    return _parts_response(request, case, map_, [entry.part, Part.GOALS] if entry.part == Part.FUTURE_DANGER
                           else [entry.part])


@login_required
@require_POST
def entry_restore_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    undo = _undo_ids(request)
    if int(entry_id) not in undo:
        raise Http404  # only what this session deleted can be brought back here
    entry = map_entry(map_, entry_id, deleted=True)
    try:
        services.entry_restore(actor=request.user, case=case, entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        request.session[UNDO_KEY] = [pk for pk in undo if pk != entry.pk]
    return _parts_response(request, case, map_, [entry.part])


@login_required
@require_http_methods(["GET", "POST"])
def stance_create_view(request: AuthedRequest, case_id: int, map_id: int, entry_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    entry = map_entry(map_, entry_id)
    form = StanceForm(request.POST or None, voices=case_voices(case), auto_id=form_ids(f"stance-{entry.pk}"))
    template = "mapping/partials/_stance_form.html"
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=entry)
        return _entry_form_response(request, case, map_, entry.part, form, status=200, template=template,
                                    entry=entry)
    if form.is_valid():
        try:
            services.stance_set(actor=request.user, case=case, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _parts_response(request, case, map_, [entry.part])
    return _entry_form_response(request, case, map_, entry.part, form, status=400, template=template, entry=entry)


@login_required
@require_POST
def stance_delete_view(request: AuthedRequest, case_id: int, map_id: int, stance_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    stance = Stance.objects.select_related("entry").filter(pk=stance_id, entry__map=map_).first()
    if stance is None:
        raise Http404
    stance.entry.map = map_
    services.stance_remove(actor=request.user, case=case, stance=stance)
    return _parts_response(request, case, map_, [stance.entry.part])


# --- scales -------------------------------------------------------------------------------------------

def _scales_response(request: AuthedRequest, case: Case, map_: Map, form: ScaleForm | None = None, *,
                     status: int = 200, saved: bool = False) -> HttpResponse:
    """The scales panel (htmx) or a page with it; after a save without script, back to the map."""
    if saved and not request.htmx:
        return redirect(_map_url(case, map_) + "#scales")
    voices = case_voices(case)
    context = {
        "case": case, "map": map_, "content": map_content(map_), "editable": True,
        "scale_form": form or ScaleForm(voices=voices, auto_id=form_ids("scale")),
        "anchors": anchors_for(case.organisation_id, request.LANGUAGE_CODE),
    }
    template = "mapping/partials/_scales.html" if request.htmx else "mapping/scales_page.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scale_set_view(request: AuthedRequest, case_id: int, map_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    voices = case_voices(case)
    form = ScaleForm(request.POST or None, voices=voices, initial={"kind": request.GET.get("kind", "safety")},
                     auto_id=form_ids("scale"))
    if request.method == "GET":
        audit_view(actor=request.user, case=case, obj=map_)
        return _scales_response(request, case, map_, form)
    if form.is_valid():
        try:
            services.scale_set(actor=request.user, case=case, map_=map_, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _scales_response(request, case, map_, saved=True)
    return _scales_response(request, case, map_, form, status=400)


@login_required
@require_POST
def scale_delete_view(request: AuthedRequest, case_id: int, map_id: int, scale_id: int) -> HttpResponse:
    case, map_ = _load(request, case_id, map_id, Perm.CHANGE)
    scale = map_scale(map_, scale_id)
    try:
        services.scale_delete(actor=request.user, case=case, scale=scale)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _scales_response(request, case, map_, saved=True)
