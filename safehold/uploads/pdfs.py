"""PDFs: opened with pikepdf (qpdf), stripped of everything but what is shown on the pages, and written anew.

What goes: JavaScript (the document's open action, the additional actions of the document, its pages,
annotations and form fields, the document's named scripts), every action but a jump within the document
(links to web sites, launching programs, submitting forms, opening other files), embedded files and file
attachments, multimedia, XFA forms, the document information (author, programme, dates), XMP metadata
wherever it is attached, private application data, thumbnails, the metadata of the JPEG photos inside it
(EXIF: place, camera, time), and earlier revisions (only what the pages reach is written). What stays: the
pages as they look, their text, form fields and their values, bookmarks that jump within the document.

What cannot be cleaned is refused: a PDF with a password (it cannot be read without it), and one qpdf cannot
read, has no pages, or whose photos cannot be parsed.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from pikepdf.sanitize import Sanitizer

from safehold.uploads.refusals import pdf_not_cleanable, pdf_with_password

# qpdf decompresses object streams and, when asked, content: a small file may inflate without bound (a
# "zip bomb"). These limits are per stream and process-wide; a page never needs more.
pikepdf.settings.set_qpdf_limits(flate_max_memory=64 * 1024 * 1024, run_length_max_memory=64 * 1024 * 1024,
                                 png_max_memory=64 * 1024 * 1024, tiff_max_memory=64 * 1024 * 1024,
                                 dct_max_memory=64 * 1024 * 1024)

SANITIZER = (Sanitizer().remove_javascript().remove_external_access().remove_attachments().remove_multimedia()
             .remove_thumbnails().remove_private_app_data().remove_web_capture().remove_collection())

# Belt and braces beside the sanitizer, which visits the places actions are meant to be: wherever these keys
# are found in any object, they go.
REMOVED_KEYS = (
    "/JS", "/AA", "/OpenAction", "/EF", "/EmbeddedFiles", "/JavaScript", "/XFA", "/Metadata", "/PieceInfo",
    "/AlternatePresentations", "/Renditions", "/RichMediaContent", "/URI", "/Collection",
)
ACTION_KEYS = ("/A", "/PA", "/Next")  # their value may only be a jump within the document (/GoTo)
# APPn segments of a JPEG that are not needed to show it: EXIF and XMP (APP1), ICC and FlashPix (APP2), the
# makers' own (APP3–APP13, APP15); comments (COM). APP0 (JFIF) and APP14 (Adobe: how to read the colours) stay.
JPEG_DROPPED = {*range(0xE1, 0xEE), 0xEF, 0xFE}


def clean_pdf(data: bytes) -> bytes:
    """The PDF in `data` without scripts, actions, attachments and metadata, or ValidationError({"file": …})."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise pdf_with_password()
            pages = len(pdf.pages)
            if pages < 1:
                raise pdf_not_cleanable()
            SANITIZER.apply(pdf)
            if Name.Info in pdf.trailer:
                del pdf.trailer[Name.Info]
            for obj in pdf.objects:
                if isinstance(obj, (Dictionary, Stream)):
                    _strip(obj, depth=0)
                if isinstance(obj, Stream) and obj.get(Name.Subtype) == Name.Image:
                    _strip_jpeg(obj)
            buffer = io.BytesIO()
            # Streams are copied as they are (never decoded, so never inflated); a new file identifier.
            pdf.save(buffer, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                     fix_metadata_version=False)
        cleaned = buffer.getvalue()
        with pikepdf.open(io.BytesIO(cleaned)) as check:
            if len(check.pages) != pages:
                raise pdf_not_cleanable()
        return cleaned
    except pikepdf.PasswordError as error:
        raise pdf_with_password() from error
    except pikepdf.PdfError as error:
        raise pdf_not_cleanable() from error
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RuntimeError, RecursionError,
            OverflowError) as error:
        # A hostile file may be shaped so that anything in qpdf or pikepdf fails: then it is not cleaned.
        raise pdf_not_cleanable() from error


def _strip(obj: pikepdf.Object, depth: int) -> None:
    """Remove REMOVED_KEYS and every action but a jump from a dictionary and the dictionaries written inside it
    (objects of their own are visited on their own)."""
    if depth > 100:  # qpdf refuses deeper nesting; stay well inside Python's recursion limit too
        raise pdf_not_cleanable()
    if isinstance(obj, (Dictionary, Stream)):
        for key in REMOVED_KEYS:
            if key in obj:
                del obj[key]
        for key in ACTION_KEYS:
            action = obj.get(key)
            if action is not None and not (isinstance(action, Dictionary) and action.get(Name.S) == Name.GoTo):
                del obj[key]
        children = list(obj.values())
    elif isinstance(obj, Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, (Dictionary, Array)) and not child.is_indirect:
            _strip(child, depth + 1)


def _strip_jpeg(image: Stream) -> None:
    """Drop the metadata segments of a photo stored as a JPEG (DCTDecode alone: the usual case)."""
    filters = image.get(Name.Filter)
    if isinstance(filters, Array):
        if Name.DCTDecode not in list(filters):
            return
        if len(filters) != 1:  # a JPEG inside another filter: reading it would mean inflating it first
            raise pdf_not_cleanable()
    elif filters != Name.DCTDecode:
        return
    raw = image.read_raw_bytes()
    stripped = jpeg_without_metadata(raw)
    if stripped is None:
        raise pdf_not_cleanable()
    if stripped != raw:
        parms = image.get(Name.DecodeParms)
        if isinstance(parms, Array):  # one filter, so at most one set of parameters
            parms = parms[0] if len(parms) == 1 else None
        image.write(stripped, filter=Name.DCTDecode, decode_parms=parms if isinstance(parms, Dictionary) else None)


def jpeg_without_metadata(data: bytes) -> bytes | None:
    """The JPEG without its metadata segments (JPEG_DROPPED), or None if its segments cannot be read."""
    if not data.startswith(b"\xff\xd8"):
        return None
    kept = bytearray(b"\xff\xd8")
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the picture itself follows
            kept += data[position:]
            return bytes(kept)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            kept += data[position:position + 2]
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        if length < 2 or position + 2 + length > len(data):
            return None
        segment = data[position:position + 2 + length]
        dropped = marker in JPEG_DROPPED or (marker == 0xE0 and segment[4:9] != b"JFIF\x00")  # JFXX: a thumbnail
        if not dropped:
            kept += segment
        position += 2 + length
    return None
