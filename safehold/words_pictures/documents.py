"""The story as a booklet for the children: large type, one panel to a page with its picture or figures big,
a title page. Always in the case's language (the family's), through core/pdf.py.

Uploaded pictures live on the private storage, which the PDF's URL fetcher cannot reach (it reads only
static files); they are put into the document as data: URLs. The figures are static files and load as such."""

from __future__ import annotations

import base64

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case
from safehold.core.downloads import PDF, Document, safe_filename
from safehold.core.pdf import render_pdf
from safehold.uploads.models import StoredFile
from safehold.words_pictures.models import Story
from safehold.words_pictures.selectors import story_content


def _data_url(stored: StoredFile) -> str:
    with stored.file.open("rb") as handle:
        data = handle.read()
    return f"data:{stored.content_type};base64,{base64.b64encode(data).decode('ascii')}"


def story_pdf(case: Case, story: Story) -> bytes:
    """The booklet of one version of the story."""
    content = story_content(story)
    for panel in content.panels:
        picture = panel.picture
        src = _data_url(picture) if picture is not None and picture.is_image else ""
        panel.picture_src = src  # type: ignore[attr-defined]
    return render_pdf("words_pictures/pdf/story.html", {
        "case": case, "story": story, "panels": content.panels, "agreed_with": content.agreed_with,
        "printed_on": timezone.localdate(),
    }, language=case.language)


def story_document(case: Case, story: Story) -> Document:
    """The booklet as the page and the API download it, named without the family's name."""
    return Document(story_pdf(case, story), PDF,
                    safe_filename(pgettext_lazy("file name", "words-and-pictures"), case.reference,
                                  f"v{story.version_no}", extension="pdf", language=case.language))
