// A small header-only library for the lifetime tests (Tests/EndToEnd/test_lifetimes.py): a container
// that hands out references and pointers into its members, a document whose factory makes children
// it owns (shaped like tinyxml2), a transform whose methods return *this by reference, ownership
// passed to and from C++, NULL returns and null-default pointer parameters, an unwrapped enumeration.
// Every class keeps its state behind a heap pointer, so a use after free reads a pointer that
// MALLOC_PERTURB_ has overwritten: the process crashes instead of printing plausible garbage.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

namespace lt {

enum class Mode { Fast = 1, Exact = 2 };  // not wrapped: Python sees it as int

class Item {
public:
  explicit Item(int value = 0) : m_Value(new int(value)), m_Label(new std::string("item-" + std::to_string(value))) {}
  Item(const Item &other) : m_Value(new int(*other.m_Value)), m_Label(new std::string(*other.m_Label)) {}
  Item &operator=(const Item &other) { *m_Value = *other.m_Value; *m_Label = *other.m_Label; return *this; }
  ~Item() { delete m_Value; delete m_Label; }
  int Value() const { return *m_Value; }
  void SetValue(int value) { *m_Value = value; *m_Label = "item-" + std::to_string(value); }
  const char *Label() const { return m_Label->c_str(); }
  /// NULL unless a note was set.
  const char *Note() const { return m_Note.empty() ? nullptr : m_Note.c_str(); }
  void SetNote(const std::string &note) { m_Note = note; }

private:
  int *m_Value;
  std::string *m_Label;
  std::string m_Note;
};

class Container {
public:
  explicit Container(int count = 4) {
    for (int i = 0; i < count; ++i) m_Items.push_back(new Item(i * 10));
  }
  Container(const Container &) = delete;
  Container &operator=(const Container &) = delete;
  ~Container() {
    for (Item *item : m_Items) delete item;
    for (Item *item : m_Adopted) delete item;
  }
  int size() const { return static_cast<int>(m_Items.size()); }
  Item &At(int index) { return *m_Items.at(index); }
  const Item &ConstAt(int index) const { return *m_Items.at(index); }
  /// A pointer into the container, or NULL when no item has the value.
  Item *Find(int value) {
    for (Item *item : m_Items) if (item->Value() == value) return item;
    return nullptr;
  }
  /// The last item, and its index through an out-parameter (OUTPUT_PARAMETERS): Python gets
  /// (item, index), and the item keeps the container alive.
  Item &Last(int *index) { *index = size() - 1; return *m_Items.back(); }
  const Item *First() const { return m_Items.empty() ? nullptr : m_Items.front(); }
  Item &operator[](int index) { return *m_Items.at(index); }
  /// Items with a value above the filter's, or all of them without a filter.
  int CountAbove(const Item *filter = nullptr) const {
    int count = 0;
    for (const Item *item : m_Items) if (!filter || item->Value() > filter->Value()) ++count;
    return count;
  }
  /// A new item the caller owns (declared NEWOBJECT).
  Item *MakeItem(int value) const { return new Item(value); }
  /// Takes ownership of the item: the container deletes it (declared DISOWN).
  void Adopt(Item *item) { m_Adopted.push_back(item); }
  int AdoptedTotal() const { int total = 0; for (const Item *item : m_Adopted) total += item->Value(); return total; }
  /// Deletes an item that Adopt() took (declared INVALIDATES).
  void Destroy(Item *item) {
    for (auto it = m_Adopted.begin(); it != m_Adopted.end(); ++it) {
      if (*it == item) { delete item; m_Adopted.erase(it); return; }
    }
  }
  Mode GetMode() const { return m_Mode; }
  void SetMode(Mode mode) { m_Mode = mode; }
  /// An unwrapped enumeration through a pointer: opaque to Python.
  Mode *ModePointer() { return &m_Mode; }

private:
  std::vector<Item *> m_Items;
  std::vector<Item *> m_Adopted;
  Mode m_Mode = Mode::Fast;
};

class Document;

/// Made only by Document::NewNode(), owned by the document (as tinyxml2's XMLNode).
class Node {
public:
  const char *Text() const { return m_Text->c_str(); }
  Node *FirstChild() { return m_Children.empty() ? nullptr : m_Children.front(); }
  Node *Parent() { return m_Parent; }
  Node *InsertEndChild(Node *child) { child->m_Parent = this; m_Children.push_back(child); return child; }
  Document *GetDocument() { return m_Document; }

private:
  friend class Document;
  Node(Document *document, const char *text) : m_Document(document), m_Text(new std::string(text)) {}
  ~Node() { delete m_Text; }
  Document *m_Document;
  Node *m_Parent = nullptr;
  std::string *m_Text;
  std::vector<Node *> m_Children;
};

class Document {
public:
  Document() = default;
  Document(const Document &) = delete;
  Document &operator=(const Document &) = delete;
  ~Document() { for (Node *node : m_Nodes) delete node; }
  Node *NewNode(const char *text) { m_Nodes.push_back(new Node(this, text)); return m_Nodes.back(); }
  Node *Root() { return m_Root; }
  Node *InsertEndChild(Node *node) { if (!m_Root) m_Root = node; return node; }
  int NodeCount() const { return static_cast<int>(m_Nodes.size()); }

private:
  std::vector<Node *> m_Nodes;
  Node *m_Root = nullptr;
};

class Transform {
public:
  Transform() : m_Offset(new double[2]{0, 0}) {}
  Transform(const Transform &other) : m_Offset(new double[2]{other.m_Offset[0], other.m_Offset[1]}) {}
  Transform &operator=(const Transform &other) { m_Offset[0] = other.m_Offset[0]; m_Offset[1] = other.m_Offset[1]; return *this; }
  ~Transform() { delete[] m_Offset; }
  Transform &Translate(double x, double y) { m_Offset[0] += x; m_Offset[1] += y; return *this; }
  Transform &Scale(double factor) { m_Offset[0] *= factor; m_Offset[1] *= factor; return *this; }
  double X() const { return m_Offset[0]; }
  double Y() const { return m_Offset[1]; }

private:
  double *m_Offset;
};

} // namespace lt
