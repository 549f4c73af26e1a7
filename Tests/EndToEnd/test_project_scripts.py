"""The project's own shell scripts (scripts/, bench/, .ci/run) under `set -o pipefail`.

A pipeline whose reader can stop early (`grep -q`) is a race under pipefail: when the reader exits on
a match before the writer is done, the writer's next write gets SIGPIPE and the pipeline fails (141)
although the match was found. CI lost a run to it: scripts/fuzz.sh called FuzzEntryFile "unknown"."""
import re
import subprocess

from conftest import REPO

SCRIPTS = sorted([*REPO.glob("scripts/*.sh"), *REPO.glob("bench/*.sh"), REPO / ".ci" / "run"])
EARLY_EXIT_READER = re.compile(r"\|\s*grep\s+(-[A-Za-z]*q[A-Za-z]*\b|--quiet\b|--silent\b)")


def test_an_early_exiting_reader_under_pipefail_fails_a_pipeline_that_matched():
    """Why the rule below exists: the match is found, yet the pipeline reports failure."""
    script = "set -o pipefail; { echo wanted; sleep 0.3; echo more; } | grep -qx wanted; echo $?"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "141", result


def test_no_script_with_pipefail_pipes_into_grep_q():
    offenders = []
    for path in SCRIPTS:
        text = path.read_text()
        if "pipefail" not in text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
            if EARLY_EXIT_READER.search(code):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert SCRIPTS and not offenders, "pipe into grep -q under pipefail (use [[ … ]] or a loop):\n" + \
        "\n".join(offenders)


def test_fuzz_sh_names_an_unknown_target_before_building_anything(tmp_path):
    result = subprocess.run(["bash", str(REPO / "scripts" / "fuzz.sh"), "NoSuchTarget", "1"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 64
    assert "unknown target NoSuchTarget" in result.stderr
    assert "Compiling" not in result.stderr and "Building" not in result.stderr


def test_fuzz_sh_knows_every_target_it_lists():
    """The check accepts each listed name (and `all`): the loop is exercised with the last, the first
    and a middle name, without starting a build (a non-numeric SECONDS stops it before the check)."""
    script = REPO / "scripts" / "fuzz.sh"
    listed = subprocess.run(["bash", str(script), "list"], capture_output=True, text=True,
                            check=True).stdout.split()
    assert "FuzzEntryFile" in listed and len(listed) >= 9
    text = script.read_text()
    check = text[text.index("known=0"):text.index('[ $known = 1 ]')] + '[ $known = 1 ] || exit 64\n'
    targets = text[text.index("targets=("):].split("\n", 1)[0]
    for name in ["all", listed[0], "FuzzEntryFile", listed[-1], "Nope"]:
        probe = f"set -euo pipefail\n{targets}\nset -- {name} 1\n{check}echo ok\n"
        result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
        if name == "Nope":
            assert result.returncode == 64, result
        else:
            assert result.returncode == 0 and result.stdout == "ok\n", (name, result)
