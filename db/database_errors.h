#pragma once
// Turns the engine's failures into the project's coded errors (DB_BUSY, DB_FULL …, see
// app/core/error_catalog.h) naming what the program was doing. Used at every public entry of the db
// library; both backends report through DatabaseFailure.

#include <exception>
#include <string>
#include <utility>

#include "app/core/error.h"

namespace rececon::db {

// Rethrows the exception in flight: a DatabaseFailure becomes an EnvironmentError (busy, full disk,
// no access, damaged) or an InternalError (a constraint) with `what`; rececon errors pass through.
[[noreturn]] void rethrowTranslated(const char* what);

// Runs f and translates whatever the engine throws.
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (...) {
    rethrowTranslated(what);
  }
}

}  // namespace rececon::db
