import ArgumentParser

/// wrapgen's options, declared once: wrapgen parses its command line with them, and stubgen parses
/// the arguments a stamp recorded with them before it reruns a module (a stamp whose arguments are
/// not wrapgen options, or name another owner or database, is never run).
public struct WrapgenOptions: ParsableArguments {
    @Option(name: .long, help: "Name of the wrapped module (names the stamp <module>.stamp). Required.")
    public var module: String?

    @OptionGroup public var records: RecordToolOptions

    @Option(name: .customLong("output-dir"), help: "Directory for the .i, .idx, .index.txt files and the stamp. Required.")
    public var outputDirectory: String?

    @Option(name: .customLong("submodule"), help: "A submodule and its CastXML output, as NAME=XML (repeat, in order).")
    public var submodules: [String] = []

    @Option(name: .customLong("include"), help: "A header the submodule's .i includes, as NAME=HEADER (repeat).")
    public var includes: [String] = []

    @Option(name: .customLong("function"),
            help: "A free function the submodule wraps, all its overloads, as NAME=QUALIFIED (e.g. Core=sf::seconds; repeat).")
    public var functions: [String] = []

    @Option(name: .customLong("constant"),
            help: "A namespace-level constant the submodule wraps as a module attribute, as NAME=QUALIFIED (repeat).")
    public var constants: [String] = []

    @Option(name: .customLong("import-idx"), help: "The .idx file of a submodule of a dependency module (repeat).")
    public var importedIndexes: [String] = []

    @Option(name: .customLong("project-types"),
            help: "Types the project's other modules wrap, one '<module> <C++ type>' a line: a public base among them is an error (add DEPENDS <module>).")
    public var projectTypes: String?

    @Option(name: .customLong("project-index"),
            help: "The .idx of a submodule of a module of the package that this one does not depend on, as MODULE=IDX (repeat): a public base it wraps is an error (add DEPENDS MODULE), never wrapped twice.")
    public var projectIndexes: [String] = []

    @Option(name: .customLong("warnings-file"),
            help: "Write every warning there, one a line; the terminal gets one line per type that is not wrapped.")
    public var warningsFile: String?

    @Option(name: .customLong("intrusive-pointer"),
            help: "A smart-pointer template that counts references in its pointee, as TEMPLATE=GET,REF,UNREF (e.g. itk::SmartPointer=GetPointer,Register,UnRegister; repeat).")
    public var intrusivePointers: [String] = []

    @Option(name: .customLong("swig-code"),
            help: "A file of SWIG code the submodule's .i %includes before its declarations (typemaps, %apply, %extend, %feature), as NAME=FILE (repeat, in order).")
    public var swigCode: [String] = []

    @Option(name: .customLong("swig-code-after"),
            help: "A file of SWIG code the submodule's .i %includes after its declarations (%pythoncode, %template), as NAME=FILE (repeat, in order).")
    public var swigCodeAfter: [String] = []

    @Option(name: .customLong("director"),
            help: "A class of the submodule (C++ name as in TYPES, or Python name) whose virtual methods Python subclasses may override (SWIG directors), as NAME=CLASS (repeat).")
    public var directors: [String] = []

    @Option(name: .customLong("output-parameter"),
            help: "Out-parameters of a method of the submodule, as NAME=CLASS::METHOD(PARAMETER[,PARAMETER...]): Python does not pass them, the call returns them (repeat).")
    public var outputParameters: [String] = []
    @Option(name: .customLong("ownership"),
            help: "A method that moves ownership, as KIND=CLASS::METHOD with KIND newobject (the caller owns the result), disown (the method takes its pointer arguments) or invalidates (it deletes them) (repeat).")
    public var ownership: [String] = []

    @Option(name: .customLong("buffer"),
            help: "A method that returns a byte buffer, as CLASS.METHOD=SIZE: Python gets bytes of SIZE bytes, a C++ expression in which 'self' is the object (repeat).")
    public var buffers: [String] = []

    @Option(name: .long, help: "Python package of the SWIG modules (default: the owner).")
    public var package: String?

    @Option(name: .customLong("wrappers-namespace"), help: "Namespace whose typedefs name the wrapped types.")
    public var wrappersNamespace = WrapgenOptions.defaultWrappersNamespace

    public static let defaultWrappersNamespace = "_wrapping_::wrappers"

    @Option(name: .long, help: "Write a Makefile depfile listing every XML and .idx file read.")
    public var depfile: String?

    @Flag(name: .customLong("no-docstrings"),
          help: "Do not read C++ doc comments from the headers (docstrings in the .i and records come from them by default).")
    public var noDocstrings = false

    @Flag(name: .customLong("warnings-as-errors"), help: "Fail, writing nothing, when there is any warning.")
    public var warningsAsErrors = false

    public init() {}
}
