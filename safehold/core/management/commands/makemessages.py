"""makemessages that also reads the SVG templates: the pictures' legends and labels are marked for
translation like the pages, and a string left out of the catalogue would print in English on a German or
Danish picture. `--extension` still chooses, when given."""

from typing import Any

from django.core.management.commands import makemessages

EXTENSIONS = ["html", "txt", "py", "svg"]


class Command(makemessages.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        if options["domain"] == "django":
            options["extensions"] = options["extensions"] or EXTENSIONS
        super().handle(*args, **options)
