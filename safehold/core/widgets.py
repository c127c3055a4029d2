"""Widgets that write the same HTML as Django's, faster where a page shows many of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> str:
    """What `django/forms/widgets/attrs.html` writes: `name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False
    )


class Select(forms.Select):
    """A select for hundreds of options (every worker of an organisation), written in Python. Named as Django's
    so that `field.widget_type` stays "select" for the templates (core/forms/field.html).

    Django's select template includes a template per option, which with the case list's 600 workers took two
    thirds of the page's time (docs/PERFORMANCE.md, issue 18). The HTML is the template's, character for character
    (core/tests/test_widgets.py)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
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
