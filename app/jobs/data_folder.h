#pragma once
// The data folder: where the database (and later archives, logs, exports) live on the local disk.
// Default: $XDG_DATA_HOME/rececon, else ~/.local/share/rececon; --data-dir overrides.

#include <filesystem>
#include <memory>
#include <optional>

#include "db/database.h"

namespace rececon {

std::filesystem::path defaultDataDir();

class DataFolder {
 public:
  // Creates the folder when missing and opens (migrating) its database.
  // Throws EnvironmentError with a message naming the folder when it cannot be created or written.
  explicit DataFolder(std::optional<std::filesystem::path> dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path databaseFile() const { return dir_ / "rececon.db"; }
  // True when this call created the folder's database (first run).
  bool isNew() const { return isNew_; }
  db::Database& database() { return *db_; }

 private:
  std::filesystem::path dir_;
  bool isNew_ = false;
  std::unique_ptr<db::Database> db_;
};

}  // namespace rececon
