# The two commands a newcomer runs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000

# uv from PATH, else a private copy installed with pip into var/ (nothing else needed).
UV := $(shell command -v uv 2>/dev/null || echo var/uv/bin/uv)
PY := $(UV) run --frozen python
MANAGE := $(PY) manage.py

.PHONY: help run worker test lint check pytest setup demo serve-dev clean

help:
	@echo "make run   set up, load the demo story and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make worker the background worker alone (make run starts one beside the server)"
	@echo "make test  lint, Django checks, migrations check and the whole test suite"
	@echo "make serve production server: gunicorn, production settings (README, Running in production)"
	@echo "make soak  50 readers for 60 s against gunicorn; ARGS=\"--faults postgres|redis\""

var/uv/bin/uv:
	python3 -m venv var/uv
	var/uv/bin/pip install --quiet uv

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	@touch $@

setup: .venv/.synced

# The dev server, and beside it the background worker (README, "Background work": purges,
# index updates, scheduled publishing), so a newcomer still types one command. The trap
# stops the worker when runserver stops (Ctrl-C or an error); --no-reload because the
# autoreloader's parent would leave its child running when stopped. One worker for every
# queue: the dev server keeps no sidebars, so the "background" queue stays empty.
run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --address 127.0.0.1:$(PORT)
	$(MANAGE) ensure_admin
	$(MANAGE) run_worker --no-reload & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The workers alone, with the settings `make run` uses (production: the same environment as
# `make serve` plus DJANGO_SETTINGS_MODULE=newsroom.settings.production). Two: one for every
# queue but "background", and one at a lower CPU priority for "background" (the sidebars'
# warm-ups, when the sidebar cache is on: they take what readers leave idle and never delay
# a delivery).
BACKGROUND_WORKER := run_worker --queue-name=background --nice=10 --no-schedule
worker: setup
	$(MANAGE) $(BACKGROUND_WORKER) & background=$$!; \
	trap 'kill -TERM $$background 2>/dev/null; wait $$background' EXIT; \
	$(MANAGE) run_worker --exclude-queues=background

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

# The newsroom's settings, then the conflicts plugin's test host's (tests/conflicts/host).
PLUGIN_HOST := tests.conflicts.host.settings
check: setup
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(MANAGE) check --fail-level WARNING
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=newsroom.settings.test $(MANAGE) makemigrations --check --dry-run
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=$(PLUGIN_HOST) $(MANAGE) check --fail-level WARNING
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=$(PLUGIN_HOST) $(MANAGE) makemigrations --check --dry-run

# The suite runs in parallel, one worker per CPU (at most 4; each has its own test database),
# a module's tests on one worker. PYTEST_WORKERS=0 runs it in this process. Tests that flush
# the database (live servers, transaction=True) run in a second pass: on a worker they would
# wipe the migrations' rows (roles, workflow) for the tests after them. Exit 5 is "no test
# selected in this pass" (e.g. with PYTEST_ARGS="-k ..."). The plugin's tests (tests/conflicts)
# run first, on its test host, without the newsroom, in two passes of their own (its test database
# is test_<NAME>_conflicts_host: tests/conflicts/host/settings.py); a path in PYTEST_ARGS
# runs in the passes of its own settings only (tests/conftest.py).
PYTEST_WORKERS ?= auto
PYTEST := $(UV) run --frozen pytest -n $(PYTEST_WORKERS) --maxprocesses=4 --dist loadscope
pytest: setup
	$(PYTEST) --ds $(PLUGIN_HOST) --transactional=skip $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PYTEST) --ds $(PLUGIN_HOST) --transactional=only $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PYTEST) --ignore=tests/conflicts --transactional=skip $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PYTEST) --ignore=tests/conflicts --transactional=only $(PYTEST_ARGS) || [ $$? -eq 5 ]

test: lint check pytest

clean:
	rm -rf .venv var/uv

# The interface's translations (README, "Languages"): regenerate the catalogues from the
# code, keeping what is translated (Django puts the plugin's strings in conflicts/locale/, the
# rest in locale/), then compile them. Needs GNU gettext (apt-get install gettext); the
# compiled .mo files are committed, so `make run` and CI need none. Translate the new entries
# in the .po files, then run it again.
LANGS := -l hy -l ru
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=static --ignore=node_modules
.PHONY: messages
messages: setup
	$(MANAGE) makemessages $(LANGS) --no-location --no-obsolete $(MESSAGES_IGNORE) \
		--ignore=tests --ignore=bench --ignore=ops
	$(MANAGE) compilemessages $(LANGS) $(MESSAGES_IGNORE)

# The benchmark (bench/run.py, results in bench/RESULTS.md): one JSON object on stdout.
.PHONY: bench
bench: setup
	$(PY) -m bench.run $(ARGS)

# Production serving (README, "Running in production"): production settings from the
# environment (SECRET_KEY and ALLOWED_HOSTS at least), static files collected (hashed and
# compressed), then gunicorn with newsroom/gunicorn.conf.py.
.PHONY: serve soak
PROD := DJANGO_SETTINGS_MODULE=newsroom.settings.production
serve: setup
	$(PROD) $(MANAGE) collectstatic --no-input -v0
	$(PROD) $(UV) run --frozen gunicorn -c newsroom/gunicorn.conf.py

# 50 readers for 60 s against gunicorn and the demo data (ops/soak.py, docs/operations.md);
# ARGS="--faults postgres" or "--faults redis" cuts that service in the middle.
soak: setup
	$(PY) -m ops.soak $(ARGS)
