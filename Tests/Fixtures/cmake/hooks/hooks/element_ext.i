// SWIG code of submodule Elements, included before its declarations (swiftwrap_add_submodule SWIG_CODE).
// Classes are named as the .i declares them: by their wrapped (Python) name.
%typemap(out) int Raw "$result = PyLong_FromLong($1 * 10);"

%extend Element {
  int Doubled() const { return $self->Raw() * 2; }
#ifdef HOOK_FLAG
  int FlagSeen() const { return HOOK_FLAG; }
#endif
  %pythoncode %{
    def describe(self):
        return "Element(%d)" % self.Doubled()
  %}
}
