#pragma once
// What a test expects of a refusal: the code of the rececon error an action throws.

#include <functional>
#include <string>

#include "app/core/error.h"

namespace rececon::test {

// The code of the rececon Error f throws, or "(none)" when it throws nothing.
inline std::string thrownCode(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "(none)";
}

}  // namespace rececon::test
