"""Helpers for the stubgen end-to-end tests: a wrapped tree (castxml + wrapgen on the test header
set) and a stubgen command line over it."""
import sqlite3
import subprocess
from pathlib import Path

from conftest import run, tool
from wrapgen_support import DB_NAME, SUBMODULES, generate_all

# Dependency order, as the CMake module writes __init__.py.
ORDER = ["Shapes", "Points", "Circles"]
STUBS = [f"{s}.pyi" for s in ORDER] + ["__init__.pyi"]


class Tree:
    """A wrapgen output tree: XML, manifests/stamps in out/, the database in db/, stubs in pkg/example."""

    def __init__(self, root: Path, xml: dict, owner: str = "example"):
        self.root, self.xml, self.owner = root, xml, owner
        self.out, self.db, self.pkg = root / "out", root / "db", root / "pkg" / "example"

    def wrap(self, env=None):
        generate_all(self.xml, self.out, self.db, env=env)
        return self

    def args(self, *extra, manifests=None, stamps=("Base", "Figures")):
        args = ["--database-dir", self.db, "--output-dir", self.pkg, "--owner", self.owner]
        for sub in manifests if manifests is not None else ORDER:
            args += ["--manifest", self.out / f"{sub}.index.txt"]
        for module in stamps:
            args += ["--stamp", self.out / f"{module}.stamp"]
        return args + list(extra)

    def stubgen(self, *extra, manifests=None, stamps=("Base", "Figures"), env=None, cwd=None) -> subprocess.CompletedProcess:
        return run([tool("stubgen"), *self.args(*extra, manifests=manifests, stamps=stamps)], env=env, cwd=cwd)

    def stubs(self) -> dict:
        """name -> (bytes, mtime_ns) of the files stubgen writes."""
        return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(self.pkg.iterdir()) if p.suffix == ".pyi" or p.name == "py.typed"}

    def keys(self, owner=None) -> list:
        with sqlite3.connect(self.db / DB_NAME) as connection:
            return [k for (k,) in connection.execute("SELECT key FROM records WHERE owner = ? ORDER BY key",
                                                     (owner or self.owner,))]


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr.decode()
    return result
