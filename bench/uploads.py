"""Peak memory of checking an upload, in a web worker's process.

    .venv/bin/python bench/uploads.py

Builds pictures of one colour (tiny on disk, large in pixels) and a hostile PDF, then checks each in a fresh
Python that has loaded the whole application (every URL, so every view and WeasyPrint: what a worker holds)
and prints its memory high-water mark (ru_maxrss) before and after the check, and the result. The unit test
(uploads/tests/test_pictures.py) asserts the increase stays within the budget; the figures go to
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURE = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import django
django.setup()
import config.urls  # noqa: F401  (the whole application, as a worker holds it)
from django.core.exceptions import ValidationError
from safehold.uploads.checks import sanitise_upload
def status(field):  # kB; VmHWM is this process's own peak (ru_maxrss would carry the parent's over exec)
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field + ":"))
data = open(sys.argv[1], "rb").read()
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # the peak starts again from here
started = time.process_time()
try:
    clean = sanitise_upload(data, "upload")
    result = f"{clean.width}x{clean.height}" if clean.width else "cleaned"
except ValidationError as error:
    result = "refused: " + error.message_dict["file"][0][:40]
peak = status("VmHWM")
print(json.dumps({"before": before // 1024, "peak": peak // 1024, "cpu": time.process_time() - started,
                  "result": result}))
"""

CASES = [
    ("WebP 7000×7000 (the report's)", (7000, 7000), "WEBP", "RGB"),
    ("PNG 7000×7000 (the report's)", (7000, 7000), "PNG", "RGB"),
    ("PNG 5600×3700 RGB (20.7 MP)", (5600, 3700), "PNG", "RGB"),
    ("PNG 5600×3700 RGBA", (5600, 3700), "PNG", "RGBA"),
    ("PNG 6000×6000 palette (36 MP)", (6000, 6000), "PNG", "P"),
    ("JPEG 4032×3024 (12 MP phone)", (4032, 3024), "JPEG", "RGB"),
    ("JPEG 7000×5000 (35 MP)", (7000, 5000), "JPEG", "RGB"),
    ("WebP 3000×2000 (6 MP)", (3000, 2000), "WEBP", "RGB"),
    ("WebP 4032×3024 (12 MP)", (4032, 3024), "WEBP", "RGB"),
    ("HEIC 4032×3024 (12 MP iPhone)", (4032, 3024), "HEIF", "RGB"),
    ("HEIC 5712×4284 (24 MP iPhone)", (5712, 4284), "HEIF", "RGB"),
    ("HEIC 8064×6048 (48 MP iPhone)", (8064, 6048), "HEIF", "RGB"),
]


def picture(size: tuple[int, int], fmt: str, mode: str) -> bytes:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    colour = {"RGB": (30, 120, 200), "RGBA": (30, 120, 200, 128), "P": 7}[mode]
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt)
    return buffer.getvalue()


def main() -> None:
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from safehold.uploads.tests.samples import hostile_pdf

    folder = Path(tempfile.mkdtemp())
    files = [(label, picture(size, fmt, mode)) for label, size, fmt, mode in CASES]
    files.append(("PDF, 2 pages, JavaScript, .exe, XMP", hostile_pdf(pages=2)))
    print(f"| upload | on disk | worker before | peak | increase | CPU s | result |\n|{'---|' * 7}")
    for label, data in files:
        path = folder / "upload"
        path.write_bytes(data)
        done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True,
                              text=True, check=True)
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {label} | {len(data) // 1024} KB | {seen['before']} MB | {seen['peak']} MB | "
              f"{seen['peak'] - seen['before']} MB | {seen['cpu']:.1f} | {seen['result']} |", flush=True)


if __name__ == "__main__":
    main()
