"""Helpers of bench/graph-scale.sh: generate the projects, edit a header, sum .ninja_log steps.

  project DIR PACKAGE MODULES SUBMODULES   a project of SUBMODULES submodules spread over MODULES modules
  itk DIR SUBMODULES                       an ITK-shaped project (ITK 5.2 headers), two modules
  edit HEADER                              add a method to a generated header (changes its XML)
  steps NINJA_LOG LOG_BEFORE VARIANT LABEL START END BUILD_LOG   one Markdown result row
"""
import re
import sys
from pathlib import Path

PRELUDE = """cmake_minimum_required(VERSION 3.20)
project({package} LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH "${{SWIFTWRAP_MODULE_PATH}}")
include(SwiftWrapCache)
"""


def project(root, package, modules, submodules):
    root = Path(root)
    (root / "include").mkdir(parents=True, exist_ok=True)
    (root / "include" / "base.h").write_text(
        "#pragma once\nnamespace gs {\nclass Base {\npublic:\n  virtual ~Base() = default;\n"
        "  virtual int Value() const { return 0; }\n};\n}\n")
    lines = [PRELUDE.format(package=package)]
    per_module = [[] for _ in range(modules)]
    for k in range(submodules):
        per_module[k % modules].append(k)
    for m, ks in enumerate(per_module):
        (root / "include" / f"m{m}").mkdir(exist_ok=True)
        names = []
        for k in ks:
            sub = f"S{m}_{k}"
            names.append(sub)
            if k == 0:  # the base class alone in its submodule (SWIG names a sibling's derived classes otherwise)
                lines.append(f"swiftwrap_add_submodule({sub} HEADERS base.h TYPES gs::Base)")
                continue
            name = f"C{m}_{k}"
            # Module 0's classes stand alone; the other modules' derive from module 0's Base.
            base, override = (" : public Base", " override") if m > 0 else ("", "")
            (root / "include" / f"m{m}" / f"s{k}.h").write_text(
                f'#pragma once\n#include "base.h"\nnamespace gs {{\nclass {name}{base} {{\npublic:\n'
                f"  int Value() const{override} {{ return {k}; }}\n  void Set(int v) {{ m_V = v; }}\n"
                f"  int Get() const {{ return m_V; }}\n  static {name} Make() {{ return {name}(); }}\n"
                f"private:\n  int m_V = {k};\n}};\n}}\n")
            lines.append(f"swiftwrap_add_submodule({sub} HEADERS m{m}/s{k}.h TYPES gs::{name})")
        depends = " DEPENDS M0" if m > 0 else ""
        lines.append(f"swiftwrap_add_module(M{m} SUBMODULES {' '.join(names)}{depends} INCLUDE_DIRECTORIES include)")
    lines.append(f"swiftwrap_add_python_package({package})")
    (root / "CMakeLists.txt").write_text("\n".join(lines) + "\n")


ITK_TYPES = [("itkSize.h", "itk::Size<2>=Size2"), ("itkIndex.h", "itk::Index<2>=Index2"),
             ("itkOffset.h", "itk::Offset<2>=Offset2"), ("itkImageRegion.h", "itk::ImageRegion<2>=ImageRegion2"),
             ("itkPoint.h", "itk::Point<double,2>=PointD2"), ("itkFixedArray.h", "itk::FixedArray<double,3>=FixedArrayD3"),
             ("itkSize.h", "itk::Size<3>=Size3"), ("itkIndex.h", "itk::Index<3>=Index3")]


def itk(root, submodules):
    root = Path(root)
    (root / "include").mkdir(parents=True, exist_ok=True)
    (root / "include" / "gi_common.h").write_text('#pragma once\n#include "itkImage.h"\n')
    lines = [PRELUDE.format(package="gi")]
    subs = {"ItkA": [], "ItkB": []}
    for k in range(submodules):
        header, entry = ITK_TYPES[k % len(ITK_TYPES)]
        sub = f"I{k}"
        lines.append(f"swiftwrap_add_submodule({sub} HEADERS gi_common.h {header} TYPES \"{entry.replace('=', f'=K{k}')}\")")
        subs["ItkA" if k < submodules // 2 else "ItkB"].append(sub)
    lines.append(f"swiftwrap_add_module(ItkA SUBMODULES {' '.join(subs['ItkA'])} "
                 "INCLUDE_DIRECTORIES include /usr/include/ITK-5.2)")
    lines.append(f"swiftwrap_add_module(ItkB SUBMODULES {' '.join(subs['ItkB'])} "
                 "INCLUDE_DIRECTORIES include /usr/include/ITK-5.2)")
    lines.append("swiftwrap_add_python_package(gi)")
    (root / "CMakeLists.txt").write_text("\n".join(lines) + "\n")


def edit(header):
    path = Path(header)
    text = path.read_text()
    path.write_text(text.replace("private:", "  int Twice() const { return 2 * m_V; }\nprivate:", 1))


KINDS = [(r"\.xml$", "castxml"), (r"\.stamp$", "wrapgen"), (r"_wrap\.cxx$", "SWIG"), (r"\.o$", "compile"),
         (r"\.so$", "link"), (r"\.pyi$", "stubgen"), (r"\.headers\.sha256$", "header digest"),
         (r"\.(cxx|castxml\.inc)$", "translation unit copy")]


def steps(log, first, variant, label, start, end, build_log):
    known = set(Path(first).read_text().splitlines())
    lines = [line for line in Path(log).read_text().splitlines() if line not in known]
    seen = {}
    for line in lines:
        if line.startswith("#"):
            continue
        s, e, _, path, command = line.split("\t")
        seen.setdefault((s, e, command), []).append(path)
    totals = {}
    for (s, e, _), paths in seen.items():
        kind = "other"
        for pattern, name in KINDS:
            if any(re.search(pattern, p) for p in paths):
                kind = name
                break
        totals[kind] = totals.get(kind, 0.0) + (int(e) - int(s)) / 1000.0
    wall = float(end) - float(start)
    noop = "no work to do" in Path(build_log).read_text()
    detail = ", ".join(f"{k} {v:.2f}" for k, v in sorted(totals.items(), key=lambda kv: -kv[1])) or \
        ("no work to do" if noop else "-")
    print(f"| {variant} | {label} | {wall:.2f} | {len(seen)} | {detail} |")


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "project":
        project(args[0], args[1], int(args[2]), int(args[3]))
    elif command == "itk":
        itk(args[0], int(args[1]))
    elif command == "edit":
        edit(args[0])
    elif command == "steps":
        steps(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
