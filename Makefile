# Portal Kinerja — the front door. `make portal` builds the example portal; `make test` runs
# the whole suite. Both create .venv and install what they need from the package registry.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CONFIG ?= portal.yml
OUT    ?= site

.PHONY: portal test install serve check lint bench browser clean help

help:
	@echo "make portal   build the portal from $(CONFIG) into $(OUT)/"
	@echo "make test     install test tools and run the whole suite"
	@echo "make serve    build and preview on http://127.0.0.1:8000/"
	@echo "make check    print the validation findings of $(CONFIG)"
	@echo "make bench    run the benchmarks (writes benchmarks/RESULTS.md)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

portal: install
	$(BIN)/kinerja build --config $(CONFIG) --out $(OUT)
	@echo ""
	@echo "Selesai. Situs ada di $(OUT)/ — pratinjau: make serve  (http://127.0.0.1:8000/)"

serve: install
	$(BIN)/kinerja serve --config $(CONFIG) --out $(OUT)

check: install
	$(BIN)/kinerja check --config $(CONFIG)

browser:
	@bash scripts/ensure-chromium

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	$(BIN)/ruff check sheets_sync site_builder tests

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .kinerja .pytest_cache
