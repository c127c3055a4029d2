"""A downloaded file is named in the case's language, in ASCII, never with a family's name."""

import pytest
from django.utils import translation
from django.utils.translation import pgettext_lazy

from safehold.core.downloads import safe_filename


def test_a_kind_marked_for_translation_is_named_in_the_language_given_not_the_reader_s():
    kind = pgettext_lazy("file name", "safety-plan")
    with translation.override("en"):
        assert safe_filename(kind, "BU-2026-0311", "v2", extension="pdf", language="da") == (
            "sikkerhedsplan-BU-2026-0311-v2.pdf")
        assert safe_filename(kind, "JA-2026-0147", extension="pdf", language="de") == (
            "Sicherheitsplan-JA-2026-0147.pdf")


@pytest.mark.parametrize(("kind", "expected"), [("Gefährdungseinschätzung", "Gefaehrdungseinschaetzung.pdf"),
                                                ("børnesamtale", "boernesamtale.pdf"), ("Straße", "Strasse.pdf"),
                                                ("a b/c", "a-b-c.pdf"), ("é", "e.pdf")])
def test_letters_outside_ascii_are_spelt_the_way_the_language_spells_them_without_them(kind, expected):
    assert safe_filename(kind, extension="pdf") == expected
