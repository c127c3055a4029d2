# Safehold: `make run` serves the app with demo data; `make test` runs the test suite.
# Both set everything up on a fresh machine (virtualenv, packages, database, translations, static files).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
# wsgi defaults to production settings (fail closed); `make run` serves the local ones.
export DJANGO_SETTINGS_MODULE ?= config.settings.local

# Every package, with the test and browser-test extras, comes from the lock and is checked against its hashes;
# `make lock` writes the lock from pyproject.toml's pins. uv installs them (seconds, where pip took minutes),
# itself installed by pip from a hashed lock of its own.
LOCK := requirements/lock.txt
UV_LOCK := requirements/uv.txt
# Extra arguments for pytest in `make test`: CI's SQLite pass leaves the API fuzzing out (-m "not fuzz").
PYTEST_ARGS ?=

.PHONY: run test e2e fuzz lint bandit audit-deps lock setup venv translations static migrate demo clean gettext-tools bench

$(VENV)/.uv: $(UV_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r $(UV_LOCK)
	touch $@

$(VENV)/.installed: pyproject.toml $(LOCK) $(VENV)/.uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) --require-hashes -r $(LOCK)
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# After changing a pin in pyproject.toml (or uv's in requirements/uv.in); needs PyPI. A test
# (safehold/core/tests/test_dependency_lock.py) fails while the lock and the pins disagree.
lock: $(VENV)/.uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra e2e --extra bench --universal --python-version 3.11 \
		--generate-hashes --quiet -o $(LOCK)
	$(VENV)/bin/uv pip compile requirements/uv.in --universal --python-version 3.11 --generate-hashes --quiet \
		-o $(UV_LOCK)

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
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

# Schemathesis against the API alone (safehold/api/tests/test_fuzz.py); SAFEHOLD_FUZZ_EXAMPLES=200 searches longer.
fuzz: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -q -p no:xdist -m fuzz safehold/api/tests/test_fuzz.py

lint: venv bandit
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy safehold config
	$(VENV)/bin/lint-imports

# Medium and high findings fail; pyproject.toml's [tool.bandit] says what is left out, each `# nosec` why.
bandit: venv
	$(VENV)/bin/bandit -c pyproject.toml -r safehold config --severity-level medium --quiet --format custom

# pip-audit asks PyPI's advisory feed (the JSON of each release) about every locked package. Where only the
# packages themselves can be fetched, it would look nothing up and still report "no known vulnerabilities":
# that case is said and skipped. --strict fails on any package it could not look up. Not in `make test`: it
# needs the network and its answer changes with new advisories.
AUDIT_PROBE := https://pypi.org/pypi/pip/24.0/json
audit-deps: venv
	@if $(PY) -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=20)" $(AUDIT_PROBE) \
		2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip -r $(LOCK) -s pypi --progress-spinner off; \
	else \
		echo "audit-deps: skipped: PyPI's advisory feed cannot be reached from here ($(AUDIT_PROBE))"; \
	fi

e2e: venv translations
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PY) -m pytest e2e -q -p no:xdist

# The load benchmark (bench/load/run.py, docs/PERFORMANCE.md): gunicorn with generated cases on PostgreSQL's
# safehold_bench on 127.0.0.1:5432 (DB=sqlite: a file in var/bench/), locust's journeys and wrk's reference levels.
# QUICK=1: 2,000 cases and about a minute of load. The table goes to bench/load/results-<date>-<db>.md.
DB ?= postgres
bench: venv translations static
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/load/run.py --db $(DB) $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) staticfiles var safehold.sqlite3*
