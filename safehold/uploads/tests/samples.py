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
