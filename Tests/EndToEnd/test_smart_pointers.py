"""Smart pointers and factories (issue 12): classes made by a static factory returning an ITK-shaped
intrusive pointer, std::shared_ptr or std::unique_ptr are usable from Python as the class itself.

One CMake project (Tests/Fixtures/cmake/smartptr: a header-only library, one package per kind) is
built once for the module with the real castxml, wrapgen, SWIG, g++ (-O0), Python and stubgen. Every
Python check runs in a subprocess: a crash (a dropped object used later, a double delete) fails the
test with the signal instead of taking pytest down, and SWIG's "memory leak" message is caught."""
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from cmake_support import ALLOWLIST, FIXTURES, Workspace, python, stubs_expected


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.create(tmp_path_factory.mktemp("smart-pointers"))


@pytest.fixture(scope="module")
def built(ws):
    """The build tree and the build's output. `ninja -k 0` keeps going past a failed submodule, so each
    test reports its own kind's failure (see `require`)."""
    stubs_expected()
    source = ws.src / "smartptr"
    shutil.copytree(FIXTURES / "smartptr", source)
    build = ws.root / "build" / "smartptr"
    ws.configure(source, build, f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", "-DCMAKE_CXX_FLAGS=-O0")
    result = ws.ninja(build, "-k", "0", check=False)
    return build, result.output


def require(built, package_name: str, *submodules: str) -> Path:
    """The package directory, once the extension modules of `submodules` were built (else the failure)."""
    build, output = built
    package = build / "python" / package_name
    for submodule in submodules:
        if not list(package.glob(f"_{submodule}.*.so")):
            pytest.fail(f"submodule {submodule} did not build:\n{output[-6000:]}")
    return package


def run(ws, built, code: str, package_name: str, *submodules: str) -> str:
    """Runs `code` in a fresh interpreter; it must exit 0 (no signal) with no SWIG leak message."""
    package = require(built, package_name, *submodules)
    result = ws.run_python(["-X", "faulthandler", "-c", textwrap.dedent(code)], package.parent)
    assert result.returncode == 0, f"exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    output = result.stdout + result.stderr
    assert "memory leak" not in output, output
    return result.stdout


def test_new_returns_the_class_with_its_bases_methods_and_one_reference(ws, built):
    out = run(ws, built, """
        from smart_intrusive import Counter, LightObject
        c = Counter.New()
        assert type(c) is Counter and isinstance(c, LightObject), type(c)
        assert c.GetReferenceCount() == 1, c.GetReferenceCount()
        assert c.GetNameOfClass() == "Counter"          # a virtual of the base, through the proxy
        c.SetValue(7)
        assert c.GetValue() == 7
        o = LightObject.New()
        assert type(o) is LightObject and o.GetReferenceCount() == 1
        assert LightObject.Alive() == 2, LightObject.Alive()
        del c, o
        print("alive", LightObject.Alive())
        """, "smart_intrusive", "Objects")
    assert out.strip() == "alive 0"


def test_intrusive_objects_are_accepted_as_pointer_reference_and_smart_pointer(ws, built):
    run(ws, built, """
        from smart_intrusive import Counter, CounterTools as T, LightObject
        c = Counter.New()
        c.SetValue(5)
        values = [T.ValueOfPointer(c), T.ValueOfConstPointer(c), T.ValueOfReference(c), T.ValueOfConstReference(c),
                  T.ValueOfSmartPointer(c), T.ValueOfConstSmartPointer(c)]
        assert values == [5] * 6, values
        assert T.CountInside(c) == 2                    # the proxy's reference and the argument's
        assert c.GetReferenceCount() == 1, c.GetReferenceCount()
        assert T.NameOf(c) == "Counter"                 # a Counter where SmartPointer<LightObject> is expected
        assert T.IsNull(None) and not T.IsNull(c)
        try:
            T.ValueOfSmartPointer(LightObject.New())    # a base where the derived class is expected
        except TypeError:
            pass
        else:
            raise AssertionError("a LightObject was accepted as a Counter")
        c.SetChildPointer(LightObject.New())
        assert c.GetChildPointer().GetReferenceCount() == 2   # held by c and by the returned proxy
        del c
        assert LightObject.Alive() == 0, LightObject.Alive()
        """, "smart_intrusive", "Objects", "Tools")


def test_returned_pointers_take_a_reference_and_every_drop_order_is_safe(ws, built):
    """A raw pointer, a reference and a smart pointer handed out by an object each own a reference: the
    object that handed them out can go first. Every order of dropping four objects is tried."""
    out = run(ws, built, """
        import gc, itertools
        from smart_intrusive import Counter, LightObject
        def use(objects):
            for o in objects:
                if o is not None:
                    o.GetNameOfClass()
                    if isinstance(o, Counter):
                        assert o.GetValue() == 3

        orders = 0
        for order in itertools.permutations(range(4)):
            owner = Counter.New()
            owner.SetValue(3)
            owner.SetChild(LightObject.New())
            objects = [owner, owner.GetSelf(), owner.GetChild(), owner.GetConstPointer()]
            assert owner.GetReferenceCount() == 3, owner.GetReferenceCount()   # owner, GetSelf, GetConstPointer
            assert objects[2].GetReferenceCount() == 2                         # the child: owner's member, proxy
            del owner
            for index in order:
                objects[index] = None
                gc.collect()
                use(objects)
            assert LightObject.Alive() == 0, (order, LightObject.Alive())
            orders += 1
        c = Counter.New()
        reference = c.GetSelfReference()
        assert c.GetReferenceCount() == 2
        clone = c.Clone()
        assert clone.GetReferenceCount() == 1 and type(clone) is Counter
        del c
        assert reference.GetReferenceCount() == 1
        del reference, clone
        print("orders", orders, "alive", LightObject.Alive())
        """, "smart_intrusive", "Objects")
    assert out.strip() == "orders 24 alive 0"


def test_shared_ptr_factory_objects_behave_as_the_class(ws, built):
    out = run(ws, built, """
        import gc
        from smart_shared import Node, NodeTools, Shape
        n = Node.Create(3)
        assert type(n) is Node and isinstance(n, Shape)
        assert (n.GetValue(), n.Corners(), n.Kind()) == (3, 4, "shape")    # own, virtual and base methods
        assert Node.UseCount(n) == 1, Node.UseCount(n)
        m = Node.Create(4)
        n.SetNext(m)
        assert Node.UseCount(m) == 2
        assert type(n.GetNext()) is Node and n.GetNext().GetValue() == 4 and n.GetNextReference().GetValue() == 4
        assert Node.ValueOfPointer(m) == 4 and Node.ValueOfReference(m) == 4
        assert Node.CornersOf(n) == 4                                       # shared_ptr<Node> as shared_ptr<Shape>
        raw = n.GetRawNext()
        assert raw.GetValue() == 4
        # The same from a submodule that %imports the one wrapping Node.
        head = NodeTools.Link(Node.Create(1), n)
        assert type(head) is Node and head.GetNext().GetValue() == 3 and Node.UseCount(n) == 2
        assert NodeTools.ValueOf(NodeTools.Raw(n)) == 3
        del head
        del raw, m
        gc.collect()
        following = n.GetNext()
        del n                                                               # the list's head goes first
        assert following.GetValue() == 4 and Node.UseCount(following) == 1
        del following
        print("alive", Node.Alive())
        """, "smart_shared", "Shared", "SharedTools")
    assert out.strip() == "alive 0"


def test_unique_ptr_arguments_take_ownership_from_python(ws, built):
    out = run(ws, built, """
        from smart_unique import Box, Item
        i = Item.Make(5)
        assert type(i) is Item and i.thisown and i.GetValue() == 5
        box = Box()
        box.Put(i)                                      # moved into the box
        assert not i.thisown and box.Size() == 1 and Item.Alive() == 1
        try:
            box.Put(i)
        except RuntimeError as error:
            assert "not owned" in str(error), error
        else:
            raise AssertionError("an object the box owns was moved twice")
        box.Put(Item(9))                                # a constructed object moves too
        assert box.Get(1).GetValue() == 9 and box.Size() == 2
        taken = box.Take()
        assert type(taken) is Item and taken.thisown and taken.GetValue() == 9
        del taken
        assert Item.Alive() == 1, Item.Alive()
        del i                                           # the proxy that gave its object away deletes nothing
        assert box.Get(0).GetValue() == 5
        del box
        print("alive", Item.Alive())
        """, "smart_unique", "Unique")
    assert out.strip() == "alive 0"


def test_stubs_type_smart_pointers_as_their_pointee_and_pass_mypy_and_stubtest(ws, built):
    intrusive = require(built, "smart_intrusive", "Objects", "Tools")
    require(built, "smart_shared", "Shared", "SharedTools")
    require(built, "smart_unique", "Unique")
    objects = (intrusive / "Objects.pyi").read_text()
    tools = (intrusive / "Tools.pyi").read_text()
    shared = (intrusive.parent / "smart_shared" / "Shared.pyi").read_text()
    unique = (intrusive.parent / "smart_unique" / "Unique.pyi").read_text()
    for stub, line in [(objects, "def New() -> Counter: ..."), (objects, "def New() -> LightObject: ..."),
                       (objects, "def Clone(self) -> Counter: ..."), (objects, "def GetConstPointer(self) -> Counter: ..."),
                       (objects, "def SetChildPointer(self, child: LightObject) -> None: ..."),
                       (tools, "def ValueOfSmartPointer(c: Counter) -> int: ..."),
                       (tools, "def CountInside(c: Counter) -> int: ..."),
                       (shared, "def Create(value: int) -> Node: ..."), (shared, "def CornersOf(shape: Shape) -> int: ..."),
                       (unique, "def Make(value: int) -> Item: ..."), (unique, "def Put(self, item: Item) -> None: ...")]:
        assert line in stub, (line, stub)
    usage = intrusive.parent / "smart_usage.py"
    usage.write_text(textwrap.dedent("""
        from smart_intrusive import Counter, CounterTools
        from smart_shared import Node
        from smart_unique import Box, Item

        counter: Counter = Counter.New()
        count: int = CounterTools.ValueOfSmartPointer(counter.Clone())
        node: Node = Node.Create(1).GetNext()
        Box().Put(Item.Make(2))
        """))
    # One mypy and one stubtest run over the three packages (each run costs seconds of start-up).
    packages = ["smart_intrusive", "smart_shared", "smart_unique"]
    env = dict(ws.env, MYPYPATH=str(intrusive.parent), PYTHONPATH=str(intrusive.parent))
    strict = subprocess.run([python(), "-m", "mypy", "--strict", "--no-incremental", *[a for p in packages for a in ("-p", p)],
                             "-m", usage.stem], env=env, capture_output=True, text=True, cwd=intrusive.parent)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    stubtest = subprocess.run([python(), "-m", "mypy.stubtest", *packages, "--ignore-unused-allowlist",
                               "--allowlist", str(ALLOWLIST)],
                              env=env, capture_output=True, text=True, cwd=intrusive.parent)
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr


def test_a_smart_pointer_in_types_is_a_warning_not_a_class(ws, built):
    package = require(built, "smart_typedefs", "Pointers")
    _, output = built
    assert re.search(r"warning: 'CounterPointer' names the smart pointer sp::SmartPointer<sp::Counter>, which is not "
                     r"wrapped as a class: Python sees it as its pointee; wrap sp::Counter instead", output), output
    assert "CounterPointer" not in (package / "Pointers.py").read_text()
    # No other wrapgen warning about the smart pointers: every use of one was understood.
    others = [line for line in output.splitlines() if "warning:" in line and "'CounterPointer'" not in line]
    assert not [line for line in others if re.search(r"SmartPointer|shared_ptr|unique_ptr", line)], others


def test_intrusive_pointer_declarations_are_checked_at_configure_time(ws):
    source = ws.root / "src" / "late-declaration"
    (source / "include").mkdir(parents=True)
    shutil.copy(FIXTURES / "smartptr" / "include" / "smartlib.h", source / "include")
    (source / "CMakeLists.txt").write_text(textwrap.dedent("""
        cmake_minimum_required(VERSION 3.20)
        project(late LANGUAGES CXX)
        list(APPEND CMAKE_MODULE_PATH "${SWIFTWRAP_MODULE_PATH}")
        include(SwiftWrapCache)
        swiftwrap_add_intrusive_pointer(sp::SmartPointer)
        swiftwrap_add_intrusive_pointer(sp::SmartPointer GET get)
        """))
    result = ws.configure(source, ws.root / "build" / "late", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", check=False)
    message = re.sub(r"\s+", " ", result.stderr)
    assert result.returncode != 0
    assert ("swiftwrap_add_intrusive_pointer(sp::SmartPointer): already declared as "
            "'sp::SmartPointer=GetPointer,Register,UnRegister'") in message, result.stderr
    (source / "CMakeLists.txt").write_text(textwrap.dedent("""
        cmake_minimum_required(VERSION 3.20)
        project(late LANGUAGES CXX)
        list(APPEND CMAKE_MODULE_PATH "${SWIFTWRAP_MODULE_PATH}")
        include(SwiftWrapCache)
        swiftwrap_add_submodule(Objects HEADERS smartlib.h TYPES sp::Counter)
        swiftwrap_add_module(Smart SUBMODULES Objects INCLUDE_DIRECTORIES include)
        swiftwrap_add_intrusive_pointer(sp::SmartPointer)
        swiftwrap_add_python_package(late)
        """))
    result = ws.configure(source, ws.root / "build" / "late", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}", check=False)
    message = re.sub(r"\s+", " ", result.stderr)
    assert result.returncode != 0
    assert ("swiftwrap_add_intrusive_pointer(sp::SmartPointer): call it before the first swiftwrap_add_module "
            "(module Smart is already declared)") in message, result.stderr


def test_the_export_file_declares_the_intrusive_pointer_for_importing_projects(ws, built):
    build, _ = built
    export = build / "smart_intrusive-swiftwrap-modules.cmake"
    assert ("swiftwrap_add_intrusive_pointer(sp::SmartPointer GET GetPointer REF Register UNREF UnRegister)"
            in export.read_text()), export.read_text()
    source = ws.root / "src" / "importer"
    source.mkdir(parents=True)
    # The import declares it; declaring the same again is no error (a different one would be).
    (source / "CMakeLists.txt").write_text(textwrap.dedent(f"""
        cmake_minimum_required(VERSION 3.20)
        project(importer LANGUAGES CXX)
        list(APPEND CMAKE_MODULE_PATH "${{SWIFTWRAP_MODULE_PATH}}")
        include(SwiftWrapCache)
        swiftwrap_import_modules(FILE "{export}")
        swiftwrap_add_intrusive_pointer(sp::SmartPointer)
        get_property(pointers GLOBAL PROPERTY _SWIFTWRAP_INTRUSIVE_POINTERS)
        message(STATUS "intrusive pointers: ${{pointers}}")
        """))
    result = ws.configure(source, ws.root / "build" / "importer", f"-DSWIFTWRAP_MODULE_PATH={ws.src / 'CMake'}")
    assert "intrusive pointers: sp::SmartPointer=GetPointer,Register,UnRegister\n" in result.stdout, result.stdout
