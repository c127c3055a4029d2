"""Reading the directory's CSV (decided from the content) and writing its export (read back the same)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehold.resources.csv_io import COLUMNS, MAX_BYTES, CsvRefused, export_cells, export_lines, parse, read_csv
from safehold.resources.models import District, Offer

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def refusal(content: bytes) -> str:
    with pytest.raises(CsvRefused) as refused:
        read_csv(content)
    return refused.value.message


def test_a_picture_is_refused_as_not_text():
    assert refusal(PNG) == "This is not a CSV file: its content is not text."


def test_an_empty_or_blank_file_is_refused():
    assert refusal(b"") == refusal(b" \r\n\n") == "The file is empty."


def test_a_file_over_the_limit_is_refused_by_its_size():
    assert refusal(b"key,name\n" + b"x" * MAX_BYTES).startswith("The file is larger than 5.0")


def test_a_header_without_key_and_name_is_refused():
    assert "key, name" in refusal(b"Name;Anbieter\nKurs;Caritas\n")


def test_unknown_or_doubled_columns_are_refused_rather_than_dropped():
    assert refusal(b"key,name,emial\na,b,c\n").startswith("Unknown columns: emial.")
    assert refusal(b"key,name,name\na,b,c\n") == "These columns appear twice: name."


def test_a_header_with_nothing_below_is_refused():
    assert refusal(b"key,name\n\n") == "The file has no offers below its first line."


def test_broken_quotation_marks_are_refused_with_their_line():
    assert refusal(b'key,name\na,b\nc,"d"x\n') == "Line 3 cannot be read as CSV: check its quotation marks."


def test_a_semicolon_file_in_windows_1252_with_umlauts_is_read():
    table = read_csv("key;Name;district\r\nk1;Mütterberatung Südstadt;Hörde\r\n".encode("cp1252"))

    assert (table.delimiter, table.encoding) == (";", "windows-1252")
    assert table.rows[0].cells == {"key": "k1", "name": "Mütterberatung Südstadt", "district": "Hörde"}


def test_utf8_with_a_bom_is_read_without_the_bom_in_the_first_column():
    table = read_csv("\ufeffkey,name\nk1,Forældrekursus\n".encode())

    assert table.columns == ("key", "name") and table.rows[0].cells["name"] == "Forældrekursus"


def test_lines_are_numbered_as_a_spreadsheet_numbers_rows():
    table = read_csv(b'key,name\n\nk2,"two\nlines"\nk3,three\n')

    assert [(row.line, row.cells["key"]) for row in table.rows] == [(3, "k2"), (4, "k3")]


def test_a_line_with_more_cells_than_columns_is_marked_and_fewer_cells_are_empty():
    table = read_csv(b"key,name,cost\nk1,a,b,extra\nk2,c\n")

    assert table.rows[0].problem == "This line has more cells than the first line has columns."
    assert table.rows[1].cells == {"key": "k2", "name": "c", "cost": ""}


@pytest.mark.django_db
def test_an_exported_offer_reads_back_with_the_same_cells(organisation):
    district = District.objects.create(organisation=organisation, name="Østerbro")
    offer = Offer.objects.create(
        organisation=organisation, key="k-1", name="=HYPERLINK(\"x\")", provider="Kommune", kind="counselling",
        district=district, languages=",da,ar,", legal_domain="barnets_lov", phone="+45 1234", age_from=3,
        verified_on=date(2025, 2, 1), is_active=False)

    cells = export_cells(offer)
    text = "".join(export_lines([offer], delimiter=";"))

    assert text.startswith("\ufeffkey;name;provider;")
    assert cells[COLUMNS.index("name")] == "'=HYPERLINK(\"x\")"  # never a formula in a spreadsheet
    assert parse(text.lstrip("\ufeff")).rows[0].cells == {
        **dict.fromkeys(COLUMNS, ""), "key": "k-1", "name": "=HYPERLINK(\"x\")", "provider": "Kommune",
        "kind": "counselling", "district": "Østerbro", "languages": "da ar", "legal_domain": "barnets_lov",
        "phone": "+45 1234", "age_from": "3", "verified_on": "2025-02-01", "access": "both", "capacity": "open",
        "is_active": "no"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_message_never_an_error(content):
    try:
        read_csv(content)
    except CsvRefused as refused:
        assert refused.message


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=2, max_size=2), min_size=1, max_size=5),
       st.sampled_from([",", ";"]))
def test_any_cells_written_as_csv_read_back_as_written(rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["key", "name"])
    writer.writerows(rows)
    try:
        table = parse(out.getvalue())
    except CsvRefused:
        return  # a file of only empty cells, or text that is no text (control characters)
    kept = [row for row in rows if any(cell.strip() for cell in row)]
    assert [[row.cells["key"], row.cells["name"]] for row in table.rows] == [
        [cell[1:] if cell[:1] == "'" and cell[1:2] in "=+-@\t\r" and cell[1:2] else cell for cell in row]
        for row in kept]
