// A small header-only library for the smart-pointer tests (Tests/EndToEnd/test_smart_pointers.py):
// an ITK-shaped intrusive pointer (sp::SmartPointer with the nullptr, templated converting and
// move constructors, operator-> and GetPointer()), std::shared_ptr and std::unique_ptr factories.
#pragma once
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace sp {

// Live objects of each kind (LightObject::Alive(), Node::Alive(), Item::Alive()), so the tests see
// leaks and double deletes. Each kind is created and destroyed in the extension module of its own
// submodule, whose copy of the counter its Alive() reads.
namespace detail {
inline int &objects() { static int count = 0; return count; }
inline int &nodes() { static int count = 0; return count; }
inline int &items() { static int count = 0; return count; }
} // namespace detail

/// Shaped like itk::SmartPointer: Register()/UnRegister() on the pointee.
template <typename T>
class SmartPointer {
public:
  using ObjectType = T;
  template <typename> friend class SmartPointer;
  constexpr SmartPointer() noexcept = default;
  constexpr SmartPointer(std::nullptr_t) noexcept {}
  SmartPointer(const SmartPointer &other) noexcept : m_Pointer(other.m_Pointer) { Register(); }
  SmartPointer(SmartPointer &&other) noexcept : m_Pointer(other.m_Pointer) { other.m_Pointer = nullptr; }
  template <typename U, typename = std::enable_if_t<std::is_convertible<U *, T *>::value>>
  SmartPointer(const SmartPointer<U> &other) noexcept : m_Pointer(other.m_Pointer) { Register(); }
  SmartPointer(T *pointer) noexcept : m_Pointer(pointer) { Register(); }
  ~SmartPointer() { UnRegister(); }
  T *operator->() const noexcept { return m_Pointer; }
  T &operator*() const noexcept { return *m_Pointer; }
  operator T *() const noexcept { return m_Pointer; }
  T *GetPointer() const noexcept { return m_Pointer; }
  bool IsNull() const noexcept { return m_Pointer == nullptr; }
  SmartPointer &operator=(SmartPointer other) noexcept { std::swap(m_Pointer, other.m_Pointer); return *this; }
  SmartPointer &operator=(std::nullptr_t) noexcept { SmartPointer().swap(*this); return *this; }
  void swap(SmartPointer &other) noexcept { std::swap(m_Pointer, other.m_Pointer); }

private:
  void Register() { if (m_Pointer) m_Pointer->Register(); }
  void UnRegister() noexcept { if (m_Pointer) m_Pointer->UnRegister(); }
  T *m_Pointer{nullptr};
};

/// Shaped like itk::LightObject: created with one reference, deleted by the last UnRegister().
class LightObject {
public:
  using Self = LightObject;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  static Pointer New() { Pointer p = new Self; p->UnRegister(); return p; }
  virtual void Register() const { ++m_ReferenceCount; }
  virtual void UnRegister() const noexcept { if (--m_ReferenceCount <= 0) delete this; }
  int GetReferenceCount() const { return m_ReferenceCount; }
  virtual const char *GetNameOfClass() const { return "LightObject"; }
  static int Alive() { return detail::objects(); }

protected:
  LightObject() { ++detail::objects(); }
  virtual ~LightObject() { --detail::objects(); }
  LightObject(const LightObject &) = delete;
  LightObject &operator=(const LightObject &) = delete;

private:
  mutable int m_ReferenceCount{1};
};

/// A reference-counted class with a base, a held child and raw-pointer accessors.
class Counter : public LightObject {
public:
  using Self = Counter;
  using Superclass = LightObject;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  static Pointer New() { Pointer p = new Self; p->UnRegister(); return p; }
  const char *GetNameOfClass() const override { return "Counter"; }
  void SetValue(int value) { m_Value = value; }
  int GetValue() const { return m_Value; }
  Counter *GetSelf() { return this; }
  Counter &GetSelfReference() { return *this; }
  const Counter *GetConstSelf() const { return this; }
  ConstPointer GetConstPointer() const { return this; }
  Pointer Clone() const { Pointer copy = New(); copy->SetValue(m_Value); return copy; }
  void SetChild(LightObject *child) { m_Child = child; }
  LightObject *GetChild() const { return m_Child.GetPointer(); }
  const Superclass::Pointer &GetChildPointer() const { return m_Child; }
  void SetChildPointer(const Superclass::Pointer &child) { m_Child = child; }

protected:
  Counter() = default;
  ~Counter() override = default;

private:
  int m_Value{0};
  Superclass::Pointer m_Child;
};

/// Functions taking a Counter in every form (and its base through a smart pointer).
struct CounterTools {
  static int ValueOfPointer(Counter *c) { return c->GetValue(); }
  static int ValueOfConstPointer(const Counter *c) { return c->GetValue(); }
  static int ValueOfReference(Counter &c) { return c.GetValue(); }
  static int ValueOfConstReference(const Counter &c) { return c.GetValue(); }
  static int ValueOfSmartPointer(Counter::Pointer c) { return c->GetValue(); }
  static int ValueOfConstSmartPointer(Counter::ConstPointer c) { return c->GetValue(); }
  static int CountInside(const Counter::Pointer &c) { return c->GetReferenceCount(); }
  static bool IsNull(const LightObject::Pointer &o) { return o.IsNull(); }
  static const char *NameOf(LightObject::Pointer o) { return o->GetNameOfClass(); }
};

/// std::shared_ptr: a base and a derived class made by a factory.
class Shape {
public:
  virtual ~Shape() = default;
  virtual int Corners() const { return 0; }
  const char *Kind() const { return "shape"; }
};

class Node : public Shape {
public:
  static std::shared_ptr<Node> Create(int value) { return std::shared_ptr<Node>(new Node(value)); }
  ~Node() override { --detail::nodes(); }
  int Corners() const override { return 4; }
  int GetValue() const { return m_Value; }
  void SetNext(std::shared_ptr<Node> next) { m_Next = std::move(next); }
  std::shared_ptr<Node> GetNext() const { return m_Next; }
  const std::shared_ptr<Node> &GetNextReference() const { return m_Next; }
  Node *GetRawNext() const { return m_Next.get(); }
  static long UseCount(const std::shared_ptr<Node> &node) { return node.use_count(); }
  static int ValueOfPointer(const Node *node) { return node->GetValue(); }
  static int ValueOfReference(Node &node) { return node.GetValue(); }
  static int CornersOf(std::shared_ptr<Shape> shape) { return shape->Corners(); }
  static int Alive() { return detail::nodes(); }

protected:
  explicit Node(int value) : m_Value(value) { ++detail::nodes(); }

private:
  int m_Value;
  std::shared_ptr<Node> m_Next;
};

/// Uses of Node from another submodule (whose .i %imports the one that wraps Node).
struct NodeTools {
  static std::shared_ptr<Node> Link(std::shared_ptr<Node> head, std::shared_ptr<Node> next) {
    head->SetNext(std::move(next));
    return head;
  }
  static const Node *Raw(const std::shared_ptr<Node> &node) { return node.get(); }
  static int ValueOf(const Node &node) { return node.GetValue(); }
};

/// std::unique_ptr: a factory and a container that takes ownership.
class Item {
public:
  explicit Item(int value) : m_Value(value) { ++detail::items(); }
  ~Item() { --detail::items(); }
  static std::unique_ptr<Item> Make(int value) { return std::unique_ptr<Item>(new Item(value)); }
  int GetValue() const { return m_Value; }
  static int Alive() { return detail::items(); }

private:
  int m_Value;
};

class Box {
public:
  void Put(std::unique_ptr<Item> item) { m_Items.push_back(std::move(item)); }
  int Size() const { return static_cast<int>(m_Items.size()); }
  Item *Get(int index) const { return m_Items.at(static_cast<std::size_t>(index)).get(); }
  std::unique_ptr<Item> Take() {
    if (m_Items.empty()) return nullptr;
    std::unique_ptr<Item> last = std::move(m_Items.back());
    m_Items.pop_back();
    return last;
  }

private:
  std::vector<std::unique_ptr<Item>> m_Items;
};

} // namespace sp
