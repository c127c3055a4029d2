"""The form renderer (settings.FORM_RENDERER): Django's own, except that it writes a select in Python.

Django's select template includes a template for each option and loops over its attributes in each. With the
case list's 600 workers that took two thirds of the page's time, and every form with a few selects (the case
page's status change, with a select per child) pays the same per option (docs/PERFORMANCE.md, issue 18). The HTML
is the template's, character for character (core/tests/test_form_renderer.py), so templates and tests see no
difference; a project template overriding the select's would be bypassed, and there is none."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"  # Select, SelectMultiple, NullBooleanSelect


def _attrs(attrs: dict[str, Any]) -> str:
    """What `django/forms/widgets/attrs.html` writes: `name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    """A select as `django/forms/widgets/select.html` and `select_option.html` write it, from the widget's context."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # nosec B308 B703 (every value above is escaped)


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT:
            return select_html(context["widget"])
        return super().render(template_name, context, request)
