"""swiftwrap_wrap_template's default suffixes (docs/cmake.md): digits as written, so ITK-style
dimension arguments give Index2 and ImageF2, and a template argument that has commas of its own
(itk::Image<float, 2>) is one argument, named by its last component."""
import shutil

from cmake_support import FIXTURES, Workspace


def test_digits_stay_as_written_and_nested_commas_do_not_split_an_argument(tmp_path):
    ws = Workspace.create(tmp_path)
    source = ws.root / "src" / "suffixes"
    shutil.copytree(FIXTURES / "suffixes", source)
    build = ws.root / "build" / "suffixes"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}")
    unit = (build / "CMakeFiles" / "swiftwrap" / "Grids.cxx").read_text()
    typedefs = sorted(line.split(";")[0] for line in unit.splitlines() if line.startswith("typedef "))
    assert typedefs == [
        "typedef grid::Filter<grid::Image<float, 2>, grid::Image<float, 2>> FilterImageImage",
        "typedef grid::Image<float, 2> ImageF2",
        "typedef grid::Image<unsigned char,3> ImageUC3",
        "typedef grid::Index<2> Index2",
        "typedef grid::Index<3> Index3",
    ], unit
