#pragma once
#include "thing.h"
namespace things { class Special : public Thing { public: int More() const { return 2; } }; }
