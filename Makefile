# The README's commands. `make book` builds the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: help install dev assets book serve test notebooks lint format clean

help:
	@echo "make book       build the website into _build/html (creates .venv, fetches assets)"
	@echo "make serve      serve the built site on http://127.0.0.1:$(PORT)"
	@echo "make test       run the whole suite (unit tests, notebooks, book build, browser)"
	@echo "make notebooks  write the exercises into the chapters, re-execute each on a fresh kernel"
	@echo "make lint       ruff check and format check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# requirements.txt installs lossedu from "." (as Binder does); the editable reinstall makes the
# venv use this working tree, so tests always see the code being tested.
$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

assets:
	@bash scripts/fetch_site_assets.sh _offline

book: install assets
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The site is in _build/html: open _build/html/index.html, or run 'make serve'."

serve:
	@echo "Serving _build/html on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# One pytest run, so that its summary is the last line: lossedu unit tests and doctests,
# notebook hygiene, strict nbval over every chapter, the book build, the browser tests.
test: dev assets
	$(BIN)/pytest --doctest-modules lossedu tests chapters appendix \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# The exercises' hints and solutions are written into the chapters from lossedu/exercises first.
notebooks: install
	$(BIN)/python scripts/sync_exercises.py
	$(BIN)/python scripts/execute_notebooks.py

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf _build .pytest_cache .hypothesis
