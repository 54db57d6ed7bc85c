#include "db/sqlite_connection.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "app/core/error.h"

namespace rececon::db {
namespace {

constexpr int kApplicationId = 0x52434543;  // "RCEC"
constexpr int kBusyTimeoutMs = 10000;
// 64 MiB of page cache: a large import or a nightly batch touches indexes all over the file, and
// SQLite's 2 MiB default makes it write the same pages to the WAL again and again.
constexpr int kCacheKiB = 64 * 1024;

DatabaseFailure::Kind kindOf(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DatabaseFailure::Kind::Busy;
    case SQLITE_FULL: return DatabaseFailure::Kind::Full;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN: return DatabaseFailure::Kind::NoAccess;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return DatabaseFailure::Kind::Damaged;
    case SQLITE_IOERR: return DatabaseFailure::Kind::Io;
    case SQLITE_CONSTRAINT: return DatabaseFailure::Kind::Constraint;
    default: return DatabaseFailure::Kind::Other;
  }
}

template <typename F>
auto translated(F&& f) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (const SQLite::Exception&) {
    rethrowSqliteFailure();
  }
}

void configure(SQLite::Database& sql) {
  sql.setBusyTimeout(kBusyTimeoutMs);
  sql.exec("PRAGMA foreign_keys = ON");
  sql.exec("PRAGMA synchronous = FULL");
  sql.exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB));
  const std::string mode = sql.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") {
    throw EnvironmentError("データベースをWALモードにできませんでした（" + mode +
                           "）。データフォルダがネットワーク共有上にないか確認してください。");
  }
}

// SQLite's affinity rules (a declared type containing INT is an integer column, one containing BLOB a
// byte column): the same test the engine itself applies.
ColumnShape::Kind columnKind(std::string declared) {
  std::transform(declared.begin(), declared.end(), declared.begin(), [](unsigned char c) { return std::toupper(c); });
  if (declared.find("INT") != std::string::npos) return ColumnShape::Kind::Integer;
  if (declared.find("BLOB") != std::string::npos) return ColumnShape::Kind::Blob;
  return ColumnShape::Kind::Other;
}

// A new file has application_id 0; anything else but ours is not our database.
void claimOrVerify(SQLite::Database& sql, const std::filesystem::path& file) {
  const int id = sql.execAndGet("PRAGMA application_id").getInt();
  if (id == kApplicationId) return;
  const bool empty = sql.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0;
  if (id != 0 || !empty) {
    throw EnvironmentError(
        "「" + file.string() +
        "」はこのプログラムのデータベースではありません。データフォルダの指定を確認してください。");
  }
  sql.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
}

class SqliteQuery : public SqlQuery {
 public:
  SqliteQuery(SQLite::Database& db, const std::string& sql) : db_(db), q_(db, sql) {}

  void bindInt64(std::string_view name, std::int64_t value) override {
    translated([&] { q_.bind(parameter(name), static_cast<int64_t>(value)); });
  }
  void bindText(std::string_view name, std::string_view value) override {
    translated([&] { q_.bind(parameter(name), std::string(value)); });
  }
  void bindBlob(std::string_view name, std::string_view bytes) override {
    translated([&] { q_.bind(parameter(name), bytes.data(), static_cast<int>(bytes.size())); });
  }
  void bindNull(std::string_view name) override {
    translated([&] { q_.bind(parameter(name)); });
  }
  bool next() override {
    return translated([&] {
      const bool row = q_.executeStep();
      if (!row) changes_ = db_.getChanges();
      return row;
    });
  }
  bool isNull(std::string_view column) override { return translated([&] { return q_.getColumn(columnName(column)).isNull(); }); }
  std::int64_t int64(std::string_view column) override {
    return translated([&] { return static_cast<std::int64_t>(q_.getColumn(columnName(column)).getInt64()); });
  }
  std::string text(std::string_view column) override {
    return translated([&] { return q_.getColumn(columnName(column)).getString(); });
  }
  std::string blob(std::string_view column) override {
    return translated([&] {
      const SQLite::Column c = q_.getColumn(columnName(column));
      return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
    });
  }
  std::int64_t changes() override { return changes_; }
  void reset() override {
    q_.reset();
    q_.clearBindings();
    changes_ = 0;
  }

 private:
  const char* parameter(std::string_view name) {
    name_.assign(":").append(name);
    return name_.c_str();
  }
  const char* columnName(std::string_view column) {
    column_.assign(column);
    return column_.c_str();
  }

  SQLite::Database& db_;
  SQLite::Statement q_;
  std::string name_, column_;
  std::int64_t changes_ = 0;
};

}  // namespace

void rethrowSqliteFailure() {
  try {
    throw;
  } catch (const SQLite::Exception& e) {
    throw DatabaseFailure(kindOf(e.getErrorCode()), std::string("SQLite: ") + e.what());
  }
}

// Never through a link. An existing file is only chmod-ed by path, never opened here: closing any
// descriptor of a database file drops every POSIX lock this process holds on it, including those of its
// other connections.
void makePrivateFile(const std::filesystem::path& file, bool mayExist) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) == 0) {
    if (!mayExist) throw EnvironmentError("「" + file.string() + "」はすでに存在します。別の名前を指定してください。");
    if (!S_ISREG(st.st_mode)) {
      throw EnvironmentError("「" + file.string() + "」は通常のファイルではありません（シンボリックリンクなど）。開きません。");
    }
    if ((st.st_mode & 077) != 0) ::chmod(file.c_str(), 0600);
  } else {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
      throw EnvironmentError("「" + file.string() + "」を作成できません（" + std::strerror(errno) +
                             "）。場所と権限を確認してください。");
    }
    if (fd < 0 && !mayExist) throw EnvironmentError("「" + file.string() + "」はすでに存在します。別の名前を指定してください。");
    if (fd >= 0) {
      ::fchmod(fd, 0600);
      ::close(fd);
    }
  }
  for (const char* companion : {"-wal", "-shm"}) {
    const std::string path = file.string() + companion;
    if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) != 0) ::chmod(path.c_str(), 0600);
  }
}

SqliteConnection::SqliteConnection(const std::filesystem::path& file) {
  makePrivateFile(file, true);
  translated([&] {
    sql_ = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    configure(*sql_);
    claimOrVerify(*sql_, file);
  });
}

SqliteConnection::~SqliteConnection() = default;

std::unique_ptr<SqlQuery> SqliteConnection::prepare(const std::string& sql) {
  return translated([&] { return std::unique_ptr<SqlQuery>(std::make_unique<SqliteQuery>(*sql_, sql)); });
}

void SqliteConnection::execScript(const std::string& sql) {
  translated([&] { sql_->exec(sql); });
}

void SqliteConnection::beginWrite() {
  translated([&] { sql_->exec("BEGIN IMMEDIATE"); });
  inTransaction_ = true;
}

void SqliteConnection::commit() {
  translated([&] { sql_->exec("COMMIT"); });
  inTransaction_ = false;
}

void SqliteConnection::rollback() noexcept {
  try {
    sql_->exec("ROLLBACK");
  } catch (...) {
    // Nothing more to do: SQLite has already rolled back when ROLLBACK itself fails.
  }
  inTransaction_ = false;
}

std::vector<TableShape> SqliteConnection::tables() {
  return translated([&] {
    std::vector<TableShape> out;
    SQLite::Statement names(*sql_,
                            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                            "AND name <> 'rececon_meta' ORDER BY name");
    while (names.executeStep()) out.push_back(TableShape{names.getColumn(0).getString(), {}, {}, {}});
    for (TableShape& t : out) {
      // pk is the column's position in the primary key (1, 2 …), 0 for the others.
      SQLite::Statement columns(*sql_, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
      columns.bind(1, t.name);
      std::vector<std::pair<int, std::string>> key;
      while (columns.executeStep()) {
        t.columns.push_back(ColumnShape{columns.getColumn(0).getString(), columnKind(columns.getColumn(1).getString())});
        if (const int pk = columns.getColumn(2).getInt(); pk > 0) key.emplace_back(pk, t.columns.back().name);
      }
      std::sort(key.begin(), key.end());
      for (auto& [position, name] : key) t.primaryKey.push_back(std::move(name));
      SQLite::Statement references(*sql_, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
      references.bind(1, t.name);
      while (references.executeStep()) t.references.push_back(references.getColumn(0).getString());
    }
    return out;
  });
}

// An INTEGER PRIMARY KEY is the rowid: SQLite numbers the next row past the highest one by itself.
void SqliteConnection::advanceIdentity(const std::string&) {}

std::int64_t SqliteConnection::changeCounter() {
  return translated([&] { return static_cast<std::int64_t>(sql_->execAndGet("PRAGMA data_version").getInt64()); });
}

std::string SqliteConnection::integrityCheck() {
  return translated([&] {
    SQLite::Statement q(*sql_, "PRAGMA integrity_check");
    std::string findings;
    while (q.executeStep()) {
      if (!findings.empty()) findings += "\n";
      findings += q.getColumn(0).getString();
    }
    return findings;
  });
}

void SqliteConnection::backupTo(const std::filesystem::path& target) {
  makePrivateFile(target, false);  // exclusively: never over an existing file or through a link
  translated([&] {
    // NOFOLLOW: the file just made is reopened by name; a link swapped in meanwhile is refused.
    SQLite::Database out(target.string(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
    SQLite::Backup backup(out, *sql_);
    backup.executeStep();  // all pages in one step
  });
}

}  // namespace rececon::db
