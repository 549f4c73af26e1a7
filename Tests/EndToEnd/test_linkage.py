"""What each tool links (docs/architecture.md, "Which target may import which"): one library per job,
so a tool carries only the C libraries and Swift modules its job needs."""
import re

import pytest

from conftest import require, run, tool


def shared_libraries(name: str) -> set[str]:
    result = run([require("ldd"), tool(name)])
    assert result.returncode == 0, result.stderr
    return {line.split()[0] for line in result.stdout.decode().splitlines() if line.strip()}


def swift_modules(name: str) -> set[str]:
    """Swift modules whose symbols the binary defines or uses (mangled names start `$s<len><module>`)."""
    result = run([require("nm"), "--defined-only", tool(name)])
    assert result.returncode == 0, result.stderr
    found = set()
    for module in ("ArgumentParser", "FoundationEssentials", "Foundation", "SwiftWrapGen", "SwiftWrapStubs",
                   "SwiftWrapRecords", "SwiftWrapCache"):
        if re.search(rf"\$s{len(module)}{module}", result.stdout.decode()):
            found.add(module)
    return found


def test_stubgen_links_no_libxml2_and_no_wrapgen_library():
    assert not any(lib.startswith("libxml2") for lib in shared_libraries("stubgen"))
    modules = swift_modules("stubgen")
    assert "SwiftWrapStubs" in modules
    assert not modules & {"SwiftWrapGen", "SwiftWrapCache"}


def test_wrapgen_links_no_stub_or_cache_library():
    assert any(lib.startswith("libxml2") for lib in shared_libraries("wrapgen"))
    modules = swift_modules("wrapgen")
    assert "SwiftWrapGen" in modules
    assert not modules & {"SwiftWrapStubs", "SwiftWrapCache"}


def test_castxml_cache_links_neither_foundation_nor_argument_parser_nor_record_libraries():
    libraries = shared_libraries("castxml-cache")
    for unwanted in ("libxml2", "libsqlite3", "libFoundation", "libFoundationEssentials"):
        assert not any(lib.startswith(unwanted) for lib in libraries), (unwanted, libraries)
    modules = swift_modules("castxml-cache")
    assert "SwiftWrapCache" in modules
    assert not modules & {"ArgumentParser", "Foundation", "FoundationEssentials", "SwiftWrapRecords",
                          "SwiftWrapGen", "SwiftWrapStubs"}
