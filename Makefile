# SwiftWrapCache — single entry point. See README.md.
#
#   make example   setup (apt-get install what is missing, build/venv), build the tools (release), build
#                  examples/ into build/example
#   make example-itk   the same for examples/itk (part of ITK wrapped, issue 12) into build/example-itk
#   make test      the same setup and build, then the whole test suite (Swift unit tests + end-to-end tests +
#                  the short reliability suite, docs/reliability.md)
#   make valgrind-lifetimes   the lifetime scenarios (our fixture library and tinyxml2, issue 16) under
#                  valgrind: no invalid read or write (scripts/valgrind-lifetimes.sh)
#   make reliability   the long reliability suite (200 kills per writer kind, 10 minutes per fuzz target)
#   make tools     build the tools (release) only: no setup, nothing installed on the machine
#   make install PREFIX=/usr/local   `make tools`, then copy the three tools and the CMake package files
#                  under PREFIX (no setup: installing needs only what building needs)
#
# One Python interpreter for the tests and the example: build/venv/bin/python, created from Debian's python3.

PREFIX   ?= /usr/local
VENV     := build/venv
PYTHON   := $(abspath $(VENV)/bin/python)
RELEASE_BIN := $(abspath .build/release)
SWIFT    ?= swift
TOOLS    := castxml-cache wrapgen stubgen
VERSION  := $(shell sed -n 's/.*static let string = "\(.*\)".*/\1/p' Sources/SwiftWrapCore/Version.swift)
CMAKE_DIR = $(DESTDIR)$(PREFIX)/lib/cmake/SwiftWrapCache

export SWIFTWRAP_PYTHON := $(PYTHON)

.PHONY: all setup tools build build-debug example example-itk valgrind-lifetimes test test-swift test-e2e test-reliability reliability install bench clean

all: build

setup:
	@bash scripts/setup.sh

tools:
	$(SWIFT) build -c release

build: setup
	$(SWIFT) build -c release

example: build
	@bash scripts/example.sh "$(RELEASE_BIN)" "$(PYTHON)"

example-itk: build
	@bash scripts/example.sh "$(RELEASE_BIN)" "$(PYTHON)" itk

valgrind-lifetimes: build
	@bash scripts/valgrind-lifetimes.sh "$(RELEASE_BIN)" "$(PYTHON)"

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

install: tools
	install -d "$(DESTDIR)$(PREFIX)/bin"
	$(foreach t,$(TOOLS),install -m 0755 "$(RELEASE_BIN)/$(t)" "$(DESTDIR)$(PREFIX)/bin/$(t)";)
	install -d "$(CMAKE_DIR)"
	install -m 0644 $(wildcard CMake/SwiftWrapCache*.cmake) $(wildcard CMake/swiftwrap_*.py) CMake/swiftwrap-stubtest-allowlist.txt "$(CMAKE_DIR)/"
	install -m 0644 CMake/SwiftWrapCacheConfig.cmake.in "$(CMAKE_DIR)/SwiftWrapCacheConfig.cmake"
	sed 's/@VERSION@/$(VERSION)/' CMake/SwiftWrapCacheConfigVersion.cmake.in > "$(CMAKE_DIR)/SwiftWrapCacheConfigVersion.cmake"

bench: build
	@bash bench/run-all.sh "$(RELEASE_BIN)" "$(PYTHON)"

clean:
	rm -rf .build build
