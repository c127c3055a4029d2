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
