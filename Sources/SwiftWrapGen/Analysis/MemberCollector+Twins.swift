import SwiftWrapRecords

extension MemberCollector {
    /// Adds the `.i` line of a method or operator overload, leaving out a `const` twin (same name and
    /// parameter types as a non-`const` overload; `SwigOverloads`): SWIG would ignore it, but its
    /// presence alone would make the proxy a dispatching `def f(self, *args)`.
    mutating func appendOverload(_ line: String, name: String, record: FunctionRecord) {
        let key = name + "\u{0}" + SwigOverloads.parameterKey(record)
        if let twin = twinLines[key], twin.isConst != record.isConst {
            if record.isConst { return }
            droppedLines.insert(twin.index)
        }
        twinLines[key] = (lines.count, record.isConst)
        lines.append(line)
    }

    /// The class body's `.i` lines without the dropped twins.
    var emittedLines: [String] {
        droppedLines.isEmpty ? lines : lines.indices.filter { !droppedLines.contains($0) }.map { lines[$0] }
    }
}

/// How SWIG names a parameter the C++ declaration leaves unnamed: `arg<N>`, where N counts the
/// wrapper function's C arguments from 1. A member function's (and a constructor's) first C
/// argument is `self`, so its first parameter is `arg2`; a static member's (and a free function's)
/// is `arg1`. A named parameter keeps its place in the count (`f(int, int b, double)` is
/// `f(self, arg2, b, arg4)`). SWIG 4.1's proxy uses these names as keywords.
enum SwigParameterNames {
    static func unnamed(_ index: Int, isStatic: Bool) -> String {
        "arg\(index + (isStatic ? 1 : 2))"
    }
}
