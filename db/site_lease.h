#pragma once
// Leases on work done once per site, whichever terminal or server starts it: the terminal that takes one
// does the work; the others leave it. A lease runs out at its time, so one held by a terminal that died
// is free again. Each call runs its own write transaction (writers take turns, so two terminals asking
// at once cannot both get it). One thread at a time (as its Database).

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"

namespace rececon::db {

struct SiteLease {
  std::string holder;
  std::int64_t until = 0;  // seconds since the epoch
};

class SiteLeases {
 public:
  explicit SiteLeases(Database& db) : db_(db) {}

  // Takes or extends the lease `name` for holder until `until`; false when another holder's lease runs
  // past `now`. Throws EnvironmentError.
  bool take(const std::string& name, const std::string& holder, std::int64_t now, std::int64_t until);
  // Gives the lease back when holder has it (nothing otherwise).
  void release(const std::string& name, const std::string& holder);
  std::optional<SiteLease> find(const std::string& name);

 private:
  Database& db_;
};

}  // namespace rececon::db
