"""Time the Words & Pictures booklet for a story with many panels.

    .venv/bin/python bench/words_pictures.py --panels 12

Builds one case with a story of PANELS panels (each with one to four figures from the library, every other one
with an uploaded picture), agreed with the parents, all through the services; then times the booklet REPEAT
times after one warm-up (fonts and stylesheets loaded). Prints median and 95th percentile in ms. The unit test
(words_pictures/tests/test_pdf.py) checks only that every panel is printed on a page of its own.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--panels", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from pypdf import PdfReader

    from safehold.accounts.models import Role
    from safehold.cases import services as cases
    from safehold.testing.factories import (
        AssignmentFactory,
        CaseFactory,
        OrganisationFactory,
        TeamFactory,
        UserFactory,
        png_bytes,
    )
    from safehold.words_pictures import services
    from safehold.words_pictures.documents import story_pdf
    from safehold.words_pictures.models import EXPECTED_SECTIONS

    settings.PRIVATE_MEDIA_ROOT = Path(tmp) / "private"
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory()
    team = TeamFactory(organisation=organisation)
    worker = UserFactory(organisation=organisation, roles=[(Role.CASEWORKER, team)])
    case = CaseFactory(organisation=organisation, team=team, language="da")
    AssignmentFactory(case=case, user=worker)
    mother = cases.person_create(actor=worker, case=case, role="parent", first_name="Camilla")
    story = services.story_create(actor=worker, case=case)
    figures = ["adult", "child", "house", "heart"]
    for n in range(args.panels):
        panel = services.panel_create(
            actor=worker, case=case, story=story, section=EXPECTED_SECTIONS[n % len(EXPECTED_SECTIONS)],
            text=f"Panel {n + 1}: hvad der skete, fortalt i nogle få korte sætninger, som et barn forstår.",
            figures=figures[: 1 + n % len(figures)])
        if n % 2:
            upload = io.BytesIO(png_bytes((800, 600)))
            upload.name = "tegning.png"
            services.panel_picture_set(actor=worker, case=case, panel=panel, upload=upload)
    services.story_agree(actor=worker, case=case, story=story, people=[mother.pk])
    print(f"story with {story.panels.count()} panels, half with a picture ({connection.vendor})\n")

    pdf = story_pdf(case, story)  # warm up: fonts and stylesheets loaded
    timings = []
    for _ in range(args.repeat):
        begin = time.perf_counter()
        story_pdf(case, story)
        timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"{'document':<24} {'median ms':>10} {'p95 ms':>8} {'pages':>6}")
    print(f"{'booklet':<24} {statistics.median(timings):>10.1f} {p95:>8.1f} {pages:>6}")


if __name__ == "__main__":
    main()
