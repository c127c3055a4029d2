"""Every change to Words & Pictures stories: versions, panels, pictures, agreement with the parents and reading
with the children. Each runs in one transaction with its audit record. Once the parents have agreed to a
version nothing here changes its text or pictures: a change starts a new version."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import require_case_perm
from safehold.cases.models import Case, Person
from safehold.cases.perms import Perm
from safehold.cases.selectors import chosen_person
from safehold.core import validation
from safehold.core.versioning import save_versioned, update_versioned
from safehold.uploads.models import Purpose
from safehold.uploads.services import file_delete, file_store
from safehold.words_pictures.figures import FIGURES, MAX_FIGURES
from safehold.words_pictures.models import (
    AGREEING_ROLES,
    EXPECTED_SECTIONS,
    PANEL_TEXT,
    Panel,
    Section,
    Story,
    StoryStatus,
)

PANEL_FIELDS = ("section", "text", "figures")


def _check_story(case: Case, story: Story) -> None:
    if story.case_id != case.pk:  # a programming error: views and the API load stories through the case
        raise ValueError("story of another case")


def _frozen() -> ValidationError:
    return ValidationError(_("The parents have agreed to this version, so it cannot be changed. "
                             "Start a new version to change the story."))


def _require_draft(story: Story) -> None:
    # The status is read again under a row lock: the caller's copy may be from before the parents agreed,
    # and story_agree takes the same lock, so no change slips into the text the parents agreed to.
    status = Story.objects.select_for_update().filter(pk=story.pk).values_list("status", flat=True).first()
    if status is not None:
        story.status = status
    if story.is_frozen:
        raise _frozen()


# --- stories and versions --------------------------------------------------------------------------------

@transaction.atomic
def story_create(*, actor: User, case: Case) -> Story:
    """Start the story, or the next version of it: a draft copy of the latest version (title and panels, each
    panel keeping its lineage and picture). One draft at a time."""
    require_case_perm(actor, case, Perm.CHANGE)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if case.stories.filter(status=StoryStatus.DRAFT).exists():
        raise ValidationError(_("This case already has a story in draft. Work on that one."))
    latest = case.stories.order_by("-version_no").first()
    story = Story.objects.create(case=case, created_by=actor, version_no=(latest.version_no + 1) if latest else 1,
                                 copied_from=latest, title=latest.title if latest else "")
    if latest is not None:
        Panel.objects.bulk_create([
            Panel(story=story, position=p.position, section=p.section, text=p.text, picture_id=p.picture_id,
                  figures=list(p.figures), lineage=p.lineage)
            for p in latest.panels.all()
        ])
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=story,
                 changed_fields=["version_no", *(["copied_from"] if latest else [])])
    return story


@transaction.atomic
def story_update(*, actor: User, case: Case, story: Story, expected_version: int, title: str) -> list[str]:
    """Change the story's title. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    _require_draft(story)
    errors = validation.Errors()
    cleaned = validation.clean_text(title, "title", errors, limit=validation.SHORT)
    errors.raise_if_any()
    changed = update_versioned(story, {"title": cleaned}, ("title",), expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=changed)
    return changed


# --- panels ----------------------------------------------------------------------------------------------

def _clean_figures(value: object, errors: validation.Errors) -> list[str]:
    """The figure keys in the order chosen, each once, at most MAX_FIGURES of the library's."""
    if not isinstance(value, list | tuple) or not all(isinstance(key, str) and key in FIGURES for key in value):
        errors.add("figures", _("Choose the figures from the library."))
        return []
    keys = list(dict.fromkeys(value))
    if len(keys) > MAX_FIGURES:
        errors.add("figures", _("Choose at most %(limit)d figures for one panel.") % {"limit": MAX_FIGURES})
    return keys


def _clean_panel(section: object, text: object, figures: object) -> dict[str, str | list[str]]:
    """A panel's fields as they are saved, or ValidationError naming each field that is refused."""
    errors = validation.Errors()
    if section not in Section.values:
        errors.add("section", _("Choose the part of the story this panel tells."))
    cleaned = validation.clean_text(text, "text", errors, limit=PANEL_TEXT,
                                     required=_("Write what this panel tells, in words a child understands."))
    if len(cleaned) > PANEL_TEXT:  # the reason matters to whoever writes it
        errors["text"] = _("Keep a panel to %(limit)d characters: it is read aloud to children.") % {
            "limit": PANEL_TEXT}
    keys = _clean_figures(figures, errors)
    errors.raise_if_any()
    return {"section": str(section), "text": cleaned, "figures": keys}


@transaction.atomic
def panel_create(*, actor: User, case: Case, story: Story, section: str, text: str,
                 figures: Sequence[str] = ()) -> Panel:
    """Add a panel at the end of the story."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    _require_draft(story)
    fields = _clean_panel(section, text, figures)
    last = story.panels.aggregate(last=Max("position"))["last"]
    panel = Panel.objects.create(story=story, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=panel,
                 changed_fields=[name for name, value in fields.items() if value])
    return panel


@transaction.atomic
def panel_update(*, actor: User, case: Case, panel: Panel, expected_version: int, section: str | None = None,
                 text: str | None = None, figures: Sequence[str] | None = None) -> list[str]:
    """Change a panel's part of the story, text or figures (None: as it is). Returns the names of the fields
    that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)
    fields = _clean_panel(panel.section if section is None else section, panel.text if text is None else text,
                          panel.figures if figures is None else figures)
    changed = update_versioned(panel, fields, PANEL_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=panel, changed_fields=changed)
    return changed


@transaction.atomic
def panel_move(*, actor: User, case: Case, panel: Panel, offset: int) -> bool:
    """Move a panel one place up (-1) or down (+1). Returns False if it is already at that end."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)  # the story's row lock also orders two moves made at the same moment
    siblings = list(Panel.objects.filter(story_id=panel.story_id).order_by("position", "id"))
    index = next((i for i, p in enumerate(siblings) if p.pk == panel.pk), None)
    if index is None:  # deleted meanwhile
        raise ValidationError(_("This panel has been deleted."))
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    Panel.objects.bulk_update(siblings, ["position"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=panel, changed_fields=["position"])
    return True


def _release_picture(actor: User, case: Case, picture_id: int | None, keep_for: int) -> None:
    """Take a panel's picture off the case, unless another panel (an agreed earlier version, a copy) shows it."""
    if picture_id is None or Panel.objects.filter(picture_id=picture_id).exclude(pk=keep_for).exists():
        return
    stored = case.files.filter(pk=picture_id).first()
    if stored is not None:
        file_delete(actor=actor, case=case, stored=stored)


@transaction.atomic
def panel_delete(*, actor: User, case: Case, panel: Panel) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=panel)
    picture_id, panel_id = panel.picture_id, panel.pk
    panel.delete()
    _release_picture(actor, case, picture_id, keep_for=panel_id)


def panel_picture_set(*, actor: User, case: Case, panel: Panel, upload: IO[bytes]) -> Panel:
    """Put an uploaded picture (PNG, JPEG, WebP, HEIC; stored without its metadata by `uploads`) on a panel,
    in place of the one it had. Raises ValidationError({"picture": …}) for a file that is refused.

    Two transactions, not one: the file is stored first (uploads removes the bytes again if that fails), then
    put on the panel; if the panel refuses it, the stored file is taken off the case again."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    if panel.story.is_frozen:  # checked again under the lock below; this spares storing a file for nothing
        raise _frozen()
    if _peek(upload).startswith(b"%PDF"):
        raise ValidationError({"picture": _("Choose a picture (PNG, JPEG, WebP or HEIC), not a PDF.")})
    try:
        stored = file_store(actor=actor, case=case, upload=upload, purpose=Purpose.STORY_PICTURE)
    except ValidationError as error:
        raise ValidationError({"picture": error.messages}) from None
    try:
        with transaction.atomic():
            _require_draft(panel.story)
            if not stored.is_image:
                raise ValidationError({"picture": _("Choose a picture (PNG, JPEG, WebP or HEIC), not a PDF.")})
            current = Panel.objects.select_for_update().filter(pk=panel.pk).first()
            if current is None:
                raise ValidationError(_("This panel has been deleted."))
            previous = current.picture_id
            panel.picture = stored
            save_versioned(panel, expected_version=current.version, fields=["picture"])
            audit_record(actor=actor, action=Action.UPDATE, case=case, obj=panel, changed_fields=["picture"])
            _release_picture(actor, case, previous, keep_for=panel.pk)
    except ValidationError:
        file_delete(actor=actor, case=case, stored=stored)  # stored, but shown nowhere: off the case again
        raise
    return panel


def _peek(upload: IO[bytes]) -> bytes:
    """The first bytes of an upload, leaving it to be read from the start."""
    position = upload.tell()
    head = upload.read(8)
    upload.seek(position)
    return head


@transaction.atomic
def panel_picture_remove(*, actor: User, case: Case, panel: Panel) -> None:
    """Take the uploaded picture off a panel (its figures stay)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)
    current = Panel.objects.select_for_update().filter(pk=panel.pk).first()
    if current is None or current.picture_id is None:
        return
    previous = current.picture_id
    panel.picture = None
    save_versioned(panel, expected_version=current.version, fields=["picture"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=panel, changed_fields=["picture"])
    _release_picture(actor, case, previous, keep_for=panel.pk)


# --- the whole draft in one go (the API's PATCH) ------------------------------------------------------------

@dataclass(frozen=True)
class PanelChange:
    """One panel of a change made in one go: without `id` a new panel at the end of the story; with `id` (and
    the `version` read) a change of that panel, where a field left None stays as it is."""

    id: int | None = None
    version: int | None = None
    section: str | None = None
    text: str | None = None
    figures: list[str] | None = None


@transaction.atomic
def story_change(*, actor: User, case: Case, story: Story, expected_version: int, title: str | None = None,
                 panels: Sequence[PanelChange] = (), removed_panels: Sequence[int] = ()) -> Story:
    """Change a draft in one go: its title (None: as it is; checked against `expected_version`), panels removed
    (by id), then panels added at the end or changed, in the order given. All or nothing: if any item is refused,
    nothing is saved and ValidationError names every refused item ("title", "removed_panels.0",
    "panels.2.text"). A panel or a title saved by someone else since it was read raises ConflictError."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    errors = validation.Errors()
    if title is not None:
        with errors.under(""):
            story_update(actor=actor, case=case, story=story, expected_version=expected_version, title=title)

    current = {panel.pk: panel for panel in story.panels.all()}
    for panel in current.values():
        panel.story = story
    for index, panel_id in enumerate(removed_panels):
        removed = current.pop(panel_id, None)
        if removed is None:  # not of this story, or removed twice
            errors.add(f"removed_panels.{index}", _("There is no such panel in this story."))
            continue
        with errors.under(f"removed_panels.{index}"):
            panel_delete(actor=actor, case=case, panel=removed)

    for index, item in enumerate(panels):
        with errors.under(f"panels.{index}"):
            _panel_apply(actor, case, story, current, item)
    errors.raise_if_any()
    return story


def _panel_apply(actor: User, case: Case, story: Story, current: dict[int, Panel], item: PanelChange) -> None:
    """Add or change one panel of `story`; its errors are named relative to the panel."""
    if item.id is None:
        panel_create(actor=actor, case=case, story=story, section=item.section or "", text=item.text or "",
                     figures=item.figures or [])
        return
    problems: dict[str, str] = {}
    panel = current.get(item.id)
    if panel is None:
        problems["id"] = _("There is no such panel in this story.")
    if item.version is None:
        problems["version"] = _("Send the version of the panel you read.")
    if panel is None or item.version is None:
        raise ValidationError(problems)
    panel_update(actor=actor, case=case, panel=panel, expected_version=item.version, section=item.section,
                 text=item.text, figures=item.figures)


# --- agreed with the parents, read with the children -----------------------------------------------------

def missing_sections(sections: Iterable[str]) -> list[Section]:
    """The parts the method expects that no panel tells yet, in the story's order."""
    told = set(sections)
    return [Section(key) for key in EXPECTED_SECTIONS if key not in told]


def _agreeing_people(case: Case, people: Iterable[int], errors: validation.Errors) -> list[Person]:
    message = _("Choose the parents or caregivers of this case who agreed to the story.")
    chosen: dict[int, Person] = {}
    for person_id in people:
        try:
            person = chosen_person(case, person_id, field="agreed_with", roles=AGREEING_ROLES, message=message)
        except ValidationError:
            errors.add("agreed_with", message)
            return []
        chosen[person.pk] = person
    if not chosen:
        errors.add("agreed_with", message)
    return list(chosen.values())


@transaction.atomic
def story_agree(*, actor: User, case: Case, story: Story, people: Iterable[int],
                agreed_on: date | None = None) -> Story:
    """Record that the parents (or caregivers: `people`, ids of the case's people) agreed to this version, and
    when (today if None). From now on its text is frozen. Refused for a story that does not yet tell all four
    parts the method expects. An earlier agreed version gives way to this one."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    # The case row first, as story_create does; then the story, which panel changes lock too.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    Story.objects.select_for_update().filter(pk=story.pk).first()
    story.refresh_from_db()
    if story.status != StoryStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft can be agreed with the parents.")})
    errors = validation.Errors()
    sections = list(story.panels.values_list("section", flat=True))
    if not sections:
        errors.add("panels", _("The story has no panels yet. Write it with the parents first."))
    elif missing := missing_sections(sections):
        errors.add("panels", _("The story does not yet tell: %(missing)s. Add a panel for each before the "
                               "parents agree to it.") % {"missing": "; ".join(str(m.label) for m in missing)})
    people_agreeing = _agreeing_people(case, people, errors)
    day = validation.clean_date(timezone.localdate() if agreed_on is None else agreed_on, "agreed_on", errors,
                                not_after_today=True)
    errors.raise_if_any()
    earlier = case.stories.filter(status__in=[StoryStatus.AGREED, StoryStatus.READ_WITH_CHILDREN],
                                  version_no__lt=story.version_no)
    for old in earlier:
        old.status = StoryStatus.SUPERSEDED
        save_versioned(old, expected_version=old.version, fields=["status"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=old, changed_fields=["status"])
    story.status, story.agreed_on, story.agreed_recorded_by = StoryStatus.AGREED, day, actor
    story.agreed_with_names = ", ".join(p.full_name for p in people_agreeing)[:500]
    changed = ["status", "agreed_on", "agreed_with_names", "agreed_recorded_by"]
    save_versioned(story, expected_version=story.version, fields=changed)
    story.agreed_with.set(people_agreeing)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=[*changed, "agreed_with"])
    return story


@transaction.atomic
def story_mark_read(*, actor: User, case: Case, story: Story, read_on: date | None = None) -> Story:
    """Record the day the story was read with the children (today if None)."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    Story.objects.select_for_update().filter(pk=story.pk).first()
    story.refresh_from_db()
    if story.status != StoryStatus.AGREED:
        raise ValidationError({"status": _("A story is read with the children once the parents have agreed "
                                           "to it, and only its current version.")})
    agreed_on = story.agreed_on
    too_early = _("The parents agreed to the story on %(date)s: it cannot have been read with the children "
                  "before that day.") % {
        "date": date_format(agreed_on, "SHORT_DATE_FORMAT")} if agreed_on else ""
    errors = validation.Errors()
    day = validation.clean_date(timezone.localdate() if read_on is None else read_on, "read_on", errors,
                                not_after_today=True, not_before=agreed_on, not_before_message=too_early)
    errors.raise_if_any()
    story.status, story.read_on = StoryStatus.READ_WITH_CHILDREN, day
    save_versioned(story, expected_version=story.version, fields=["status", "read_on"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=["status", "read_on"])
    return story
