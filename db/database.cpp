#include "db/database.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/core/error.h"
#include "db/migrations.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr int kBusyTimeoutMs = 10000;
// 64 MiB of page cache: a large import or a nightly batch touches indexes all over the file, and
// SQLite's 2 MiB default makes it write the same pages to the WAL again and again.
constexpr int kCacheKiB = 64 * 1024;

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

// The register holds patient data: its file is made 0600 before SQLite opens it, whatever the umask;
// SQLite gives its WAL and shared-memory files the database file's own mode. Never through a link.
// An existing file is only chmod-ed by path, never opened here: closing any descriptor of a database
// file drops every POSIX lock this process holds on it, including those of its other connections.
// `mayExist` = false: the file must not exist yet (a backup never replaces anything).
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

}  // namespace

Database::Database(const std::filesystem::path& file) : file_(file) {
  makePrivateFile(file, true);
  guarded("データベースを開く", [&] {
    sql_ = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    configure(*sql_);
    claimOrVerify(*sql_, file);
    migrate(*sql_);
  });
}

Database::~Database() { idle_.clear(); }

CachedStatement Database::prepare(const std::string& sql) {
  auto& pool = idle_[sql];
  if (pool.empty()) return CachedStatement(*this, sql, std::make_unique<SQLite::Statement>(*sql_, sql));
  auto statement = std::move(pool.back());
  pool.pop_back();
  return CachedStatement(*this, sql, std::move(statement));
}

void Database::giveBack(std::string sql, std::unique_ptr<SQLite::Statement> statement) {
  try {
    statement->reset();
    statement->clearBindings();
  } catch (...) {
    return;  // a statement that cannot be reset is dropped, not reused
  }
  idle_[std::move(sql)].push_back(std::move(statement));
}

CachedStatement::CachedStatement(Database& owner, std::string sql,
                                 std::unique_ptr<SQLite::Statement> statement)
    : owner_(&owner), sql_(std::move(sql)), statement_(std::move(statement)) {}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : owner_(other.owner_), sql_(std::move(other.sql_)), statement_(std::move(other.statement_)) {}

CachedStatement::~CachedStatement() {
  if (statement_) owner_->giveBack(std::move(sql_), std::move(statement_));
}

SchemaStatus Database::check() {
  return guarded("データベースの検査", [&] {
    SchemaStatus status;
    status.version = sql_->execAndGet("PRAGMA user_version").getInt();
    status.buildVersion = latestSchemaVersion();
    SQLite::Statement q(*sql_, "PRAGMA integrity_check");
    std::string findings;
    while (q.executeStep()) {
      if (!findings.empty()) findings += "\n";
      findings += q.getColumn(0).getString();
    }
    status.integrityOk = findings == "ok";
    status.integrityMessage = findings;
    return status;
  });
}

void Database::backupTo(const std::filesystem::path& target) {
  makePrivateFile(target, false);  // exclusively: never over an existing file or through a link
  guarded("バックアップ", [&] {
    // NOFOLLOW: the file just made is reopened by name; a link swapped in meanwhile is refused.
    SQLite::Database out(target.string(), SQLite::OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
    SQLite::Backup backup(out, *sql_);
    backup.executeStep();  // all pages in one step
  });
}

WriteTransaction::WriteTransaction(Database& db) : db_(db) {
  guarded("書き込みの開始", [&] { db_.sql().exec("BEGIN IMMEDIATE"); });
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    db_.sql().exec("ROLLBACK");
  } catch (...) {
    // Nothing more to do: SQLite has already rolled back when ROLLBACK itself fails.
  }
}

void WriteTransaction::commit() {
  guarded("書き込みの確定", [&] { db_.sql().exec("COMMIT"); });
  open_ = false;
}

}  // namespace rececon::db
