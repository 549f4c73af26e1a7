#include "itkIndex.h"
#include "itkSize.h"
namespace _wrapping_ {
namespace wrappers {
typedef itk::Index<2> Index2;
typedef itk::Size<2> Size2;
typedef itk::Offset<2> Offset2;
}
void force_instantiate() { using namespace _wrapping_::wrappers; (void)sizeof(Index2); (void)sizeof(Size2); (void)sizeof(Offset2); }
}
