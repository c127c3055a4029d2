"""The form renderer writes selects in Python with exactly the HTML of Django's templates."""

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from hypothesis import given
from hypothesis import strategies as st

from safehold.core.form_renderer import FormRenderer

labels = st.text(max_size=12)
values = st.one_of(st.integers(), st.text(max_size=6))
choices = st.lists(st.tuples(values, labels), max_size=6)
grouped = st.lists(st.tuples(labels, st.lists(st.tuples(values, labels), min_size=1, max_size=3)), max_size=3)
attributes = st.dictionaries(st.sampled_from(["class", "id", "aria-describedby", "disabled", "required", "data-x"]),
                             st.one_of(st.booleans(), st.text(max_size=6), st.integers()), max_size=4)

OURS, DJANGO_S = FormRenderer(), DjangoTemplates()


def _both(widget: forms.Widget, value: Any) -> tuple[str, str]:
    """What our renderer and Django's write for the same widget."""
    return (widget.render("worker", value, {"id": "id_worker"}, renderer=OURS),
            widget.render("worker", value, {"id": "id_worker"}, renderer=DJANGO_S))


@given(choices=choices, attrs=attributes, picked=st.integers(min_value=0, max_value=6))
def test_a_select_is_written_as_django_s_template_writes_it(choices: list, attrs: dict[str, Any],
                                                            picked: int) -> None:
    value = choices[picked][0] if picked < len(choices) else None
    ours, django_s = _both(forms.Select(attrs=attrs, choices=[("", "Any <worker> & \"all\""), *choices]), value)
    assert ours == django_s


@given(groups=grouped, attrs=attributes)
def test_option_groups_are_written_as_django_writes_them(groups: list, attrs: dict[str, Any]) -> None:
    ours, django_s = _both(forms.Select(attrs=attrs, choices=[("", "–"), *groups]),
                           groups[0][1][0][0] if groups else "")
    assert ours == django_s


@given(choices=choices, attrs=attributes, picked=st.lists(st.integers(min_value=0, max_value=6), max_size=3))
def test_a_multiple_select_too(choices: list, attrs: dict[str, Any], picked: list[int]) -> None:
    value = [choices[i][0] for i in picked if i < len(choices)]
    ours, django_s = _both(forms.SelectMultiple(attrs=attrs, choices=choices), value)
    assert ours == django_s
    assert " multiple" in ours


def test_names_are_escaped_and_the_chosen_option_marked() -> None:
    html = forms.Select(choices=[("", "Any"), (7, "Ana <b>Ruiz</b>")]).render("worker", 7, renderer=OURS)
    assert '<option value="7" selected>Ana &lt;b&gt;Ruiz&lt;/b&gt;</option>' in html


def test_it_writes_the_select_without_django_s_template(monkeypatch) -> None:
    """The point of it: the equality above would hold as well if it handed the select to the template."""
    def refuse(self, template_name):
        raise AssertionError(f"read {template_name}")

    monkeypatch.setattr(DjangoTemplates, "get_template", refuse)
    html = forms.Select(choices=[(1, "Ana")]).render("worker", 1, renderer=OURS)
    assert html == '<select name="worker">\n  <option value="1" selected>Ana</option>\n\n</select>'


def test_every_form_of_the_project_uses_it() -> None:
    assert isinstance(get_default_renderer(), FormRenderer)
    # Everything else is still Django's templates.
    html = forms.TextInput().render("name", "x")
    assert html == forms.TextInput().render("name", "x", renderer=DJANGO_S)
