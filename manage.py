#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Local settings, so that `python manage.py seed_demo` and `generate_load_data` work as DESIGN.md
    # promises other tools. On a production host, set DJANGO_SETTINGS_MODULE for every command
    # (docs/OPERATIONS.md); the server itself (config/wsgi.py) fails closed to production.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
