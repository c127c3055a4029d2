import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from safehold.core.text import fold, quoted


def test_fold_removes_accents_and_danish_letters():
    assert fold("Sørensen") == "sorensen"
    assert fold("Sörensen") == "sorensen"
    assert fold("Østergaard Bæk") == "ostergaard baek"
    assert fold("Jürgen Groß") == "jurgen gross"
    assert fold("Yılmaz") == "yilmaz"
    assert fold("  Åse   Møller ") == "ase moller"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_never_grows_whitespace_or_case(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert folded == folded.casefold()


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1))
def test_a_folded_name_finds_itself_inside_a_longer_text(name):
    assert fold(name) in fold(f"Familie {name} und Kinder")


@pytest.mark.parametrize(("language", "expected"), [("de", "„Ich will nach Hause.“"), ("da", "»Ich will nach Hause.«"),
                                                    ("en", "“Ich will nach Hause.”")])
def test_words_are_quoted_the_way_the_active_language_quotes(language, expected):
    with translation.override(language):
        assert quoted("Ich will nach Hause.") == expected
    assert quoted("Ich will nach Hause.", language) == expected


def test_the_quoted_filter_quotes_in_the_active_language_and_escapes_what_is_not_safe():
    template = Template("{% load quotes %}{{ words|quoted }} {{ words|linebreaksbr|quoted }}")
    with translation.override("da"):
        html = template.render(Context({"words": "Mor & far\nråber"}))
    assert html == "»Mor &amp; far\nråber« »Mor &amp; far<br>råber«"
