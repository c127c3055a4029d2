"""Changing a case's status on the case page: it says that it happened, the outcome says when it is needed,
and the line of phases shows where the case stands without looking like something to press."""

import re

from django.conf import settings

from safehold.cases.models import CaseStatus

HTMX = {"HTTP_HX_REQUEST": "true"}
TO_ASSESSMENT = {"status": "assessment", "outcome": "", "note": "", "version": 1}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _message(page: str) -> str:
    """The text of the status message at the top of the page ("" if there is none)."""
    found = re.search(r'<div class="sh-messages">(.*?)</div>\s*</div></div>', page, re.S)
    if not found or 'role="status"' not in found.group(1):
        return ""
    return _text(found.group(1))


def _label(page: str, field: str) -> str:
    found = re.search(rf'<label class="kern-label" for="id_{field}">(.*?)</label>', page, re.S)
    assert found, f"no label for {field}"
    return _text(found.group(1))


def test_a_status_changed_in_place_is_announced_on_the_case_page_it_leads_to(caseworker, case, client_for):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/status/", TO_ASSESSMENT, **HTMX)
    assert response["HX-Redirect"] == f"/cases/{case.pk}/"
    assert _message(client.get(response["HX-Redirect"]).content.decode()) == "The case is now in “Assessment”."


def test_a_status_changed_without_script_is_announced_after_the_redirect(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/", TO_ASSESSMENT, follow=True)
    assert response.redirect_chain == [(f"/cases/{case.pk}/", 302)]
    assert _message(response.content.decode()) == "The case is now in “Assessment”."


def test_the_message_is_in_the_user_s_language(caseworker, case, client_for):
    caseworker.language = "da"
    caseworker.save()
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/", TO_ASSESSMENT, follow=True)
    assert _message(response.content.decode()) == "Sagen har nu status »Børnefaglig undersøgelse«."


def test_the_outcome_says_it_is_required_when_closing_not_that_it_is_optional(caseworker, case, client_for):
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert _label(page, "outcome") == "Outcome required when closing"
    assert _label(page, "note") == "Note optional"  # the form's other optional field keeps its mark


def test_the_outcome_and_what_closing_does_show_only_when_closing_is_chosen(caseworker, case, client_for, rf):
    from django.template.loader import render_to_string

    from safehold.cases.forms import TransitionForm

    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert re.search(r'<select name="outcome"[^>]*data-shown-if="id_status=closed"', page)
    partial = render_to_string("cases/partials/_transition_form.html", {
        "case": case, "transition_form": TransitionForm(case=case, initial={"version": 1}),
        "closing_does": ["The safety plan ends."]}, request=rf.get("/"))
    assert re.search(r'id="closing-does" data-shown-if="id_status=closed"', partial)


def test_a_case_that_cannot_close_from_here_has_no_outcome_rule(caseworker, closed_case, client_for):
    from safehold.cases.forms import TransitionForm

    form = TransitionForm(case=closed_case, initial={"version": closed_case.version})
    assert not getattr(form.fields["outcome"], "required_when", "")
    assert "data-shown-if" not in form.fields["outcome"].widget.attrs


def test_without_script_closing_without_an_outcome_is_refused_next_to_the_field(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/",
                                           {"status": "closed", "outcome": "", "note": "", "version": 1})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'<p class="kern-error" id="id_outcome_error"[^>]*>(.*?)</p>', page, re.S)
    assert error and _text(error.group(1)) == "Choose the outcome before closing the case."
    assert _label(page, "outcome") == "Outcome required when closing"
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRAL


def test_the_phases_show_where_the_case_stands_and_offer_nothing_to_press(caseworker, case, client_for):
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    found = re.search(r'<ol class="sh-status-path" aria-label="Phases of the case">(.*?)</ol>', page, re.S)
    assert found
    path = found.group(1)
    assert re.findall(r"<li[^>]*>(.*?)</li>", path) and [_text(s) for s in re.findall(r"<li[^>]*>(.*?)</li>", path)] \
        == ["Referral", "Assessment", "Safety planning", "Monitoring", "Closed"]
    assert [_text(s) for s in re.findall(r'<li aria-current="step">(.*?)</li>', path)] == ["Referral"]
    assert not re.search(r"<a |<button|<input|tabindex|role=\"button\"", path)


def test_the_phases_do_not_look_like_buttons():
    css = (settings.BASE_DIR / "static" / "safehold" / "safehold.css").read_text()
    rules = " ".join(re.findall(r"\.sh-status-path[^{]*\{([^}]*)\}", css))
    assert "border-radius: 999px" not in rules
    assert "background" not in rules.replace("background: currentColor", "")
    assert "cursor: default" in rules
