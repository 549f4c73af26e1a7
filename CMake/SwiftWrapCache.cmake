# SwiftWrapCache: CastXML + SWIG Python wrapping with an exact Ninja graph. See docs/cmake.md.

#[=======================================================================[.rst:
SwiftWrapCache
--------------

Declare C++ types to wrap for Python and get an exact build graph from the headers to compiled
SWIG extension modules and typed stubs: ``castxml`` (through ``castxml-cache``) per submodule,
``wrapgen`` per module, SWIG and the C++ compile per submodule, ``stubgen`` once per package.

.. code-block:: cmake

  list(APPEND CMAKE_MODULE_PATH <checkout>/CMake)   # or <prefix>/lib/cmake/SwiftWrapCache
  include(SwiftWrapCache)                           # or: find_package(SwiftWrapCache 0.1 CONFIG)

Loading the module finds the tools (imported executables ``SwiftWrap::castxml-cache``,
``SwiftWrap::wrapgen``, ``SwiftWrap::stubgen``; searched in ``SWIFTWRAP_TOOLS_DIR``, then next to the
module: ``<prefix>/bin`` when it is loaded from ``<prefix>/lib/cmake/SwiftWrapCache``, the checkout's
``.build/release`` when loaded from ``<checkout>/CMake``, then ``PATH``), ``castxml``, SWIG 4 and
Python 3 (interpreter and ``Development.Module``), and stops with ``FATAL_ERROR`` saying how to build or
point to whatever is missing. Like CMake's Find modules it prints one line for each of them, only
when what it found changes (so a re-run of ``cmake`` prints none)::

  -- Found castxml: /usr/bin/castxml (found version "0.5.1")
  -- Found SWIG: /usr/bin/swig4.0 (found version "4.1.0")
  -- Found Python: /usr/bin/python3 (found version "3.11.2"; extension modules for cpython-311-x86_64-linux-gnu)
  -- Found SwiftWrapCache tools: /usr/local/bin (castxml-cache, wrapgen, stubgen; found version "0.1.0")

Python is chosen by ``find_package(Python3 COMPONENTS Interpreter Development.Module)``:
``Python3_EXECUTABLE`` when it is set (the way to choose), otherwise FindPython3's own search (an
active virtual environment first, then the first ``python3`` with development files on ``PATH`` and
in the standard locations). The extension modules are built for that interpreter, and every Python
step of the build (the wrapper compiles' header filter, the record snapshot and seed scripts, and the
header digests where castxml-cache does not write them: with ``SWIFTWRAP_CASTXML_CACHE`` off or a
generator other than Ninja) runs with it. With castxml-cache and Ninja, no castxml step starts Python.

This block is the one reference of the module's functions and variables: the "Functions" and
"Variables" reference in docs/cmake.md is generated from it by scripts/cmake-doc.py (and a test
fails when the two differ). Edit it here, then run ``python3 scripts/cmake-doc.py``.

CMake Commands
^^^^^^^^^^^^^^

.. command:: swiftwrap_add_submodule

  .. code-block:: cmake

    swiftwrap_add_submodule(<submodule> HEADERS <header>...
                            [TYPES <c++ type>[=<python name>]...]
                            [SWIG_CODE <file.i>...] [SWIG_CODE_AFTER <file.i>...] [SWIG_FLAGS <flag>...]
                            [OUTPUT_PARAMETERS "<class>::<method>(<parameter>[,<parameter>...])"...]
                            [DIRECTORS <class>...] [STUB_CODE <file.pyi>...]
                            [NEWOBJECT <class>::<method>...] [DISOWN <class>::<method>...]
                            [INVALIDATES <class>::<method>...]
                            [FUNCTIONS <qualified name>...] [CONSTANTS <qualified name>...]
                            [BUFFERS <class>.<method>=<size>...])

  Declares a submodule: one CastXML translation unit and one SWIG extension module
  ``<package>.<submodule>`` (Python module ``<package>/<submodule>.py`` + ``_<submodule>.<abi>.so``). Call
  it before the ``swiftwrap_add_module`` that lists it. ``<submodule>`` is an identifier, unique in the
  project.

  ``HEADERS`` (required)
    Headers the translation unit includes, as in ``#include "…"``, found through
    the module's include directories. A header found in none of them fails at configure time when
    the include directories are known then (plain paths, ``$<BUILD_INTERFACE:…>``); otherwise castxml's
    error quotes the ``#include`` line, whose comment names ``swiftwrap_add_submodule(<submodule> HEADERS)``
    and the file.
  ``TYPES``
    Classes and enumerations to wrap. The Python name defaults to the last ``::`` component
    (``geom::Shape`` → ``Shape``); ``geom::Vector<double>=VectorD`` names it. A type that does not exist
    fails the castxml step with clang's error on the line
    ``typedef <type> <name>; // swiftwrap_add_submodule(<submodule> TYPES) in <file>``.
  ``SWIG_CODE``
    Files of your own SWIG code (ITK's ``*_ext.i``) that the submodule's ``.i`` includes
    (``%include``) after the generated typemaps and before the declarations: typemaps, ``%apply``, ``%extend``, ``%feature``,
    ``%rename``, ``%ignore``, ``%newobject``. Name classes there by their Python name (the ``.i``
    declares them so: ``%extend XMLElement { … }``). Relative paths are below the current source
    directory; a missing file fails at configure time. Editing one reruns that submodule's SWIG (and
    the compile of its wrapper) and nothing else; the SWIG cache keys on its content.
  ``SWIG_CODE_AFTER``
    The same, included after every declaration: module-level ``%pythoncode`` that uses the
    classes, ``%template``.
  ``SWIG_FLAGS``
    Extra arguments of this submodule's SWIG command (``-DNAME=1``, ``-I<dir>``, ``-w<n>``).
  ``OUTPUT_PARAMETERS``
    Out-parameters, quoted (unquoted, CMake splits at the parenthesis): ``"tinyxml2::XMLElement::QueryIntAttribute(value)"``
    (the class as in ``TYPES`` or by its Python name). Every overload of the method with such a
    parameter — a pointer or reference to a non-const number or ``bool`` — no longer takes it: the call
    returns it (SWIG's ``*OUTPUT`` typemaps, applied to that method only; 0 when the method leaves
    it unset), the value alone for a
    ``void`` method with one output, else a tuple ``(result, outputs…)``; the stubs say so
    (``-> tuple[int, int]``). Write no ``%apply … OUTPUT`` of your own for them: the stubs would not know.
  ``DIRECTORS``
    Classes (as in ``TYPES`` or by Python name) whose virtual methods Python subclasses override: SWIG
    directors, off by default. C++ then calls the Python override; an exception raised in it reaches
    the Python caller; ``obj.__disown__()`` hands an object to C++ that keeps it. The stubs allow the
    subclassing (real constructors, ``@abstractmethod`` for pure virtuals, ``__disown__``).
  ``STUB_CODE``
    ``.pyi`` fragments typing what the SWIG code adds (``%extend``, ``%pythoncode``): a
    ``class <Name>:`` block of a class of this submodule adds its members to that class, imports go to
    the imports, anything else to the end of the module stub (docs/cli.md, "Stub fragments"). Editing
    one reruns stubgen only.
  ``NEWOBJECT``, ``DISOWN``, ``INVALIDATES``
    Methods whose C++ contract moves ownership, as ``<class>::<method>`` with the class spelled as in
    ``TYPES`` (``tinyxml2::XMLDocument::DeleteNode``, ``geom::Vector<double>::Clone``); every overload
    of the name is meant. ``NEWOBJECT``: the method returns an object the caller must delete (SWIG's
    ``%newobject``): the Python result owns it. ``DISOWN``: the method takes ownership of its
    arguments that are pointers to wrapped classes: their proxies stop owning the objects and keep
    the object the method was called on alive. ``INVALIDATES``: the method deletes those arguments:
    their proxies are invalidated, so using one raises ``TypeError`` instead of reading freed memory.
    ``DISOWN`` and ``INVALIDATES`` need a non-static method with one overload (else wrapgen warns and
    leaves it). A declaration that names no method of a class of the module is warned.

  ``FUNCTIONS``
    Free functions to wrap as functions of the submodule's Python module, each with every overload and
    its default arguments, as methods are (``sf::seconds`` → ``<package>.<submodule>.seconds``, also in
    the package namespace and the stubs). A name that does not exist fails the castxml step with clang's
    error on the line ``namespace module_level_F0 { using ::sf::nosuch; } // swiftwrap_add_submodule(<submodule>
    FUNCTIONS) in <file>``; a name castxml reports as something else (a variable, a function template)
    fails the wrapgen step saying what to do.
  ``CONSTANTS``
    Namespace-level constants (``const``/``constexpr`` variables: ``sf::BlendAlpha``,
    ``const int``, ``const char* const``) to wrap as module attributes of their type: a number, ``bool``
    or string as a Python value, an enumeration as ``int``, a class wrapped in this module or a dependency
    as a proxy of the C++ object. Errors as for ``FUNCTIONS``. A function or constant whose Python name a
    class, an enumerator or another function or constant of the module also takes fails the wrapgen step
    naming both.
  ``BUFFERS``
    Methods that return a byte buffer whose size C++ cannot show: ``<class>`` is the Python name
    of a class wrapped by this module, ``<size>`` a C++ expression of the size in bytes in which ``self`` is
    the object, e.g. ``"Image.getPixelsPtr=self.getSize().x * self.getSize().y * 4"``. The method (non-static,
    returning a pointer to ``const`` ``void``, ``char`` or ``unsigned char``/``std::uint8_t``) then returns
    ``bytes`` (a copy), ``None`` for a null pointer (stubs: ``bytes | None``). A malformed item fails at
    configure time; one that names no such method is a wrapgen warning. Arguments need no declaration: a
    ``const`` byte pointer directly followed by an integer size parameter
    (``const void* data, std::size_t size``) takes ``bytes`` or any other contiguous buffer
    (``bytearray``, ``memoryview``).

  Lifetimes by default: a method that returns a reference or a pointer to a wrapped class gives a
  proxy that does not own the object (SWIG's rule), and that proxy keeps the object the method was
  called on alive (pybind11's ``reference_internal``): an element keeps its document alive, an item
  the container it points into, ``Transform().Translate(1, 0)`` the temporary. The same holds for
  ``obj[i]`` of a class element. Static methods and operators other than ``[]`` are left as SWIG makes
  them. This keeps owners alive; it cannot make a pointer valid that C++ itself invalidates (an item
  removed from its container, a node deleted by its document): declare such methods ``INVALIDATES``
  where the argument is the object deleted, and drop other proxies of it.
  Free operators need no keyword: castxml reports the namespaces of the submodule's types (outside
  ``std``) and the translation unit instantiates the free operator templates that apply to each type
  (operands: the type and its template's type arguments, so ``operator*(T, const Vector2<T>&)`` of
  ``Vector2<float>``). Those whose operands are classes of the module become methods of the class:
  ``__add__``, ``__eq__``, ``__iadd__``, ``__neg__`` … when the left operand is the class, reflected
  (``__radd__``, ``__rmul__``, ``__rtruediv__``, mirrored comparisons) when only the right one is; so
  ``Vector2f(1, 2) == Vector2f(1, 2)`` is ``True`` and ``2.0 * v`` works. Every operator that is not
  wrapped is a warning (docs/cli.md, wrapgen, "Free operators"). ``==`` never falls back to anything
  silently: a class without ``operator==`` keeps Python's default, where ``a == b`` means ``a is b`` (two
  proxies of equal C++ objects are not equal); a class with one is unhashable, as Python makes every
  class that defines ``__eq__`` (``__hash__`` is ``None``, in the stubs too). Not seen: operators
  of types in the global namespace and hidden friends (defined inside the class), which castxml does
  not report.

  Members: public data members become properties of the instances (read-only when ``const``, a pointer
  or of a class that cannot be assigned; a member of a wrapped class type is a proxy into its object that
  keeps the object alive); public static data members (``static const``, ``constexpr`` or not const)
  become attributes of the class, read from C++ at every access and read-only in Python (``Color.Red``;
  ``ClassVar`` in the stubs; a static that is not ``const`` is warned); arrays, references and smart
  pointers are warned and not wrapped (docs/cli.md, wrapgen, "Data members, buffers and conversions").

.. command:: swiftwrap_wrap_template

  .. code-block:: cmake

    swiftwrap_wrap_template(<submodule> TEMPLATE <c++ template> ARGUMENTS <arguments>...
                            [NAME <python name prefix>] [SUFFIXES <suffix>...])

  Instantiates a class template once per item of ``ARGUMENTS`` and wraps each instantiation in
  ``<submodule>`` (declared before) as ``<NAME><suffix>``.

  Converting constructors: castxml reports a member template's specializations only where the
  translation unit uses them, so for every pair of types of one module that instantiate the same
  template (``TYPES`` entries too; by spelling, the text before the first ``<``) the translation unit of
  the target's submodule asks ``std::is_constructible<T, const U&>`` (unevaluated: no constructor body is
  instantiated). Where it holds, ``T`` gets the constructor from ``U`` like any other
  (``Vector2F(Vector2I(1, 2))``, an ``__init__`` overload in the stubs). A converting constructor whose
  declaration accepts a pair but whose body does not compile for it fails the extension module's
  compile; wrap such instantiations in different modules.

  ``TEMPLATE`` (required)
    The template, e.g. ``geom::Vector``.
  ``ARGUMENTS`` (required)
    One template argument list per instantiation: ``double``, or ``"float, 2"``
    for several parameters.
  ``NAME``
    Prefix of the Python names. Default: the last ``::`` component of ``TEMPLATE``. ``NAME ""``
    means no prefix: each instantiation is named by its suffix alone, so ``SUFFIXES`` is then required
    (``NAME "" SUFFIXES VectorD VectorF``).
  ``SUFFIXES``
    One suffix per argument list. Default: derived from the arguments, ITK style —
    ``bool`` B, ``char`` C, ``signed char`` SC, ``unsigned char`` UC, ``short`` SS, ``unsigned short`` US, ``int`` I,
    ``unsigned int`` UI, ``long`` L, ``unsigned long`` UL, ``long long`` LL, ``unsigned long long`` ULL,
    ``float`` F, ``double`` D, ``long double`` LD, ``std::string`` S, digits as written, a template instantiation
    as its last component followed by the suffix of its arguments, other types by their last component;
    other characters become ``_`` (``"float, 2"`` → ``F2``, ``"itk::Image<float, 2>"`` → ``ImageF2``). The base
    classes wrapped automatically are named by the same rule (``swiftwrap_add_module``, "Base classes").

.. command:: swiftwrap_add_intrusive_pointer

  .. code-block:: cmake

    swiftwrap_add_intrusive_pointer(<c++ template> [GET <method>] [REF <method>] [UNREF <method>])

  Declares a smart-pointer class template that counts references inside its pointee, the way
  ``itk::SmartPointer`` does, for every module of the project (call it before the first
  ``swiftwrap_add_module``; the export file declares it again in projects that import these modules).
  The template is never wrapped as a class: wherever a signature holds ``<template><T>`` of a wrapped
  ``T``, Python sees a ``T`` (see "Smart pointers" in docs/cmake.md). A wrapped class that has public
  methods ``REF()`` and ``UNREF()`` (its own or inherited) is reference counted: each Python object of
  it holds one reference, taken when a function returns it (as a smart pointer, a raw pointer or a
  reference) and dropped when the object is collected. ITK's recipe is the defaults:
  ``swiftwrap_add_intrusive_pointer(itk::SmartPointer)``. ``std::shared_ptr`` and ``std::unique_ptr``
  need no declaration.

  ``GET``
    The template's member that returns the raw pointer. Default: ``GetPointer``.
  ``REF``, ``UNREF``
    The pointee's methods that add and drop a reference. Default: ``Register``,
    ``UnRegister``.

.. command:: swiftwrap_add_module

  .. code-block:: cmake

    swiftwrap_add_module(<module> SUBMODULES <submodule>...
                         [PACKAGE <python package>] [DEPENDS <module>...]
                         [TARGETS <target>...] [INCLUDE_DIRECTORIES <dir>...]
                         [COMPILE_DEFINITIONS <definition>...])

  Adds the commands of one wrapped module: castxml per submodule and wrapgen for the module (target
  ``<package>-<module>``), and SWIG plus a Python extension module target ``<package>.<submodule>`` per
  submodule (all built by ``all``).

  ``SUBMODULES`` (required)
    Submodules declared with ``swiftwrap_add_submodule``, each after those whose
    types it uses (this is also the order of ``__init__.py``).
  ``PACKAGE``
    The Python package. Default: ``SWIFTWRAP_PACKAGE``, else the owner (the project name).
  ``DEPENDS``
    Wrapped modules whose classes this module's classes derive from or take as arguments —
    of this project (declared before) or imported with ``swiftwrap_import_modules``. Their ``.idx`` files
    go to wrapgen, their interface directories to SWIG, and their usage requirements to castxml and
    the compile, transitively. A class whose public base is wrapped by another module of the project
    (declared before, or imported) that is missing here fails the wrapgen step with
    ``base class '…' of '…' is wrapped by module Core, …: add DEPENDS Core``.
  ``TARGETS``
    Targets whose usage requirements castxml and the extension modules use
    (``INTERFACE_INCLUDE_DIRECTORIES``, ``INTERFACE_COMPILE_DEFINITIONS``, resolved by generator
    expressions); the extension modules link them.
  ``INCLUDE_DIRECTORIES``, ``COMPILE_DEFINITIONS``
    More of each for castxml and the extension modules
    (relative directories are taken from the current source directory).

  Base classes: the public base chain of every wrapped class is wrapped too, without being listed,
  so that a filter's ``Update()`` inherited from ``itk::ProcessObject`` is there in Python and in the
  stubs. This is always on, with no keyword: a Python class without its bases' members is never what
  a user wants, and listing every base by hand is what made ITK's wrapping lists long (a base listed
  in ``TYPES`` is used as listed). Each base is wrapped once per package: by this module when neither it nor a module of its
  ``DEPENDS`` closure wraps it already, in the first of its submodules whose classes derive from it,
  named by ``swiftwrap_wrap_template``'s suffix rule (``chain::Holder<double, 2>`` → ``HolderD2``,
  ``itk::ImageSource<itk::Image<float, 2>>`` → ``ImageSourceImageF2``; when that name is taken, the
  qualified name with ``_`` for ``::`` and a warning). Later modules reach it through ``DEPENDS``
  (their ``.i`` ``%import`` it; SWIG upcasts). To choose its name or module, list it in ``TYPES`` or
  ``swiftwrap_wrap_template`` of that module. Not wrapped automatically: ``private`` and ``protected``
  bases (not part of the Python class), ``std::`` classes (a "not wrapped" warning), and a base that a
  module of the same package declared earlier wraps while this module does not depend on it: the
  wrapgen step fails with "base class '…' of '…' is wrapped by module P, which module Q does not
  depend on: add DEPENDS P to swiftwrap_add_module(Q), or wrap the base in a module both depend on: …".
  The wrapgen steps of a package run in declaration order for this (each depends on the ``.idx`` files
  of the modules declared before it outside its ``DEPENDS``), so the outcome never depends on which
  step a parallel build starts first.

  Warnings: wrapgen prints one line per C++ type that is not wrapped, with the number of uses and the
  call that would wrap it ("…: warning: type 'chain::Opaque' is not wrapped (3 uses in module A); … to
  wrap it: swiftwrap_add_submodule(<submodule> HEADERS <its header> TYPES chain::Opaque) …"); every
  use is listed in ``<build>/swiftwrap/wrap/<module>.warnings.txt`` (wrapgen ``--warnings-file``).

.. command:: swiftwrap_add_python_package

  .. code-block:: cmake

    swiftwrap_add_python_package(<package> [INSTALL_DESTINATION <dir>] [NO_PRUNE]
                                 [EXPORT_FILE <file>] [INTERFACE_DESTINATION <dir>]
                                 [INSTALL_INCLUDE_DIRECTORIES <dir>...])

  Finishes a package after all its modules: writes ``<package>/__init__.py`` (one
  ``from .<submodule> import *`` per submodule, in dependency order), adds the stubgen command (the
  ``.pyi`` files and ``py.typed``) in the target ``<package>-stubs`` (built by ``all``; it does not depend on
  SWIG or the compile, so ``ninja <package>-stubs`` builds castxml → wrapgen → stubgen only), install
  rules, and the export file. A package that got modules but no ``swiftwrap_add_python_package`` is
  a warning at the end of configure (it would build without ``__init__.py``, stubs and install rules).

  ``INSTALL_DESTINATION``
    Directory, relative to the install prefix, that receives ``<package>/`` with
    the proxies, extension modules, ``__init__.py``, stubs and ``py.typed``. Default: no install rules.
  ``NO_PRUNE``
    Do not pass ``--prune`` to stubgen. Pruning deletes only this owner's rows that no
    manifest names; other projects' rows in a shared database are never touched.
  ``EXPORT_FILE``
    Where to describe the package's modules for ``swiftwrap_import_modules``. Default:
    ``${CMAKE_BINARY_DIR}/<package>-swiftwrap-modules.cmake``.
  ``INTERFACE_DESTINATION``
    With ``INSTALL_DESTINATION``, where the install tree gets what projects
    extending this one need: the ``.i`` and ``.idx`` files, ``records-v2.db`` (a snapshot of this
    owner's rows, taken at install time by ``swiftwrap_records.py export``) and
    ``<package>-swiftwrap-modules.cmake`` (paths relative to its own location). Default:
    ``share/swiftwrap/<package>``.
  ``INSTALL_INCLUDE_DIRECTORIES``
    Include directories, relative to the install prefix, that such
    projects compile with (where this project installs its headers).

.. command:: swiftwrap_import_modules

  .. code-block:: cmake

    swiftwrap_import_modules(FILE <file>)

  Makes the modules of another project usable in ``DEPENDS``, the way ITK's remote modules extend ITK.
  Its stubs import the other package's stubs (``from geom.Circles import Circle``).

  - From a **build tree** (its ``EXPORT_FILE``): this project uses that tree's record database (unless
    ``SWIFTWRAP_DATABASE_DIR`` is set) and writes its rows under its own owner; pruning in either
    project keeps the other's rows.
  - From an **install tree** (``<prefix>/<INTERFACE_DESTINATION>/<package>-swiftwrap-modules.cmake``):
    the install tree is never written. This project keeps its own database and, right before stubgen,
    copies the installed snapshot's rows into it (``swiftwrap_records.py seed``, so a lost database is
    refilled in the same run).

  ``FILE`` (required)
    The other project's export file.

  Example (``Tests/Fixtures/cmake/extension``):

  .. code-block:: cmake

    swiftwrap_import_modules(FILE "${GEOM_BUILD_DIR}/geom-swiftwrap-modules.cmake")
    swiftwrap_add_submodule(Rings HEADERS ring.h TYPES geomext::Ring)     # class Ring : public geom::Circle
    swiftwrap_add_module(Rings SUBMODULES Rings DEPENDS Figures INCLUDE_DIRECTORIES include)
    swiftwrap_add_python_package(geomext)

CMake Variables
^^^^^^^^^^^^^^^

``SWIFTWRAP_TOOLS_DIR``
  Directory of ``castxml-cache``, ``wrapgen``, ``stubgen``; searched first. Default: unset.
``SWIFTWRAP_CASTXML_CACHE`` (option)
  Run castxml through ``castxml-cache``; ``OFF`` runs castxml directly (the depfile comes from
  castxml's own ``-MD``, so tracking works either way). Default: ``ON``.
``SWIFTWRAP_SWIG_CACHE`` (option)
  Run SWIG through ``castxml-cache --swig`` (one process per SWIG step): a SWIG run whose command,
  SWIG binary and every file it reads (the ``.i`` files, the headers they include, SWIG's own
  library) are unchanged restores the wrapper ``.cxx``, the proxy ``.py`` and the depfile from the
  cache instead of running SWIG. ``OFF`` runs SWIG directly. Default: ``ON``.
``SWIFTWRAP_USE_CCACHE`` (option)
  Compile the SWIG wrappers through ``ccache`` when it is installed and ``CMAKE_CXX_COMPILER_LAUNCHER``
  is not set (a launcher you set is used as it is), so a graph recovered after ``ninja -t clean``
  recompiles nothing. ``OFF`` never adds ``ccache``. Default: ``ON``.
``SWIFTWRAP_CCACHE_EXECUTABLE`` (FILEPATH)
  The ``ccache`` that ``SWIFTWRAP_USE_CCACHE`` uses; found on ``PATH`` at the first configure that needs
  it. Default: ``ccache`` on ``PATH`` (none: the wrappers compile without a launcher).
``SWIFTWRAP_CACHE_DIR`` (PATH)
  Cache directory passed to ``castxml-cache``; empty: the tool's default (``docs/configuration.md``).
  Default: ``$ENV{SWIFTWRAP_CACHE_DIR}`` at first configure.
``SWIFTWRAP_CACHE_BASE_DIR`` (PATH)
  Turns relocation on. Paths below the top source directory and the top build directory (the
  relocation anchors, passed as ``--source-dir`` and ``--build-dir``) are
  keyed, stored and restored relative to them, so build trees at any depth and other checkouts share
  entries; other paths below this directory are relative to each command's working directory (see
  "Cache sharing"). Empty: no relocation and no anchors. Default: the common parent of
  ``CMAKE_SOURCE_DIR`` and ``CMAKE_BINARY_DIR``.
``SWIFTWRAP_CACHE_REMOTE`` (STRING)
  Shared remote cache of castxml results (``http://host[:port][/prefix]`` or ``https://…``; see
  ``docs/remote-cache.md``). Written into ``swiftwrap/castxml-cache-remote.conf`` in the build tree,
  which each castxml step names with ``--remote-config`` and reads only on a local miss: the URL never
  enters ``build.ninja``, and changing it reruns nothing. A URL with user information is a configure
  error (use a token: ``SWIFTWRAP_CACHE_REMOTE_TOKEN`` or ``SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE`` in the
  environment of the build, never a CMake variable). The environment of the build wins over it.
  Default: ``$ENV{SWIFTWRAP_CACHE_REMOTE}`` at first configure (empty: no remote).
``SWIFTWRAP_CACHE_REMOTE_READONLY`` (option)
  Look the remote cache up but never upload (pull-request builds). Written to the same file.
  Default: ``$ENV{SWIFTWRAP_CACHE_REMOTE_READONLY}`` at first configure, else ``OFF``.
``SWIFTWRAP_CASTXML_JOB_POOL`` (STRING)
  Ninja job pool of the castxml commands (each castxml takes ~250 MB on ITK headers). Empty: no
  pool; another name: a pool you define. Default: ``swiftwrap_castxml``.
``SWIFTWRAP_CASTXML_JOBS`` (STRING)
  Size of the ``swiftwrap_castxml`` pool. Default: the number of logical cores.
``SWIFTWRAP_CASTXML_CC_FLAGS`` (STRING)
  Flags inside castxml's ``--castxml-cc-gnu ( <CMAKE_CXX_COMPILER> -std=c++<n> … )`` group (castxml
  0.5 and libstdc++ 12 need the default one). Default: ``-fno-sized-deallocation`` with GCC.
``SWIFTWRAP_CXX_STANDARD``
  The standard castxml parses with. Default: ``CMAKE_CXX_STANDARD``, else 17.
``SWIFTWRAP_DATABASE_DIR``
  Directory of the record database. Default: the imported project's, else
  ``${CMAKE_BINARY_DIR}/swiftwrap-records``.
``SWIFTWRAP_PYTHON_OUTPUT_DIR``
  Where package directories are built. Default: ``${CMAKE_BINARY_DIR}/python``.
``SWIFTWRAP_OWNER``
  Owner of the rows this project writes. Default: ``PROJECT_NAME``.
``SWIFTWRAP_PACKAGE``
  Default ``PACKAGE`` of ``swiftwrap_add_module``. Default: the owner.
``SWIFTWRAP_DOCSTRINGS`` (option)
  C++ doc comments (``///``, ``//!``, ``/** */``, ``/*! */``) become Python docstrings: ``Class.__doc__`` and
  ``Class.method.__doc__`` at run time and docstrings in the stubs. wrapgen reads the comments from the
  headers at the offsets castxml records and depends on each submodule's header digest instead of the
  headers: touching a header still reruns only castxml; editing one reruns the module's wrapgen (its
  outputs change only when a comment did). castxml records no comments for template instantiations:
  for those wrapgen takes the doc comment right above the declaration. ``OFF`` passes
  ``--no-docstrings``. See "Doc comments" in docs/cli.md for the text rules and limits. Default: ``ON``.
``SWIFTWRAP_WARNINGS_AS_ERRORS`` (option)
  Pass ``--warnings-as-errors`` to wrapgen: any wrapgen warning (an unsupported member, a base or
  argument type that is not wrapped) fails its module, writing nothing. For CI. Default: ``OFF``.
``SWIFTWRAP_STUBTEST_ALLOWLIST``
  Path of the ``mypy.stubtest`` allowlist for SWIG's own machinery (``thisown``,
  ``__swig_destroy__``, ``SwigPyIterator``, the ``vector_*`` helper classes), installed beside the
  module: ``python -m mypy.stubtest <package> --allowlist ${SWIFTWRAP_STUBTEST_ALLOWLIST}`` (read-only).
``SwiftWrapCache_VERSION``
  Version of the module and its tools (read-only).
#]=======================================================================]

cmake_minimum_required(VERSION 3.20)
include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)  # Ninja: depfile paths relative to the binary directory

set(SwiftWrapCache_VERSION 0.1.0)
list(APPEND CMAKE_MESSAGE_CONTEXT "SwiftWrapCache")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheInternal.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/SwiftWrapCacheRegistry.cmake")
_swiftwrap_find_tools()
_swiftwrap_define_settings()
set(SWIFTWRAP_STUBTEST_ALLOWLIST "${CMAKE_CURRENT_LIST_DIR}/swiftwrap-stubtest-allowlist.txt")
# At the end of the top directory: every package that got modules also got swiftwrap_add_python_package.
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _swiftwrap_check_packages)
list(POP_BACK CMAKE_MESSAGE_CONTEXT)

## PUBLIC functions

function(swiftwrap_add_submodule submodule)
  # One parse with every keyword: a keyword missing from the list is taken as a value of the
  # keyword before it.
  set(keywords HEADERS TYPES SWIG_CODE SWIG_CODE_AFTER SWIG_FLAGS DIRECTORS OUTPUT_PARAMETERS STUB_CODE
               NEWOBJECT DISOWN INVALIDATES FUNCTIONS CONSTANTS BUFFERS)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "${keywords}")
  _swiftwrap_check_arguments(swiftwrap_add_submodule "${submodule}" KEYWORDS ${keywords} REQUIRED HEADERS)
  _swiftwrap_check_keyword_like(swiftwrap_add_submodule "${submodule}" KEYWORDS ${keywords}
                                CHECK HEADERS TYPES SWIG_CODE SWIG_CODE_AFTER STUB_CODE DIRECTORS OUTPUT_PARAMETERS
                                      NEWOBJECT DISOWN INVALIDATES FUNCTIONS CONSTANTS BUFFERS)
  _swiftwrap_check_identifier(swiftwrap_add_submodule "${submodule}" "submodule name")
  _swiftwrap_register_submodule("${submodule}")
endfunction()

function(swiftwrap_wrap_template submodule)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEMPLATE;NAME" "ARGUMENTS;SUFFIXES")
  set(keywords TEMPLATE NAME ARGUMENTS SUFFIXES)
  _swiftwrap_check_arguments(swiftwrap_wrap_template "${submodule}" KEYWORDS ${keywords} REQUIRED TEMPLATE ARGUMENTS)
  _swiftwrap_check_keyword_like(swiftwrap_wrap_template "${submodule}" KEYWORDS ${keywords} CHECK ARGUMENTS SUFFIXES)
  _swiftwrap_require_submodule(swiftwrap_wrap_template "${submodule}")
  # NAME "" (cmake_parse_arguments drops the empty value) means no prefix: the names are the suffixes.
  list(FIND ARGN NAME name_at)
  if(name_at LESS 0)
    string(REGEX REPLACE ".*::" "" arg_NAME "${arg_TEMPLATE}")
  elseif(NOT DEFINED arg_NAME)
    set(arg_NAME "")
    if(NOT arg_SUFFIXES)
      message(FATAL_ERROR "swiftwrap_wrap_template(${submodule}): NAME \"\" (no prefix) names each instantiation "
                          "by its suffix alone; give them with SUFFIXES (in ${CMAKE_CURRENT_LIST_FILE}).")
    endif()
  endif()
  list(LENGTH arg_ARGUMENTS count)
  list(LENGTH arg_SUFFIXES suffix_count)
  if(arg_SUFFIXES AND NOT suffix_count EQUAL count)
    message(FATAL_ERROR "swiftwrap_wrap_template(${submodule}): SUFFIXES has ${suffix_count} items, "
                        "ARGUMENTS has ${count}; give one suffix per argument list (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  set(index 0)
  foreach(arguments IN LISTS arg_ARGUMENTS)
    if(arg_SUFFIXES)
      list(GET arg_SUFFIXES ${index} suffix)
    else()
      _swiftwrap_template_suffix("${arguments}" suffix)
    endif()
    set(name "${arg_NAME}${suffix}")
    _swiftwrap_check_identifier(swiftwrap_wrap_template "${name}" "Python name of ${arg_TEMPLATE}<${arguments}>")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_TYPES "${arg_TEMPLATE}<${arguments}>=${name}")
    set_property(GLOBAL APPEND PROPERTY _SWIFTWRAP_SUB_${submodule}_ORIGINS
                 "swiftwrap_wrap_template(${submodule} TEMPLATE ARGUMENTS)|${CMAKE_CURRENT_LIST_FILE}")
    math(EXPR index "${index} + 1")
  endforeach()
endfunction()

function(swiftwrap_add_intrusive_pointer template)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "GET;REF;UNREF" "")
  _swiftwrap_check_arguments(swiftwrap_add_intrusive_pointer "${template}" KEYWORDS GET REF UNREF)
  _swiftwrap_declare_intrusive_pointer("${template}" "${arg_GET}" "${arg_REF}" "${arg_UNREF}")
endfunction()

function(swiftwrap_add_module module)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PACKAGE"
                        "SUBMODULES;DEPENDS;TARGETS;INCLUDE_DIRECTORIES;COMPILE_DEFINITIONS")
  set(keywords PACKAGE SUBMODULES DEPENDS TARGETS INCLUDE_DIRECTORIES COMPILE_DEFINITIONS)
  _swiftwrap_check_arguments(swiftwrap_add_module "${module}" KEYWORDS ${keywords} REQUIRED SUBMODULES)
  # Not COMPILE_DEFINITIONS: definitions are capitalised words by nature (NDEBUG, HAVE_TYPES), so a
  # value there is never taken for a misspelt keyword.
  _swiftwrap_check_keyword_like(swiftwrap_add_module "${module}" KEYWORDS ${keywords}
                                CHECK SUBMODULES DEPENDS TARGETS INCLUDE_DIRECTORIES)
  _swiftwrap_check_identifier(swiftwrap_add_module "${module}" "module name")
  _swiftwrap_register_module("${module}")
endfunction()

function(swiftwrap_add_python_package package)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_PRUNE" "INSTALL_DESTINATION;INTERFACE_DESTINATION;EXPORT_FILE"
                        "INSTALL_INCLUDE_DIRECTORIES")
  _swiftwrap_check_arguments(swiftwrap_add_python_package "${package}" KEYWORDS NO_PRUNE INSTALL_DESTINATION
                             INTERFACE_DESTINATION EXPORT_FILE INSTALL_INCLUDE_DIRECTORIES)
  _swiftwrap_check_keyword_like(swiftwrap_add_python_package "${package}" KEYWORDS NO_PRUNE INSTALL_DESTINATION
                                INTERFACE_DESTINATION EXPORT_FILE INSTALL_INCLUDE_DIRECTORIES
                                CHECK INSTALL_INCLUDE_DIRECTORIES)
  get_property(modules GLOBAL PROPERTY _SWIFTWRAP_PKG_${package}_MODULES)
  if(NOT modules)
    message(FATAL_ERROR "swiftwrap_add_python_package(${package}): no module was added to package '${package}' "
                        "with swiftwrap_add_module (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  set_property(GLOBAL PROPERTY _SWIFTWRAP_PKG_${package}_FINISHED TRUE)
  if(NOT arg_EXPORT_FILE)
    set(arg_EXPORT_FILE "${CMAKE_BINARY_DIR}/${package}-swiftwrap-modules.cmake")
  endif()
  _swiftwrap_write_package_init("${package}" "${modules}")
  _swiftwrap_add_stubgen_command("${package}" "${modules}" ${arg_NO_PRUNE})
  _swiftwrap_write_export_file("${package}" "${modules}" "${arg_EXPORT_FILE}")
  if(NOT arg_INTERFACE_DESTINATION)
    set(arg_INTERFACE_DESTINATION "share/swiftwrap/${package}")
  endif()
  if(arg_INSTALL_DESTINATION)
    _swiftwrap_install_package("${package}" "${modules}" "${arg_INSTALL_DESTINATION}" "${arg_INTERFACE_DESTINATION}"
                               "${arg_INSTALL_INCLUDE_DIRECTORIES}")
  endif()
endfunction()

function(swiftwrap_import_modules)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "FILE" "")
  _swiftwrap_check_arguments(swiftwrap_import_modules "" KEYWORDS FILE REQUIRED FILE)
  if(NOT EXISTS "${arg_FILE}")
    message(FATAL_ERROR "swiftwrap_import_modules: FILE '${arg_FILE}' does not exist; configure the project that "
                        "writes it (swiftwrap_add_python_package) first (in ${CMAKE_CURRENT_LIST_FILE}).")
  endif()
  include("${arg_FILE}")
endfunction()

cmake_policy(POP)
