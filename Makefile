# Quick start: `make demo` serves the portal with demo data; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install demo test test-snel lint typecheck format migrations-check bench

$(BIN)/.installed: requirements/base.txt requirements/dev.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt -c requirements/constraints.txt
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_data
	@echo "Portaal op http://$(HOST)/ (stoppen met Ctrl+C)"
	$(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/pytest

# Local runs: keep the test database between runs (after a model change: make test).
test-snel: install
	$(BIN)/pytest --reuse-db

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
