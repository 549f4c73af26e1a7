#!/usr/bin/env python3
"""Prints the markdown table of docs/reliability.md from the results the reliability suite logged
(build/reliability/short.jsonl and long.jsonl, one JSON line per scenario run; the newest run of each
scenario wins).

    build/venv/bin/python scripts/reliability-table.py [short|long]
"""
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "short"
    log = REPO / "build" / "reliability" / f"{mode}.jsonl"
    if not log.exists():
        print(f"{log} does not exist: run the suite first", file=sys.stderr)
        return 1
    rows = {}
    for line in log.read_text().splitlines():
        row = json.loads(line)
        rows[row["scenario"]] = row
    print("| Scenario | Runs | Failures | Data lost | Known defect (xfail) | Reproduce |")
    print("|---|---:|---:|---:|---|---|")
    for name in sorted(rows):
        r = rows[name]
        command = r["command"].replace("SWIFTWRAP_BIN_DIR=$PWD/.build/release build/venv/bin/python -m pytest -q ", "pytest ")
        runs = f"{r['runs']} ({r['note']})" if r.get("note") else r["runs"]
        print(f"| {name} | {runs} | {r['failures']} | {r['data_lost']} | {r.get('xfail') or ''} | `{command}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
