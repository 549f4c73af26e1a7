/// SWIG side of byte buffers (BufferArguments.swift).
enum BufferInterface {
    /// The typemaps every buffer argument pair is `%apply`d from: `Py_buffer` held for the call (a
    /// small RAII holder releases it when the wrapper returns, also on errors).
    static func prelude(_ sub: SubmoduleInterface) -> [String] {
        guard !sub.bufferPairs.isEmpty else { return [] }
        var out = ["", "%{",
                   "namespace {",
                   "struct SwiftWrapBuffer {",
                   "  Py_buffer view;",
                   "  bool held = false;",
                   "  ~SwiftWrapBuffer() { if (held) PyBuffer_Release(&view); }",
                   "};",
                   "}",
                   "%}",
                   "%typemap(in) (const void *SWIFTWRAP_BYTES, size_t SWIFTWRAP_LENGTH) (SwiftWrapBuffer holder) {",
                   "  if (PyObject_GetBuffer($input, &holder.view, PyBUF_SIMPLE) != 0) {",
                   "    PyErr_Clear();",
                   "    SWIG_exception_fail(SWIG_TypeError, \"in method '$symname', argument $argnum: expected bytes or another contiguous buffer\");",
                   "  }",
                   "  holder.held = true;",
                   "  $1 = ($1_ltype) holder.view.buf;",
                   "  $2 = ($2_ltype) holder.view.len;",
                   "}",
                   "%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) (const void *SWIFTWRAP_BYTES, size_t SWIFTWRAP_LENGTH) {",
                   "  $1 = PyObject_CheckBuffer($input) ? 1 : 0;",
                   "}"]
        for pair in sub.bufferPairs.sorted() {
            out.append("%apply (const void *SWIFTWRAP_BYTES, size_t SWIFTWRAP_LENGTH) { (\(pair)) };")
        }
        return out
    }

    /// `%typemap(out)` of one `--buffer` method, in force for its class only (deleted after it).
    static func returnTypemap(spelling: String, method: String, alias: String, size: String) -> [String] {
        ["%typemap(out) \(spelling) \(method) {",
         "  if ($1) {",
         "    const \(alias) &self = *arg1;",
         "    (void)self;",
         "    $result = PyBytes_FromStringAndSize(reinterpret_cast<const char *>($1), static_cast<Py_ssize_t>(\(size)));",
         "  } else {",
         "    $result = SWIG_Py_Void();",
         "  }",
         "}"]
    }
}
