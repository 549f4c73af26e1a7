/// The Python side of wrapped data members (RecordBuilder+Fields.swift): helpers written once into a
/// submodule's proxy module, and the `%pythoncode` after a class that installs its statics and
/// keep-alive getters.
enum DataMemberInterface {
    /// Name of the `%extend` static getter of static data member `name` (private in Python).
    static func staticGetter(_ name: String) -> String { "_swiftwrap_get_" + name }

    /// The helpers, when any declaration of the submodule uses them.
    static func prelude(_ sub: SubmoduleInterface) -> [String] {
        guard sub.declarations.contains(where: { !$0.trailer.isEmpty }) else { return [] }
        return ["", "%pythoncode %{",
                "class _SwiftWrapStatic(object):",
                "    \"\"\"A static data member of a wrapped C++ class, read from C++ at every access (wrapgen).\"\"\"",
                "    __slots__ = ('_get', '_name')",
                "",
                "    def __init__(self, get, name):",
                "        self._get = get",
                "        self._name = name",
                "",
                "    def __get__(self, instance, owner=None):",
                "        return self._get()",
                "",
                "    def __set__(self, instance, value):",
                "        raise AttributeError(\"static data member '%s' is read-only in Python\" % self._name)",
                "",
                "",
                "def _swiftwrap_keep_owner(cls, name):",
                "    \"\"\"The proxy of a data member of class type keeps the object it lives in alive (wrapgen).\"\"\"",
                "    member = cls.__dict__[name]",
                "    get = member.fget",
                "",
                "    def fget(self):",
                "        value = get(self)",
                "        if value is not None:",
                "            value._swiftwrap_owner = self",
                "        return value",
                "    setattr(cls, name, property(fget, member.fset, member.fdel, member.__doc__))",
                "%}"]
    }

    /// `%pythoncode` after a class declaration.
    static func trailer(_ lines: [String]) -> [String] {
        lines.isEmpty ? [] : ["%pythoncode %{"] + lines + ["%}"]
    }
}
