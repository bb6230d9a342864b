# fieldkit — the two commands: `make run` (the app on the demo project) and `make test`.
# Both set everything up themselves on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The headless job's virtualenv: fieldkit without its gui extra (no PySide6), for the Qt-free tests.
HEADLESS_VENV ?= .venv-headless
HBIN          := $(HEADLESS_VENV)/bin
HSTAMP        := $(HEADLESS_VENV)/.installed
DEMO   ?= demo/Demo.fieldkit

# Debian libraries Qt needs to draw (offscreen in tests, on X11/Wayland on a desktop).
QT_DEBS := libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
           libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
           libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 fonts-dejavu-core \
           libpulse0
# What the screen-reader test needs: an X server, a session bus, the AT-SPI bus and pyatspi
# (tests/gui/test_atspi.py walks the app's accessibility tree as Orca does).
A11Y_DEBS := xvfb dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0
# What the speech-recognition tests need: espeak-ng says the English they transcribe.
SPEECH_DEBS := espeak-ng

.PHONY: run test test-encrypted headless lint demo system-deps postgresql bench clean bundle bundle-check

run: $(STAMP) system-deps $(DEMO)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/fieldkit gui $(DEMO); \
	else \
		$(BIN)/fieldkit gui $(DEMO) --screenshot demo/fieldkit-window.png && \
		echo "No screen on this machine (DISPLAY is not set): the app ran offscreen on $(DEMO)" \
		     "and wrote demo/fieldkit-window.png. On a desktop, 'make run' opens the window."; \
	fi

# Lint, types, the import contracts (pyproject.toml, docs/architecture.md), the whole suite, the
# headless job, then the desktop bundle built and used from an empty folder (a few minutes;
# `make test BUNDLE=0` leaves the bundle out while you work, `HEADLESS=0` the headless job,
# `ENCRYPTED=0` the core suite's second run on encrypted projects).
BUNDLE ?= 1
HEADLESS ?= 1
ENCRYPTED ?= 1
# Test processes (pytest-xdist): one per core; a test file's tests stay in one process, so
# its module fixtures are made once. `make test JOBS=0` runs the suite in this process. A test
# process that crashes ends the run, failed, naming the test (pytest-xdist 3.8 can wait for ever
# after replacing a crashed process under --dist loadfile: its issue 1378). The files go out
# slowest first (tests/conftest.py: SLOW_FILES), not by their number of tests.
JOBS ?= auto
PYTEST := -m pytest -p no:cacheprovider -n $(JOBS) --dist loadfile --max-worker-restart=0 \
          --no-loadscope-reorder
test: $(STAMP) system-deps postgresql
	$(BIN)/ruff check fieldkit tests benchmarks resources tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(BIN)/python $(PYTEST)
	@if [ "$(ENCRYPTED)" = 1 ]; then $(MAKE) --no-print-directory test-encrypted; fi
	@if [ "$(HEADLESS)" = 1 ]; then $(MAKE) --no-print-directory headless; fi
	@if [ "$(BUNDLE)" = 1 ]; then $(MAKE) --no-print-directory bundle-check; fi

# The suite's Qt-free core once more with every project the tests make encrypted (SQLCipher,
# sealed media; tests/conftest.py: FIELDKIT_TEST_ENCRYPTED, PLAIN_ONLY), issue 31.
ENCRYPTED_SLICE := tests/test_project.py tests/test_checks.py tests/index tests/analysis \
                   tests/operations tests/storage tests/recordings tests/test_retrieval.py \
                   tests/test_reanchoring.py tests/test_media_integrity.py
test-encrypted: $(STAMP)
	FIELDKIT_TEST_ENCRYPTED=1 QT_QPA_PLATFORM=offscreen $(BIN)/python $(PYTEST) \
		$(ENCRYPTED_SLICE)

# The headless job (napari has one): fieldkit installed without its gui extra, in a virtualenv
# with no PySide6, runs every test that does not need Qt. tests/conftest.py leaves out tests/gui,
# the team window tests and the tests marked qt, and fails the run if PySide6 is installed there
# or a test imported fieldkit.gui.
headless: $(HSTAMP) system-deps postgresql
	FIELDKIT_HEADLESS=1 $(HBIN)/python $(PYTEST)

demo: $(DEMO)

$(DEMO): | $(STAMP)
	$(BIN)/fieldkit demo $(DEMO)

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo "Installing python3-venv (needed to make $(VENV))"; \
		apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

$(HSTAMP): pyproject.toml setup.py | $(STAMP)
	$(PYTHON) -m venv $(HEADLESS_VENV)
	$(HBIN)/python -m pip install -q --upgrade pip
	$(HBIN)/python -m pip install -q -e '.[test]'
	touch $(HSTAMP)

# Installs the Debian packages Qt, the screen-reader test and the speech tests need when missing
# (as root, or with sudo).
system-deps:
	@missing=""; for p in $(QT_DEBS) $(A11Y_DEBS) $(SPEECH_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
		echo "Installing Debian packages Qt, the screen-reader and speech tests need:$$missing"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# PostgreSQL for the team-server tests (they start a throw-away server in a temporary folder).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
		echo "Installing PostgreSQL (the team-server tests start a throw-away server)"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends \
			postgresql >/dev/null; }

# The desktop app as a PyInstaller one-folder bundle of the wheel: dist/fieldkit/fieldkit
bundle: $(STAMP)
	@command -v objdump >/dev/null || ! command -v apt-get >/dev/null || { \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
		echo "Installing binutils (PyInstaller reads the libraries it bundles with objdump)"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq binutils >/dev/null; }
	$(BIN)/python tools/bundle.py

# Build the bundle, then use it as a researcher would (version, demo, search, Dutch and English
# screenshots, a Word import) from an empty folder.
bundle-check: bundle system-deps
	$(BIN)/python tools/smoke.py --bundle --exe dist/fieldkit/fieldkit

# Every benchmark on the large demo (built once into benchmarks/out), each one's figures as JSON
# in benchmarks/out/NAME.json (the tables go to the terminal); `make bench QUICK=1` for a
# quick pass on the small demo. Run it on a quiet machine: each file records the load average.
BENCHES := foundation search retrieval analysis edit gui recordings export assist team_server
QUICK ?=
bench: $(STAMP) system-deps postgresql
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	@mkdir -p benchmarks/out
	@for b in $(BENCHES); do \
		echo "== benchmarks/$$b.py"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/$$b.py --json $(if $(QUICK),--quick) \
			> benchmarks/out/$$b.json || echo "benchmarks/$$b.py: exit code $$? (see the JSON)"; \
	done
	@echo "figures: benchmarks/out/*.json"

clean:
	rm -rf $(VENV) $(HEADLESS_VENV) demo build dist *.egg-info
