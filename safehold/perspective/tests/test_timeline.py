"""The contacts' timeline: positions along the placement, the marks by status (shape, not only colour), the
text for screen readers, and a placement without an end drawn open."""

from __future__ import annotations

from datetime import date

from django.utils import translation

from safehold.perspective.models import Contact, Placement
from safehold.perspective.timeline import LEFT, RIGHT, WIDTH, timeline, timeline_svg


def _placement(**kwargs) -> Placement:
    return Placement(pk=1, starts_on=date(2026, 3, 1), **kwargs)


def test_marks_sit_along_the_placement_by_date():
    placement = _placement(planned_end_on=date(2026, 3, 31))
    contacts = [Contact(on=date(2026, 3, 1), status="held"), Contact(on=date(2026, 3, 16), status="cancelled"),
                Contact(on=date(2026, 3, 31), status="planned")]
    drawn = timeline(placement, contacts)
    assert [m.x for m in drawn.marks] == [LEFT, LEFT + (WIDTH - LEFT - RIGHT) / 2, WIDTH - RIGHT]
    assert not drawn.open_end


def test_the_description_counts_the_contacts_in_the_readers_language():
    placement = _placement()
    contacts = [Contact(on=date(2026, 3, 8), status="held"), Contact(on=date(2026, 3, 15), status="held"),
                Contact(on=date(2026, 3, 22), status="cancelled")]
    with translation.override("de"):
        svg = timeline_svg(placement, contacts)
    assert "0 Umgangskontakte geplant, 2 stattgefunden und 1 abgesagt" in svg
    assert 'stroke-dasharray' in svg  # no end yet: the line stays open
    assert svg.count("mark--held") == 2 and svg.count("mark--cancelled") == 1


def test_the_picture_is_labelled_for_screen_readers():
    svg = timeline_svg(_placement(), [])
    assert 'role="img"' in svg and 'aria-labelledby="contacts-1-title contacts-1-desc"' in svg
    assert '<title id="contacts-1-title">' in svg and '<desc id="contacts-1-desc">' in svg
