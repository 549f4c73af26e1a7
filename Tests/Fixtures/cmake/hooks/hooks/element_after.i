// SWIG code of submodule Elements, included after its declarations (SWIG_CODE_AFTER).
%pythoncode %{
def total_of(tree, visitor):
    return tree.Accept(visitor) * 1000
%}
