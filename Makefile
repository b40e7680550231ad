# aiplus: `make run` sets everything up and serves the demo; `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export AIPLUS_HOME ?= $(CURDIR)/var

.PHONY: run install install-dev system-packages test test-sqlite test-postgres lint bench clean

$(BIN)/aiplus: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/aiplus

run: install
	$(BIN)/aiplus setup
	$(BIN)/aiplus serve

$(VENV)/.dev: $(BIN)/aiplus
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install-dev: $(VENV)/.dev

# The browser tests drive Debian's chromium and need CJK fonts to render Chinese; meeting audio is
# converted and cut with ffmpeg; the workflow tests read mail from a real IMAP server (dovecot).
system-packages:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || [ ! -x /usr/bin/ffmpeg ] || [ ! -x /usr/sbin/dovecot ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk ffmpeg dovecot-imapd >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-cjk ffmpeg dovecot-imapd >/dev/null; fi; \
	fi

test: install-dev system-packages
	bash scripts/test.sh

lint: install-dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

bench: install-dev
	$(BIN)/python bench/retrieval.py

clean:
	rm -rf $(VENV) var
