#pragma once
// Where the register is: a SQLite file in the data folder (one PC, the default) or a PostgreSQL
// database on a clinic server shared by several terminals, named by a libpq URL —
//   postgresql:///rececon?host=/run/postgresql      (a Unix socket on this machine)
//   postgresql://clerk@server/rececon               (a server on the LAN; the password comes from
//                                                     libpq's ~/.pgpass or service file, never the URL)
// Pure.

#include <filesystem>
#include <string>

namespace rececon::db {

class DatabaseLocation {
 public:
  DatabaseLocation() = default;  // nowhere yet (filled in before use)
  // The SQLite file.
  DatabaseLocation(std::filesystem::path sqliteFile) : sqliteFile_(std::move(sqliteFile)) {}  // NOLINT: a file is a location
  // A file path, or a postgresql:// (postgres://) URL. Throws InvalidInput for a URL carrying a password
  // (it would show in the process list and in logs) or any other scheme.
  //
  // A URL may say {folder} where each data folder is to have a register of its own on one server (a
  // training copy beside the real one; the test suites, where every test has its own folder): it becomes a
  // schema name derived from `dataFolder`, e.g. options=-csearch_path%3D{folder}. The schema is made on
  // first use.
  static DatabaseLocation parse(const std::string& fileOrUrl, const std::filesystem::path& dataFolder = {});

  bool isPostgres() const { return !postgresUrl_.empty(); }
  const std::filesystem::path& sqliteFile() const { return sqliteFile_; }
  const std::string& postgresUrl() const { return postgresUrl_; }
  // The data folder of the machine that chose this register (its own settings live there); empty when the
  // register was opened without one.
  const std::filesystem::path& dataFolder() const { return dataFolder_; }
  DatabaseLocation withDataFolder(std::filesystem::path folder) const {
    DatabaseLocation copy = *this;
    copy.dataFolder_ = std::move(folder);
    return copy;
  }

  // For people and logs: the file, or the URL (which never holds a password).
  std::string describe() const { return isPostgres() ? postgresUrl_ : sqliteFile_.string(); }

 private:
  std::filesystem::path sqliteFile_;
  std::string postgresUrl_;
  std::filesystem::path dataFolder_;
};

}  // namespace rececon::db
