"""CMake scenarios 10 (bad use fails naming function, keyword and file) and 11 (make install, then a
consumer project through find_package(SwiftWrapCache CONFIG)), and the documentation check."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cmake_support import FIXTURES, Workspace, python, run_mypy, stubs_expected
from conftest import REPO


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("cmake-usage"))


@pytest.fixture(scope="module")
def bad_source(ws):
    source = ws.root / "src" / "bad"
    shutil.copytree(FIXTURES / "bad", source)
    return source


CONFIGURE_ERRORS = {
    "unknown-keyword": (r"swiftwrap_add_submodule\(Things\): unknown keyword 'TYPE'", ""),
    "unparsed-argument": (r"swiftwrap_add_python_package\(bad\): unknown argument\(s\) 'stray'", ""),
    "missing-keyword": (r"swiftwrap_add_submodule\(Things\): the required keyword HEADERS is missing", ""),
    "missing-header": (r"swiftwrap_add_submodule\(Things\): HEADERS names 'nothere\.h', which is not in any "
                       r"include directory of module Things", ""),
    "unknown-dependency": (r"swiftwrap_add_module\(Things\): DEPENDS names 'Nowhere', which is not a wrapped module",
                           ""),
    "python-name-twice": (r"swiftwrap_add_python_package\(bad\): Python name 'Thing' is wrapped twice: things::Thing "
                          r"in submodule Things of module Things \(swiftwrap_add_submodule\(Things TYPES\) in \S+\) and "
                          r"things::Thing in submodule MoreThings of module MoreThings", ""),
    "python-name-alike": (r"Python name 'Thing' is wrapped twice: things::Thing in submodule Things .* and "
                          r"things::Box<int> in submodule Boxes of module Boxes \(swiftwrap_add_submodule\(Boxes TYPES\) in "
                          r"\S+\)", ""),
}


@pytest.mark.parametrize("case", sorted(CONFIGURE_ERRORS))
def test_10_bad_use_fails_configure_naming_function_keyword_and_file(ws, bad_source, case):
    result = ws.configure(bad_source, ws.root / "build" / case, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                          f"-DBAD_CASE={case}", check=False)
    assert result.returncode != 0
    message = re.sub(r"\s+", " ", result.stderr)
    assert re.search(CONFIGURE_ERRORS[case][0], message), result.stderr
    assert str(bad_source / "CMakeLists.txt") in message, result.stderr


def test_10_same_python_name_in_two_packages_is_no_clash(ws, bad_source):
    result = ws.configure(bad_source, ws.root / "build" / "other-package", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                          "-DBAD_CASE=python-name-other-package", check=False)
    assert result.returncode == 0, result.stderr


def test_10_unknown_type_fails_the_build_naming_function_keyword_and_file(ws, bad_source):
    build = ws.root / "build" / "unknown-type"
    ws.configure(bad_source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DBAD_CASE=unknown-type")
    result = ws.ninja(build, check=False)
    assert result.status != 0
    # castxml quotes the offending line of the generated translation unit, whose comment names the call.
    assert "no type named 'Nothing' in namespace 'things'" in result.output, result.output
    assert re.search(r"typedef things::Nothing Nothing; // swiftwrap_add_submodule\(Things TYPES\) in "
                     r"\S*src/bad/CMakeLists\.txt", result.output), result.output


def test_11_make_install_then_a_consumer_project_builds(ws):
    prefix = ws.root / "prefix"
    install = subprocess.run(["make", "-C", str(REPO), "--no-print-directory", "install", f"PREFIX={prefix}"],
                             env=ws.env, capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    cmake_dir = prefix / "lib" / "cmake" / "SwiftWrapCache"
    for name in ("SwiftWrapCache.cmake", "SwiftWrapCacheConfig.cmake", "SwiftWrapCacheConfigVersion.cmake"):
        assert (cmake_dir / name).is_file(), name
    version = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)
    assert f'set(PACKAGE_VERSION "{version}")' in (cmake_dir / "SwiftWrapCacheConfigVersion.cmake").read_text()

    source = ws.root / "src" / "consumer"
    shutil.copytree(FIXTURES / "consumer", source)
    build = ws.root / "build" / "consumer"
    # Only the prefix: no SWIFTWRAP_TOOLS_DIR, so the tools must come from <prefix>/bin.
    args = ["cmake", "-S", str(source), "-B", str(build), "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}",
            f"-DPython3_EXECUTABLE={python()}",
            f"-DSWIFTWRAP_CACHE_DIR={ws.root / 'cache'}", f"-DCMAKE_INSTALL_PREFIX={ws.root / 'consumer-install'}"]
    configure = subprocess.run(args, env=ws.env, capture_output=True, text=True, timeout=300)
    assert configure.returncode == 0, configure.stdout + configure.stderr
    cache = (build / "CMakeCache.txt").read_text()
    assert f"SWIFTWRAP_WRAPGEN_EXECUTABLE:FILEPATH={prefix}/bin/wrapgen" in cache
    ws.ninja(build)
    ws.ninja(build, "install")
    installed = ws.root / "consumer-install" / "python"
    names = sorted(p.name for p in (installed / "counting").iterdir())
    assert "Counters.py" in names and "__init__.py" in names and any(n.startswith("_Counters.") for n in names)
    call = ws.run_python(["-c", "import counting; c = counting.Counter(4); c.Next(); print(c.Text())"], installed)
    assert call.stdout.strip() == "count 5", call.stderr
    stubs_expected()
    assert "Counters.pyi" in names and "py.typed" in names
    run_mypy([installed], ["counting"], ws.env)


def test_every_public_function_and_variable_is_documented():
    module = (REPO / "CMake" / "SwiftWrapCache.cmake").read_text()
    docs = (REPO / "docs" / "cmake.md").read_text()
    functions = re.findall(r"^function\((swiftwrap_\w+)", module, re.MULTILINE)
    assert len(functions) >= 5
    sources = "".join(p.read_text() for p in sorted((REPO / "CMake").glob("*.cmake*")))
    variables = set(re.findall(r"\b(SWIFTWRAP_[A-Z_]+)\b", sources)) - {"SWIFTWRAP_TEMPLATE_"}
    for name in functions + sorted(variables):
        assert name in docs, f"{name} is not documented in docs/cmake.md"
        assert f".. command:: {name}" in module or not name.startswith("swiftwrap_"), name
    version = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)
    assert f"set(SwiftWrapCache_VERSION {version})" in module


def test_cache_off_runs_castxml_directly_and_still_tracks_headers(ws):
    """SWIFTWRAP_CASTXML_CACHE=OFF: the depfile comes from castxml's own -MD, so tracking still works."""
    build = ws.root / "build" / "cache-off"
    ws.configure(ws.src / "examples", build, "-DSWIFTWRAP_CASTXML_CACHE=OFF")
    assert "castxml-cache" not in (build / "build.ninja").read_text()
    first = ws.ninja(build, "geom-Core", "geom-Figures")
    assert len(first.steps("CastXML:")) == 4 and first.castxml_results() == []
    assert "ninja: no work to do." in ws.ninja(build, "geom-Core", "geom-Figures").output
    interfaces = {p.name: p.stat().st_mtime_ns for p in (build / "swiftwrap" / "wrap").glob("*.i")}
    (ws.src / "examples" / "geom" / "include" / "geom" / "polygon.h").touch()
    again = ws.ninja(build, "geom-Core", "geom-Figures")
    assert again.steps("CastXML:") == ["CastXML: swiftwrap/castxml/Polygons.xml"]
    # castxml itself rewrites its XML, so wrapgen reruns; it leaves the unchanged .i files alone.
    assert again.steps("wrapgen:") == ["wrapgen: module Figures (Circles;Polygons)"]
    assert {p.name: p.stat().st_mtime_ns for p in (build / "swiftwrap" / "wrap").glob("*.i")} == interfaces
