#pragma once
// Site settings stored in the database (keys from app/core/settings_catalog.h).
// One thread at a time (as its Database).

#include <map>
#include <optional>
#include <string>

#include "db/database.h"

namespace rececon::db {

class SettingsRepository {
 public:
  explicit SettingsRepository(Database& db) : db_(db) {}

  // The stored value, or nullopt when never set (callers fall back to the catalog default).
  std::optional<std::string> get(const std::string& key);
  // Stores value (already validated) with who set it. Runs its own write transaction.
  void set(const std::string& key, const std::string& value, const std::string& operatorId);
  std::map<std::string, std::string> all();

 private:
  Database& db_;
};

}  // namespace rececon::db
