# JourneyKit: the two commands of the README, and a few more for developers.
#   make serve   start the workshop app on the bundled sample workspace
#                (make serve LANGUAGE=fa: the sample and the app in Persian; hu, ru alike)
#   make test    run the whole test suite (installs what it needs)
#   make bench   print the performance figures
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
LANGUAGE ?= en
# the sample in English is var/sample.db; in another language, var/sample-fa.db and so on
SAMPLE := var/sample$(if $(filter-out en,$(LANGUAGE)),-$(LANGUAGE)).db
PORT   ?= 8866

.PHONY: serve test lint bench clean

$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "JourneyKit needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

$(SAMPLE): | $(READY)
	$(BIN)/journeykit sample --store $(SAMPLE) --language $(LANGUAGE)

serve: $(READY) $(SAMPLE)
	$(BIN)/journeykit serve --store $(SAMPLE) --port $(PORT) --open $(if $(filter-out en,$(LANGUAGE)),--language $(LANGUAGE))

test: $(READY)
	./scripts/ensure-browser
	./scripts/ensure-postgres
	./scripts/ensure-hub
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest tests notebooks exercises --nbval -q -p no:cacheprovider

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(READY)
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/charts.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/themes.py
	$(BIN)/python benchmarks/coding.py
	$(BIN)/python benchmarks/hub.py

clean:
	rm -rf $(VENV) var artifacts *.egg-info
