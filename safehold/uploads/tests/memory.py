"""Memory of checking an upload, measured in a fresh Python with the app loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[3]

MEASURE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import django
django.setup()
from django.core.exceptions import ValidationError
from safehold.uploads.checks import sanitise_upload
def status(field):  # kB; VmHWM is this process's own peak (ru_maxrss would carry the parent's over exec)
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field + ":"))
data = open(sys.argv[1], "rb").read()
before = status("VmRSS")
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # the peak starts again from here
try:
    clean = sanitise_upload(data, "picture")
    result = [clean.width, clean.height]
except ValidationError:
    result = "refused"
peak = status("VmHWM")
print(json.dumps({"before": before * 1024, "peak": peak * 1024, "result": result}))
"""


def checked_in_a_process_of_its_own(path: Path) -> dict:
    """Check a file in a fresh Python with the app loaded: its resident memory before and its peak during the
    check (bytes), and the stored size or "refused"."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=600)
    return json.loads(done.stdout.strip().splitlines()[-1])
