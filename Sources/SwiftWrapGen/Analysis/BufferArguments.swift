import SwiftWrapRecords

/// Byte buffers (issue 16; docs/cmake.md, "Byte buffers"):
/// - Arguments: a `const` pointer to `void`, `char`, `signed char` or `unsigned char` (`std::uint8_t`)
///   directly followed by an integer parameter, neither with a default, is one Python argument that
///   takes `bytes` or any other contiguous buffer (`bytearray`, `memoryview`, `array.array`): SWIG
///   passes its address and its length in bytes (a multi-argument typemap, BufferInterface.swift).
///   The pointer is read-only in C++ (`const`): a non-const pointer (an output buffer) is not paired.
/// - Returns: a method declared with `--buffer CLASS.METHOD=SIZE` (CMake: `BUFFERS`) that returns
///   such a pointer returns `bytes` (a copy of SIZE bytes; SIZE is a C++ expression in which `self` is
///   the object), or `None` for a null pointer. Nothing else is guessed: a pointer return without a
///   declared size keeps SWIG's opaque pointer.
enum BufferArguments {
    /// The record annotation of a buffer argument.
    static let argumentPython = "Union[bytes, bytearray, memoryview]"
    /// A null pointer gives `None`: stubgen's rule for pointer returns (StubNullability) adds `| None`.
    static let returnPython = "bytes"

    /// Whether `type` is a pointer to const bytes.
    static func isBytePointer(_ type: CppType) -> Bool {
        var type = type
        if case .qualified(let inner, _, _) = type { type = inner }
        guard case .pointer(let pointee) = type, case .qualified(let element, let isConst, _) = pointee, isConst,
              case .fundamental(let name) = element else { return false }
        return ["void", "char", "signed char", "unsigned char"].contains(name)
    }

    static func isSize(_ type: CppType) -> Bool {
        var type = type
        if case .qualified(let inner, _, _) = type { type = inner }
        guard case .fundamental(let name) = type else { return false }
        return PythonTypes.integerNames.contains(name) && !name.contains("char")
    }

    /// Index of each pointer argument that pairs with the size argument after it.
    static func pairs(_ types: [CppType], _ arguments: [ArgumentNode]) -> Set<Int> {
        var result = Set<Int>()
        var index = 0
        while index + 1 < types.count {
            if isBytePointer(types[index]), isSize(types[index + 1]),
               arguments[index].defaultValue == nil, arguments[index + 1].defaultValue == nil {
                result.insert(index)
                index += 2
            } else {
                index += 1
            }
        }
        return result
    }
}

extension RecordBuilder {
    /// A `--buffer` method's record return and its `.i` typemaps; nil when none is declared for it.
    mutating func bufferReturn(_ function: FunctionNode, owner: String, record: inout FunctionRecord,
                               members: inout MemberCollector) {
        let name = owner + "." + function.name
        guard let size = buffers[name] else { return }
        usedBuffers.insert(name)
        let returnType = resolver.type(function.returns)
        guard BufferArguments.isBytePointer(returnType), !function.isStatic else {
            warn(function.place, "--buffer \(name): '\(owner)::\(function.name)' is \(function.isStatic ? "static" : "not a method returning a const void, char or unsigned char pointer (it returns \(returnType.spelling))"); declaration ignored")
            return
        }
        record.returns = TypeRecord(cpp: returnType.spelling, python: BufferArguments.returnPython, wrapped: nil)
        record.bufferSize = size
        let spelling = swigSpelling(returnType)
        members.fieldDirectives += BufferInterface.returnTypemap(spelling: spelling, method: function.name, alias: owner, size: size)
        members.closingDirectives.append("%typemap(out) \(spelling) \(function.name);")
    }
}
