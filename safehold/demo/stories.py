"""A Words & Pictures story in each demo case, in the case's language: written with the parents, agreed with
them, and (in the cases further on) read with the children.

Written through the Words & Pictures services like one made in the interface. The words are in
`stories_de`, `stories_da` and `stories_en`; people there are first names on the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.words_pictures import services


@dataclass(frozen=True)
class Page:
    section: str  # who_is_worried, what_happened, keeping_safe, safety_network, other
    text: str
    figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    title: str
    pages: tuple[Page, ...]
    agreed_with: tuple[str, ...]  # first names of the parents who agreed
    agreed_days_ago: int
    read_days_ago: int | None = None  # read with the children, if it has been


def _content() -> dict[str, Story]:
    from safehold.demo import stories_da, stories_de, stories_en

    return {**stories_de.STORIES, **stories_da.STORIES, **stories_en.STORIES}


def ensure_demo_story(case: Case, worker: User) -> None:
    """Write the demo case's story, once: a case that already has one is left as it is."""
    spec = _content().get(case.reference)
    if spec is None or case.stories.exists():
        return
    people = {person.first_name: person for person in case.people.all()}
    story = services.story_create(actor=worker, case=case)
    services.story_update(actor=worker, case=case, story=story, expected_version=story.version, title=spec.title)
    for page in spec.pages:
        services.panel_create(actor=worker, case=case, story=story, section=page.section, text=page.text,
                              figures=list(page.figures))
    today = timezone.localdate()
    services.story_agree(actor=worker, case=case, story=story,
                         people=[people[name].pk for name in spec.agreed_with],
                         agreed_on=today - timedelta(days=spec.agreed_days_ago))
    if spec.read_days_ago is not None:
        services.story_mark_read(actor=worker, case=case, story=story,
                                 read_on=today - timedelta(days=spec.read_days_ago))
