#!/usr/bin/env python3
"""Interleaved A/B timing: runs each command once per round, for N rounds, and prints the median,
minimum and first quartile of the wall times (ms), and the median CPU time (user + system of the
child, from getrusage). Alternating the commands spreads a noisy
machine's drift over all of them, which back-to-back hyperfine runs do not.

    python3 bench/interleave.py N 'cmd A …' 'cmd B …' [...]

Commands are split like a shell would (shlex) and run without a shell, output discarded; prefix
`env NAME=value` for an environment variable. For the numbers in docs/benchmarks.md it ran under
`chrt -f 10` (real-time priority) on an otherwise idle machine.
"""
import resource
import shlex
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
commands = sys.argv[2:]
times = {command: [] for command in commands}
cpu = {command: [] for command in commands}


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


for _ in range(rounds):
    for command in commands:
        start, start_cpu = time.perf_counter(), child_cpu()
        subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times[command].append((time.perf_counter() - start) * 1000)
        cpu[command].append((child_cpu() - start_cpu) * 1000)
for command in commands:
    ordered = sorted(times[command])
    print(f"median {statistics.median(ordered):7.1f}  min {ordered[0]:7.1f}  p25 {ordered[len(ordered) // 4]:7.1f}  "
          f"cpu {statistics.median(cpu[command]):7.1f}  {command}")
