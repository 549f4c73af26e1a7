"""Turns the raw results in $BENCH_OUT into tables (bench/run-all.sh calls `report`).

    python bench/analyze.py runs HYPERFINE.json INDEX    number of timed runs of one command
    python bench/analyze.py report BENCH_OUT             write BENCH_OUT/summary.md and print it

Timings: median and range (min-max) over the timed runs; ratios are taken against a baseline
measured in the same hyperfine invocation or, for cold misses, in the same interleaved round.
"""
import json
import os
import platform
import statistics
import subprocess
import sys

MB = 1_000_000


def med(xs):
    return statistics.median(xs)


def ms(x):
    return f"{x * 1000:.1f}"


def verdict(ok):
    return "**PASS**" if ok else "**FAIL**"


def load_hf(out, name):
    path = os.path.join(out, f"{name}.json")
    if not os.path.exists(path):
        return None
    return {r["command"]: r for r in json.load(open(path))["results"]}


def hf_row(r, base=None, base_label="castxml"):
    t = r["times"]
    row = f"| {r['command']} | {ms(med(t))} | {ms(min(t))}–{ms(max(t))} | {ms(r['user'] + r['system'])} | {len(t)} |"
    if base is not None:
        row += f" {med(base['times']) / med(t):.0f}× |"
    return row


def variant_table(p, rows, names):
    """Median and range of each variant over the interleaved rounds, wall time then CPU time."""
    p("| variant | median s | range s |")
    p("|---|---|---|")
    for k in names:
        xs = [row[k] for row in rows]
        p(f"| {k} | {med(xs):.3f} | {min(xs):.3f}–{max(xs):.3f} |")
    if "castxml cpu" in rows[0]:
        for k in names:
            xs = [row[k + " cpu"] for row in rows]
            p(f"| {k}: CPU time (user+sys, incl. children) | {med(xs):.3f} | {min(xs):.3f}–{max(xs):.3f} |")


def read_pairs(path):
    d = {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.split()
            if len(parts) == 2:
                d[parts[0]] = int(parts[1])
    return d


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001
        return f"({e})"


def report(out):
    L = []
    p = L.append
    p("# castxml-cache benchmark results\n")
    p(f"- date (UTC): {sh('date -u +%Y-%m-%dT%H:%M:%SZ')}")
    cpu = sh("lscpu | sed -n 's/^Model name: *//p'")
    mem = sh("free -g | awk '/^Mem:/{print $2}'")
    p(f"- machine: {os.cpu_count()} CPUs, {cpu}, {mem} GB RAM, {platform.platform()}")
    p(f"- tools: {sh('castxml --version | head -1')}; {sh('ccache --version | head -1')}; "
      f"{sh('hyperfine --version')}; {sh('zstd --version')}; {sh('gzip --version | head -1')}")
    if os.path.exists(os.path.join(out, "binary.txt")):
        p("- castxml-cache measured (start / end of the run: mtime, sha256 prefix, git HEAD):\n")
        p("```")
        p(open(os.path.join(out, "binary.txt")).read().rstrip())
        p("```")
    if os.path.exists(os.path.join(out, "load.txt")):
        p("- load average (1/5/15 min, running/total tasks) at the start and end of each measurement:\n")
        p("```")
        p(open(os.path.join(out, "load.txt")).read().rstrip())
        p("```")
    p("")

    # 1. ITK direct hit
    r = load_hf(out, "hit-itk")
    if r:
        base = r["castxml"]
        p("## 1. Direct hit, ITK TU (`bash bench/hit-itk.sh`)\n")
        p("| command | median ms | range ms | mean CPU ms (user+sys) | runs | castxml median / this median |")
        p("|---|---|---|---|---|---|")
        for c in r.values():
            p(hf_row(c, base))
        sizes = read_pairs(os.path.join(out, "hit-itk.sizes"))
        if sizes:
            p(f"\nXML {sizes.get('xml_bytes', 0) / MB:.2f} MB; cache object (default codec, lz4) {sizes.get('object_bytes', 0) / MB:.2f} MB.\n")
        p("| target | measured | verdict |")
        p("|---|---|---|")
        for name in ("hit, output present", "hit, output deleted"):
            if name in r:
                m = med(r[name]["times"])
                ratio = med(base["times"]) / m
                p(f"| {name}: median ≤ 15 ms | {ms(m)} ms | {verdict(m <= 0.015)} |")
                p(f"| {name}: ≥ 200× faster than castxml | {ratio:.0f}× | {verdict(ratio >= 200)} |")
        p("")

    # 1b. many manifest entries
    hits, cx = load_hf(out, "hit-many"), load_hf(out, "hit-many-castxml")
    if hits and cx:
        base = cx["castxml"]
        p("## 1b. Direct hit on a manifest with 16 entries, ITK TU + extra.h (`bash bench/hit-many-entries.sh`)\n")
        p("| command | median ms | range ms | mean CPU ms (user+sys) | runs | castxml median / this median |")
        p("|---|---|---|---|---|---|")
        p(hf_row(base, base))
        for c in hits.values():
            p(hf_row(c, base))
        p("\n| target | measured | verdict |")
        p("|---|---|---|")
        for name, c in hits.items():
            m = med(c["times"])
            ratio = med(base["times"]) / m
            p(f"| {name}: median ≤ 15 ms, ≥ 200× castxml | {ms(m)} ms, {ratio:.0f}× | {verdict(m <= 0.015 and ratio >= 200)} |")
        p("")

    # 5. RSS
    rss_path = os.path.join(out, "rss.txt")
    if os.path.exists(rss_path):
        by = {}
        for line in open(rss_path):
            k, v = line.split()
            by.setdefault(k, []).append(int(v))
        p("## 5. Peak RSS of one direct-hit process, ITK TU (`bash bench/hit-itk.sh`, `/usr/bin/time -f %M`)\n")
        p("| process | runs | median MiB | max MiB |")
        p("|---|---|---|---|")
        for k, label in (("present", "hit, output present"), ("deleted", "hit, output deleted"),
                         ("version", "castxml-cache --version"), ("zstd-d", "zstd -d of the XML (CLI)")):
            if k in by:
                p(f"| {label} | {len(by[k])} | {med(by[k]) / 1024:.1f} | {max(by[k]) / 1024:.1f} |")
        worst = max(by.get("present", [0]) + by.get("deleted", [0]))
        p(f"\n| target | measured (max over runs) | verdict |\n|---|---|---|\n"
          f"| ≤ 50 MB (48,828 KiB) | {worst} KiB = {worst * 1024 / MB:.1f} MB | {verdict(worst * 1024 <= 50 * MB)} |\n")

    # 2. stl vs ccache
    r = load_hf(out, "hit-stl")
    if r:
        p("## 2. Direct hit, stl.cxx: castxml-cache vs ccache (`bash bench/hit-stl-vs-ccache.sh`)\n")
        p("| command | median ms | range ms | mean CPU ms (user+sys) | runs |")
        p("|---|---|---|---|---|")
        for c in r.values():
            p(hf_row(c))
        p("\n| target: castxml-cache no slower than ccache | castxml-cache / ccache (medians) | verdict |")
        p("|---|---|---|")
        for v in ("output present", "output deleted"):
            a, b = r.get(f"castxml-cache hit, {v}"), r.get(f"ccache hit, {v}")
            if a and b:
                q = med(a["times"]) / med(b["times"])
                p(f"| {v} | {ms(med(a['times']))} / {ms(med(b['times']))} ms = {q:.2f} | {verdict(q <= 1.0)} |")
        p("")

    # 3. preprocessed hit
    path = os.path.join(out, "pp-hit.json")
    if os.path.exists(path):
        res = json.load(open(path))["results"]
        e = {x["parameters"]["n"]: x["times"][0] for x in res if "castxml-cache" not in x["command"] and " -MD " not in x["command"]}
        emd = {x["parameters"]["n"]: x["times"][0] for x in res if "castxml-cache" not in x["command"] and " -MD " in x["command"]}
        h = {x["parameters"]["n"]: x["times"][0] for x in res if "castxml-cache" in x["command"]}
        ns = sorted(set(e) & set(h), key=int)
        if ns:
            ev, hv = [e[n] for n in ns], [h[n] for n in ns]
            ratios = [h[n] / e[n] for n in ns]
            p("## 3. Preprocessed-level hit, ITK TU (`bash bench/preprocessed-hit.sh`)\n")
            p("Each value n of `-DUNUSED_n` is run once by each command, interleaved (hyperfine --parameter-scan).\n")
            p("| command | median ms | range ms | runs |")
            p("|---|---|---|---|")
            p(f"| castxml -E (same flags) | {ms(med(ev))} | {ms(min(ev))}–{ms(max(ev))} | {len(ev)} |")
            if emd:
                mv = [emd[n] for n in ns if n in emd]
                p(f"| castxml -E -MD -MF (what the cache runs) | {ms(med(mv))} | {ms(min(mv))}–{ms(max(mv))} | {len(mv)} |")
            p(f"| castxml-cache preprocessed hit | {ms(med(hv))} | {ms(min(hv))}–{ms(max(hv))} | {len(hv)} |")
            q = med(hv) / med(ev)
            p(f"\nPer-value ratio hit / -E: median {med(ratios):.2f}, range {min(ratios):.2f}–{max(ratios):.2f}.\n")
            p("| target | measured | verdict |\n|---|---|---|")
            # Paired, like the cold misses: each value n runs -E and the hit back to back, so the
            # per-value ratio cancels the machine's drift that the two medians each carry.
            p(f"| hit ≤ castxml -E + 10%: median of per-value (paired) ratios ≤ 1.10 | {med(ratios):.2f} "
              f"(range {min(ratios):.2f}–{max(ratios):.2f}) | {verdict(med(ratios) <= 1.10)} |")
            p(f"| (informational) ratio of the two medians | {q:.2f} | – |\n")

    # 4. cold misses
    path = os.path.join(out, "cold-miss.json")
    if os.path.exists(path):
        d = json.load(open(path))
        p(f"## 4. Cold misses, ITK TU (`bash bench/cold-miss.sh`, {d['rounds']} interleaved rounds per group)\n")
        dep = d["groups"].get("depend", [])
        if dep:
            variant_table(p, dep, ("castxml", "depend cold miss", "depend warm-dir miss"))
            rc = [row["depend cold miss"] / row["castxml"] for row in dep]
            rw = [row["depend warm-dir miss"] / row["castxml"] for row in dep]
            p(f"\nPer-round ratios to castxml: cold (fresh dir) {', '.join(f'{x:.3f}' for x in rc)}; "
              f"warm-dir miss {', '.join(f'{x:.3f}' for x in rw)}.\n")
            p("| target | measured | verdict |\n|---|---|---|")
            p(f"| depend-mode cold miss / castxml, median of per-round ratios ≤ 1.05 | {med(rc):.3f} "
              f"(range {min(rc):.3f}–{max(rc):.3f}) | {verdict(med(rc) <= 1.05)} |")
            p(f"| (informational) depend-mode miss with a warm cache dir / castxml | {med(rw):.3f} "
              f"(range {min(rw):.3f}–{max(rw):.3f}) | – |")
            if "castxml cpu" in dep[0]:
                cc = [row["depend cold miss cpu"] / row["castxml cpu"] for row in dep]
                cw = [row["depend warm-dir miss cpu"] / row["castxml cpu"] for row in dep]
                p(f"| (informational) same ratios in CPU time: cold / castxml, warm-dir / castxml | {med(cc):.3f} "
                  f"(range {min(cc):.3f}–{max(cc):.3f}); {med(cw):.3f} (range {min(cw):.3f}–{max(cw):.3f}) | – |")
            p("")
        pp = d["groups"].get("preprocessor", [])
        if pp:
            variant_table(p, pp, ("castxml", "castxml -E", "preprocessor cold miss"))
            ex = [(row["preprocessor cold miss"] - row["castxml"] - row["castxml -E"]) / row["castxml"] for row in pp]
            eo = [row["castxml -E"] / row["castxml"] for row in pp]
            ov = [row["preprocessor cold miss"] / row["castxml"] - 1 for row in pp]
            p(f"\nPer round, as a fraction of castxml: overhead of the miss over castxml "
              f"{', '.join(f'{x:+.1%}' for x in ov)}; cost of -E {', '.join(f'{x:.1%}' for x in eo)}.\n")
            p("| target | measured | verdict |\n|---|---|---|")
            p(f"| preprocessor-mode cold miss ≤ castxml + castxml -E + 5% of castxml: median per-round "
              f"(miss − castxml − castxml -E) / castxml ≤ 5% | {med(ex):+.1%} (range {min(ex):+.1%}…{max(ex):+.1%}; "
              f"miss overhead {med(ov):+.1%}, -E {med(eo):.1%}) | {verdict(med(ex) <= 0.05)} |")
            if "castxml cpu" in pp[0]:
                xc = [(row["preprocessor cold miss cpu"] - row["castxml cpu"] - row["castxml -E cpu"]) / row["castxml cpu"] for row in pp]
                p(f"| (informational) the same in CPU time | {med(xc):+.1%} (range {min(xc):+.1%}…{max(xc):+.1%}) | – |")
            p("")
        same = d.get("same_run")
        if same:
            p("The same calls split by castxml-cache's own log (`us` − `castxml_us` − `preprocess_us`: what the "
              "cache itself cost each call, as a fraction of the castxml run inside that call — no run-to-run noise):\n")
            p("| variant | calls | own cost / castxml, median (range) | own cost ms, median |")
            p("|---|---|---|---|")
            for key, label in (("dep", "depend cold miss (empty cache dir)"), ("warm", "depend miss, warm cache dir"),
                               ("pp", "preprocessor cold miss (beyond castxml -E)")):
                calls = same.get(key, [])
                if not calls:
                    continue
                own = [c["us"] - c["castxml_us"] - c.get("preprocess_us", 0) for c in calls]
                rel = [o / c["castxml_us"] for o, c in zip(own, calls)]
                p(f"| {label} | {len(calls)} | {med(rel):+.1%} ({min(rel):+.1%}…{max(rel):+.1%}) | {med(own) / 1000:.0f} |")
            p("")

    # 6. compression
    sizes = read_pairs(os.path.join(out, "compression.sizes"))
    comp, dec = load_hf(out, "compress"), load_hf(out, "decompress")
    if sizes and comp and dec:
        raw = sizes["raw"]
        p(f"## 6. Compression of the ITK XML ({raw / MB:.2f} MB) (`bash bench/compression.sh`)\n")
        p("| codec (CLI) | size MB | ratio | compress median ms (range) | decompress median ms (range) | decompress MB/s |")
        p("|---|---|---|---|---|---|")
        for c in ("zstd -1", "zstd -3", "lz4 -1", "gzip -1", "gzip -6"):
            if c not in comp or c.replace(" ", "") not in sizes:
                continue
            s = sizes[c.replace(" ", "")]
            ct, dt = comp[c]["times"], dec[c]["times"]
            p(f"| {c} | {s / MB:.2f} | {raw / s:.1f}× | {ms(med(ct))} ({ms(min(ct))}–{ms(max(ct))}) | "
              f"{ms(med(dt))} ({ms(min(dt))}–{ms(max(dt))}) | {raw / MB / med(dt):.0f} |")
        ch = load_hf(out, "comp-hit")
        if ch:
            p("\n| castxml-cache objects | object size MB | cache dir MB | direct hit, output deleted: median ms (range) | output present: median ms (range) |")
            p("|---|---|---|---|---|")
            for codec in ("lz4", "zstd", "none"):
                if f"hit {codec}, output deleted" not in ch:
                    continue
                dl, pr = ch[f"hit {codec}, output deleted"]["times"], ch[f"hit {codec}, output present"]["times"]
                p(f"| {codec} | {sizes[f'object-{codec}'] / MB:.2f} | {sizes[f'cachedir-{codec}'] / MB:.2f} | "
                  f"{ms(med(dl))} ({ms(min(dl))}–{ms(max(dl))}) | {ms(med(pr))} ({ms(min(pr))}–{ms(max(pr))}) |")
        p("")

    # profile
    prof = os.path.join(out, "profile")
    if os.path.isdir(prof):
        p(f"Profile evidence (perf stat, strace -c, executed programs): `{prof}/` (`bash bench/profile.sh`).\n")
    text = "\n".join(L)
    open(os.path.join(out, "summary.md"), "w").write(text + "\n")
    print(text)


def main():
    if sys.argv[1] == "runs":
        print(len(json.load(open(sys.argv[2]))["results"][int(sys.argv[3])]["times"]))
    elif sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
