# Common tasks. `make demo` and `make test` work from a fresh clone with Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve worker test test-postgres lint format bench messages clean smoke fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## migrate, load the demo district, serve http://127.0.0.1:8000
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Email worker started in the background (emails are printed on this console)."
	$(BIN)/python manage.py db_worker --backend outbox & \
	    trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	    $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: $(STAMP)  ## the email outbox worker (make demo starts one)
	$(BIN)/python manage.py db_worker --backend outbox

test: $(STAMP)  ## the whole suite (SQLite unless DATABASE_URL says otherwise)
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)  ## the whole suite on PostgreSQL at 127.0.0.1:5432
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/retewelfare} $(MAKE) test

smoke: $(STAMP)  ## production smoke: collectstatic + gunicorn under production settings on PostgreSQL, every page type
	SMOKE_PORT=$${SMOKE_PORT:-8000} bash .ci/smoke pages

fuzz: $(STAMP)  ## schemathesis over /api/schema/ against the same production server
	SMOKE_PORT=$${SMOKE_PORT:-8000} bash .ci/smoke fuzz

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## catalogue, search and home page timings and query counts
	$(BIN)/python bench/run.py $(BENCH_ARGS)

messages: $(STAMP)  ## refresh locale/*/LC_MESSAGES/django.po from the code
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/db.sqlite3 var/static
