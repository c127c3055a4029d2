import os

from django.core.wsgi import get_wsgi_application

from config.gc_freeze import FreezeAfterWarmUp

# Fail closed: a server started without DJANGO_SETTINGS_MODULE runs production settings (no demo users,
# HTTPS only, SECRET_KEY required). `make run` asks for the local settings explicitly.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = FreezeAfterWarmUp(get_wsgi_application())
