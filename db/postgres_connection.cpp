#include "db/postgres_connection.h"

#include <pqxx/pqxx>
#include <pqxx/tablewriter>  // not in pqxx/pqxx: deprecated, but the one way libpqxx 6 takes COPY lines

#include <algorithm>
#include <optional>
#include <vector>

#include "app/core/error.h"
#include "db/sql_dialect.h"

namespace rececon::db {
namespace {

// The writers' turn: one advisory lock per database ("RCEC"), held until the transaction ends.
// Per schema: registers kept side by side in one database ({folder}) do not wait for each other.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(1380148547, hashtext(current_schema()))";
// As SQLite's busy time-out: a writer waits this long for its turn, then the clerk is told.
constexpr const char* kLockTimeout = "SET lock_timeout = '10s'";

DatabaseFailure::Kind kindOf(const std::string& state) {
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") return DatabaseFailure::Kind::Busy;
  if (state.starts_with("53")) return DatabaseFailure::Kind::Full;
  if (state.starts_with("28") || state == "42501" || state.starts_with("08") || state == "3D000") return DatabaseFailure::Kind::NoAccess;
  if (state.starts_with("23")) return DatabaseFailure::Kind::Constraint;
  if (state == "XX001" || state == "XX002") return DatabaseFailure::Kind::Damaged;
  if (state.starts_with("58")) return DatabaseFailure::Kind::Io;
  return DatabaseFailure::Kind::Other;
}

template <typename F>
auto translated(F&& f) -> decltype(f()) {
  try {
    return std::forward<F>(f)();
  } catch (const pqxx::failure&) {
    rethrowPostgresFailure();
  } catch (const pqxx::usage_error&) {
    rethrowPostgresFailure();
  }
}

char hexDigit(int v) { return static_cast<char>(v < 10 ? '0' + v : 'a' + v - 10); }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw DatabaseFailure(DatabaseFailure::Kind::Damaged, "bytea: not a hex digit");
}

// bytea travels as text in PostgreSQL's hex form (\x0a1b…), which needs no escaping.
std::string byteaText(std::string_view bytes) {
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (const unsigned char b : bytes) {
    out += hexDigit(b >> 4);
    out += hexDigit(b & 0xf);
  }
  return out;
}

std::string byteaBytes(std::string_view text) {
  if (!text.starts_with("\\x")) throw DatabaseFailure(DatabaseFailure::Kind::Damaged, "bytea: not in hex form");
  std::string out;
  out.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) out += static_cast<char>(hexValue(text[i]) << 4 | hexValue(text[i + 1]));
  return out;
}

class PostgresQuery : public SqlQuery {
 public:
  PostgresQuery(PostgresConnection& connection, std::string name, std::vector<std::string> parameters)
      : connection_(connection), name_(std::move(name)), parameters_(std::move(parameters)), values_(parameters_.size()) {}

  void bindInt64(std::string_view name, std::int64_t value) override { slot(name) = std::to_string(value); }
  void bindText(std::string_view name, std::string_view value) override { slot(name) = std::string(value); }
  void bindBlob(std::string_view name, std::string_view bytes) override { slot(name) = byteaText(bytes); }
  void bindNull(std::string_view name) override { slot(name).reset(); }

  bool next() override {
    if (!ran_) run();
    if (row_ + 1 >= static_cast<std::int64_t>(result_.size())) {
      row_ = static_cast<std::int64_t>(result_.size());
      return false;
    }
    ++row_;
    return true;
  }
  bool isNull(std::string_view column) override { return field(column).is_null(); }
  std::int64_t int64(std::string_view column) override {
    const pqxx::field f = field(column);
    if (f.is_null()) return 0;  // as SQLite reads NULL
    const std::string text = f.c_str();
    // SUM() of BIGINT is numeric ("3"); a whole number either way.
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      throw DatabaseFailure(DatabaseFailure::Kind::Other, "column " + std::string(column) + ": not an integer: " + text);
    }
  }
  std::string text(std::string_view column) override {
    const pqxx::field f = field(column);
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
  }
  std::string blob(std::string_view column) override {
    const pqxx::field f = field(column);
    return f.is_null() ? std::string() : byteaBytes(std::string_view(f.c_str(), f.size()));
  }
  std::int64_t changes() override { return changes_; }
  void reset() override {
    std::fill(values_.begin(), values_.end(), std::nullopt);
    result_ = pqxx::result();
    ran_ = false;
    row_ = -1;
    changes_ = 0;
  }

 private:
  std::optional<std::string>& slot(std::string_view name) {
    const auto at = std::find(parameters_.begin(), parameters_.end(), name);
    if (at == parameters_.end()) throw InternalError("no parameter :" + std::string(name) + " in statement " + name_);
    return values_[static_cast<std::size_t>(at - parameters_.begin())];
  }

  void run() {
    std::vector<const char*> pointers;
    pointers.reserve(values_.size());
    for (const auto& v : values_) pointers.push_back(v ? v->c_str() : nullptr);  // nullptr: SQL NULL
    translated([&] {
      const auto params = pqxx::prepare::make_dynamic_params(pointers);
      if (pqxx::dbtransaction* tx = connection_.transaction()) {
        result_ = tx->exec_prepared(name_, params);
      } else {
        pqxx::nontransaction autocommit(connection_.raw());
        result_ = autocommit.exec_prepared(name_, params);
      }
    });
    changes_ = static_cast<std::int64_t>(result_.affected_rows());
    columns_.clear();
    for (pqxx::row::size_type i = 0; i < result_.columns(); ++i) columns_.emplace_back(result_.column_name(i));
    ran_ = true;
    row_ = -1;
  }

  pqxx::field field(std::string_view column) {
    if (row_ < 0 || row_ >= static_cast<std::int64_t>(result_.size())) throw InternalError("no current row in statement " + name_);
    // By the names read once per result: libpq's own lookup folds case and scans on every call.
    const auto at = std::find(columns_.begin(), columns_.end(), column);
    if (at == columns_.end()) throw InternalError("no column " + std::string(column) + " in statement " + name_);
    return result_[static_cast<pqxx::result::size_type>(row_)][static_cast<pqxx::row::size_type>(at - columns_.begin())];
  }

  PostgresConnection& connection_;
  std::string name_;
  std::vector<std::string> parameters_;
  std::vector<std::optional<std::string>> values_;
  pqxx::result result_;
  std::vector<std::string> columns_;  // result_'s column names, by number
  bool ran_ = false;
  std::int64_t row_ = -1;
  std::int64_t changes_ = 0;
};

// A value as a field of COPY's text format: backslash, tab, newline and carriage return escaped (bytes
// of UTF-8's multi-byte characters never equal them, so text passes byte for byte).
void appendCopyField(std::string& line, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

// Rows streamed into one COPY … FROM STDIN as they end, completed by flush(): the server takes hundreds of
// thousands of rows a second this way, against a few thousand single INSERTs, and parses them while the
// next ones are made. libpqxx 6 streams rows of a fixed tuple type only (stream_to); its tablewriter takes
// lines already in COPY's format, which is what is built here. While a COPY is open the connection runs
// nothing else: the caller writes a table's rows and flushes before anything else.
class PostgresBulkInsert : public SqlBulkInsert {
 public:
  PostgresBulkInsert(PostgresConnection& connection, std::string table, std::vector<std::string> columns)
      : connection_(connection), table_(std::move(table)), columns_(std::move(columns)), row_(columns_.size()) {}

  void setInt64(std::size_t column, std::int64_t value) override { at(column) = std::to_string(value); }
  void setText(std::size_t column, std::string_view value) override { at(column) = std::string(value); }
  void setBlob(std::size_t column, std::string_view bytes) override { at(column) = byteaText(bytes); }
  void setNull(std::size_t column) override { at(column).reset(); }

  void endRow() override {
    line_.clear();
    for (std::size_t i = 0; i < row_.size(); ++i) {
      if (i) line_ += '\t';
      if (row_[i]) appendCopyField(line_, *row_[i]);
      else line_ += "\\N";
      row_[i].reset();
    }
    translated([&] { copy().write_raw_line(line_); });
  }

  void flush() override {
    if (!copy_) return;
    translated([&] { copy_->complete(); });
    copy_.reset();
  }

 private:
  std::optional<std::string>& at(std::size_t column) {
    if (column >= row_.size()) throw InternalError("bulk insert into " + table_ + ": no column " + std::to_string(column));
    return row_[column];
  }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  pqxx::tablewriter& copy() {
    if (copy_) return *copy_;
    pqxx::dbtransaction* tx = connection_.transaction();
    if (!tx) throw InternalError("bulk insert into " + table_ + " outside a write transaction");
    std::vector<std::string> quoted;
    for (const auto& column : columns_) quoted.push_back(quotedIdentifier(column));
    copy_ = std::make_unique<pqxx::tablewriter>(*tx, quotedIdentifier(table_), quoted.begin(), quoted.end());
    return *copy_;
  }

  PostgresConnection& connection_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<std::optional<std::string>> row_;
  std::string line_;
  std::unique_ptr<pqxx::tablewriter> copy_;  // open from the first row to flush()
#pragma GCC diagnostic pop
};

}  // namespace

void rethrowPostgresFailure() {
  try {
    throw;
  } catch (const pqxx::sql_error& e) {
    throw DatabaseFailure(kindOf(e.sqlstate()), std::string("PostgreSQL: ") + e.what());
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseFailure(DatabaseFailure::Kind::NoAccess, std::string("PostgreSQL: ") + e.what());
  } catch (const std::exception& e) {
    throw DatabaseFailure(DatabaseFailure::Kind::Other, std::string("PostgreSQL: ") + e.what());
  }
}

PostgresConnection::PostgresConnection(const std::string& url) {
  translated([&] {
    conn_ = std::make_unique<pqxx::connection>(url);
    pqxx::nontransaction setup(*conn_);
    setup.exec(kLockTimeout);
    setup.exec("SET client_min_messages = warning");
    setup.exec("SET DateStyle = ISO");  // DATE columns read as YYYY-MM-DD, as the register writes them
  });
  claim();
}

PostgresConnection::~PostgresConnection() {
  tx_.reset();
}

// A database is rececon's when it has rececon_meta saying so; an empty one is claimed (under the writers'
// lock, so two terminals starting at once claim it once); anything else is refused.
void PostgresConnection::claim() {
  makeSchema();
  beginWrite();
  try {
    translated([&] {
      const pqxx::result meta = tx_->exec("SELECT to_regclass('rececon_meta') IS NOT NULL");
      if (meta[0][0].as<bool>()) {
        const pqxx::result app = tx_->exec("SELECT value FROM rececon_meta WHERE key = 'application'");
        if (app.empty() || std::string(app[0][0].c_str()) != "rececon") throw EnvironmentError("not ours");
      } else {
        const pqxx::result tables = tx_->exec(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
        if (tables[0][0].as<long long>() != 0) throw EnvironmentError("not ours");
        tx_->exec("CREATE TABLE rececon_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        tx_->exec("INSERT INTO rececon_meta (key, value) VALUES ('application', 'rececon'), ('schema_version', '0')");
      }
      tx_->exec("INSERT INTO rececon_meta (key, value) VALUES ('changes', '0') ON CONFLICT (key) DO NOTHING");
    });
    commit();
  } catch (const EnvironmentError&) {
    rollback();
    throw EnvironmentError("PostgreSQL のデータベース「" + std::string(conn_->dbname()) +
                           "」はこのプログラムのデータベースではありません（ほかの表があります）。空のデータベースを指定してください。");
  } catch (...) {
    rollback();
    throw;
  }
}

// A URL naming a schema that does not exist yet (search_path, as {folder} does) gets it made: the
// register of a new data folder on a shared server.
void PostgresConnection::makeSchema() {
  translated([&] {
    pqxx::nontransaction read(*conn_);
    if (!read.exec("SELECT current_schema()")[0][0].is_null()) return;
    std::string path = read.exec("SHOW search_path")[0][0].c_str();
    const std::string first = path.substr(0, path.find(','));
    std::string name;
    for (const char c : first)
      if (c != '"' && c != ' ') name += c;
    if (name.empty() || name.find('$') != std::string::npos) return;
    read.exec("CREATE SCHEMA IF NOT EXISTS " + read.quote_name(name));
  });
}

std::unique_ptr<SqlQuery> PostgresConnection::prepare(const std::string& sql) {
  NumberedSql numbered = numberParameters(sql);
  const std::string name = "s" + std::to_string(++statements_);
  translated([&] { conn_->prepare(name, numbered.sql); });
  return std::make_unique<PostgresQuery>(*this, name, std::move(numbered.names));
}

std::unique_ptr<SqlBulkInsert> PostgresConnection::bulkInsert(const std::string& table,
                                                              const std::vector<std::string>& columns) {
  return std::make_unique<PostgresBulkInsert>(*this, table, columns);
}

void PostgresConnection::execScript(const std::string& sql) {
  translated([&] {
    if (tx_) {
      tx_->exec(sql);
    } else {
      pqxx::nontransaction autocommit(*conn_);
      autocommit.exec(sql);
    }
  });
}

void PostgresConnection::beginWrite() {
  translated([&] {
    tx_ = std::make_unique<pqxx::work>(*conn_);
    tx_->exec(kWriterLock);
  });
}

void PostgresConnection::commit() {
  translated([&] {
    // Inside the writers' turn: one small row, updated once per write transaction.
    tx_->exec("UPDATE rececon_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'changes'");
    tx_->commit();
  });
  tx_.reset();
}

std::int64_t PostgresConnection::changeCounter() {
  return translated([&]() -> std::int64_t {
    pqxx::nontransaction read(*conn_);
    const pqxx::result r = read.exec("SELECT CAST(value AS BIGINT) FROM rececon_meta WHERE key = 'changes'");
    return r.empty() ? 0 : r[0][0].as<long long>();
  });
}

void PostgresConnection::rollback() noexcept {
  try {
    if (tx_) tx_->abort();
  } catch (...) {
    // The server has already rolled back when the transaction failed or the connection broke.
  }
  tx_.reset();
}

// The catalogue is read in the writer's transaction when one is open (a copy or a bulk load asks inside
// its own), else on its own. `sql` takes the table as $1 and gives a name and a definition per row.
std::vector<IndexShape> PostgresConnection::catalogueDefinitions(const char* sql, const std::string& table) {
  return translated([&] {
    std::optional<pqxx::nontransaction> autocommit;
    pqxx::transaction_base& t = tx_ ? static_cast<pqxx::transaction_base&>(*tx_) : autocommit.emplace(*conn_);
    std::vector<IndexShape> out;
    for (const auto& row : t.exec_params(sql, table)) out.push_back({row[0].c_str(), row[1].c_str()});
    return out;
  });
}

std::vector<IndexShape> PostgresConnection::secondaryIndexes(const std::string& table) {
  return catalogueDefinitions(
      "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
      " JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relname = $1"
      " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY 1",
      table);
}

std::vector<IndexShape> PostgresConnection::foreignKeysToSuspend(const std::string& table) {
  return catalogueDefinitions(
      "SELECT k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
      " JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relname = $1 AND k.contype = 'f' ORDER BY 1",
      table);
}

std::vector<TableShape> PostgresConnection::tables() {
  return translated([&] {
    std::optional<pqxx::nontransaction> autocommit;
    pqxx::transaction_base& t = tx_ ? static_cast<pqxx::transaction_base&>(*tx_) : autocommit.emplace(*conn_);
    std::vector<TableShape> out;
    for (const auto& row : t.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                  "AND table_type = 'BASE TABLE' AND table_name <> 'rececon_meta' ORDER BY 1")) {
      out.push_back(TableShape{row[0].c_str(), {}, {}, {}});
    }
    for (TableShape& table : out) {
      for (const auto& row : t.exec_params("SELECT column_name, data_type FROM information_schema.columns "
                                           "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                                           table.name)) {
        const std::string type = row[1].c_str();
        const auto kind = type == "bigint" || type == "integer" || type == "smallint" ? ColumnShape::Kind::Integer
                          : type == "bytea"                                           ? ColumnShape::Kind::Blob
                                                                                      : ColumnShape::Kind::Other;
        table.columns.push_back(ColumnShape{row[0].c_str(), kind});
      }
      for (const auto& row : t.exec_params(
               "SELECT k.column_name FROM information_schema.table_constraints c "
               "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema "
               "AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
               "WHERE c.table_schema = current_schema() AND c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY' "
               "ORDER BY k.ordinal_position",
               table.name)) {
        table.primaryKey.push_back(row[0].c_str());
      }
      for (const auto& row : t.exec_params(
               "SELECT DISTINCT f.relname FROM pg_constraint k JOIN pg_class f ON f.oid = k.confrelid "
               "WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1))",
               table.name)) {
        table.references.push_back(row[0].c_str());
      }
    }
    return out;
  });
}

// setval is strict: an empty table (max NULL) leaves its sequence where it is, at 1.
void PostgresConnection::advanceIdentity(const std::string& table) {
  translated([&] {
    std::optional<pqxx::nontransaction> autocommit;
    pqxx::transaction_base& t = tx_ ? static_cast<pqxx::transaction_base&>(*tx_) : autocommit.emplace(*conn_);
    const pqxx::result numbered = t.exec_params(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
        "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
        table);
    for (const auto& row : numbered) {
      const std::string column = row[0].c_str();
      t.exec_params("SELECT setval(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident($1), $2), "
                    "(SELECT max(" + t.quote_name(column) + ") FROM " + t.quote_name(table) + "))",
                    table, column);
    }
  });
}

std::string PostgresConnection::integrityCheck() {
  return translated([&]() -> std::string {
    pqxx::nontransaction read(*conn_);
    const pqxx::result tables =
        read.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1");
    for (const auto& row : tables) read.exec("SELECT count(*) FROM " + read.quote_name(row[0].c_str()));
    return "ok";
  });
}

}  // namespace rececon::db
