"""Data members, static data members, converting constructors and byte buffers (issue 16), on a small
SFML-shaped library of our own (Tests/Fixtures/cmake/datamembers) built once through the CMake module
with the real castxml, wrapgen, SWIG, g++ (-O0), Python and stubgen. Every Python check runs in a fresh
interpreter (a dangling member proxy would crash it, not pytest)."""
import shutil
import subprocess
import textwrap

import pytest

from cmake_support import FIXTURES, Workspace, python, run_mypy, stubs_expected


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("data-members"))


@pytest.fixture(scope="module")
def built(ws):
    stubs_expected()
    source = ws.src / "datamembers"
    shutil.copytree(FIXTURES / "datamembers", source)
    build = ws.root / "build" / "datamembers"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    result = ws.ninja(build)
    return build, result.output


def run(ws, built, code: str) -> str:
    """Runs `code` in a fresh interpreter with glibc filling freed memory (MALLOC_PERTURB_), so a
    proxy that outlived its object reads junk."""
    build, _ = built
    env = dict(ws.env, PYTHONPATH=str(build / "python"), MALLOC_PERTURB_="165")
    result = subprocess.run([python(), "-X", "faulthandler", "-c", textwrap.dedent(code)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "memory leak" not in result.stdout + result.stderr
    return result.stdout


def stub(built) -> str:
    return (built[0] / "python" / "datalib" / "Values.pyi").read_text()


def test_data_members_are_properties_and_const_ones_are_read_only(ws, built):
    out = run(ws, built, """
        from datalib import Vector2F, RectI, Label, Tagged, Time
        v = Vector2F(1.5, 2.5)
        assert (v.x, v.y) == (1.5, 2.5), (v.x, v.y)
        v.x = 4.0
        assert v.x == 4.0
        r = RectI(1, 2, 3, 4)
        assert (r.left, r.top, r.width, r.height, r.area()) == (1, 2, 3, 4, 12)
        r.width = 10
        assert r.area() == 40                        # the setter reached C++
        label = Label()
        assert label.id == 42 and label.text == "label" and label.count == 3
        label.text = "renamed"
        assert label.text == "renamed"
        for name, value in (("id", 1), ("counter", None)):
            try:
                setattr(label, name, value)
            except AttributeError:
                print("read-only", name)
        assert not hasattr(label, "weights") and not hasattr(label, "alias")
        assert (label.align, label.shade, Label.kind) == (Label.Right, 2, "label-kind")
        label.align = Label.Left
        label.shade = 1
        assert (label.align, label.shade) == (0, 1)
        tagged = Tagged()
        tagged.time = Time(5)
        assert tagged.time.asMicroseconds() == 5 and tagged.label.id == 42
        try:
            tagged.label = Label()                  # Label cannot be assigned in C++
        except AttributeError:
            print("read-only label")
        """)
    assert out.split("\n")[:3] == ["read-only id", "read-only counter", "read-only label"], out
    text = stub(built)
    for line in ("    x: float\n", "    left: int\n", "    text: str\n", "    @property\n    def id(self) -> int: ...\n",
                 "    corner: Vector2I\n",
                 "    time: Time\n", "    @property\n    def label(self) -> Label: ...\n", "    align: int\n", "    shade: int\n", "    kind: ClassVar[str | None]\n"):
        assert line in text, text


def test_a_member_of_class_type_keeps_its_object_alive(ws, built):
    run(ws, built, """
        import gc
        from datalib import RectF
        corner = RectF(1, 2, 3, 4).corner            # the Rect is a temporary
        gc.collect()
        junk = [RectF(9, 9, 9, 9) for _ in range(100)]
        assert (corner.x, corner.y) == (4.0, 6.0), (corner.x, corner.y)
        r = RectF()
        r.corner.x = 8.0                             # a proxy of the member inside r, not a copy
        assert r.corner.x == 8.0
        """)


def test_static_data_members_are_class_attributes(ws, built):
    out = run(ws, built, """
        from datalib import Color, Time
        red = Color.Red
        assert type(red) is Color and (red.r, red.g, red.b, red.a) == (255, 0, 0, 255)
        assert Color.Transparent.a == 0 and Color().Red.r == 255
        assert Color.Channels == 4 and Color.created == 7
        assert type(Time.Zero) is Time and Time.Zero.asMicroseconds() == 0
        red.r = 1                                    # a copy: C++'s constant is untouched
        assert Color.Red.r == 255
        try:
            Color().Channels = 5
        except AttributeError as e:
            print(e)
        """)
    assert "read-only" in out, out
    build, output = built
    assert "static data member 'Color.created' is not const" in output, output
    assert "'Label.weights' is an array" in output and "'Label.alias' is a reference" in output, output
    text = stub(built)
    for line in ("    Red: ClassVar[Color]\n", "    Channels: ClassVar[int]\n", "    Zero: ClassVar[Time]\n"):
        assert line in text, text


def test_converting_constructors_between_instantiations(ws, built):
    run(ws, built, """
        from datalib import Vector2F, Vector2I, RectF, RectI
        f = Vector2F(Vector2I(1, 2))
        assert type(f) is Vector2F and (f.x, f.y) == (1.0, 2.0)
        i = Vector2I(Vector2F(1.75, -2.5))
        assert (i.x, i.y) == (1, -2), (i.x, i.y)
        try:
            RectF(RectI(1, 2, 3, 4))                 # Rect has no converting constructor
        except TypeError:
            pass
        else:
            raise AssertionError("RectF(RectI) was accepted")
        """)
    text = stub(built)
    assert "def __init__(self, other: Vector2I, /) -> None: ..." in text, text
    assert "def __init__(self, other: Vector2F, /) -> None: ..." in text, text


USAGE = """
from typing import Optional
from datalib import Color, Image, Label, RectI, Time, Vector2F, Vector2I

v: Vector2F = Vector2F(Vector2I(1, 2))
v.x = 3.0
x: float = v.x
left: int = RectI(1, 2, 3, 4).left
red: Color = Color.Red
channels: int = Color.Channels
zero: Time = Time.Zero
ident: int = Label().id
image = Image()
image.loadFromMemory(b"abc")
image.loadFromMemory(bytearray(b"abc"))
pixels: Optional[bytes] = image.getPixelsPtr()
assert (x, left, red.r, channels, zero.asMicroseconds(), ident, pixels) == (3.0, 1, 255, 4, 0, 42, b"abc")
"""


def test_stubs_pass_mypy_strict_and_stubtest_and_type_the_new_members(ws, built, tmp_path):
    run_mypy([built[0] / "python"], ["datalib"], ws.env)
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE)
    env = dict(ws.env, MYPYPATH=str(built[0] / "python"), PYTHONPATH=str(built[0] / "python"))
    checked = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", str(usage)], env=env,
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = subprocess.run([python(), str(usage)], env=env, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stderr


def test_byte_buffers_in_and_out(ws, built):
    run(ws, built, """
        from datalib import Image
        image = Image()
        assert image.getPixelsPtr() is None          # a null pointer
        image.loadFromMemory(b"\\x00\\x01\\xfe\\xff")
        assert image.byteCount() == 4
        assert image.getPixelsPtr() == b"\\x00\\x01\\xfe\\xff"
        image.loadFromMemory(bytearray(b"abc"))
        assert image.getPixelsPtr() == b"abc"
        assert image.append(memoryview(b"xy"), 2) == 7
        assert image.getPixelsPtr() == b"abcxyxy" and image.name() == "image"
        image.appendRaw(b"!")
        assert image.getPixelsPtr() == b"abcxyxy!"
        try:
            image.loadFromMemory("text")              # str is not a buffer
        except TypeError as e:
            assert "contiguous buffer" in str(e), e
        else:
            raise AssertionError("str accepted")
        """)
    text = stub(built)
    for line in ("    def loadFromMemory(self, data: Union[bytes, bytearray, memoryview]) -> None: ...\n",
                 "    def append(self, text: Union[bytes, bytearray, memoryview], repeat: int) -> int: ...\n",
                 "    def getPixelsPtr(self) -> bytes | None: ...\n",
                 "    def appendRaw(self, arg2: Union[bytes, bytearray, memoryview]) -> None: ...\n"):
        assert line in text, text
