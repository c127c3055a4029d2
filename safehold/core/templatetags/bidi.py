"""Names and other words people wrote, isolated from the text around them (Unicode bidirectional algorithm).

A right-to-left override in a name (U+202E) once reordered everything after it on the line: the case reference,
the role, a date. `{{ name|bdi }}` puts a page's text in a <bdi> element, which the browser isolates and sets in
the direction of its first letter; `{{ name|isolated }}` does the same with the characters FSI … PDI where no
element can (an attribute, a <title>, an SVG <text>, a PDF's header). Saved text has its bidi controls balanced
already (core.text.clean_text); these also hold for what was saved before."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString

from safehold.core.text import isolate

register = template.Library()


@register.filter(needs_autoescape=True)
def bdi(text: object, autoescape: bool = True) -> SafeString:
    """<bdi>text</bdi>, escaped unless already safe (such as |linebreaksbr's output)."""
    # The element is the isolate: whatever controls the text holds end with it. (Autoescape off: the template
    # asked for its text unescaped, as every filter of Django's does.)
    if not autoescape:
        return format_html("<bdi>{}</bdi>", SafeString(text))  # nosec B703
    return format_html("<bdi>{}</bdi>", conditional_escape(text if isinstance(text, SafeData) else str(text)))


@register.filter(is_safe=True)
@stringfilter
def isolated(text: str) -> str:
    return isolate(text)
