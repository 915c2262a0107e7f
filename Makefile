# Coop Portal — the two commands: `make run` (try it) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# links in e-mails and PDFs point where `make run` serves (set SITE_URL to override)
SITE_URL ?= http://$(HOST):$(PORT)
# installs are redone only when pyproject.toml changes (these files record the last one)
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/coopportal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_WORKERS ?= 2
# the 25 slowest tests are listed at the end of every run (what to look at when the suite grows)
PYTEST_ARGS ?= --durations=25

.PHONY: run test install install-dev chromium migrate messages translations lint audit bench bench-smoke bench-quick soak worker beat backup restore clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(INSTALLED)

install-dev: $(INSTALLED_DEV)

$(INSTALLED): pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(INSTALLED_DEV): pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(INSTALLED)

translations: install
	$(PY) manage.py compile_translations

## make run: a working portal on http://$(HOST):$(PORT) with SQLite, tasks inline, demo data.
LOCAL := env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=coopportal.settings.local SITE_URL=$(SITE_URL)
run: install translations
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py seed_demo
	$(LOCAL) $(PY) manage.py runserver $(HOST):$(PORT)

## Debian's Chromium for the browser tests (installed when missing).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! ldconfig -p | grep -q libpangoft2-1.0; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null || true; \
	fi
	@if ! command -v msgfmt >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq gettext >/dev/null || true; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -c pyproject.toml -q -r . 2>&1 | { grep -v "nosec encountered" || true; }; test $${PIPESTATUS[0]} -eq 0
	$(PY) scripts/audit_dependencies.py

## make audit: the dependency audit, failing when it cannot be done (see SECURITY.md).
audit: install-dev
	$(PY) scripts/audit_dependencies.py --strict

## make backup / make restore BACKUP=backups/<time>: the database and the media files (README).
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<time>"; exit 2; }
	$(PY) manage.py restore $(BACKUP) --yes

## make test: install what the tests need, then ruff, checks and pytest on PostgreSQL.
test: install-dev chromium translations lint
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) DJANGO_SETTINGS_MODULE=coopportal.settings.test $(PY) manage.py check
	DATABASE_URL=$(TEST_DATABASE_URL) DJANGO_SETTINGS_MODULE=coopportal.settings.test $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## make bench: the portal under load as in production (gunicorn, Celery, Redis) on the 10,000- and
## 100,000-people data sets, with the budgets; results in bench/results/ (bench/README.md).
bench: install-dev translations
	$(PY) bench/full.py

## make bench-smoke: the same, short (about 2 minutes once the 10k data set exists), labelled smoke.
bench-smoke: install-dev translations
	BENCH_SCALES=$${BENCH_SCALES:-10k} BENCH_LABEL=$${BENCH_LABEL:-smoke} \
	BENCH_DURATION=$${BENCH_DURATION:-30} BENCH_BURST=$${BENCH_BURST:-2} \
	BENCH_WARMUP=$${BENCH_WARMUP:-5} $(PY) bench/full.py

## make soak: 30 minutes of mixed load on the 10k data set; the web and worker processes' memory
## may grow by at most 10 % (bench/README.md); results in bench/results/<date>-<commit>-soak.*
soak: install-dev translations
	$(PY) bench/soak.py

## make bench-quick: pages timed in process with the test client (no server), bench/run.py.
bench-quick: install-dev translations
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/run.py

## Developers: refresh the catalogues after adding strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l it -l en -l de -l fr --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=bench
	$(PY) scripts/fill_english_catalogue.py locale/en/LC_MESSAGES/django.po
	for lang in it de fr; do $(PY) scripts/fill_catalogue.py locale/$$lang/LC_MESSAGES/django.po; done
	$(PY) manage.py compile_translations

worker: install  # both queues (settings: CELERY_TASK_ROUTES); production runs one worker each
	$(BIN)/celery -A coopportal worker -l info -Q celery,bulk

beat: install
	$(BIN)/celery -A coopportal beat -l info

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 *.egg-info
