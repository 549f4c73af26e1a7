"""The same sources in another tree hit, with paths into the new tree (design.md §3 row 8), and the
preprocessor mode, whose key is the preprocessed translation unit plus the non-preprocessor flags."""
import pytest

from castxml_cache_harness import Cache, Project, copy_tree


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
