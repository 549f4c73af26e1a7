// Many wrapped types in one translation unit, for the two-thread record build (SubmoduleRecords):
// doc comments shared by two instantiations, bases, enumerations, data members, buffers, lifetimes.
#include "doclib.h"
#include "datalib.h"
#include "lifetimes.h"
namespace _wrapping_ {
namespace wrappers {
typedef doc::Widget Widget;
typedef doc::Plain Plain;
typedef doc::Box<double> BoxD;
typedef doc::Hostile Hostile;
typedef doc::Mode Mode;
typedef dm::Vector2<float> Vector2f;
typedef dm::Color Color;
typedef doc::Box<float> BoxF;
typedef dm::Time Time;
typedef dm::Rect<float> Rectf;
typedef dm::Label Label;
typedef dm::Vector2<int> Vector2i;
typedef dm::Tagged Tagged;
typedef dm::Image Image;
typedef dm::Rect<int> Recti;
typedef lt::Item Item;
typedef lt::Container Container;
typedef lt::Node Node;
typedef lt::Document Document;
typedef lt::Transform Transform;
}
void force_instantiate() {
  using namespace _wrapping_::wrappers;
  (void)sizeof(BoxD); (void)sizeof(BoxF); (void)sizeof(Vector2f); (void)sizeof(Vector2i); (void)sizeof(Rectf); (void)sizeof(Recti);
}
}
