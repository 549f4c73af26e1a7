"""Helpers for the wrapgen end-to-end tests: run the real castxml on the test header set
(Tests/Fixtures/headers), run wrapgen on the XML, and build the SWIG modules."""
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import REPO, require, run, tool

HEADERS = REPO / "Tests" / "Fixtures" / "headers"
# submodule -> (module, header it wraps)
SUBMODULES = {
    "Shapes": ("Base", "shape.h"),
    "Points": ("Base", "point.h"),
    "Circles": ("Figures", "circle.h"),
}
DB_NAME = "records-v2.db"


def castxml_command(castxml: str, source: Path, output: Path) -> list:
    return [castxml, "--castxml-output=1", "--castxml-start", "_wrapping_",
            "--castxml-cc-gnu", "(", "g++", "-std=c++17", "-fno-sized-deallocation", ")",
            "-w", "-c", f"-I{HEADERS / 'base'}", f"-I{HEADERS / 'figures'}", "-o", str(output), str(source)]


def run_castxml(out_dir: Path, castxml: str | None = None) -> dict:
    """Runs castxml on every test submodule; returns submodule -> XML path."""
    castxml = castxml or require("castxml")
    out_dir.mkdir(parents=True, exist_ok=True)
    xml = {}
    for sub in SUBMODULES:
        target = out_dir / f"{sub}.xml"
        result = run(castxml_command(castxml, HEADERS / f"{sub}.cxx", target))
        assert result.returncode == 0, result.stderr.decode()
        xml[sub] = target
    return xml


def wrapgen(args, env=None, cwd=None) -> subprocess.CompletedProcess:
    return run([tool("wrapgen"), *args], env=env, cwd=cwd)


def module_args(module: str, xml: dict, out: Path, db: Path, owner: str = "example") -> list:
    args = ["--module", module, "--owner", owner, "--database-dir", str(db), "--output-dir", str(out)]
    for sub, (mod, header) in SUBMODULES.items():
        if mod == module:
            args += ["--submodule", f"{sub}={xml[sub]}", "--include", f"{sub}={header}"]
    if module == "Figures":
        args += ["--import-idx", str(out / "Shapes.idx"), "--import-idx", str(out / "Points.idx")]
    return args


def generate_all(xml: dict, out: Path, db: Path, env=None) -> list:
    """Runs wrapgen for Base then Figures; returns the two results."""
    results = []
    for module in ("Base", "Figures"):
        result = wrapgen(module_args(module, xml, out, db), env=env)
        assert result.returncode == 0, result.stderr.decode()
        results.append(result)
    return results


def rows(db: Path) -> list:
    with sqlite3.connect(db / DB_NAME) as connection:
        return connection.execute("SELECT owner, key, module, submodule, python_name, cpp_type, kind, data "
                                  "FROM records ORDER BY owner, key").fetchall()


def snapshot(directory: Path) -> dict:
    """name -> (bytes, mtime_ns) of every file in a directory."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir()) if p.is_file()}


def build_package(out: Path, package_dir: Path, python: str) -> None:
    """Runs the real SWIG on every .i and compiles each into package_dir/_<sub>.so."""
    swig = require("swig")
    gxx = require("g++")
    include = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"],
                                      text=True).strip()
    suffix = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
                                     text=True).strip()
    package_dir.mkdir(parents=True, exist_ok=True)
    (package_dir / "__init__.py").write_text("")
    for sub in SUBMODULES:
        wrapper = out / f"{sub}_wrap.cxx"
        result = run([swig, "-c++", "-python", "-Werror", f"-I{out}", "-outdir", package_dir,
                      "-o", wrapper, out / f"{sub}.i"])
        assert result.returncode == 0, f"SWIG rejected {sub}.i:\n" + result.stderr.decode()
        result = run([gxx, "-shared", "-fPIC", "-O0", "-w", f"-I{include}", f"-I{HEADERS / 'base'}",
                      f"-I{HEADERS / 'figures'}", wrapper, "-o", package_dir / f"_{sub}{suffix}"])
        assert result.returncode == 0, f"compiling {sub} failed:\n" + result.stderr.decode()


def python_interpreter() -> str:
    return os.environ.get("SWIFTWRAP_PYTHON") or sys.executable
