"""Helpers for the size-cap, eviction and several-roots tests (issue 13)."""
import json
import os
import time
from pathlib import Path
from typing import Dict, List

from castxml_cache_harness import Cache, Project, assert_ok, run_cmd, write

BLOCK = 4096


def disk_usage(root: Path) -> int:
    """What the cap counts: every regular file under the root, its size rounded up to 4 KiB, without
    temporary files of running stores (`.<name>.tmp.XXXXXX`)."""
    total = 0
    for directory, _, names in os.walk(root):
        for name in names:
            if name.startswith(".") and ".tmp." in name:
                continue
            path = Path(directory, name)
            if path.is_symlink() or not path.is_file():
                continue
            total += (path.stat().st_size + BLOCK - 1) // BLOCK * BLOCK
    return total


def stats_json(cache: Cache, env: Dict[str, str] = None) -> Dict:
    result = run_cmd([cache.tool, "--show-stats", "--json"], env=cache.env(env))
    assert_ok(result, "castxml-cache --show-stats --json")
    return json.loads(result.stdout)


def translation_units(project: Project, count: int, prefix: str = "t", size: int = 40) -> List[Path]:
    """`count` translation units whose XML differs (each declares its own `size` structs)."""
    units = []
    for i in range(count):
        body = "".join(f"struct {prefix}{i}_S{j} {{ int a{j}; double b{j}[{i + 1}]; }};\n" for j in range(size))
        units.append(write(project.src / f"{prefix}{i:02d}.cxx", '#include "shapes/base.h"\n' + body))
    return units


def object_keys(cache: Cache) -> List[str]:
    """The object key of every stored miss, in log order."""
    keys = []
    for line in cache.log_lines():
        if "result=miss" in line and " object=" in line and "not stored" not in line:
            keys.append(line.split(" object=")[1].split()[0])
    return keys


def object_path(cache: Cache, key: str) -> Path:
    return cache.dir / "v2" / "objects" / key[:2] / f"{key}.obj"


def entry_path(cache: Cache, key: str) -> Path:
    return cache.dir / "v2" / "manifests" / key[:2] / f"{key}.mf"


def direct_keys(cache: Cache) -> List[str]:
    keys = []
    for line in cache.log_lines():
        if "result=miss" in line and " direct=" in line:
            keys.append(line.split(" direct=")[1].split()[0])
    return keys


def age_items(cache: Cache, seconds: float) -> None:
    """Sets the last use (mtime) of every entry file and object to `seconds` ago."""
    when = time.time() - seconds
    for kind, suffix in (("manifests", ".mf"), ("objects", ".obj")):
        for path in (cache.dir / "v2" / kind).rglob(f"*{suffix}"):
            os.utime(path, (when, when))


def log_castxml_arguments(cache: Cache) -> None:
    """Makes the counting castxml wrapper log its arguments, so `compile_runs` can tell runs that
    write XML from the one-time probes of castxml's search list (`-E -v`) for a new root."""
    from castxml_cache_harness import CASTXML, write_script
    write_script(Path(cache.castxml), f'echo "$$ $*" >> "{cache.counter}"\nexec "{CASTXML}" "$@"\n')


def compile_runs(cache: Cache) -> int:
    if not cache.counter.exists():
        return 0
    return sum(1 for line in cache.counter.read_text().splitlines() if " -o " in f" {line} " and " -E " not in f" {line} ")
