"""CMake scenario 8: a generated project of 26 modules built up to the stubs (castxml, wrapgen,
stubgen; no SWIG or C++), from clean with `ninja -j 16`, five times; every build succeeds."""
import shutil
import subprocess

from cmake_support import DB_FILE, Workspace, owners_and_modules, stubs_expected

MODULES = 26


def write_project(root):
    (root / "include").mkdir(parents=True)
    (root / "include" / "base.h").write_text(
        "#pragma once\nnamespace many {\nclass Base {\npublic:\n  virtual ~Base() = default;\n"
        "  virtual int Value() const { return 0; }\n};\n}\n")
    lines = ["cmake_minimum_required(VERSION 3.20)", "project(many LANGUAGES CXX)",
             'list(APPEND CMAKE_MODULE_PATH "${SWIFTWRAP_MODULE_PATH}")', "include(SwiftWrapCache)",
             "swiftwrap_add_submodule(Base0 HEADERS base.h TYPES many::Base)",
             "swiftwrap_add_module(M0 SUBMODULES Base0 INCLUDE_DIRECTORIES include)"]
    for k in range(1, MODULES):
        # Every third module derives from the previous module's class (a chain across modules).
        base, depends = ("many::Base", "M0") if k % 3 else (f"many::Item{k - 1}", f"M0 M{k - 1}")
        include = "base.h" if k % 3 else f"item{k - 1}.h"
        (root / "include" / f"item{k}.h").write_text(
            f'#pragma once\n#include "{include}"\nnamespace many {{\n'
            f"class Item{k} : public {base} {{\npublic:\n  int Value() const override {{ return {k}; }}\n"
            f"  bool Same(const Base & other) const {{ return other.Value() == {k}; }}\n"
            f"  static Item{k} Make() {{ return Item{k}(); }}\n}};\n}}\n")
        lines.append(f"swiftwrap_add_submodule(Sub{k} HEADERS item{k}.h TYPES many::Item{k})")
        lines.append(f"swiftwrap_add_module(M{k} SUBMODULES Sub{k} DEPENDS {depends} INCLUDE_DIRECTORIES include)")
    lines.append("swiftwrap_add_python_package(many)")
    (root / "CMakeLists.txt").write_text("\n".join(lines) + "\n")


def test_8_many_modules_build_to_the_stubs_five_times_with_16_jobs(tmp_path):
    ws = Workspace.create(tmp_path)
    stubs_expected()
    source = ws.root / "src" / "many"
    write_project(source)
    build = ws.root / "build" / "many"
    for attempt in range(5):
        if build.exists():
            shutil.rmtree(build)
        ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DSWIFTWRAP_CASTXML_JOBS=4")
        result = ws.ninja(build, "-j", "16", "many-stubs")
        assert len(result.steps("wrapgen:")) == MODULES, f"attempt {attempt}"
        assert result.steps("SWIG:") == [], "the stubs do not depend on SWIG"
        if attempt > 0:
            assert set(result.castxml_results()) == {"direct-hit"}, result.cache_log
        assert len(list(build.glob("swiftwrap/wrap/*.stamp"))) == MODULES
        assert owners_and_modules(build / DB_FILE) == {"many": {f"M{k}" for k in range(MODULES)}}
        stubs = sorted(p.name for p in (build / "python" / "many").glob("*.pyi"))
        assert len(stubs) == MODULES + 1 and "__init__.pyi" in stubs
        assert "ninja: no work to do." in ws.ninja(build, "many-stubs").output
        item = (build / "python" / "many" / "Sub6.pyi").read_text()
        assert "class Item6(Item5)" in item, item
