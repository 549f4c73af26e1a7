# SwiftWrapCache — single entry point. See README.md.
#
#   make example   install what is missing, build the tools (release), build examples/ into build/example
#   make test      the same setup, then the whole test suite (Swift unit tests + end-to-end tests +
#                  the short reliability suite, docs/reliability.md)
#   make reliability   the long reliability suite (200 kills per writer kind, 10 minutes per fuzz target)
#   make install PREFIX=/usr/local   install the three tools (and, with the CMake module, its package files)
#
# One Python interpreter for everything: build/venv/bin/python, created from Debian's python3.

PREFIX   ?= /usr/local
VENV     := build/venv
PYTHON   := $(abspath $(VENV)/bin/python)
RELEASE_BIN := $(abspath .build/release)
SWIFT    ?= swift
TOOLS    := castxml-cache wrapgen stubgen
VERSION  := $(shell sed -n 's/.*static let string = "\(.*\)".*/\1/p' Sources/SwiftWrapCore/Version.swift)
CMAKE_DIR = $(DESTDIR)$(PREFIX)/lib/cmake/SwiftWrapCache

export SWIFTWRAP_PYTHON := $(PYTHON)

.PHONY: all setup build build-debug example test test-swift test-e2e test-reliability reliability install bench clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release

example: build
	@bash scripts/example.sh "$(RELEASE_BIN)" "$(PYTHON)"

test: build
	$(MAKE) --no-print-directory test-swift test-e2e test-reliability

test-swift:
	$(SWIFT) test

test-e2e:
	SWIFTWRAP_BIN_DIR="$(RELEASE_BIN)" $(PYTHON) -m pytest -q Tests/EndToEnd --durations=15

# The reliability suite (Tests/Reliability, docs/reliability.md): short mode here, long mode below.
test-reliability:
	SWIFTWRAP_BIN_DIR="$(RELEASE_BIN)" $(PYTHON) -m pytest -q Tests/Reliability --durations=15

reliability: build
	SWIFTWRAP_RELIABILITY=long SWIFTWRAP_BIN_DIR="$(RELEASE_BIN)" $(PYTHON) -m pytest -q Tests/Reliability --durations=40

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	$(foreach t,$(TOOLS),install -m 0755 "$(RELEASE_BIN)/$(t)" "$(DESTDIR)$(PREFIX)/bin/$(t)";)
	install -d "$(CMAKE_DIR)"
	install -m 0644 CMake/SwiftWrapCache.cmake CMake/SwiftWrapCacheInternal.cmake CMake/SwiftWrapCacheCommands.cmake CMake/swiftwrap_records.py CMake/swiftwrap_headers.py "$(CMAKE_DIR)/"
	install -m 0644 CMake/SwiftWrapCacheConfig.cmake.in "$(CMAKE_DIR)/SwiftWrapCacheConfig.cmake"
	sed 's/@VERSION@/$(VERSION)/' CMake/SwiftWrapCacheConfigVersion.cmake.in > "$(CMAKE_DIR)/SwiftWrapCacheConfigVersion.cmake"

bench: build
	@bash bench/run-all.sh "$(RELEASE_BIN)" "$(PYTHON)"

clean:
	rm -rf .build build
