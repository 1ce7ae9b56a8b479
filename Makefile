# Two commands matter: `make run` (the app with demo data) and `make test` (every suite).
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
# Rebuilt only when pyproject.toml changes, so `make run` and `make test` start fast.
STAMP := $(VENV)/.installed
HOST := 127.0.0.1
PORT := 8000

.PHONY: install run test lint

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -e '.[dev]'
	touch $(STAMP)

# The web server and the task worker run side by side; Ctrl-C (or either one dying) stops both.
run: install
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py collectstatic --noinput --verbosity 0
	$(PYTHON) manage.py seed_demo
	@trap 'kill $$web $$worker 2>/dev/null; wait' EXIT INT TERM; \
	$(PYTHON) manage.py run_huey & worker=$$!; \
	$(VENV)/bin/gunicorn ghostless.wsgi --config python:ghostless.gunicorn \
		--bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--access-logfile - & web=$$!; \
	echo; echo "Ghostless is running at http://$(HOST):$(PORT)  (Ctrl-C stops it)"; echo; \
	wait -n $$web $$worker

test: install
	$(PYTHON) tests/run_suites.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PYTHON) manage.py makemigrations --check --dry-run
