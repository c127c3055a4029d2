"""Real files built in the tests: pictures carrying the metadata that must not survive, and impostors."""

from __future__ import annotations

import io
import struct
import zlib

import pillow_heif
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter

pillow_heif.register_heif_opener()

GPS_IFD = 0x8825
MAKE, ORIENTATION, IMAGE_DESCRIPTION = 0x010F, 0x0112, 0x010E
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Freja"/></rdf:RDF></x:xmpmeta>')
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def gps_exif(orientation: int = 1) -> Image.Exif:
    """EXIF of a phone photo taken at the family's home: camera, description and GPS position."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[IMAGE_DESCRIPTION] = "Freja at home"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (55.0, 38.0, 29.0)
    gps[3] = "E"
    gps[4] = (12.0, 4.0, 51.0)
    return exif


def picture(size: tuple[int, int] = (40, 30), mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size, (30, 120, 200) if mode == "RGB" else (30, 120, 200, 128))
    image.putpixel((0, 0), (255, 0, 0) if mode == "RGB" else (255, 0, 0, 255))  # tells upright from rotated
    return image


def jpeg_with_gps(size: tuple[int, int] = (40, 30), orientation: int = 1) -> bytes:
    buffer = io.BytesIO()
    picture(size).save(buffer, "JPEG", exif=gps_exif(orientation), comment=b"Hauptstrasse 5", xmp=XMP,
                       icc_profile=SRGB_PROFILE)
    return buffer.getvalue()


def png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Comment", "Freja, Hauptstrasse 5")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    picture(mode="RGBA").save(buffer, "PNG", pnginfo=info, exif=gps_exif())
    return buffer.getvalue()


def webp_with_gps() -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "WEBP", exif=gps_exif(), xmp=XMP)
    return buffer.getvalue()


def heic_with_gps() -> bytes:
    buffer = io.BytesIO()
    picture((64, 48)).save(buffer, "HEIF", exif=gps_exif().tobytes(), xmp=XMP, quality=90)
    return buffer.getvalue()


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Caseworker", "/Title": "Letter"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def windows_program() -> bytes:
    """The start of a Windows PE executable ("MZ" header, PE signature)."""
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header[0x3C:0x40] = struct.pack("<I", 0x40)
    return bytes(header) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 200


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture: a decompression bomb as far as decoders know."""
    data = io.BytesIO()
    Image.new("1", (1, 1)).save(data, "PNG")
    raw = data.getvalue()
    ihdr = b"IHDR" + struct.pack(">II", width, height) + raw[24:29]
    return raw[:8] + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + raw[33:]


def metadata_of(data: bytes) -> dict:
    """What a served picture says about itself beyond its pixels."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "info": {key for key in image.info if key not in ("dpi", "jfif", "jfif_version", "jfif_unit",
                                                                "jfif_density", "progressive", "progression",
                                                                "background", "loop")},
            "format": image.format,
            "size": image.size,
        }


# --- PDFs as a hostile sender would make them (pikepdf) -------------------------------------------------------

PDF_TEXT = "Letter about the visit"
PROGRAM_NAME = "invoice.exe"
AUTHOR = "Caseworker Hansen"


def _text_page(pdf, text: str):
    import pikepdf

    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    content = pikepdf.Stream(pdf, f"BT /F1 18 Tf 40 700 Td ({text}) Tj ET".encode())
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=content,
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    pdf.pages.append(pikepdf.Page(page))


def hostile_pdf(pages: int = 2, with_photo: bool = True) -> bytes:
    """A letter of `pages` pages that runs JavaScript on opening, carries a Windows program as an attachment,
    an annotation that runs JavaScript, a page action, a link that launches a program and one to a web site,
    named JavaScript, an XFA form, the author in its document information and XMP, and (`with_photo`) a
    phone photo whose EXIF says where it was taken."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    for number in range(pages):
        _text_page(pdf, f"{PDF_TEXT} {number + 1}")
    first = pdf.pages[0]
    js = Dictionary(S=Name.JavaScript, JS=String("app.alert('opened');"))
    pdf.Root.OpenAction = pdf.make_indirect(js)
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String("app.alert('closing');")))
    first.obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert('page');")))
    program = pikepdf.AttachedFileSpec(pdf, windows_program(), filename=PROGRAM_NAME)
    pdf.attachments[PROGRAM_NAME] = program
    pdf.Root.Names.JavaScript = Dictionary(Names=Array([String("hello"), pdf.make_indirect(
        Dictionary(S=Name.JavaScript, JS=String("app.alert('named');")))]))
    annots = Array([
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 100, 100],
                   A=Dictionary(S=Name.JavaScript, JS=String("app.alert('clicked');"))),
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 100, 100, 200],
                   A=Dictionary(S=Name.Launch, F=String("cmd.exe"))),
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 200, 100, 300],
                   A=Dictionary(S=Name.URI, URI=String("https://tracker.example/seen"))),
        Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 300, 20, 320],
                   FS=pdf.make_indirect(pikepdf.AttachedFileSpec(pdf, windows_program(),
                                                                 filename="setup.exe").obj)),
    ])
    first.obj.Annots = pdf.make_indirect(annots)
    pdf.Root.AcroForm = Dictionary(Fields=Array(), XFA=pikepdf.Stream(pdf, b"<xdp:xdp>submit</xdp:xdp>"))
    pdf.docinfo[Name.Author] = AUTHOR
    pdf.docinfo[Name.Producer] = "PhoneMaker Scanner"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
    if with_photo:
        photo = jpeg_with_gps((40, 30))
        image = pikepdf.Stream(pdf, photo, Type=Name.XObject, Subtype=Name.Image, Width=40, Height=30,
                               ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Filter=Name.DCTDecode)
        first.obj.Resources.XObject = Dictionary(Photo=image)
        drawn = first.obj.Contents.read_bytes() + b" q 40 0 0 30 40 600 cm /Photo Do Q"
        first.obj.Contents = pikepdf.Stream(pdf, drawn)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """Encrypted; `user_password` "" opens it without one (only changing it is protected)."""
    import pikepdf

    pdf = pikepdf.new()
    _text_page(pdf, PDF_TEXT)
    buffer = io.BytesIO()
    pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner", user=user_password))
    return buffer.getvalue()
