# Safehold: `make run` serves the app with demo data; `make test` runs the test suite.
# Both set everything up on a fresh machine (virtualenv, packages, database, translations, static files).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
# wsgi defaults to production settings (fail closed); `make run` serves the local ones.
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test e2e lint setup venv translations static migrate demo clean gettext-tools

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.installed-e2e: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e ".[test,e2e]"
	touch $@

venv: $(VENV)/.installed

translations: venv
	$(PY) manage.py compile_translations

static: venv
	$(PY) manage.py collectstatic --noinput --verbosity 0

migrate: venv
	$(PY) manage.py migrate --noinput --verbosity 0

setup: venv translations static migrate

demo: setup
	$(PY) manage.py seed_demo

# The access log leaves out query strings: searches carry family and children's names.
run: demo
	@echo "Safehold on http://127.0.0.1:$(PORT)/ (health: /healthz)"
	$(VENV)/bin/gunicorn config.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS) --timeout 60 --forwarded-allow-ips="" \
		--access-logfile - --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# gettext's xgettext: the test that every marked string is in the catalogues needs it.
gettext-tools:
	@command -v xgettext >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)

test: venv translations gettext-tools
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n 2 -q

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy safehold config
	$(VENV)/bin/lint-imports

e2e: $(VENV)/.installed-e2e translations
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PY) -m pytest e2e -q -p no:xdist

clean:
	rm -rf $(VENV) staticfiles var safehold.sqlite3*
