"""Issue 11 (trust): outputs that are not regular files, empty XML, dependencies swapped during the
run, argument bytes that are not UTF-8. Fault injection uses fake castxml scripts; everything else
is the real castxml."""
import os
import re
import stat
import subprocess
import threading
import time
from pathlib import Path

from castxml_cache_harness import (CASTXML, Cache, Project, assert_ok, assert_same, output_path, read_bytes, require,
                                   replace_option, run_cmd, write, write_script)


def not_stored(cache: Cache) -> int:
    """The `results not stored` counter of --show-stats."""
    result = run_cmd([cache.tool, "--show-stats"], env=cache.env())
    assert_ok(result, "castxml-cache --show-stats")
    match = re.search(r"^results not stored\s+(\d+)$", result.stdout.decode(), re.MULTILINE)
    assert match, f"--show-stats has no 'results not stored' line:\n{result.stdout.decode()}"
    return int(match.group(1))


def special(path: Path, kind: str) -> Path:
    """A character device (1,3: a null device of our own, never /dev/null) or a FIFO in a scratch dir."""
    if kind == "chardev":
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        assert stat.S_ISCHR(os.lstat(path).st_mode), f"test setup: {path} is not a character device"
    else:
        os.mkfifo(path)
        assert stat.S_ISFIFO(os.lstat(path).st_mode), f"test setup: {path} is not a FIFO"
    return path


def drain_fifo(path: Path) -> threading.Thread:
    """A reader for a FIFO, so castxml's write to it can finish."""
    def read():
        with open(path, "rb") as f:
            f.read()
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def assert_bypassed(cache: Cache, path: Path, kind: str, before: dict) -> None:
    after = cache.stats()
    assert after["bypasses"] == before["bypasses"] + 1, f"not a counted bypass: {before} -> {after}"
    assert after["misses"] == before["misses"] and after["direct hits"] == before["direct hits"]
    assert cache.last_result() == "bypass"
    assert "not a regular file" in cache.log_lines()[-1], cache.log_lines()[-1]
    mode = os.lstat(path).st_mode
    assert (stat.S_ISCHR(mode) if kind == "chardev" else stat.S_ISFIFO(mode)), f"{path} was replaced: mode {mode:o}"


def test_special_output_and_depfile_are_bypassed(tmp_path):
    """-o, -MF and --depfile naming a character device or a FIFO: castxml writes there itself, the
    device stays a device, the cache is neither read nor written."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args()
    fresh = cache.expect_fresh(args, cwd)  # primes the cache: a later hit would be possible
    stored = [p for p in cache.files() if "/stats/" not in str(p)]
    for kind in ("chardev", "fifo"):
        for where in ("-o", "-MF", "--depfile"):
            node = special(tmp_path / f"{kind}{where.strip('-')}", kind)
            reader = drain_fifo(node) if kind == "fifo" else None
            if where == "-o":
                call, options = replace_option(args, "-o", str(node)), ()
            elif where == "-MF":
                call, options = ["-MD", "-MF", str(node), *args], ()
            else:
                call, options = list(args), ("--depfile", str(node))
            before = cache.stats()
            assert_ok(cache.run(call, cwd, options=options), f"castxml-cache {where} {kind}")
            if reader:
                reader.join(timeout=60)
                assert not reader.is_alive(), f"nothing was written to the FIFO {node}"
            assert_bypassed(cache, node, kind, before)
            if where != "-o":
                assert_same(cwd / "probe.xml", fresh)
            node.unlink()
    assert [p for p in cache.files() if "/stats/" not in str(p)] == stored, "a bypass wrote to the cache directory"


def test_symlink_output_is_published_to_its_target(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    target = tmp_path / "elsewhere" / "real.xml"
    write(target, "old\n")
    link = cwd / "probe.xml"
    link.symlink_to(target)
    dep_target = tmp_path / "elsewhere" / "real.d"
    write(dep_target, "old\n")
    dep_link = cwd / "probe.d"
    dep_link.symlink_to(dep_target)
    args = ["-MD", "-MF", "probe.d", *project.args()]
    fresh = cache.reference(project.args(), cwd)
    for expected in ("miss", "direct-hit"):
        if expected == "direct-hit":
            write(target, "old\n")
        assert_ok(cache.run(args, cwd))
        assert cache.last_result() == expected, cache.log_lines()[-1]
        assert link.is_symlink() and os.readlink(link) == str(target), "the output symlink was replaced"
        assert dep_link.is_symlink() and os.readlink(dep_link) == str(dep_target), "the depfile symlink was replaced"
        assert_same(target, fresh)
        assert "probe.cxx" in dep_target.read_text()


def empty_xml_castxml(path: Path, mode: str, build: Path) -> str:
    """A fake castxml (fault injection): with the flag file present, a run whose -o output lies below
    `build` exits 0 leaving an empty or no XML. Any other output (the cache's own probes write
    /dev/null) is never touched."""
    flag = path.parent / "misbehave"
    return str(write_script(path, f"""
out=""; prev=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
case "$out" in
  "{build}"/*.xml*) ;;
  *) exec "{CASTXML}" "$@" ;;
esac
if [ -e "{flag}" ] && [ -f "$out" ]; then
  "{CASTXML}" "$@" || exit $?
  {': > "$out"' if mode == "empty" else 'rm -f -- "$out"'}
  exit 0
fi
exec "{CASTXML}" "$@"
"""))


def test_empty_xml_is_never_stored(tmp_path):
    for mode in ("empty", "missing"):
        cache, project = Cache(tmp_path / mode), Project(tmp_path / mode / "checkout")
        cwd = project.build
        fake = empty_xml_castxml(tmp_path / mode / "fake" / "castxml", mode, project.build)
        args = project.args(out=str(project.build / "probe.xml"))
        (Path(fake).parent / "misbehave").write_text("")
        assert_ok(cache.run(args, cwd, castxml=fake))
        line = cache.log_lines()[-1]
        assert "result=miss" in line and ("empty XML" in line or "no XML" in line), line
        assert not cache.files("/objects/"), f"an object was stored for an {mode} XML"
        assert not_stored(cache) == 1
        (Path(fake).parent / "misbehave").unlink()
        assert_ok(cache.run(args, cwd, castxml=fake))
        assert cache.last_result() == "miss", "the empty result was replayed"
        assert_same(cwd / "probe.xml", cache.reference(args, cwd))


def test_empty_object_is_never_served(tmp_path):
    """An object whose XML is empty (written by an older castxml-cache) is damage: removed, a miss."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args()
    fresh = cache.expect_fresh(args, cwd, options=("--compression", "none"))
    (obj,) = cache.files("/objects/")
    data = bytearray(obj.read_bytes())
    # Rewrite the object with an empty XML, checksums and sizes kept consistent (format: docs/cache-format.md).
    xml_size = int.from_bytes(data[8:16], "little")
    data[8:16] = (0).to_bytes(8, "little")
    data[16:24] = (0).to_bytes(8, "little")
    import hashlib
    out_size, err_size = int.from_bytes(data[24:28], "little"), int.from_bytes(data[28:32], "little")
    body = bytes(data[80:80 + out_size + err_size])
    data[40:48] = bytes.fromhex("ef46db3751d8e999")[::-1]  # XXH64 of no bytes, little-endian
    data[48:80] = hashlib.sha256(bytes(data[0:48]) + body).digest()
    obj.write_bytes(bytes(data[:80]) + body)
    assert xml_size > 0
    (cwd / "probe.xml").unlink()
    assert_ok(cache.run(args, cwd))
    assert cache.last_result() == "miss", cache.log_lines()[-1]
    assert_same(cwd / "probe.xml", fresh)


def test_argument_bytes_that_are_not_utf8_pass_through(tmp_path):
    """An include directory and a source whose names hold byte 0xff: castxml gets the bytes unchanged,
    with --no-cache and through the cache (a miss, then a direct hit), and writes what it writes when
    run directly; the depfile names the real bytes."""
    cache = Cache(tmp_path)
    root = os.fsencode(tmp_path)
    include, source = root + b"/inc\xff", root + b"/probe\xff.cxx"
    os.makedirs(include)
    with open(include + b"/odd.h", "w") as f:
        f.write("namespace odd { struct Thing { int x; }; }\n")
    with open(source, "w") as f:
        f.write('#include "odd.h"\nnamespace _wrapping_ { namespace wrappers { typedef odd::Thing Thing; } }\n')
    def command(out: bytes):
        return ["-o", out, "--castxml-output=1", "--castxml-start", "_wrapping_",
                "--castxml-cc-gnu", "g++", "-I", include, source]
    env = cache.env()

    def run(argv):
        return subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, timeout=180)
    direct = run([CASTXML, *command(root + b"/direct.xml")])
    assert_ok(direct, "castxml run directly")
    expected = read_bytes(tmp_path / "direct.xml")
    assert b"inc\xff/odd.h" in expected, "test setup: the XML does not name the include directory's bytes"
    out = tmp_path / "out.xml"
    for options, result_kind in ((("--no-cache",), "bypass"), ((), "miss"), ((), "direct-hit")):
        before = cache.processes()
        result = run([cache.tool, *options, cache.castxml, *command(root + b"/out.xml"), "-MD", "-MF", root + b"/out.d"])
        assert_ok(result, f"castxml-cache {' '.join(options)} ({result_kind})")
        assert_same(out, expected)
        assert cache.last_result() == result_kind, cache.log_lines()[-1]
        if result_kind == "direct-hit":
            assert cache.processes() == before, "a direct hit must not start castxml"
        assert include + b"/odd.h" in open(root + b"/out.d", "rb").read(), "the depfile does not name the header's bytes"
        out.unlink()
    # The entry checks the header by its real name: an edit is seen.
    with open(include + b"/odd.h", "w") as f:
        f.write("namespace odd { struct Thing { long y; }; }\n")
    assert_ok(run([cache.tool, cache.castxml, *command(root + b"/out.xml")]))
    assert cache.last_result() == "miss", cache.log_lines()[-1]
    assert_ok(run([CASTXML, *command(root + b"/direct.xml")]), "castxml run directly")
    assert_same(out, read_bytes(tmp_path / "direct.xml"))


def test_directory_swapped_during_the_run_is_not_stored(tmp_path):
    """A fake castxml (fault injection) runs the real castxml, then swaps the include directory for a
    sibling (rename it away, rename the sibling over its name) before castxml-cache records what was
    read. The files' own stats are old, so only the directory's change shows the swap: the result
    must not be stored, and the next call must give the new headers' XML."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    sibling = project.root / "include.next"
    import shutil
    shutil.copytree(project.include, sibling)
    write(sibling / "shapes/detail/deep.h", "#pragma once\nnamespace geo { namespace detail {\n"
          "struct Deep { int value; long swapped; };\n} }\n")
    flag = tmp_path / "swap-now"
    fake = str(write_script(tmp_path / "fake" / "castxml", f"""
out=""; prev=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
case "$out" in
  "{cwd}"/*) ;;
  *) exec "{CASTXML}" "$@" ;;
esac
"{CASTXML}" "$@" || exit $?
if [ -e "{flag}" ]; then
  rm -f "{flag}"
  mv "{project.include}" "{project.root}/include.old" && mv "{sibling}" "{project.include}" || exit 99
fi
exit 0
"""))
    args = project.args(out=str(cwd / "probe.xml"))
    old = cache.reference(args, cwd)
    flag.write_text("")
    assert_ok(cache.run(args, cwd, castxml=fake))
    assert not flag.exists() and (project.root / "include.old").is_dir(), "test setup: the swap did not happen"
    assert_same(cwd / "probe.xml", old, "the first call's output (castxml read the old headers)")
    line = cache.log_lines()[-1]
    assert "result=miss" in line and "not stored" in line and "include" in line, line
    new = cache.reference(args, cwd)
    assert new != old, "test setup: the swapped headers must change castxml's output"
    assert_ok(cache.run(args, cwd, castxml=fake))
    assert cache.last_result() == "miss", f"the old result was served: {cache.log_lines()[-1]}"
    assert_same(cwd / "probe.xml", new)
    cache.expect_direct_hit(args, cwd, new, castxml=fake)


def test_header_in_a_directory_with_a_backslash_is_cached(tmp_path):
    """castxml's depfile spells the backslash of `inc\\dir` as `/`: the entry must still name the
    real file, so the second call hits and the depfile lists the real path."""
    cache = Cache(tmp_path)
    odd = tmp_path / "in\\c"
    write(odd / "foo.h", "namespace odd { struct Foo { int x; }; }\n")
    write(tmp_path / "src" / "a.cxx", '#include "foo.h"\nnamespace _wrapping_ { namespace wrappers { typedef odd::Foo Foo; } }\n')
    cwd = tmp_path / "build"
    cwd.mkdir()
    args = ["-o", "a.xml", "-MD", "-MF", "a.d", "--castxml-output=1", "--castxml-start", "_wrapping_",
            "--castxml-cc-gnu", "g++", "-I", "../in\\c", "../src/a.cxx"]
    expected = cache.reference(args, cwd)
    assert_ok(cache.run(args, cwd))
    line = cache.log_lines()[-1]
    assert "result=miss" in line and line.endswith('; stored"'), line
    assert "../in\\c/foo.h" in (cwd / "a.d").read_text()
    cache.expect_direct_hit(args, cwd, expected)
    write(odd / "foo.h", "namespace odd { struct Foo { long y; }; }\n")
    cache.expect_fresh(args, cwd, differs_from=expected)


def test_header_stamped_in_the_future_is_cached(tmp_path):
    """A header whose mtime is a day ahead (an archive, another machine's clock) but whose content
    was settled before the call: cached, and a later edit is still seen."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args()
    header = project.header("shapes/point.h")
    future = time.time() + 86400
    os.utime(header, (future, future))
    time.sleep(0.05)  # the ctime (set by utime) is now before the call starts
    fresh = cache.expect_fresh(args, cwd)
    line = cache.log_lines()[-1]
    assert line.endswith('; stored"'), line
    cache.expect_direct_hit(args, cwd, fresh)
    header.write_text(header.read_text().replace("typedef long CxxLevelT;", "typedef int CxxLevelT;"))
    os.utime(header, (future, future))  # same future mtime: only the ctime shows the edit
    cache.expect_fresh(args, cwd, differs_from=fresh)


def test_change_time_after_the_start_is_reported_as_too_new(tmp_path):
    """A header changed while castxml runs (a fake castxml touches it): not stored, and the log says
    it changed after the call started."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    header = project.header("shapes/point.h")
    fake = str(write_script(tmp_path / "fake" / "castxml", f"""
out=""; prev=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
case "$out" in
  "{cwd}"/*) "{CASTXML}" "$@" || exit $?; chmod 644 "{header}"; exit 0 ;;
esac
exec "{CASTXML}" "$@"
"""))
    args = project.args(out=str(cwd / "probe.xml"))
    assert_ok(cache.run(args, cwd, castxml=fake))
    line = cache.log_lines()[-1]
    assert "shapes/point.h changed after this call started" in line and "not stored" in line, line


def test_show_stats_on_an_unreadable_cache_says_so(tmp_path):
    """--show-stats where the statistics cannot be read (a directory the user may not enter, a file
    instead of a directory): an error naming the directory and a non-zero exit, never zeros."""
    require("setpriv")
    cache = Cache(tmp_path)
    tool = cache.tool
    project = Project(tmp_path / "checkout")
    cache.ok(project.args(), project.build)  # one miss: the statistics exist
    tmp_path.chmod(0o755)
    cache.dir.chmod(0o700)  # root's; the check runs as nobody
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = run_cmd([*as_nobody, tool, "--version"], env=cache.env())
    assert_ok(probe, f"test setup: nobody cannot run {tool}")
    result = run_cmd([*as_nobody, tool, "--show-stats"], env=cache.env())
    assert result.returncode != 0, f"unreadable statistics printed as:\n{result.stdout.decode()}"
    assert str(cache.dir) in result.stderr.decode() and "Permission denied" in result.stderr.decode(), result.stderr
    assert b"direct hits" not in result.stdout
    not_a_dir = write(tmp_path / "not-a-dir", "x\n")
    result = run_cmd([tool, "--show-stats"], env=cache.env({"SWIFTWRAP_CACHE_DIR": str(not_a_dir)}))
    assert result.returncode != 0 and "not a directory" in result.stderr.decode(), result


def test_full_disk_while_restoring_says_no_space(tmp_path):
    """A hit whose output lies on a full file system (a 64 KiB tmpfs, nearly filled): castxml-cache
    says "no space" and names the output before castxml runs directly; no partial or temporary file
    is left there."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    args = project.args()
    fresh = cache.expect_fresh(args, cwd)
    assert len(fresh) > 4096, "test setup: the XML must not fit in what is left of the tmpfs"
    mnt = tmp_path / "full"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    assert mounted.returncode == 0, f"test setup: cannot mount a tmpfs: {mounted.stderr.decode()}"
    try:
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
        try:  # fill every block
            while os.write(fd, b"x" * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        assert os.statvfs(mnt).f_bavail == 0, "test setup: the tmpfs is not full"
        out = mnt / "probe.xml"
        result = cache.run(replace_option(args, "-o", str(out)), cwd)
        stderr = result.stderr.decode()
        # castxml could not write there either (it would abort with LLVM's crash text): a plain error, exit 1.
        assert "castxml-cache: error: no space left on the device" in stderr and str(out) in stderr, stderr
        assert result.returncode == 1 and "Stack dump" not in stderr and "libclang" not in stderr, stderr
        assert sorted(p.name for p in mnt.iterdir() if p.name != "filler" and p.name != "probe.xml") == [], \
            f"temporary files left: {list(mnt.iterdir())}"
        if out.exists():
            assert out.read_bytes() in (b"", fresh) or result.returncode != 0
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
