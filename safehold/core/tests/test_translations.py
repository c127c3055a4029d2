"""German and Danish pages must have no English left: every catalogue entry is translated."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["de", "da"])
def test_no_entry_is_untranslated_or_fuzzy(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    assert len(catalogue) > 100


@pytest.mark.parametrize("language", ["de", "da"])
def test_placeholders_survive_translation(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        for marker in ("%(", "{{"):
            names = sorted(part.split(")")[0].split("}")[0] for part in entry.msgid.split(marker)[1:])
            translated = entry.msgstr or entry.msgstr_plural.get(0, "")
            got = sorted(part.split(")")[0].split("}")[0] for part in translated.split(marker)[1:])
            assert set(names) == set(got), f"{language}: {entry.msgid!r} → {translated!r}"


def test_every_marked_string_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages on the current code finds nothing the German catalogue lacks."""
    pot = tmp_path / "django.pot"
    sources = [str(p) for p in Path(settings.BASE_DIR, "safehold").rglob("*.py") if "tests" not in p.parts]
    templates = [str(p) for p in Path(settings.BASE_DIR).glob("**/templates/**/*.html") if ".venv" not in p.parts]
    templates += [str(p) for p in Path(settings.BASE_DIR).glob("**/templates/**/*.txt") if ".venv" not in p.parts]
    # The pictures' templates (a legend, a label) are marked like any other; makemessages reads them too
    # (core/management/commands/makemessages.py).
    templates += [str(p) for p in Path(settings.BASE_DIR).glob("**/templates/**/*.svg") if ".venv" not in p.parts]
    # xgettext cannot read Django templates; Django's own template lexer turns them into something it can.
    from django.utils.translation import templatize

    converted = []
    for index, name in enumerate(templates):
        target = tmp_path / f"t{index}.py"
        target.write_text(templatize(Path(name).read_text(encoding="utf-8"), origin=name), encoding="utf-8")
        converted.append(str(target))
    xgettext = shutil.which("xgettext")
    assert xgettext, "xgettext is missing: install gettext (make test does)"
    result = subprocess.run(
        [xgettext, "--language=Python", "--from-code=UTF-8", "--keyword=gettext_noop", "--keyword=gettext_lazy",
         "--keyword=ngettext_lazy:1,2", "--keyword=pgettext:1c,2", "--keyword=pgettext_lazy:1c,2",
         "--keyword=npgettext:1c,2,3", "--keyword=ngettext:1,2", "--keyword=_", "--keyword=gettext",
         "-o", str(pot), *sources, *converted],
        capture_output=True, text=True, check=False,
    )
    # `make test` installs gettext where it is missing: a check that skipped would let English through.
    assert result.returncode == 0, f"xgettext failed: {result.stderr[:300]}"
    wanted = {e.msgid for e in polib.pofile(str(pot)) if e.msgid}
    have = {e.msgid for e in polib.pofile(str(LOCALE / "de" / "LC_MESSAGES" / "django.po"))}
    missing = sorted(wanted - have)
    assert not missing, f"run makemessages and translate: {missing[:15]}"


def test_the_compiled_catalogue_is_used():
    with translation.override("de"):
        assert translation.gettext("Cases") != "Cases"
    with translation.override("da"):
        assert translation.gettext("Cases") != "Cases"
