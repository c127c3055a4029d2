"""Text helpers shared by the practice tools."""

import unicodedata

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
