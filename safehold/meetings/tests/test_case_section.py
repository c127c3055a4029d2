"""The case page shows the latest meetings, the next date agreed and the way to all of them."""

from datetime import date

import pytest

from safehold.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_case_page_lists_the_latest_meetings_newest_first_with_the_next_date(case, caseworker, client_for):
    Meeting.objects.create(case=case, kind="network", held_on=date(2026, 9, 1))
    Meeting.objects.create(case=case, kind="care_plan", held_on=date(2026, 10, 1), next_on=date(2027, 1, 12))
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    section = page[page.index('id="meetings-heading"'):]
    section = section[:section.index("</section>")]
    assert section.index("01/10/2026") < section.index("01/09/2026")  # the reader's English: day first
    assert "12/01/2027" in section
    assert f'href="/cases/{case.pk}/meetings/"' in section and f'href="/cases/{case.pk}/meetings/new/"' in section


def test_a_case_without_meetings_says_so_and_a_reader_gets_no_link_to_record_one(case, auditor, team_lead,
                                                                              client_for):
    page = client_for(team_lead).get(f"/cases/{case.pk}/").content.decode()
    section = page[page.index('id="meetings-heading"'):]
    assert "No meeting recorded yet." in section[:section.index("</section>")]
