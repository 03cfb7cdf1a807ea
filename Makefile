# The README's commands. `make book` builds the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

PDF := _build/pdf/loss-functions-hands-on.pdf
# Everything the printed book is made from: the PDF is printed again when one of them changes.
BOOK_SOURCES := $(shell find chapters appendix _ext lossedu -type f -not -name '*.pyc') \
	_config.yml _toc.yml intro.md references.bib scripts/build_pdf.py scripts/build_book.py
# The PDF is printed by Chromium: Debian's, Google's, or one named by CHROMIUM=...
BROWSER := $(firstword $(wildcard $(CHROMIUM) /usr/bin/chromium /usr/bin/google-chrome))

.PHONY: help install dev assets book pdf serve test notebooks lint format clean

help:
	@echo "make book       build the website into _build/html (creates .venv, fetches assets)"
	@echo "make pdf        print the whole course as one PDF into $(PDF)"
	@echo "make serve      serve the built site on http://127.0.0.1:$(PORT)"
	@echo "make test       run the whole suite (unit tests, notebooks, book build, browser)"
	@echo "make notebooks  write the exercises into the chapters, re-execute each on a fresh kernel"
	@echo "make lint       ruff check and format check"

$(BIN)/python:
	@echo "make: creating $(VENV) with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

# requirements.txt installs lossedu from "." (as Binder does); the editable reinstall makes the
# venv use this working tree, so tests always see the code being tested.
# (setuptools' warning about editable installs is about this very layout: silenced.)
$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	@echo "make: installing requirements.txt into $(VENV)"
	@$(PIP) install -r requirements.txt
	@PYTHONWARNINGS=ignore $(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	@echo "make: installing requirements-dev.txt into $(VENV)"
	@$(PIP) install -r requirements-dev.txt
	@touch $@

# Printing the PDF needs Playwright only, at the version requirements-dev.txt pins.
$(VENV)/.installed-pdf: $(VENV)/.installed requirements-dev.txt
	@$(PIP) install "$$(grep -E '^playwright==' requirements-dev.txt)"
	@touch $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

assets:
	@bash scripts/fetch_site_assets.sh _offline

# The site links the PDF when there is one: it is printed first wherever a Chromium is found.
book: install assets
ifneq ($(BROWSER),)
	@$(MAKE) --no-print-directory $(PDF)
else
	@echo "make book: no Chromium found, so the site is built without its PDF (apt-get install chromium)."
endif
	@$(BIN)/python scripts/build_book.py

pdf: install assets $(PDF)

$(PDF): $(BOOK_SOURCES) | $(VENV)/.installed-pdf
	@$(BIN)/python scripts/build_pdf.py $@

serve:
	@echo "Serving _build/html on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# One pytest run, so that its summary is the last line: lossedu unit tests and doctests,
# notebook hygiene, strict nbval over every chapter, the book build, the browser tests.
test: dev assets $(PDF)
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
