"""castxml-cache --compile-launcher (docs/cli.md): the SWIG wrapper compiles' launcher. It runs the
compile command with its own streams, passes its status or signal through, and on success drops the
covered headers from the command's -MF file. The command here is a shell standing in for a compiler."""
import os
import signal
import stat

from conftest import run, tool


def launch(tmp_path, *args):
    return run([tool("castxml-cache"), "--compile-launcher", *args], cwd=tmp_path)


def test_status_signal_and_streams_pass_through(tmp_path):
    result = launch(tmp_path, "--", "sh", "-c", "echo out; echo err >&2; exit 3")
    assert (result.returncode, result.stdout, result.stderr) == (3, b"out\n", b"err\n")
    result = launch(tmp_path, "--", "sh", "-c", "kill -SEGV $$")
    assert result.returncode == -signal.SIGSEGV, result


def test_bad_use_and_missing_command(tmp_path):
    for args in (["--covered"], ["--covered", "x.list", "cc"], ["--"]):
        result = launch(tmp_path, *args)
        assert result.returncode == 64 and b"--compile-launcher takes" in result.stderr, (args, result)
    result = launch(tmp_path, "--", str(tmp_path / "no-such-compiler"))
    assert result.returncode == 127 and b"no-such-compiler" in result.stderr, result


def test_covered_headers_leave_the_depfile_only_after_success(tmp_path):
    inc = tmp_path / "inc"
    inc.mkdir()
    for name in ("a.h", "b.h"):
        (inc / name).write_text("//\n")
    (tmp_path / "S.headers.list").write_text(f"S.xml: {inc}/a.h\n")
    text = f"o.o: x.cxx {inc}/a.h \\\n  {inc}/b.h\n"
    compile_ok = f"printf '%s' '{text}' > o.d"
    result = launch(tmp_path, "--covered", "S.headers.list", "--covered", "missing.list", "--",
                    "sh", "-c", compile_ok, "cc", "-MD", "-MF", "o.d")
    assert result.returncode == 0, result
    assert (tmp_path / "o.d").read_text() == f"o.o: \\\n  x.cxx \\\n  {inc}/b.h\n"
    # A failed compile leaves its depfile as the compiler wrote it.
    result = launch(tmp_path, "--covered", "S.headers.list", "--", "sh", "-c", compile_ok + "; exit 1",
                    "cc", "-MF", "o.d")
    assert result.returncode == 1
    assert (tmp_path / "o.d").read_text() == text


def test_a_special_dependency_file_is_left_alone(tmp_path):
    """-MF naming a device or a FIFO (made here, in the scratch directory) is not read or replaced."""
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for special in (device, fifo):
        result = launch(tmp_path, "--covered", "S.headers.list", "--", "sh", "-c", "true", "cc", "-MF", str(special))
        assert result.returncode == 0, result
        assert not stat.S_ISREG(os.stat(special).st_mode)
