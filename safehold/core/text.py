"""Text helpers shared by the practice tools."""

import unicodedata

from django.conf import settings
from django.utils import translation

# Letters that Unicode does not decompose into a base letter plus accent, spelt the way
# people type them on a keyboard without the letter ("Sørensen" is searched as "Sorensen").
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "ẞ": "ss",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i",
})


def fold(text: str) -> str:
    """Lower-case, accent-free form of text for searching: "Sørensen" and "Sörensen" become "sorensen"."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_SPECIAL).split())


_KEEP_CONTROLS = {"\n", "\t"}


def clean_text(text: str) -> str:
    """Text as people meant it: no control characters (PostgreSQL refuses NUL; the others are never
    typed on purpose), Windows line ends made plain, surrounding whitespace trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in _KEEP_CONTROLS or unicodedata.category(ch) != "Cc").strip()


# The quotation marks around someone's words, by language. Messages that quote keep their marks in the
# translation; these are for words people wrote (a child's, a parent's view), which no catalogue holds.
QUOTATION_MARKS = {"de": ("„", "“"), "da": ("»", "«"), "en": ("“", "”")}


def quoted(text: str, language: str | None = None) -> str:
    """`text` in the quotation marks of `language`, by default the active one: a page's, or a document's,
    which is its case's (core.pdf)."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    opening, closing = QUOTATION_MARKS.get(code, QUOTATION_MARKS[settings.LANGUAGE_CODE])
    return f"{opening}{text}{closing}"
