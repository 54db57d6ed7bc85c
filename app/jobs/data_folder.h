#pragma once
// The data folder: this machine's place on the local disk for the register (the SQLite default),
// archives, logs and exports. Default: $XDG_DATA_HOME/rececon, else ~/.local/share/rececon; --data-dir
// overrides.
//
// Which register this machine uses is its own choice, never stored in a shared database: --database
// (for one run), else RECECON_DATABASE, else the data folder's database.url (written by
// `rececon-cli db use`), else the SQLite file rececon.db in the data folder.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "db/database.h"

namespace rececon {

// Where a register is (a SQLite file or a PostgreSQL URL): what a front-end hands to a worker thread that
// opens its own connection.
using DatabaseLocation = db::DatabaseLocation;

std::filesystem::path defaultDataDir();

// Makes `url` (a postgresql:// URL or a file) this machine's register from now on, after opening it once
// (which proves it reachable and makes its schema); "" goes back to the data folder's rececon.db. Kept in
// the data folder's database.url (0600), never in a shared database. Returns where the register now is.
std::string rememberDatabaseChoice(const std::filesystem::path& dataDir, const std::string& url);

class DataFolder {
 public:
  // Creates the folder when missing and opens (migrating) its database.
  // Throws EnvironmentError with a message naming the folder when it cannot be created or written.
  // `database`: --database as given (a file or a postgresql:// URL), if any.
  explicit DataFolder(std::optional<std::filesystem::path> dir, std::optional<std::string> database = std::nullopt);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path databaseFile() const { return dir_ / "rececon.db"; }
  // The file holding this machine's choice of register (a postgresql:// URL), when it has made one.
  std::filesystem::path databaseChoiceFile() const { return dir_ / "database.url"; }
  const db::DatabaseLocation& databaseLocation() const { return db_->location(); }
  // True when this call created the register (its first run: the schema was made now).
  bool isNew() const { return isNew_; }
  db::Database& database() { return *db_; }

 private:
  db::DatabaseLocation chooseDatabase(const std::optional<std::string>& given) const;

  std::filesystem::path dir_;
  bool isNew_ = false;
  std::unique_ptr<db::Database> db_;
};

}  // namespace rececon
