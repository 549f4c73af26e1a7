/// One wrapped class or enumeration, or one module-level function (all its overloads) or constant
/// (`kind` `function`/`constant`, schema version 2), as stored in the record database (JSON in `records.data`).
/// Field names are the JSON keys; stubgen decodes the same types. Every list is in a fixed
/// order (documented in docs/database.md), so the JSON of a record is deterministic.
public struct ClassRecord: Codable, Equatable, Sendable {
    /// `<pythonName>.<submodule>`.
    public var key: String
    public var pythonName: String
    /// The project that wrapped it.
    public var owner: String
    public var module: String
    public var submodule: String
    /// The Python package the SWIG modules live in.
    public var package: String
    /// `class`, `struct`, `union`, `enum`; `function` (its overloads are the one group of `methods`) or
    /// `constant` (its type is `valueType`).
    public var kind: String
    /// Normalised C++ spelling, e.g. `geo::Point<double>`; the qualified name of a function or constant.
    public var cppType: String
    /// `geo::Point` for a template instantiation, else nil.
    public var templateName: String?
    public var templateArguments: [String]
    public var bases: [BaseRecord]
    public var isAbstract: Bool
    public var constructors: [FunctionRecord]
    /// Named methods, sorted by name; overloads in declaration order.
    public var methods: [MethodGroup]
    /// Operators, sorted by C++ name; overloads in declaration order.
    public var operators: [MethodGroup]
    /// Nested enumerations (for a wrapped enumeration: the enumeration itself, alone).
    public var enums: [EnumRecord]
    /// Public data members in declaration order (FieldRecord.swift); nil (absent from the JSON) when none.
    public var fields: [FieldRecord]? = nil
    public var file: String
    public var line: Int
    /// The C++ doc comment of the class or enumeration as plain text (docs/database.md); absent
    /// when it has none, so records without comments keep their bytes and older readers skip it.
    public var doc: String? = nil
    /// SWIG directors are on for the class (`swiftwrap_add_submodule(… DIRECTORS)`): Python
    /// subclasses override its virtual methods. nil (absent from the JSON) when off.
    public var isDirector: Bool? = nil
    /// The type of a `constant` record; nil for every other kind.
    public var valueType: TypeRecord?

    public init(key: String, pythonName: String, owner: String, module: String, submodule: String, package: String,
                kind: String, cppType: String, templateName: String?, templateArguments: [String], bases: [BaseRecord],
                isAbstract: Bool, constructors: [FunctionRecord], methods: [MethodGroup], operators: [MethodGroup],
                enums: [EnumRecord], file: String, line: Int, valueType: TypeRecord? = nil) {
        self.key = key
        self.pythonName = pythonName
        self.owner = owner
        self.module = module
        self.submodule = submodule
        self.package = package
        self.kind = kind
        self.cppType = cppType
        self.templateName = templateName
        self.templateArguments = templateArguments
        self.bases = bases
        self.isAbstract = isAbstract
        self.constructors = constructors
        self.methods = methods
        self.operators = operators
        self.enums = enums
        self.file = file
        self.line = line
        self.valueType = valueType
    }

    /// Kinds that are not classes: module-level names of the SWIG module (`kind` function or constant).
    public static let moduleLevelKinds: Set<String> = ["function", "constant"]

    /// True for a module-level function or constant record.
    public var isModuleLevel: Bool { ClassRecord.moduleLevelKinds.contains(kind) }
}

public struct BaseRecord: Codable, Equatable, Sendable {
    public var cppType: String
    /// Wrapped name of the base, nil when the base is not wrapped.
    public var pythonName: String?
    /// The submodule that wraps the base.
    public var submodule: String?
    public var access: String
    public var isVirtual: Bool

    public init(cppType: String, pythonName: String?, submodule: String?, access: String, isVirtual: Bool) {
        self.cppType = cppType
        self.pythonName = pythonName
        self.submodule = submodule
        self.access = access
        self.isVirtual = isVirtual
    }
}

/// A C++ type as a record shows it: the C++ spelling and the Python annotation.
public struct TypeRecord: Codable, Equatable, Sendable {
    public var cpp: String
    /// A Python type expression (`int`, `str`, `Sequence[float]`, `PointD`, `Any`, `None`).
    public var python: String
    /// Key of the wrapped class or enum the type refers to (`PointD.Points`), when it is one.
    public var wrapped: String?

    public init(cpp: String, python: String, wrapped: String?) {
        self.cpp = cpp
        self.python = python
        self.wrapped = wrapped
    }
}

public struct ArgumentRecord: Codable, Equatable, Sendable {
    public var name: String
    public var type: TypeRecord
    /// The C++ default expression as CastXML wrote it.
    public var cppDefault: String?
    /// The default as a Python expression (`2`, `True`, `'text'`), or `...` when it has none.
    public var pythonDefault: String?
    /// For a byte buffer (`const void*` and the like followed by its size, one `bytes` argument in
    /// Python): the name of the C++ size parameter it absorbs. nil (absent from the JSON) otherwise.
    public var bufferSize: String? = nil
    /// An out-parameter (`swiftwrap_add_submodule(… OUTPUT_PARAMETERS)`): Python does not pass it,
    /// the call returns it (SWIG's `*OUTPUT` typemap); `type.python` is the value's type. nil
    /// (absent from the JSON) for ordinary arguments.
    public var isOutput: Bool? = nil

    public init(name: String, type: TypeRecord, cppDefault: String?, pythonDefault: String?) {
        self.name = name
        self.type = type
        self.cppDefault = cppDefault
        self.pythonDefault = pythonDefault
    }
}

public struct FunctionRecord: Codable, Equatable, Sendable {
    public var arguments: [ArgumentRecord]
    /// nil for constructors.
    public var returns: TypeRecord?
    public var isStatic: Bool
    public var isConst: Bool
    public var isVirtual: Bool
    public var isPure: Bool
    /// True for an implicit (compiler-declared) constructor.
    public var isImplicit: Bool
    public var line: Int
    /// For a method that returns a byte buffer (`bytes` in Python): the C++ expression of its size in
    /// bytes, as declared with `BUFFERS` (wrapgen `--buffer`). nil (absent from the JSON) otherwise.
    public var bufferSize: String? = nil
    /// The C++ doc comment of this overload as plain text; absent when it has none.
    public var doc: String? = nil

    public init(arguments: [ArgumentRecord], returns: TypeRecord?, isStatic: Bool, isConst: Bool, isVirtual: Bool,
                isPure: Bool, isImplicit: Bool, line: Int) {
        self.arguments = arguments
        self.returns = returns
        self.isStatic = isStatic
        self.isConst = isConst
        self.isVirtual = isVirtual
        self.isPure = isPure
        self.isImplicit = isImplicit
        self.line = line
    }
}

public struct MethodGroup: Codable, Equatable, Sendable {
    /// C++ name (`Scale`, `operator+`).
    public var name: String
    /// Python name (`Scale`, `__add__`).
    public var pythonName: String
    public var overloads: [FunctionRecord]

    public init(name: String, pythonName: String, overloads: [FunctionRecord]) {
        self.name = name
        self.pythonName = pythonName
        self.overloads = overloads
    }
}

public struct EnumRecord: Codable, Equatable, Sendable {
    public struct Value: Codable, Equatable, Sendable {
        public var name: String
        /// Name of the Python attribute SWIG creates for it (`Red`, `Unit_Meter`, `Mode_Fast`).
        public var pythonName: String
        public var value: Int

        public init(name: String, pythonName: String, value: Int) {
            self.name = name
            self.pythonName = pythonName
            self.value = value
        }
    }
    public var name: String
    public var cppType: String
    public var isScoped: Bool
    public var values: [Value]

    public init(name: String, cppType: String, isScoped: Bool, values: [Value]) {
        self.name = name
        self.cppType = cppType
        self.isScoped = isScoped
        self.values = values
    }
}
