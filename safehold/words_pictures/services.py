"""Every change to Words & Pictures stories: versions, panels, pictures, agreement with the parents and reading
with the children. Each runs in one transaction with its audit record. Once the parents have agreed to a
version nothing here changes its text or pictures: a change starts a new version."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case, Person, PersonRole
from safehold.cases.selectors import chosen_person
from safehold.core.text import clean_text
from safehold.core.versioning import save_versioned, update_versioned
from safehold.uploads.models import Purpose
from safehold.uploads.services import file_delete, file_store
from safehold.words_pictures.figures import FIGURES, MAX_FIGURES
from safehold.words_pictures.models import EXPECTED_SECTIONS, Panel, Section, Story, StoryStatus

MAX_TITLE = 200
MAX_PANEL_TEXT = 1000  # read aloud to children, printed large: a few sentences per page
# Words & Pictures is written with the parents: they, or the caregivers who stand in for them, agree to it.
AGREEING_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER)
PANEL_FIELDS = ("section", "text", "figures")




def _check_story(case: Case, story: Story) -> None:
    if story.case_id != case.pk:  # a programming error: views load stories through the case
        raise ValueError("story of another case")


def _require_draft(story: Story) -> None:
    # The status is read again under a row lock: the caller's copy may be from before the parents agreed,
    # and story_agree takes the same lock, so no change slips into the text the parents agreed to.
    status = Story.objects.select_for_update().filter(pk=story.pk).values_list("status", flat=True).first()
    if status is not None:
        story.status = status
    if story.is_frozen:
        raise ValidationError(_("The parents have agreed to this version, so it cannot be changed. "
                                "Start a new version to change the story."))


def _text(value: Any) -> str | None:
    """Text as sent by a form or API client, cleaned; None if it is not text at all."""
    if value is None:
        return ""
    return clean_text(value) if isinstance(value, str) else None


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


# --- stories and versions --------------------------------------------------------------------------------

@transaction.atomic
def story_create(*, actor, case: Case) -> Story:
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
def story_update(*, actor, case: Case, story: Story, expected_version: int, title: Any) -> list[str]:
    """Change the story's title. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    _require_draft(story)
    cleaned = _text(title)
    if cleaned is None:
        raise ValidationError({"title": _("Enter text.")})
    if len(cleaned) > MAX_TITLE:
        raise ValidationError({"title": _("Keep this to %(limit)d characters.") % {"limit": MAX_TITLE}})
    changed = update_versioned(story, {"title": cleaned}, ("title",), expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=changed)
    return changed


# --- panels ----------------------------------------------------------------------------------------------

def _clean_figures(value: Any) -> list[str] | None:
    """The figure keys as a list, in the order chosen, each once; None if they are not keys of the library."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        return None
    if not all(isinstance(key, str) and key in FIGURES for key in value):
        return None
    return list(dict.fromkeys(value))


def _clean_panel(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    section = data.get("section")
    if not isinstance(section, str) or section not in Section.values:
        errors["section"] = _("Choose the part of the story this panel tells.")
    text = _text(data.get("text"))
    if not text:
        errors["text"] = _("Write what this panel tells, in words a child understands.")
    elif len(text) > MAX_PANEL_TEXT:
        errors["text"] = _("Keep a panel to %(limit)d characters: it is read aloud to children.") % {
            "limit": MAX_PANEL_TEXT}
    figures = _clean_figures(data.get("figures"))
    if figures is None:
        errors["figures"] = _("Choose the figures from the library.")
    elif len(figures) > MAX_FIGURES:
        errors["figures"] = _("Choose at most %(limit)d figures for one panel.") % {"limit": MAX_FIGURES}
    if errors:
        raise ValidationError(errors)
    return {"section": section, "text": text, "figures": figures}


@transaction.atomic
def panel_create(*, actor, case: Case, story: Story, section: Any, text: Any, figures: Any = None) -> Panel:
    """Add a panel at the end of the story."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    _require_draft(story)
    fields = _clean_panel({"section": section, "text": text, "figures": figures})
    last = story.panels.aggregate(last=Max("position"))["last"]
    panel = Panel.objects.create(story=story, position=(last or 0) + 1, **fields)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=panel,
                 changed_fields=[name for name, value in fields.items() if value])
    return panel


@transaction.atomic
def panel_update(*, actor, case: Case, panel: Panel, expected_version: int, **changes: Any) -> list[str]:
    """Change a panel's part of the story, text or figures. Returns the names of the fields that changed."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)
    unknown = set(changes) - set(PANEL_FIELDS)
    if unknown:
        raise ValueError(f"unknown panel fields {sorted(unknown)}")
    fields = _clean_panel({**{name: getattr(panel, name) for name in PANEL_FIELDS}, **changes})
    changed = update_versioned(panel, fields, PANEL_FIELDS, expected_version=expected_version)
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=panel, changed_fields=changed)
    return changed


@transaction.atomic
def panel_move(*, actor, case: Case, panel: Panel, offset: int) -> bool:
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


def _release_picture(actor, case: Case, picture_id: int | None, keep_for: int) -> None:
    """Take a panel's picture off the case, unless another panel (an agreed earlier version, a copy) shows it."""
    if picture_id is None or Panel.objects.filter(picture_id=picture_id).exclude(pk=keep_for).exists():
        return
    stored = case.files.filter(pk=picture_id).first()
    if stored is not None:
        file_delete(actor=actor, case=case, stored=stored)


@transaction.atomic
def panel_delete(*, actor, case: Case, panel: Panel) -> None:
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    _require_draft(panel.story)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=panel)
    picture_id, panel_id = panel.picture_id, panel.pk
    panel.delete()
    _release_picture(actor, case, picture_id, keep_for=panel_id)


def panel_picture_set(*, actor, case: Case, panel: Panel, upload: IO[bytes]) -> Panel:
    """Put an uploaded picture (PNG, JPEG, WebP, HEIC; stored without its metadata by `uploads`) on a panel,
    in place of the one it had. Raises ValidationError({"picture": …}) for a file that is refused."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, panel.story)
    if panel.story.is_frozen:  # checked again under the lock below; this spares storing a file for nothing
        raise ValidationError(_("The parents have agreed to this version, so it cannot be changed. "
                                "Start a new version to change the story."))
    head = _peek(upload)
    if head.startswith(b"%PDF"):
        raise ValidationError({"picture": _("Choose a picture (PNG, JPEG, WebP or HEIC), not a PDF.")})
    try:
        # Stored in its own transaction (uploads removes the bytes again if that fails).
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
    if not hasattr(upload, "seek"):
        return b""
    position = upload.tell()
    head = upload.read(8)
    upload.seek(position)
    return head if isinstance(head, bytes) else b""


@transaction.atomic
def panel_picture_remove(*, actor, case: Case, panel: Panel) -> None:
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


# --- agreed with the parents, read with the children -----------------------------------------------------

def missing_sections(sections: Iterable[str]) -> list[Section]:
    """The parts the method expects that no panel tells yet, in the story's order."""
    told = set(sections)
    return [Section(key) for key in EXPECTED_SECTIONS if key not in told]


def _agreeing_people(case: Case, people: Any) -> list[Person]:
    message = _("Choose the parents or caregivers of this case who agreed to the story.")
    if isinstance(people, (str, bytes)) or not isinstance(people, Iterable):
        raise ValidationError({"agreed_with": message})
    chosen: dict[int, Person] = {}
    for person_id in people:
        person = chosen_person(case, person_id, field="agreed_with", roles=AGREEING_ROLES, message=message)
        chosen[person.pk] = person
    if not chosen:
        raise ValidationError({"agreed_with": message})
    return list(chosen.values())


@transaction.atomic
def story_agree(*, actor, case: Case, story: Story, people: Any, agreed_on: Any = None) -> Story:
    """Record that the parents (or caregivers) agreed to this version, and when. From now on its text is
    frozen. Refused for a story that does not yet tell all four parts the method expects. An earlier agreed
    version gives way to this one."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    # The case row first, as story_create does; then the story, which panel changes lock too.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    Story.objects.select_for_update().filter(pk=story.pk).first()
    story.refresh_from_db()
    if story.status != StoryStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft can be agreed with the parents.")})
    errors: dict[str, Any] = {}
    sections = list(story.panels.values_list("section", flat=True))
    if not sections:
        errors["panels"] = _("The story has no panels yet. Write it with the parents first.")
    else:
        missing = missing_sections(sections)
        if missing:
            errors["panels"] = _("The story does not yet tell: %(missing)s. Add a panel for each before the "
                                 "parents agree to it.") % {"missing": "; ".join(str(m.label) for m in missing)}
    people_agreeing: list[Person] = []
    try:
        people_agreeing = _agreeing_people(case, people)
    except ValidationError as error:
        errors["agreed_with"] = error.message_dict["agreed_with"]
    agreed_on = timezone.localdate() if agreed_on is None else agreed_on
    if not _is_date(agreed_on):
        errors["agreed_on"] = _("Enter a date.")
    elif agreed_on > timezone.localdate():
        errors["agreed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    earlier = case.stories.filter(status__in=[StoryStatus.AGREED, StoryStatus.READ_WITH_CHILDREN],
                                  version_no__lt=story.version_no)
    for old in earlier:
        old.status = StoryStatus.SUPERSEDED
        save_versioned(old, expected_version=old.version, fields=["status"])
        audit_record(actor=actor, action=Action.UPDATE, case=case, obj=old, changed_fields=["status"])
    story.status, story.agreed_on, story.agreed_recorded_by = StoryStatus.AGREED, agreed_on, actor
    story.agreed_with_names = ", ".join(p.full_name for p in people_agreeing)[:500]
    changed = ["status", "agreed_on", "agreed_with_names", "agreed_recorded_by"]
    save_versioned(story, expected_version=story.version, fields=changed)
    story.agreed_with.set(people_agreeing)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=[*changed, "agreed_with"])
    return story


@transaction.atomic
def story_mark_read(*, actor, case: Case, story: Story, read_on: Any = None) -> Story:
    """Record the day the story was read with the children."""
    require_case_perm(actor, case, Perm.CHANGE)
    _check_story(case, story)
    Story.objects.select_for_update().filter(pk=story.pk).first()
    story.refresh_from_db()
    if story.status != StoryStatus.AGREED:
        raise ValidationError({"status": _("A story is read with the children once the parents have agreed "
                                           "to it, and only its current version.")})
    read_on = timezone.localdate() if read_on is None else read_on
    if not _is_date(read_on):
        raise ValidationError({"read_on": _("Enter a date.")})
    if read_on > timezone.localdate():
        raise ValidationError({"read_on": _("The date cannot be in the future.")})
    if story.agreed_on and read_on < story.agreed_on:
        agreed = date_format(story.agreed_on, "SHORT_DATE_FORMAT")
        raise ValidationError({"read_on": _("The parents agreed to the story on %(date)s; it was read with the "
                                            "children after that.") % {"date": agreed}})
    story.status, story.read_on = StoryStatus.READ_WITH_CHILDREN, read_on
    save_versioned(story, expected_version=story.version, fields=["status", "read_on"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=story, changed_fields=["status", "read_on"])
    return story
