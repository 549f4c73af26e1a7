"""The same sources in another tree hit, with paths into the new tree (design.md §3 row 8), and the
preprocessor mode, whose key is the preprocessed translation unit plus the non-preprocessor flags."""
import pytest

from castxml_cache_harness import Cache, Project, castxml_args, copy_tree


def two_trees(tmp_path):
    first = Project(tmp_path / "a" / "checkout")
    copy_tree(first.root, tmp_path / "somewhere-else" / "deeper" / "copy")
    second = Project(tmp_path / "somewhere-else" / "deeper" / "copy", write_files=False)
    return first, second


def tree_args(project, relative):
    if relative:
        return project.args(out="probe.xml", relative=True)
    return project.args(out=str(project.build / "probe.xml"), relative=False)


@pytest.mark.parametrize("relative,how", [(False, "env"), (True, "env"), (False, "flag")],
                         ids=["absolute-env", "relative-env", "absolute-flag"])
def test_other_checkout_is_a_direct_hit_with_its_own_paths(tmp_path, relative, how):
    cache = Cache(tmp_path)
    first, second = two_trees(tmp_path)

    def base(project):
        if how == "env":
            return dict(env={"SWIFTWRAP_CACHE_BASE_DIR": str(project.root)})
        return dict(options=["--base-dir", str(project.root)])

    args1, args2 = tree_args(first, relative), tree_args(second, relative)
    fresh1 = cache.expect_fresh(args1, first.build, **base(first))
    assert cache.results() == ["miss"]

    fresh2 = cache.reference(args2, second.build)
    if not relative:
        assert str(second.root).encode() in fresh2 and str(first.root).encode() not in fresh2
    cache.expect_direct_hit(args2, second.build, fresh2, **base(second))
    cache.expect_direct_hit(args1, first.build, fresh1, **base(first))


FILE_CXX = """#include "shapes/base.h"
namespace _wrapping_ {
const char* const where = __FILE__;
namespace wrappers { typedef geo::Shape Shape; }
}
"""


@pytest.mark.parametrize("mode", ["depend", "preprocessor"])
def test_other_checkout_with_paths_in_code(tmp_path, mode):
    """__FILE__ puts absolute paths into init= attributes: a relocated answer must carry the new tree's."""
    cache = Cache(tmp_path)
    first = Project(tmp_path / "a" / "checkout")
    base_h = first.header("shapes/base.h")
    base_h.write_text(base_h.read_text() + "namespace _wrapping_ { const char* const header_where = __FILE__; }\n")
    (first.src / "where.cxx").write_text(FILE_CXX)
    copy_tree(first.root, tmp_path / "b" / "checkout-two")
    second = Project(tmp_path / "b" / "checkout-two", write_files=False)
    results = []
    for project in (first, second):
        args = project.args(out=str(project.build / "where.xml"), relative=False, tu=project.src / "where.cxx")
        env = {"SWIFTWRAP_CACHE_BASE_DIR": str(project.root), "SWIFTWRAP_CACHE_MODE": mode}
        fresh = cache.expect_fresh(args, project.build, env=env)
        assert f'&quot;{project.src / "where.cxx"}&quot;'.encode() in fresh
        assert f'&quot;{project.header("shapes/base.h")}&quot;'.encode() in fresh
        results.append(fresh)
    assert results[0] != results[1]


def test_other_build_tree_with_response_file(tmp_path):
    """ITK's layout: absolute -I paths in a .castxml.inc response file inside each build tree."""
    cache = Cache(tmp_path)
    first, second = two_trees(tmp_path)
    runs = []
    for project in (first, second):
        inc = project.build / "probe.castxml.inc"
        inc.write_text(f'"-I{project.include}"\n"-DFOO=2"\n')
        args = ["-o", str(project.build / "probe.xml"), *castxml_args(), f"@{inc}", str(project.tu)]
        runs.append((project, args, {"SWIFTWRAP_CACHE_BASE_DIR": str(project.root)}))
    (p1, args1, env1), (p2, args2, env2) = runs
    fresh1 = cache.expect_fresh(args1, p1.build, env=env1)
    fresh2 = cache.reference(args2, p2.build)
    assert str(p2.root).encode() in fresh2
    cache.expect_direct_hit(args2, p2.build, fresh2, env=env2)


def test_base_dir_prefix_is_matched_on_path_boundaries(tmp_path):
    """An outside directory whose name merely starts with the base dir (…/co-extra vs …/co) keeps its path."""
    cache = Cache(tmp_path)
    first = Project(tmp_path / "a" / "co")
    external = tmp_path / "a" / "co-extra" / "include"
    (external / "ext.h").parent.mkdir(parents=True)
    (external / "ext.h").write_text("#pragma once\nnamespace ext { struct E { int e; }; }\n")
    (first.src / "ext.cxx").write_text('#include "shapes/base.h"\n#include "ext.h"\n'
                                       "namespace _wrapping_ { namespace wrappers { typedef ext::E E; } }\n")
    copy_tree(first.root, tmp_path / "b" / "co2")
    second = Project(tmp_path / "b" / "co2", write_files=False)
    for project in (first, second):
        args = project.args(out=str(project.build / "ext.xml"), relative=False, tu=project.src / "ext.cxx",
                            extra=["-I", str(external)])
        fresh = cache.expect_fresh(args, project.build, env={"SWIFTWRAP_CACHE_BASE_DIR": str(project.root)})
        assert str(external / "ext.h").encode() in fresh


def test_other_checkout_without_base_dir_is_still_correct(tmp_path):
    cache = Cache(tmp_path)
    first, second = two_trees(tmp_path)
    fresh1 = cache.expect_fresh(tree_args(first, False), first.build)
    fresh2 = cache.expect_fresh(tree_args(second, False), second.build)
    assert fresh1 != fresh2
    cache.expect_direct_hit(tree_args(second, False), second.build, fresh2)


def test_edit_in_second_checkout_is_not_served_from_the_first(tmp_path):
    cache = Cache(tmp_path)
    first, second = two_trees(tmp_path)
    env1 = {"SWIFTWRAP_CACHE_BASE_DIR": str(first.root)}
    env2 = {"SWIFTWRAP_CACHE_BASE_DIR": str(second.root)}
    fresh1 = cache.expect_fresh(tree_args(first, False), first.build, env=env1)
    deep = second.header("shapes/detail/deep.h")
    deep.write_text(deep.read_text().replace("int value;", "int value; char more[3];"))
    fresh2 = cache.expect_fresh(tree_args(second, False), second.build, env=env2)
    assert fresh2.replace(str(second.root).encode(), str(first.root).encode()) != fresh1
    cache.expect_direct_hit(tree_args(first, False), first.build, fresh1, env=env1)


PREPROCESSOR = {"env": dict(env={"SWIFTWRAP_CACHE_MODE": "preprocessor"}),
                "flag": dict(options=["--cache-mode", "preprocessor"])}


@pytest.mark.parametrize("how", PREPROCESSOR)
def test_preprocessor_mode_hits_across_irrelevant_defines(tmp_path, how):
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    mode, cwd = PREPROCESSOR[how], project.build
    plain = project.args()
    unused = project.args(extra=["-DUNUSED_MACRO=1"])
    fresh = cache.expect_fresh(plain, cwd, **mode)
    assert cache.results() == ["miss"]

    assert cache.expect_fresh(unused, cwd, **mode) == fresh
    assert cache.last_result() == "preprocessed-hit"
    assert cache.stats()["preprocessed hits"] == 1

    deep = project.header("shapes/detail/deep.h")
    deep.write_text(deep.read_text().replace("int value;", "int value; long extra;"))
    edited = cache.expect_fresh(unused, cwd, differs_from=fresh, **mode)
    assert cache.expect_fresh(plain, cwd, **mode) == edited


def test_preprocessor_mode_keys_non_preprocessor_flags(tmp_path):
    """The same preprocessed text with another --castxml-start, -std or output format is another entry."""
    cache, project = Cache(tmp_path), Project(tmp_path / "checkout")
    mode, cwd = PREPROCESSOR["env"], project.build
    first = cache.expect_fresh(project.args(), cwd, **mode)
    seen = [first]
    for flags in (dict(start="geo"), dict(output="--castxml-gccxml"), dict(extra=["-DFOO=2"])):
        seen.append(cache.expect_fresh(project.args(**flags), cwd, **mode))
    assert len(set(seen)) == len(seen)
    assert cache.expect_fresh(project.args(), cwd, **mode) == first
