"""The directory of offers as a CSV file: its columns, reading an uploaded file, writing the export.

What a file is, is decided from its content, never from its name or type: it must decode as UTF-8 (with or
without the BOM Excel writes) or else as Windows-1252 (Excel's "CSV" on a German or Danish Windows), hold no
control characters (a picture or a spreadsheet's binary file does), and parse as CSV separated by commas or
semicolons (Excel in Germany and Denmark writes semicolons), with a first line naming the columns.

A line is numbered as a spreadsheet numbers its rows: the header is line 1, a cell spanning several lines is
one line, an empty line still counts.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.core.downloads import FORMULA_START, Echo, safe_filename
from safehold.resources.access import editable_offers, require_edit
from safehold.resources.models import Offer
from safehold.resources.services import OFFER_FIELDS

COLUMNS: tuple[str, ...] = OFFER_FIELDS
REQUIRED_COLUMNS = ("key", "name")
MAX_BYTES = 5 * 1024 * 1024
DELIMITERS = (",", ";")
# A cell starting with one of FORMULA_START would run as a formula in a spreadsheet (CSV injection): the export
# puts an apostrophe before it, as the reports' CSV does, and the import takes it off again, so a file round-trips.
# Text holds no other control characters; a picture or a binary spreadsheet decoded as text does.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EXPORT_BATCH = 200


class CsvRefused(Exception):
    """The file as a whole cannot be read as the directory's CSV; the message says why, for the file field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Row:
    """One line of the file below the header: its cells by column (text as in the file, apostrophe guard taken
    off), and what is wrong with the line as a whole (more cells than columns)."""

    line: int
    cells: dict[str, str]
    problem: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(default_factory=tuple)
    delimiter: str = ","
    encoding: str = "utf-8"


def too_large_message() -> str:
    return _("The file is larger than %(limit)s. Split it into several files.") % {
        "limit": filesizeformat(MAX_BYTES)}


def decode(content: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read in: UTF-8 (BOM or not), else Windows-1252."""
    if len(content) > MAX_BYTES:
        raise CsvRefused(too_large_message())
    if not content.strip():
        raise CsvRefused(_("The file is empty."))
    try:
        text, encoding = content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = content.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            raise CsvRefused(_("This is not a CSV file: its content is not text.")) from None
    if _BINARY.search(text):
        raise CsvRefused(_("This is not a CSV file: its content is not text."))
    return text, encoding


def _unguard(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_START else text


def _header(text: str) -> tuple[str, list[str]]:
    """The delimiter and the column names of the first line: the delimiter under which it names key and name."""
    first = next(iter(io.StringIO(text, newline="")), "")
    for delimiter in DELIMITERS:
        try:
            names = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        names = [name.strip().lower() for name in names]
        if all(required in names for required in REQUIRED_COLUMNS):
            return delimiter, names
    raise CsvRefused(_("The first line must name the columns, separated by commas or semicolons, with at least "
                       "%(columns)s.") % {"columns": ", ".join(REQUIRED_COLUMNS)})


def parse(text: str, encoding: str = "utf-8") -> Table:
    """The rows of the directory's CSV; CsvRefused if the file as a whole cannot be read."""
    delimiter, names = _header(text)
    unknown = [name for name in names if name and name not in COLUMNS]
    if unknown:
        raise CsvRefused(_("Unknown columns: %(unknown)s. The columns are: %(known)s.")
                         % {"unknown": ", ".join(unknown), "known": ", ".join(COLUMNS)})
    doubled = sorted({name for name in names if name and names.count(name) > 1})
    if doubled:
        raise CsvRefused(_("These columns appear twice: %(columns)s.") % {"columns": ", ".join(doubled)})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    try:
        next(reader)
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # an empty line (or one of empty cells, as Excel writes them) holds no offer
            problem = ""
            if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names):]):
                problem = _("This line has more cells than the first line has columns.")
            elif any(not name and cell.strip() for name, cell in zip(names, cells, strict=False)):
                problem = _("This line has a value in a column without a name.")
            # A line with fewer cells than columns (some programs leave empty ones out) has them empty.
            values = {name: _unguard(cells[i]) if i < len(cells) else "" for i, name in enumerate(names) if name}
            rows.append(Row(line=line, cells=values, problem=problem))
    except csv.Error:
        raise CsvRefused(_("Line %(line)d cannot be read as CSV: check its quotation marks.")
                         % {"line": reader.line_num}) from None
    if not rows:
        raise CsvRefused(_("The file has no offers below its first line."))
    return Table(columns=tuple(name for name in names if name), rows=tuple(rows), delimiter=delimiter,
                 encoding=encoding)


def read_csv(content: bytes) -> Table:
    """The uploaded bytes as the directory's rows; CsvRefused with the reason otherwise."""
    text, encoding = decode(content)
    return parse(text, encoding)


class CappedMemoryUpload(FileUploadHandler):
    """Keeps the uploaded CSV in memory, never in a temporary file, and no more than MAX_BYTES + 1 of it: a file
    over the limit is refused by its size without being kept. Other files in the request are dropped."""

    def __init__(self, request: HttpRequest | None = None, *, field_name: str = "file") -> None:
        super().__init__(request)
        self.wanted = field_name
        self.buffer = io.BytesIO()

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = MAX_BYTES + 1 - self.buffer.tell()
        if self.field_name == self.wanted and room > 0:
            self.buffer.write(raw_data[:room])
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.field_name != self.wanted:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(file=self.buffer, field_name=self.field_name, name=self.file_name,
                                    content_type=self.content_type, size=file_size, charset=self.charset,
                                    content_type_extra=self.content_type_extra)


def _guard(text: str) -> str:
    return f"'{text}" if text[:1] in FORMULA_START else text


def export_cells(offer: Offer) -> list[str]:
    """One offer as the import reads it back: codes for kinds and domains, the district's name, languages
    between spaces, ISO dates, yes/no."""
    values: dict[str, str] = {
        "district": offer.district.name if offer.district_id and offer.district else "",
        "age_from": "" if offer.age_from is None else str(offer.age_from),
        "age_to": "" if offer.age_to is None else str(offer.age_to),
        "languages": " ".join(offer.language_codes),
        "verified_on": offer.verified_on.isoformat() if offer.verified_on else "",
        "is_active": "yes" if offer.is_active else "no",
    }
    return [_guard(values[name] if name in values else str(getattr(offer, name))) for name in COLUMNS]


def export_lines(offers: Iterable[Offer], delimiter: str = ",") -> Iterator[str]:
    """The CSV's text in pieces, BOM first (so Excel reads UTF-8), header, then a batch of offers at a time."""
    writer = csv.writer(Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow(COLUMNS)
    batch: list[str] = []
    for offer in offers:
        batch.append(writer.writerow(export_cells(offer)))
        if len(batch) >= _EXPORT_BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def default_delimiter() -> str:
    """Semicolons for German and Danish readers, whose Excel splits on them; commas otherwise."""
    return ";" if (get_language() or "").split("-")[0] in ("de", "da") else ","


def export_filename() -> str:
    return safe_filename(gettext_lazy("offers"), timezone.localdate().isoformat(), extension="csv")


def offers_export(*, actor: User, delimiter: str = ",") -> Iterator[str]:
    """Every offer of `actor`'s organisation (not the shared ones) as CSV lines; audited as one export. Only
    those who edit the directory export it (PermissionDenied otherwise): the file is the import's twin."""
    organisation_id = require_edit(actor)
    audit_record(actor=actor, action=Action.EXPORT, organisation_id=organisation_id,
                 object_type="resources.offer_list")
    offers = editable_offers(actor).select_related("district").order_by("key")
    return export_lines(offers.iterator(chunk_size=1000), delimiter)
