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
#include "db/sql_dialect.h"

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

std::string bulkInsertSql(const std::string& table, const std::vector<std::string>& columns, std::size_t rows) {
  std::string row = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) row += i ? ", ?" : "?";
  row += ")";
  std::string sql = "INSERT INTO " + quotedIdentifier(table) + " (" + quotedList(columns) + ") VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + row;
  return sql;
}

// Rows held until flush(), as on PostgreSQL, then written kRowsPerInsert at a time by one prepared
// multi-row INSERT (and the rest one by one): once a bulk load has dropped its indexes, most of what SQLite
// spends on a one-row INSERT is starting and ending the statement. On the C interface directly: each value
// is copied once into a slot kept for it (its memory reused batch after batch) and bound from there,
// without SQLite allocating a copy of its own.
class SqliteBulkInsert : public SqlBulkInsert {
 public:
  static constexpr std::size_t kRowsPerInsert = 32;

  SqliteBulkInsert(SQLite::Database& db, const std::string& table, const std::vector<std::string>& columns)
      : db_(db.getHandle()), columns_(columns.size()), slots_(columns.size()) {
    many_ = prepared(bulkInsertSql(table, columns, kRowsPerInsert));
    one_ = prepared(bulkInsertSql(table, columns, 1));
  }
  ~SqliteBulkInsert() override {
    sqlite3_finalize(many_);
    sqlite3_finalize(one_);
  }
  SqliteBulkInsert(const SqliteBulkInsert&) = delete;
  SqliteBulkInsert& operator=(const SqliteBulkInsert&) = delete;

  void setInt64(std::size_t column, std::int64_t value) override {
    Slot& s = slot(column);
    s.kind = Slot::Kind::Integer;
    s.integer = value;
  }
  void setText(std::size_t column, std::string_view value) override { keep(column, Slot::Kind::Text, value); }
  void setBlob(std::size_t column, std::string_view bytes) override { keep(column, Slot::Kind::Blob, bytes); }
  void setNull(std::size_t column) override { slot(column).kind = Slot::Kind::Null; }

  void endRow() override {
    ++rows_;
    if (slots_.size() < (rows_ + 1) * columns_) slots_.resize((rows_ + 1) * columns_);
  }

  void flush() override {
    std::size_t row = 0;
    try {
      for (; row + kRowsPerInsert <= rows_; row += kRowsPerInsert) write(many_, row, kRowsPerInsert);
      for (; row < rows_; ++row) write(one_, row, 1);
    } catch (...) {
      forget();
      throw;
    }
    forget();
  }

 private:
  struct Slot {
    enum class Kind { Null, Integer, Text, Blob } kind = Kind::Null;
    std::int64_t integer = 0;
    std::string bytes;  // its memory is reused batch after batch
  };

  sqlite3_stmt* prepared(const std::string& sql) {
    sqlite3_stmt* q = nullptr;
    check(sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &q, nullptr));
    return q;
  }
  Slot& slot(std::size_t column) {
    if (column >= columns_) throw InternalError("bulk insert: no column " + std::to_string(column));
    return slots_[rows_ * columns_ + column];
  }
  void keep(std::size_t column, Slot::Kind kind, std::string_view value) {
    Slot& s = slot(column);
    s.kind = kind;
    s.bytes.assign(value);
  }
  // Binds `count` held rows from `first` to q's parameters in order and runs it.
  void write(sqlite3_stmt* q, std::size_t first, std::size_t count) {
    for (std::size_t i = 0; i < count * columns_; ++i) {
      const Slot& s = slots_[first * columns_ + i];
      const int at = static_cast<int>(i) + 1;  // SQLite counts parameters from 1
      switch (s.kind) {
        case Slot::Kind::Null: check(sqlite3_bind_null(q, at)); break;
        case Slot::Kind::Integer: check(sqlite3_bind_int64(q, at, s.integer)); break;
        case Slot::Kind::Text: check(sqlite3_bind_text64(q, at, s.bytes.data(), s.bytes.size(), SQLITE_STATIC, SQLITE_UTF8)); break;
        case Slot::Kind::Blob: check(sqlite3_bind_blob64(q, at, s.bytes.data(), s.bytes.size(), SQLITE_STATIC)); break;
      }
    }
    const int stepped = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (stepped != SQLITE_DONE) fail(stepped);
  }
  // Empties the held rows; the slots keep their memory for the next batch.
  void forget() {
    for (std::size_t i = 0; i < (rows_ + 1) * columns_ && i < slots_.size(); ++i) slots_[i].kind = Slot::Kind::Null;
    rows_ = 0;
  }
  void check(int code) const {
    if (code != SQLITE_OK) fail(code);
  }
  [[noreturn]] void fail(int code) const {
    throw DatabaseFailure(kindOf(code), std::string("SQLite: ") + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  std::size_t columns_;
  std::vector<Slot> slots_;  // the held rows' values, row after row, and the row being set
  std::size_t rows_ = 0;     // rows held
  sqlite3_stmt* many_ = nullptr;
  sqlite3_stmt* one_ = nullptr;
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

std::unique_ptr<SqlBulkInsert> SqliteConnection::bulkInsert(const std::string& table,
                                                            const std::vector<std::string>& columns) {
  return translated([&] { return std::unique_ptr<SqlBulkInsert>(std::make_unique<SqliteBulkInsert>(*sql_, table, columns)); });
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

std::vector<IndexShape> SqliteConnection::secondaryIndexes(const std::string& table) {
  return translated([&] {
    // An index behind a PRIMARY KEY or UNIQUE constraint has no SQL of its own.
    SQLite::Statement q(*sql_, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name");
    q.bind(1, table);
    std::vector<IndexShape> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
    return out;
  });
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
