"""`{{ words|quoted }}`: someone's words in the quotation marks of the active language (core.text.quoted):
„…“ in German, »…« in Danish, “…” in English. A document renders in its case's language, so its marks are
the family's, not the reader's."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import stringfilter

from safehold.core.text import quoted as in_quotation_marks

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def quoted(text: str) -> str:
    # The marks need no escaping: words already made safe (|linebreaksbr) stay safe, others are escaped.
    return in_quotation_marks(text)
