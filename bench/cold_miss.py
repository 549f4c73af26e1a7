"""Measurement 4: cold misses, interleaved with their baselines (driven by bench/cold-miss.sh).

Each round runs, in an order that rotates from round to round so slow drifts in machine load hit
every variant alike:
  depend group:        castxml alone | castxml-cache, depend mode, fresh cache dir |
                       castxml-cache, depend mode, warm cache dir, direct miss (unique -DUNUSED_n)
  preprocessor group:  castxml alone | castxml -E alone | castxml-cache, preprocessor mode, fresh dir
Every cache run logs to its own file; the shell script checks every record is result=miss.
Wall time is measured with time.perf_counter around subprocess.run (spawn cost ~1 ms, vs ~2.5 s);
CPU time (user + system of the process and all its descendants, getrusage(RUSAGE_CHILDREN)) is
recorded too: on a shared machine it is less disturbed by other load than wall time.

    python bench/cold_miss.py CONFIG.json
"""
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import time


def main() -> None:
    cfg = json.load(open(sys.argv[1]))
    tu, work, out = cfg["tu"], cfg["work"], cfg["out"]
    rounds = int(cfg["rounds"])
    cache, castxml = cfg["cache_bin"], cfg["castxml"]
    itk, itk_e = cfg["itk_args"], cfg["itk_e_args"]
    warm_dir = os.path.join(work, "cache-miss-warm")
    logs = {k: os.path.join(out, f"cold.{k}.log") for k in ("dep", "warm", "pp")}

    def fresh(path: str) -> str:
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path

    cpu = [0.0]  # CPU time (user + system, all descendants) of the last timed run

    def timed(argv: list[str]) -> float:
        for stale in ("itk.xml", "itk.plain.xml", "itk.i"):
            try:
                os.unlink(os.path.join(tu, stale))
            except FileNotFoundError:
                pass
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=tu, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[0] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if argv[0] == cache and not filecmp.cmp(os.path.join(tu, "itk.xml"), os.path.join(tu, "itk.ref.xml"), shallow=False):
            sys.exit(f"castxml-cache wrote different XML: {argv}")
        return elapsed

    plain = [castxml, *itk, "-o", "itk.plain.xml"]
    e_only = [castxml, *itk_e, "-o", "itk.i"]

    def dep_cold(i: int) -> list[str]:
        return [cache, "--cache-dir", fresh(os.path.join(work, "cache-cold-dep")), "--cache-mode", "depend",
                "--log", logs["dep"], castxml, *itk, "-o", "itk.xml"]

    def dep_warm(i: int) -> list[str]:
        return [cache, "--cache-dir", warm_dir, "--cache-mode", "depend", "--log", logs["warm"],
                castxml, *itk, f"-DUNUSED_{1000 + i}", "-o", "itk.xml"]

    def pp_cold(i: int) -> list[str]:
        return [cache, "--cache-dir", fresh(os.path.join(work, "cache-cold-pp")), "--cache-mode", "preprocessor",
                "--log", logs["pp"], castxml, *itk, "-o", "itk.xml"]

    groups = {
        "depend": [("castxml", lambda i: plain), ("depend cold miss", dep_cold), ("depend warm-dir miss", dep_warm)],
        "preprocessor": [("castxml", lambda i: plain), ("castxml -E", lambda i: e_only), ("preprocessor cold miss", pp_cold)],
    }
    # Untimed warm-up: page cache, and the warm dir gets its tool identity (and one entry).
    fresh(warm_dir)
    subprocess.run([cache, "--cache-dir", warm_dir, "--log", os.path.join(out, "cold.warmup.log"), castxml, *itk,
                    "-DUNUSED_0", "-o", "itk.xml"], cwd=tu, check=True)
    subprocess.run(e_only, cwd=tu, check=True)

    result: dict = {"rounds": rounds, "groups": {}}
    for gname, variants in groups.items():
        rows = []
        for i in range(rounds):
            k = i % len(variants)
            order = variants[k:] + variants[:k]
            row = {"round": i, "order": [n for n, _ in order], "load": open("/proc/loadavg").read().split()[:3]}
            for name, make in order:
                row[name] = timed(make(i))
                row[name + " cpu"] = cpu[0]
            rows.append(row)
            print(f"[cold-miss] {gname} round {i + 1}/{rounds}: "
                  + ", ".join(f"{n} {row[n]:.3f}s" for n, _ in variants) + f" (load {' '.join(row['load'])})",
                  file=sys.stderr)
        result["groups"][gname] = rows
    # The same calls, split by castxml-cache's own log: total wall time vs the castxml runs inside
    # it (castxml_us, preprocess_us). Their difference is the cache's own cost, free of the
    # run-to-run noise of a 2.5 s castxml that the interleaved ratios above carry.
    result["same_run"] = {}
    for key, log in logs.items():
        calls = []
        for line in open(log):
            fields = dict(f.split("=", 1) for f in line.split() if "=" in f and not f.startswith(("reason", "note", "cwd")))
            if "castxml_us" in fields:
                calls.append({k: int(fields[k]) for k in ("us", "castxml_us", "preprocess_us") if k in fields})
        result["same_run"][key] = calls
    json.dump(result, open(os.path.join(out, "cold-miss.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
