"""A case on which a child (Freja) and a parent (Camilla) appear in every tool, with the child's words at each
level of what the child agreed to show. Each marker word is in one record only, so a test can tell which records
an export holds. `fill(…, n=1)` adds much the same again: the export's queries do not grow with the data."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from safehold.accounts.models import User
from safehold.cases.models import Case, Person
from safehold.cases.tests import (
    access_matrix_help_plan,
    access_matrix_meetings,
    access_matrix_perspective,
    access_matrix_referrals,
    access_matrix_screening,
)
from safehold.child_voice import services as child_voice
from safehold.mapping import services as mapping
from safehold.network import services as network
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.coverage import CELLS
from safehold.words_pictures import services as words_pictures


def _png() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(data, "PNG")
    return SimpleUploadedFile("house.png", data.getvalue(), "image/png")


def fill(case: Case, worker: User, child: Person, parent: Person, n: int = 0) -> None:
    """One of each thing about the child and the parent; `n` tells a second round's words apart."""
    me = f"person:{child.pk}"
    # mapping: the child's words, an entry naming the parent, the parent's view and a score about the parent
    map_ = mapping.map_create(actor=worker, case=case, title=f"Map {n}", copy_latest=False)
    said = mapping.entry_create(actor=worker, case=case, map_=map_, voice=me, part="strengths",
                                text=f"MAP-CHILD-SAID-{n} playing outside")
    mapping.entry_create(actor=worker, case=case, map_=map_, voice=f"user:{worker.pk}", part="strengths",
                         text=f"Camilla cooks dinner MAP-NAMES-PARENT-{n}")
    mapping.stance_set(actor=worker, case=case, entry=said, voice=f"person:{parent.pk}", agrees=False,
                       words=f"MAP-PARENT-VIEW-{n}")
    mapping.scale_set(actor=worker, case=case, map_=map_, voice=f"person:{parent.pk}", score=4,
                      reason=f"MAP-PARENT-SCORE-{n}")
    # safety plan: a rule the parent holds, the child as a contact, an agreement naming the child
    plan = safety_plans.plan_create(actor=worker, case=case) if n == 0 else case.safety_plans.get()
    safety_plans.rule_create(actor=worker, case=case, plan=plan, text=f"PLAN-PARENT-RULE-{n}",
                             responsible=parent.pk, periods=list(CELLS))
    safety_plans.contact_add(actor=worker, case=case, plan=plan, person=child.pk)
    safety_plans.agreement_add(actor=worker, case=case, plan=plan, agency="School",
                               agreement=f"Calls when Freja is absent PLAN-AGREEMENT-{n}")
    # Words & Pictures: a panel naming the child
    story = words_pictures.story_create(actor=worker, case=case) if n == 0 else case.stories.get()
    words_pictures.panel_create(actor=worker, case=case, story=story, section="what_happened",
                                text=f"Freja was scared STORY-PANEL-{n}", figures=["adult"])
    # the child's voice, at every level of consent
    conversation = child_voice.conversation_create(actor=worker, case=case, child=child.pk,
                                                   note=f"VOICE-WORKER-NOTE-{n}")
    for visibility in ("worker", "parents", "network"):
        child_voice.statement_create(actor=worker, case=case, conversation=conversation, area="good",
                                     text=f"VOICE-STATEMENT-{visibility.upper()}-{n}", visibility=visibility)
    child_voice.drawing_add(actor=worker, case=case, conversation=conversation, upload=_png(),
                            caption=f"VOICE-DRAWING-WORKER-{n}")
    child_voice.drawing_add(actor=worker, case=case, conversation=conversation, upload=_png(),
                            caption=f"VOICE-DRAWING-PARENTS-{n}", visibility="parents")
    house = child_voice.safety_house_create(actor=worker, case=case, child=child.pk, safety_score=3,
                                            note=f"HOUSE-WORKER-NOTE-{n}")
    for visibility in ("worker", "parents", "network"):
        child_voice.house_item_create(actor=worker, case=case, house=house, area="inside", person=parent.pk,
                                      text=f"HOUSE-ITEM-{visibility.upper()}-{n}", visibility=visibility)
    if n == 0:
        # network: the tie, the circle, the coordinator
        network.relationship_create(actor=worker, case=case, person_a=parent.pk, person_b=child.pk, kind="parent")
        network.circle_place(actor=worker, case=case, person=parent.pk, circle="inner")
        network.coordinator_set(actor=worker, case=case, person=parent.pk)
    # meetings, screening, and once (a child has one placement at a time, a meeting one Hilfeplan, an offer one
    # key) the Perspektivklärung, the Hilfeplan and a referral: as the access matrix fills them
    once = (access_matrix_perspective, access_matrix_help_plan, access_matrix_referrals) if n == 0 else ()
    for tool in (access_matrix_meetings, access_matrix_screening, *once):
        tool.fill(case, worker, child=child, parent=parent, word=f"TOOLWORD{n}")
