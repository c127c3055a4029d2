"""Django's {# … #} comment ends on its line: one running on is printed on the page for everyone to read."""

from pathlib import Path

from django.conf import settings


def test_no_template_has_a_comment_running_over_lines():
    root = Path(settings.BASE_DIR)
    templates = [*root.glob("templates/**/*.html"), *root.glob("safehold/*/templates/**/*.html"),
                 *root.glob("safehold/*/templates/**/*.svg")]
    assert templates
    open_comments = [f"{path.relative_to(root)}:{number}"
                     for path in templates
                     for number, line in enumerate(path.read_text().splitlines(), 1)
                     if "{#" in line and "#}" not in line[line.index("{#"):]]
    assert open_comments == [], "use {% comment %} … {% endcomment %} for comments over several lines"


def test_the_case_page_shows_no_template_comment(caseworker, case, client_for):
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "{#" not in page and "#}" not in page
