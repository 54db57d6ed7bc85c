#pragma once
// Turns SQLite failures into the project's error categories with messages a person can act on.
// Used at every public entry of the db library.

#include <exception>
#include <string>
#include <utility>

#include "app/core/error.h"

namespace rececon::db {

// Rethrows the exception in flight: SQLite errors become EnvironmentError (busy, full disk, read-only,
// damaged file) with a Japanese message naming `what`; rececon errors pass through unchanged.
[[noreturn]] void rethrowTranslated(const char* what);

// Runs f and translates whatever SQLite throws.
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (...) {
    rethrowTranslated(what);
  }
}

}  // namespace rececon::db
