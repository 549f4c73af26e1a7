"""The writers the crash tests kill: each knows how to reset its directory to the "old" state, the
command that writes the "new" state, which files it writes, and what a clean run leaves."""
import shutil
import subprocess
import sqlite3
from pathlib import Path
from typing import Dict, List, Optional

from castxml_cache_harness import Cache, Project, output_path
from conftest import tool
from stubgen_support import Tree
from wrapgen_support import DB_NAME, module_args, run_castxml

OLD_OUTPUT = b"<?xml version=\"1.0\"?>\n<!-- the previous output, which the run must replace whole -->\n"


class Writer:
    """One writer kind. `reset()` gives the old state; `command`/`cwd`/`env` the run to kill; `files()` what
    it may write; `allowed(path)` the states a file may be in after a kill; `check_state()` anything else
    (None when fine); `next_run()` None when the next clean run produces exactly the clean result."""
    name = ""
    command: List[str]
    cwd: Optional[Path] = None
    env: Optional[Dict[str, str]] = None

    def reset(self) -> None:
        raise NotImplementedError

    def files(self) -> List[Path]:
        raise NotImplementedError

    def allowed(self, path: Path) -> Dict[str, Optional[bytes]]:
        raise NotImplementedError

    def check_state(self) -> Optional[str]:
        return None

    def next_run(self) -> Optional[str]:
        raise NotImplementedError


class CacheStore(Writer):
    """castxml-cache on a miss: castxml runs, the object and the entry file are stored, the output written."""
    name = "castxml-cache store"

    def __init__(self, root: Path):
        self.cache, self.project = Cache(root), Project(root / "checkout")
        self.args, self.cwd = self.project.args(), self.project.build
        self.out = output_path(self.args, self.cwd)
        self.fresh = self.cache.reference(self.args, self.cwd)
        self.command = self.cache.command(self.args)
        self.env = self.cache.env()

    def reset(self) -> None:
        shutil.rmtree(self.cache.dir, ignore_errors=True)
        self.out.write_bytes(OLD_OUTPUT)

    def files(self) -> List[Path]:
        return [self.out]

    def allowed(self, path: Path) -> Dict[str, Optional[bytes]]:
        return {"old": OLD_OUTPUT, "new": self.fresh, "absent": None}

    def next_run(self) -> Optional[str]:
        for attempt in ("rerun", "rerun without the output"):
            result = self.cache.run(self.args, self.cwd)
            if result.returncode != 0:
                return f"{attempt}: exit {result.returncode}: {result.stderr.decode()[-800:]}"
            if self.out.read_bytes() != self.fresh:
                return f"{attempt}: the output differs from a direct castxml run"
            if self.cache.last_result() in ("bypass", "error"):
                return f"{attempt}: {self.cache.log_lines()[-1]}"
            self.out.unlink()
        return None


class CacheRestore(CacheStore):
    """castxml-cache on a direct hit over an old output: the object is restored to the output."""
    name = "castxml-cache restore"

    def __init__(self, root: Path):
        super().__init__(root)
        self.warm()

    def warm(self) -> None:
        shutil.rmtree(self.cache.dir, ignore_errors=True)
        self.out.unlink(missing_ok=True)
        result = self.cache.run(self.args, self.cwd)
        assert result.returncode == 0 and self.out.read_bytes() == self.fresh, result.stderr.decode()

    def reset(self) -> None:
        self.out.write_bytes(OLD_OUTPUT)

    def next_run(self) -> Optional[str]:
        before = self.cache.processes()
        problem = super().next_run()
        if problem is None and self.cache.processes() != before:
            problem = "a killed hit damaged the stored entry: the next run had to run castxml"
            self.warm()
        return problem


class WrapgenCommit(Writer):
    """wrapgen replacing module Base (Shapes only) by Base (Shapes + Points): rows, .i/.idx/.index.txt, stamp."""
    name = "wrapgen commit"

    def __init__(self, root: Path):
        xml = run_castxml(root / "xml")
        self.work = root / "work"
        self.out, self.db = self.work / "out", self.work / "db"
        new = [str(a) for a in module_args("Base", xml, self.out, self.db)]
        old = ["--module", "Base", "--owner", "example", "--database-dir", str(self.db), "--output-dir",
               str(self.out), "--submodule", f"Shapes={xml['Shapes']}", "--include", "Shapes=shape.h"]
        self.old_command, self.command = [tool("wrapgen"), *old], [tool("wrapgen"), *new]
        self.old_state, self.old_rows = self._run(self.old_command)
        self.new_state, self.new_rows = self._run(self.command)
        assert self.old_rows != self.new_rows and self.old_state != self.new_state

    def _run(self, command) -> tuple:

        result = subprocess.run(command, capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        return self.state(), self.rows()

    def state(self) -> Dict[str, bytes]:
        return {p.name: p.read_bytes() for p in self.out.iterdir() if p.is_file() and ".tmp." not in p.name}

    def rows(self) -> list:
        with sqlite3.connect(self.db / DB_NAME) as connection:
            return connection.execute("SELECT key, module, submodule, data FROM records ORDER BY key").fetchall()

    def reset(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self._run(self.old_command)

    def files(self) -> List[Path]:
        return [self.out / n for n in sorted(set(self.old_state) | set(self.new_state))]

    def allowed(self, path: Path) -> Dict[str, Optional[bytes]]:
        return {"old": self.old_state.get(path.name), "new": self.new_state.get(path.name), "absent": None}

    def check_state(self) -> Optional[str]:
        try:
            rows = self.rows()
        except sqlite3.Error as error:
            return f"the database cannot be read after the kill: {error}"
        if rows not in (self.old_rows, self.new_rows):
            return f"the database holds neither the old nor the new rows ({len(rows)} rows)"
        return None

    def stamp_agrees(self) -> Optional[str]:
        """Item 7: a stamp left behind describes the rows in the database."""
        stamp = self.out / "Base.stamp"
        if stamp.exists() and stamp.read_bytes() == self.old_state["Base.stamp"] and self.rows() == self.new_rows:
            return "the old stamp survived a commit of new rows"
        return None

    def next_run(self) -> Optional[str]:

        result = subprocess.run(self.command, capture_output=True)
        if result.returncode != 0:
            return f"exit {result.returncode}: {result.stderr.decode()[-800:]}"
        if self.state() != self.new_state:
            return f"outputs differ from a clean run: {sorted(n for n in self.new_state if self.state().get(n) != self.new_state[n])}"
        if self.rows() != self.new_rows:
            return "rows differ from a clean run"
        return None


class StubgenWrite(Writer):
    """stubgen replacing old stubs (and its state file) in a wrapped tree."""
    name = "stubgen write"

    def __init__(self, root: Path):
        self.tree = Tree(root / "tree", run_castxml(root / "xml")).wrap()
        self.command = [tool("stubgen"), *map(str, self.tree.args())]

        result = subprocess.run(self.command, capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        self.new = {name: data for name, (data, _) in self.tree.stubs().items()}
        self.old = {name: b"# an old stub, which the run must replace whole\n" for name in self.new}

    def reset(self) -> None:
        for name, data in self.old.items():
            (self.tree.pkg / name).write_bytes(data)
        for state in self.tree.db.glob("stubgen-*.state"):
            state.unlink()

    def files(self) -> List[Path]:
        return [self.tree.pkg / n for n in sorted(self.new)]

    def allowed(self, path: Path) -> Dict[str, Optional[bytes]]:
        return {"old": self.old[path.name], "new": self.new[path.name], "absent": None}

    def next_run(self) -> Optional[str]:
        for attempt in ("rerun", "no-op rerun"):
            result = self.tree.stubgen()
            if result.returncode != 0:
                return f"{attempt}: exit {result.returncode}: {result.stderr.decode()[-800:]}"
            got = {name: data for name, (data, _) in self.tree.stubs().items()}
            if got != self.new:
                return f"{attempt}: stubs differ from a clean run: {sorted(n for n in self.new if got.get(n) != self.new[n])}"
        return None


WRITERS = {"cache-store": CacheStore, "cache-restore": CacheRestore, "wrapgen": WrapgenCommit,
           "stubgen": StubgenWrite}
