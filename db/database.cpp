#include "db/database.h"

#include "app/core/error.h"
#include "db/database_errors.h"
#include "db/migrations.h"
#include "db/postgres_connection.h"
#include "db/sqlite_connection.h"

namespace rececon::db {
namespace {

std::unique_ptr<SqlConnection> connect(const DatabaseLocation& location) {
  if (location.isPostgres()) return std::make_unique<PostgresConnection>(location.postgresUrl());
  return std::make_unique<SqliteConnection>(location.sqliteFile());
}

}  // namespace

Database::Database(const DatabaseLocation& location) : location_(location) {
  guarded("データベースを開く", [&] {
    connection_ = connect(location);
    createdNow_ = schemaVersion(*connection_) == 0;
    migrate(*connection_);
  });
}

Database::~Database() { idle_.clear(); }

Statement Database::prepare(const std::string& sql) {
  auto& pool = idle_[sql];
  if (pool.empty()) return Statement(*this, sql, connection_->prepare(sql));
  auto query = std::move(pool.back());
  pool.pop_back();
  return Statement(*this, sql, std::move(query));
}

void Database::giveBack(std::string sql, std::unique_ptr<SqlQuery> query) {
  try {
    query->reset();
  } catch (...) {
    return;  // a statement that cannot be reset is dropped, not reused
  }
  idle_[std::move(sql)].push_back(std::move(query));
}

std::int64_t Database::changeCounter() {
  return guarded("台帳の変更の確認", [&] { return connection_->changeCounter(); });
}

SchemaStatus Database::check() {
  return guarded("データベースの検査", [&] {
    SchemaStatus status;
    status.version = schemaVersion(*connection_);
    status.buildVersion = latestSchemaVersion();
    status.integrityMessage = connection_->integrityCheck();
    status.integrityOk = status.integrityMessage == "ok";
    return status;
  });
}

void Database::backupTo(const std::filesystem::path& target) {
  if (location_.isPostgres()) {
    throw InvalidInput("PostgreSQL のデータベースは pg_dump でバックアップしてください（例: pg_dump -Fc -f " +
                       target.string() + " '" + location_.postgresUrl() + "'）。README の「診療所のサーバー」を参照してください。");
  }
  guarded("バックアップ", [&] { dynamic_cast<SqliteConnection&>(*connection_).backupTo(target); });
}

Statement::Statement(Database& owner, std::string sql, std::unique_ptr<SqlQuery> query)
    : owner_(&owner), sql_(std::move(sql)), query_(std::move(query)) {}

Statement::Statement(Statement&& other) noexcept
    : owner_(other.owner_), sql_(std::move(other.sql_)), query_(std::move(other.query_)) {}

Statement::~Statement() {
  if (query_) owner_->giveBack(std::move(sql_), std::move(query_));
}

Statement& Statement::bind(std::string_view name, const std::optional<std::int64_t>& value) {
  if (value) query_->bindInt64(name, *value);
  else query_->bindNull(name);
  return *this;
}

Statement& Statement::bind(std::string_view name, const std::optional<std::string>& value) {
  if (value) query_->bindText(name, *value);
  else query_->bindNull(name);
  return *this;
}

std::int64_t Statement::run() {
  while (query_->next()) {
  }
  return query_->changes();
}

std::int64_t Statement::singleInt64(std::string_view column) {
  if (!query_->next()) throw InternalError("a statement expected to return a row returned none: " + sql_);
  const std::int64_t value = query_->int64(column);
  while (query_->next()) {
  }
  return value;
}

std::optional<std::int64_t> Statement::optionalInt64(std::string_view column) {
  if (query_->isNull(column)) return std::nullopt;
  return query_->int64(column);
}

std::optional<std::string> Statement::optionalText(std::string_view column) {
  if (query_->isNull(column)) return std::nullopt;
  return query_->text(column);
}

WriteTransaction::WriteTransaction(Database& db) : db_(db) {
  guarded("書き込みの開始", [&] { db_.connection().beginWrite(); });
}

WriteTransaction::~WriteTransaction() {
  if (open_) db_.connection().rollback();
}

void WriteTransaction::commit() {
  guarded("書き込みの確定", [&] { db_.connection().commit(); });
  open_ = false;
}

}  // namespace rececon::db
