/// What the `.i` writer needs about one submodule, prepared by the record builder.
public struct SubmoduleInterface: Sendable {
    public var submodule: String
    public var xmlPath: String
    public var includes: [String]
    public var declarations: [InterfaceDeclaration]
    /// Wrapped class name → canonical C++ type, for every class name the `.i` uses (own and imported).
    public var classAliases: [String: String] = [:]
    /// Submodules whose declarations this one uses (never itself).
    public var imports: Set<String> = []
    public var usesString = false
    /// Element types of the `std::vector`s to instantiate.
    public var vectorElements: Set<String> = []
    /// C++ names that are Python keywords (`PythonNames`): each gets `%rename(_name) name;`.
    public var renamed: Set<String> = []
    /// Smart-pointer types the declarations use (SmartPointerInterface writes their typemaps).
    public var smartPointers: Set<SmartPointerUse> = []
    /// SWIG spellings of the `T` of every non-const `T&` return of a number, `bool` or enumeration
    /// (ValueTypemaps: such returns come back as Python values).
    public var referenceReturns: Set<String> = []
    /// Enumerations the `.i` uses but does not declare (ValueTypemaps: Python sees them as `int`).
    public var unwrappedEnums: Set<String> = []
    /// `operator[]` of wrapped classes as `__getitem__`/`__setitem__` (SubscriptExtensions).
    public var subscripts: [SubscriptExtension] = []
    /// The user's hooks as the `.i` writes them (UserHookInterface.swift).
    public var hooks = HookInterface()
    /// Keep-alive and declared ownership moves of methods (Analysis/Lifetimes.swift, LifetimeFeatures).
    public var lifetimes: [LifetimeFeature] = []
    /// Free operators as methods of their classes (FreeOperators.swift, FreeOperatorExtensions).
    public var freeOperators: [FreeOperatorExtension] = []
    /// Module-level functions by namespace and `%constant` lines (ModuleLevel.swift).
    public var moduleFunctions: [ModuleFunctionDeclaration] = []
    public var constants: [String] = []
    /// `(<pointer> <name>, <size> <name>)` parameter pairs that take a Python buffer (BufferInterface).
    public var bufferPairs: Set<String> = []
}

/// One wrapped class or enumeration as SWIG should see it.
public struct InterfaceDeclaration: Sendable {
    public enum Kind: Sendable {
        /// `class <alias> : public <bases> { public: <body> };`
        case record(tag: RecordTag, bases: [String])
        /// A namespace-level enumeration: `namespace <ns> { enum … }`, renamed to the alias.
        case enumeration(namespace: String, cppName: String)
    }
    public var alias: String
    public var cppType: String
    public var kind: Kind
    public var body: [String]
    /// Wrapped names of local classes that must be declared first.
    public var localBases: [String]
    /// `%nodefaultctor`: the class has no public constructor SWIG may call (or is abstract).
    public var noDefaultConstructor: Bool
    /// `%nodefaultdtor`: the destructor is not public (e.g. reference-counted classes).
    public var noDefaultDestructor: Bool
    /// The class is reference counted through this intrusive pointer's methods (SmartPointers.swift).
    public var referenceCounting: IntrusivePointer? = nil
    /// Every Python object of the class holds a `std::shared_ptr` (SWIG's `%shared_ptr`).
    public var heldByShared = false
    /// `%feature("docstring")` lines written before the declaration (SwigDocstrings.swift).
    public var docstrings: [String] = []
    /// What turning SWIG directors on for the class needs (DirectorInterface.swift).
    public var director = DirectorSupport()
    /// Directives before the class (`%naturalvar`) and Python statements after it (data members:
    /// DataMemberInterface.swift).
    public var directives: [String] = []
    public var trailer: [String] = []
    /// `.i` lines right after the class (BufferArguments.swift).
    public var closing: [String] = []
}
