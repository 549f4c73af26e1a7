#pragma once
namespace things { class Thing { public: int Get() const { return 1; } }; }
