from typing import Any

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from safehold.core import widgets

labels = st.text(max_size=12)
values = st.one_of(st.integers(), st.text(max_size=6))
choices = st.lists(st.tuples(values, labels), max_size=6)
grouped = st.lists(st.tuples(labels, st.lists(st.tuples(values, labels), min_size=1, max_size=3)), max_size=3)
attributes = st.dictionaries(st.sampled_from(["class", "id", "aria-describedby", "disabled", "required", "data-x"]),
                             st.one_of(st.booleans(), st.text(max_size=6), st.integers()), max_size=4)


def _both(choices_: list, value: Any, attrs: dict[str, Any]) -> tuple[str, str]:
    """What our Select and Django's write for the same field."""
    ours = widgets.Select(attrs=attrs, choices=choices_).render("worker", value, {"id": "id_worker"})
    return ours, forms.Select(attrs=attrs, choices=choices_).render("worker", value, {"id": "id_worker"})


@given(choices=choices, attrs=attributes, picked=st.integers(min_value=0, max_value=6))
def test_our_select_writes_what_django_s_select_template_writes(choices: list, attrs: dict[str, Any],
                                                               picked: int) -> None:
    value = choices[picked][0] if picked < len(choices) else None
    ours, django_s = _both([("", "Any <worker> & \"all\""), *choices], value, attrs)
    assert ours == django_s


@given(groups=grouped, attrs=attributes)
def test_our_select_writes_option_groups_as_django_does(groups: list, attrs: dict[str, Any]) -> None:
    ours, django_s = _both([("", "–"), *groups], groups[0][1][0][0] if groups else "", attrs)
    assert ours == django_s


def test_our_select_escapes_names_and_marks_the_chosen_option() -> None:
    html = widgets.Select(choices=[("", "Any"), (7, "Ana <b>Ruiz</b>")]).render("worker", 7)
    assert '<option value="7" selected>Ana &lt;b&gt;Ruiz&lt;/b&gt;</option>' in html
