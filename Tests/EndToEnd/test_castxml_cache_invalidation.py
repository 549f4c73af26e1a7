"""What the cache key must cover (design.md §3, rows 2-7): every change gives a fresh run's bytes."""
import os
import shutil
import time

import pytest

from castxml_cache_harness import (CASTXML, Cache, Project, assert_ok, assert_same, castxml_args, counting_wrapper,
                                   write, write_script)


def primed(tmp_path, **args_kwargs):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args = project.args(**args_kwargs)
    fresh = cache.expect_fresh(args, project.build)
    cache.expect_direct_hit(args, project.build, fresh)
    return cache, project, args, fresh


@pytest.mark.parametrize("keep_mtime", [False, True], ids=["edit", "same-size-edit-old-mtime"])
def test_deep_header_edit(tmp_path, keep_mtime):
    cache, project, args, original = primed(tmp_path)
    deep = project.header("shapes/detail/deep.h")
    text, stat = deep.read_text(), deep.stat()
    if keep_mtime:  # same size, mtime put back: only the content (and ctime) tell the change
        edited = text.replace("int value;", "int other;")
        assert len(edited) == len(text)
        deep.write_text(edited)
        os.utime(deep, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    else:
        deep.write_text(text.replace("int value;", "int value; double extra;"))
    cache.expect_fresh(args, project.build, differs_from=original)

    deep.write_text(text)  # and back: any answer must be the original bytes again
    assert cache.expect_fresh(args, project.build) == original


SHADOWS = {  # where the new sub/x.h appears: the earlier -I dir (with or without sub/, or not there at all), or the TU's own dir
    "inc1-existing-subdir": "inc1/sub/x.h",
    "inc1-new-subdir": "inc1/sub/x.h",
    "inc1-missing": "inc1/sub/x.h",
    "tu-dir": "src/sub/x.h",
}


@pytest.mark.parametrize("where", SHADOWS)
def test_new_header_shadows_an_included_one(tmp_path, where):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    write(root / "inc2/sub/x.h", "#pragma once\nstruct X { int from_inc2; };\n")
    if where == "inc1-existing-subdir":
        write(root / "inc1/sub/other.h", "struct Other {};\n")
    elif where != "inc1-missing":  # inc1-missing: -I names a directory that does not exist yet
        (root / "inc1").mkdir()
    write(root / "src/shadow.cxx", '#include "sub/x.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef X XT; } }\n")
    args = ["-o", "shadow.xml", *castxml_args(), "-I", "../inc1", "-I", "../inc2", "../src/shadow.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)

    write(root / SHADOWS[where], "#pragma once\nstruct X { double shadowing; long more; };\n")
    new = cache.expect_fresh(args, cwd, differs_from=old)
    assert SHADOWS[where].encode() in new
    cache.expect_direct_hit(args, cwd, new)


def test_new_header_behind_a_dangling_symlink(tmp_path):
    """inc1/sub is a symlink to a directory that does not exist yet; creating that directory (elsewhere,
    inc1 itself unchanged) makes inc1/sub/x.h appear and shadow inc2/sub/x.h."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    write(root / "inc2/sub/x.h", "#pragma once\nstruct X { int from_inc2; };\n")
    (root / "inc1").mkdir()
    os.symlink("../elsewhere", root / "inc1/sub")
    write(root / "src/shadow.cxx", '#include "sub/x.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef X XT; } }\n")
    args = ["-o", "shadow.xml", *castxml_args(), "-I", "../inc1", "-I", "../inc2", "../src/shadow.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)

    inc1_mtime = (root / "inc1").stat().st_mtime_ns
    write(root / "elsewhere/x.h", "#pragma once\nstruct X { double shadowing; long more; };\n")
    assert (root / "inc1").stat().st_mtime_ns == inc1_mtime
    new = cache.expect_fresh(args, cwd, differs_from=old)
    assert b"inc1/sub/x.h" in new
    cache.expect_direct_hit(args, cwd, new)


def test_new_header_next_to_an_including_header(tmp_path):
    """`#include "detail.h"` in inc/sub/x.h is looked up in inc/sub/ before any -I directory."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    write(root / "inc/sub/x.h", '#pragma once\n#include "detail.h"\nstruct X { DetailT d; };\n')
    write(root / "common/detail.h", "#pragma once\ntypedef int DetailT;\n")
    write(root / "src/next.cxx", '#include "sub/x.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef X XT; } }\n")
    args = ["-o", "next.xml", *castxml_args(), "-I", "../inc", "-I", "../common", "../src/next.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)

    write(root / "inc/sub/detail.h", "#pragma once\ntypedef double DetailT;\n")
    new = cache.expect_fresh(args, cwd, differs_from=old)
    assert b"inc/sub/detail.h" in new


@pytest.mark.parametrize("header,typename", [("stddef.h", "ptrdiff_t"), ("sys/types.h", "pid_t")],
                         ids=["castxml-builtin", "system"])
def test_new_header_shadows_a_system_one(tmp_path, header, typename):
    """<stddef.h> comes from castxml's resource dir, <sys/types.h> from glibc; an -I directory comes first."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    (root / "inc").mkdir()
    write(root / "src/system.cxx", f"#include <{header}>\n"
          f"namespace _wrapping_ {{ namespace wrappers {{ typedef ::{typename} T; }} }}\n")
    args = ["-o", "system.xml", *castxml_args(), "-I", "../inc", "../src/system.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)

    write(root / "inc" / header, f"#pragma once\ntypedef long {typename};\n")
    new = cache.expect_fresh(args, cwd, differs_from=old)
    assert f"inc/{header}".encode() in new


def test_removed_header_uncovers_a_later_one(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    write(root / "inc1/sub/x.h", "#pragma once\nstruct X { double from_inc1; long more; };\n")
    write(root / "inc2/sub/x.h", "#pragma once\nstruct X { int from_inc2; };\n")
    write(root / "src/shadow.cxx", '#include "sub/x.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef X XT; } }\n")
    args = ["-o", "shadow.xml", *castxml_args(), "-I", "../inc1", "-I", "../inc2", "../src/shadow.cxx"]
    old = cache.expect_fresh(args, cwd)
    (root / "inc1/sub/x.h").unlink()
    new = cache.expect_fresh(args, cwd, differs_from=old)
    assert b"inc2/sub/x.h" in new


def test_line_numbers_shift(tmp_path):
    cache, project, args, original = primed(tmp_path)
    point = project.header("shapes/point.h")
    point.write_text(point.read_text().replace("#pragma once\n", "#pragma once\n\n\n\n", 1))
    fresh = cache.expect_fresh(args, project.build, differs_from=original)
    assert b'line="7"' in fresh and b'line="4"' in original  # class Point moved from line 4 to 7


FLAG_CHANGES = {
    "castxml-start": (dict(start="_wrapping_"), dict(start="geo")),
    "castxml-output": (dict(output="--castxml-output=1"), dict(output="--castxml-gccxml")),
    "std": (dict(std="-std=c++17"), dict(std="-std=c++14")),
    "define": (dict(extra=["-DFOO=1"]), dict(extra=["-DFOO=2"])),
    "define-on-tu": (dict(extra=["-DPOINT_DIM=2"]), dict(extra=["-DPOINT_DIM=4"])),
}


@pytest.mark.parametrize("change", FLAG_CHANGES)
def test_flag_change(tmp_path, change):
    before, after = FLAG_CHANGES[change]
    cache, project, args_a, fresh_a = primed(tmp_path, **before)
    args_b = project.args(**after)
    fresh_b = cache.expect_fresh(args_b, project.build, differs_from=fresh_a)
    cache.expect_direct_hit(args_b, project.build, fresh_b)
    assert cache.expect_fresh(args_a, project.build) == fresh_a


def test_response_file_content_change(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    inc = write(cwd / "probe.castxml.inc", f'"-I{project.include}"\n"-DFOO=1"\n')
    args = ["-o", "probe.xml", *castxml_args(), f"@{inc}", str(project.tu)]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)
    inc.write_text(f'"-I{project.include}"\n"-DFOO=3"\n')
    new = cache.expect_fresh(args, cwd, differs_from=old)
    cache.expect_direct_hit(args, cwd, new)


def castxml_prefix(root):
    """A relocatable castxml install: <prefix>/bin/castxml + <prefix>/share/castxml."""
    (root / "bin").mkdir(parents=True)
    (root / "share").mkdir()
    os.symlink("/usr/share/castxml", root / "share" / "castxml")
    binary = root / "bin" / "castxml"
    shutil.copy2(CASTXML, binary)
    return binary


def test_castxml_binary_replaced(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    binary = castxml_prefix(tmp_path / "prefix")
    old = cache.expect_fresh(args, cwd, castxml=str(binary), ref_castxml=str(binary))
    assert cache.results() == ["miss"]
    cache.expect_direct_hit(args, cwd, old, castxml=str(binary))

    replacement = counting_wrapper(tmp_path / "prefix" / "bin" / "castxml.new", cache.counter)
    os.replace(replacement, binary)  # a reinstall: different content, still a working castxml
    (cwd / "probe.xml").unlink()
    before = cache.processes()
    assert_ok(cache.run(args, cwd, castxml=str(binary)))
    assert cache.processes() > before, "a replaced castxml binary must run (a miss)"
    assert cache.last_result() == "miss"
    assert_same(cwd / "probe.xml", cache.reference(args, cwd, castxml=str(binary)))


def test_castxml_on_path_changes(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    args, cwd = project.args(), project.build
    other_bin = tmp_path / "other-bin"
    write_script(other_bin / "castxml", f'echo "$$" >> "{cache.counter}"\n# another castxml\nexec {CASTXML} "$@"\n')
    first = {"PATH": f"{tmp_path / 'wrapper-bin'}:/usr/bin:/bin"}
    second = {"PATH": f"{other_bin}:/usr/bin:/bin"}
    fresh = cache.expect_fresh(args, cwd, env=first, castxml="castxml")
    cache.expect_direct_hit(args, cwd, fresh, env=first, castxml="castxml")
    before = cache.processes()
    cache.expect_fresh(args, cwd, env=second, castxml="castxml")
    assert cache.last_result() == "miss", "another castxml found on PATH must be a miss"
    assert cache.processes() > before


EXTRA_CXX = """#include "extra.h"
namespace _wrapping_ { namespace wrappers { typedef Extra ExtraT; } }
"""
EXTRA_H = """#pragma once
#ifdef EXTRA_MACRO
struct Extra { int x; double y; };
#else
struct Extra { char c; };
#endif
"""


def test_emulated_compiler_replaced(tmp_path):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    write(project.include / "extra.h", EXTRA_H)
    write(project.src / "extra.cxx", EXTRA_CXX)
    mycc = write_script(tmp_path / "mycc", 'exec g++ "$@"\n')
    args = ["-o", "extra.xml", *castxml_args(cc=[str(mycc)]), "-I", "../include", "../src/extra.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)

    write_script(mycc, 'exec g++ -DEXTRA_MACRO=1 "$@"\n')  # rewritten in place
    new = cache.expect_fresh(args, cwd, differs_from=old)
    cache.expect_direct_hit(args, cwd, new)


@pytest.mark.parametrize("variable", ["CPLUS_INCLUDE_PATH", "CPATH"])
def test_include_path_environment_changes(tmp_path, variable):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    write(tmp_path / "env1/envhdr.h", "#pragma once\nstruct EnvT { int a; };\n")
    write(tmp_path / "env2/envhdr.h", "#pragma once\nstruct EnvT { double a; char b; };\n")
    write(project.src / "env.cxx", "#include <envhdr.h>\n"
          "namespace _wrapping_ { namespace wrappers { typedef EnvT E; } }\n")
    args = ["-o", "env.xml", *castxml_args(), "../src/env.cxx"]
    env1, env2 = {variable: str(tmp_path / "env1")}, {variable: str(tmp_path / "env2")}
    old = cache.expect_fresh(args, cwd, env=env1)
    cache.expect_direct_hit(args, cwd, old, env=env1)
    new = cache.expect_fresh(args, cwd, env=env2, differs_from=old)
    cache.expect_direct_hit(args, cwd, new, env=env2)
    assert cache.expect_fresh(args, cwd, env=env1) == old


def test_has_include_sees_a_new_header(tmp_path):
    """`__has_include` depends on a file that did not exist: its appearance changes the XML."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    root, cwd = project.root, project.build
    write(root / "inc/config.h", '#pragma once\n#if __has_include("optional_feature.h")\n'
          '#include "optional_feature.h"\n#else\ntypedef char FeatureT;\n#endif\n')
    write(root / "src/feature.cxx", '#include "config.h"\n'
          "namespace _wrapping_ { namespace wrappers { typedef FeatureT F; } }\n")
    args = ["-o", "feature.xml", *castxml_args(), "-I", "../inc", "../src/feature.cxx"]
    old = cache.expect_fresh(args, cwd)
    cache.expect_direct_hit(args, cwd, old)
    write(root / "inc/optional_feature.h", "#pragma once\ntypedef double FeatureT;\n")
    cache.expect_fresh(args, cwd, differs_from=old)


def test_time_macro_is_not_served_stale(tmp_path):
    """__TIME__ makes castxml's output differ from one second to the next (ccache refuses to cache it):
    such a result is never stored, so every run is a miss that runs castxml again. (Comparing bytes with
    a reference run is not possible here: two runs may straddle a second boundary.)"""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    cwd = project.build
    write(project.src / "time.cxx", "namespace _wrapping_ { const char* const built = __TIME__; }\n")
    args = ["-o", "time.xml", *castxml_args(), "../src/time.cxx"]
    for _ in range(2):
        assert_ok(cache.run(args, cwd))
        assert cache.last_result() == "miss"
        assert "__TIME__" in cache.log_lines()[-1]
    assert b"built" in (cwd / "time.xml").read_bytes()
