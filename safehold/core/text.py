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

# Bidirectional controls (Unicode UAX #9). The embeddings and overrides (LRE, RLE, LRO, RLO and their PDF) are
# what reorders text around a name ("Trojan Source"); Unicode replaced them with the isolates, nobody types
# them, and they are dropped. The isolates (LRI, RLI, FSI, closed by PDI) are kept where balanced; the marks
# (LRM, RLM, ALM) change no order beyond their own neighbours and stay.
EMBEDDINGS_AND_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
FSI, PDI = "\u2068", "\u2069"


def balance_bidi(text: str) -> str:
    """`text` without embeddings and overrides, and with every isolate closed on its own line: a PDI without an
    opener is dropped, an opener left open is closed at the line's end. Such text cannot reorder anything
    beside it, wherever it is shown."""
    lines = []
    for line in text.split("\n"):
        lines.append(_isolates_closed("".join(ch for ch in line if ch not in EMBEDDINGS_AND_OVERRIDES)))
    return "\n".join(lines)


def isolate(text: str) -> str:
    """`text` between FSI and PDI, for a picture (SVG), a document's title or an attribute, where no element can
    isolate it: whatever bidirectional controls it holds, they reorder nothing outside it, and it takes the
    direction of its first letter (Arabic or Hebrew names read right to left). Lines are isolated one by one,
    as a line break ends every isolate."""
    return "\n".join(f"{FSI}{_isolates_closed(line)}{PDI}" if line else line for line in text.split("\n"))


def _isolates_closed(line: str) -> str:
    kept, left_open = _isolates_matched(line)
    return kept + PDI * left_open


def _isolates_matched(line: str) -> tuple[str, int]:
    """The line without a PDI that closes nothing (it would close an isolate around the text early), and how
    many isolates it leaves open (an isolate around the text would end one of those instead of its own). A
    closing PDI also ends every embedding and override opened inside."""
    kept, left_open = [], 0
    for ch in line:
        if ch in ISOLATE_OPENERS:
            left_open += 1
        elif ch == PDI:
            if not left_open:
                continue
            left_open -= 1
        kept.append(ch)
    return "".join(kept), left_open


def clean_text(text: str) -> str:
    """Text as people meant it: no control characters (PostgreSQL refuses NUL; the others are never
    typed on purpose), no bidirectional control left open (balance_bidi), Windows line ends made plain,
    surrounding whitespace trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in _KEEP_CONTROLS or unicodedata.category(ch) != "Cc")
    return balance_bidi(text).strip()


# The quotation marks around someone's words, by language. Messages that quote keep their marks in the
# translation; these are for words people wrote (a child's, a parent's view), which no catalogue holds.
QUOTATION_MARKS = {"de": ("„", "“"), "da": ("»", "«"), "en": ("“", "”")}


def quoted(text: str, language: str | None = None) -> str:
    """`text` in the quotation marks of `language`, by default the active one: a page's, or a document's,
    which is its case's (core.pdf)."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    opening, closing = QUOTATION_MARKS.get(code, QUOTATION_MARKS[settings.LANGUAGE_CODE])
    return f"{opening}{text}{closing}"
