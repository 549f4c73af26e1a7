"""CMake scenarios 10 (bad use fails naming function, keyword and file) and 11 (make install, then a
consumer project through find_package(SwiftWrapCache CONFIG) and through include()), the configure
summary, and the documentation check."""
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


def line_of(source: Path, text: str) -> int:
    """The line of the fixture's CMakeLists.txt that holds `text` (exactly one)."""
    lines = [n for n, line in enumerate((source / "CMakeLists.txt").read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


# case -> (pattern the message must match, pattern it must not match); {file} is the fixture's
# CMakeLists.txt, {line:<text>} the line that holds <text>.
CONFIGURE_ERRORS = {
    "unknown-keyword": (r"swiftwrap_add_submodule\(Things\): unknown keyword 'TYPE' \(did you mean TYPES\?\); as "
                        r"written it is read as a value of HEADERS", "namespace"),
    "misspelt-keyword": (r"swiftwrap_add_submodule\(Things\): unknown argument\(s\) 'HEADRES;thing\.h' \('HEADRES': "
                         r"did you mean HEADERS\?\)", "namespace"),
    "keyword-like-type": (r"unknown keyword 'HEADER' \(did you mean HEADERS\?\); as written it is read as a value of "
                          r"TYPES; a C\+\+ type of that name is written with its namespace, e\.g\. ::HEADER", ""),
    "misspelt-depends": (r"swiftwrap_add_module\(Things\): unknown keyword 'DEPEND' \(did you mean DEPENDS\?\)",
                         "namespace"),
    "duplicate-module": (r"swiftwrap_add_module\(Twice\): a module of this name is already declared, at "
                         r"{file}:{line:SUBMODULES Ones}", ""),
    "duplicate-submodule": (r"swiftwrap_add_submodule\(Again\): a submodule of this name is already declared, at "
                            r"{file}:{line:Again HEADERS thing.h}", ""),
    "empty-name-without-suffixes": (r"swiftwrap_wrap_template\(Things\): NAME \"\" \(no prefix\) names each "
                                    r"instantiation by its suffix alone; give them with SUFFIXES", ""),
    "unparsed-argument": (r"swiftwrap_add_python_package\(bad\): unknown argument\(s\) 'stray'", ""),
    "misspelt-ownership-after-hook": (r"swiftwrap_add_submodule\(Things\): unknown keyword 'INVALIDATE' \(did you mean "
                                      r"INVALIDATES\?\); as written it is read as a value of OUTPUT_PARAMETERS", ""),
    "missing-keyword": (r"swiftwrap_add_submodule\(Things\): the required keyword HEADERS is missing", ""),
    "ownership-not-a-method": (r"swiftwrap_add_submodule\(Things\): NEWOBJECT 'Make' is not a method name such as "
                               r"ns::Class::Method", ""),
    "missing-header": (r"{file}:{line:HEADERS nothere.h}: swiftwrap_add_submodule\(Things\): HEADERS names "
                       r"'nothere\.h', which is not in any include directory of module Things", ""),
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
    # CMake wraps messages at spaces, and inside a long path where the path has none.
    message = re.sub(r"\s+", " ", result.stderr).replace(" ", "")
    wanted, unwanted = CONFIGURE_ERRORS[case]
    wanted = re.sub(r"\{line:([^}]*)\}", lambda m: str(line_of(bad_source, m.group(1))), wanted)
    wanted = wanted.replace("{file}", re.escape(str(bad_source / "CMakeLists.txt"))).replace(" ", "")
    assert re.search(wanted, message), result.stderr
    assert not unwanted or unwanted not in message, result.stderr
    assert str(bad_source / "CMakeLists.txt") in message, result.stderr


def test_10_same_python_name_in_two_packages_is_no_clash(ws, bad_source):
    result = ws.configure(bad_source, ws.root / "build" / "other-package", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                          "-DBAD_CASE=python-name-other-package", check=False)
    assert result.returncode == 0, result.stderr


def test_10_a_package_without_swiftwrap_add_python_package_is_a_warning(ws, bad_source):
    result = ws.configure(bad_source, ws.root / "build" / "no-package", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                          "-DBAD_CASE=no-package")
    message = re.sub(r"\s+", " ", result.stderr)
    assert "CMake Warning" in result.stderr
    assert ("package 'bad' has modules (Lonely) but no swiftwrap_add_python_package(bad): it gets no __init__.py, "
            "no .pyi stubs and no install rules") in message, result.stderr
    assert f"{bad_source / 'CMakeLists.txt'}:{line_of(bad_source, 'SUBMODULES Alone')}" in message.replace(" ", "")


def test_10_an_all_caps_submodule_is_a_name_and_an_empty_template_prefix_keeps_the_suffixes(ws, bad_source):
    build = ws.root / "build" / "caps"
    ws.configure(bad_source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}",
                 "-DBAD_CASE=ok-caps-submodule-and-empty-name")
    unit = (build / "swiftwrap" / "castxml" / "XML.cxx").read_text()  # written at configure time
    assert "typedef things::Box<int> IntBox;" in unit and "typedef things::Box<double> UC;" in unit, unit


def test_10_warnings_as_errors_fails_the_wrapgen_step(ws, bad_source):
    build = ws.root / "build" / "warnings-as-errors"
    ws.configure(bad_source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DBAD_CASE=warnings-as-errors",
                 "-DSWIFTWRAP_WARNINGS_AS_ERRORS=ON")
    result = ws.ninja(build, "bad-Loose", check=False)
    assert result.status != 0
    assert "warning: data member 'Loose.counts' is an array" in result.output, result.output
    assert "1 warning(s) treated as errors (--warnings-as-errors); nothing was written" in result.output


def test_10_a_base_wrapped_by_a_module_missing_from_depends_fails_naming_it(ws, bad_source):
    build = ws.root / "build" / "missing-depends"
    ws.configure(bad_source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DBAD_CASE=missing-depends")
    result = ws.ninja(build, "bad-Extra", check=False)
    assert result.status != 0
    assert re.search(r"wrapgen: error: \S*special\.h:3: base class 'things::Thing' of 'Special' is wrapped by module "
                     r"Core, which module Extra does not depend on: add DEPENDS Core to swiftwrap_add_module\(Extra\)",
                     result.output), result.output


def test_10_unknown_type_fails_the_build_naming_function_keyword_and_file(ws, bad_source):
    build = ws.root / "build" / "unknown-type"
    ws.configure(bad_source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DBAD_CASE=unknown-type")
    result = ws.ninja(build, check=False)
    assert result.status != 0
    # castxml quotes the offending line of the generated translation unit, whose comment names the call.
    assert "no type named 'Nothing' in namespace 'things'" in result.output, result.output
    # The file is named relative to the top source directory (src/bad here), so the text is the same in
    # every build tree.
    assert re.search(r"typedef things::Nothing Nothing; // swiftwrap_add_submodule\(Things TYPES\) in "
                     r"CMakeLists\.txt", result.output), result.output


@pytest.fixture(scope="module")
def prefix(ws):
    prefix = ws.root / "prefix"
    install = subprocess.run(["make", "-C", str(REPO), "--no-print-directory", "install", f"PREFIX={prefix}"],
                             env=ws.env, capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    return prefix


def configure_consumer(ws, prefix, name, *extra):
    """The consumer fixture configured with only the prefix: no SWIFTWRAP_TOOLS_DIR, so the tools must come
    from <prefix>/bin."""
    source = ws.root / "src" / name
    if not source.exists():
        shutil.copytree(FIXTURES / "consumer", source)
    build = ws.root / "build" / name
    args = ["cmake", "-S", str(source), "-B", str(build), "-G", "Ninja", f"-DPython3_EXECUTABLE={python()}",
            f"-DSWIFTWRAP_CACHE_DIR={ws.root / 'cache'}", f"-DCMAKE_INSTALL_PREFIX={ws.root / (name + '-install')}",
            *extra]
    configure = subprocess.run(args, env=ws.env, capture_output=True, text=True, timeout=300)
    assert configure.returncode == 0, configure.stdout + configure.stderr
    cache = (build / "CMakeCache.txt").read_text()
    for tool in ("CASTXML_CACHE", "WRAPGEN", "STUBGEN"):
        assert f"SWIFTWRAP_{tool}_EXECUTABLE:FILEPATH={prefix}/bin/" in cache, tool
    return build, configure


def test_11_include_from_an_install_tree_finds_the_tools_in_its_bin(ws, prefix):
    module_dir = prefix / "lib" / "cmake" / "SwiftWrapCache"
    build, _ = configure_consumer(ws, prefix, "consumer-include", f"-DCONSUMER_MODULE_DIR={module_dir}")
    ws.ninja(build)
    call = ws.run_python(["-c", "import counting; c = counting.Counter(1); c.Next(); print(c.Text())"],
                         build / "python")
    assert call.stdout.strip() == "count 2", call.stderr
    assert (build / "python" / "counting" / "Counters.pyi").is_file()


def test_11_configure_prints_one_summary_line_each_once(ws, prefix):
    build, first = configure_consumer(ws, prefix, "consumer-summary", f"-DCMAKE_PREFIX_PATH={prefix}")
    lines = [line for line in first.stdout.splitlines() if line.startswith("-- Found ")]
    castxml, swig = shutil.which("castxml"), shutil.which("swig4.0") or shutil.which("swig")
    version = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)
    assert [line.split(":")[0] for line in lines] == [
        "-- Found castxml", "-- Found SWIG", "-- Found Python", "-- Found SwiftWrapCache tools"], first.stdout
    assert re.fullmatch(rf'-- Found castxml: {re.escape(castxml)} \(found version "\d+\.\d+[^"]*"\)', lines[0]), lines
    assert lines[1].startswith("-- Found SWIG: ") and 'found version "4.' in lines[1], lines
    assert re.fullmatch(rf'-- Found Python: {re.escape(python())} \(found version "3\.\d+\.\d+"; extension modules '
                        r'for cpython-\S+\)', lines[2]), lines
    assert lines[3] == (f'-- Found SwiftWrapCache tools: {prefix}/bin (castxml-cache, wrapgen, stubgen; '
                        f'found version "{version}")'), lines
    _, again = configure_consumer(ws, prefix, "consumer-summary", f"-DCMAKE_PREFIX_PATH={prefix}")
    assert "-- Found" not in again.stdout, again.stdout


def test_11_make_install_then_a_consumer_project_builds(ws, prefix):
    cmake_dir = prefix / "lib" / "cmake" / "SwiftWrapCache"
    for name in ("SwiftWrapCache.cmake", "SwiftWrapCacheConfig.cmake", "SwiftWrapCacheConfigVersion.cmake"):
        assert (cmake_dir / name).is_file(), name
    version = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)
    assert f'set(PACKAGE_VERSION "{version}")' in (cmake_dir / "SwiftWrapCacheConfigVersion.cmake").read_text()

    build, _ = configure_consumer(ws, prefix, "consumer", f"-DCMAKE_PREFIX_PATH={prefix}")
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
    # Only the SWIG steps (SWIFTWRAP_SWIG_CACHE, a separate switch) still go through castxml-cache.
    commands = [l for l in (build / "build.ninja").read_text().splitlines()
                if l.strip().startswith("COMMAND =") and "castxml-cache" in l]
    assert len(commands) == 4 and all(" --swig " in l for l in commands), commands
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
