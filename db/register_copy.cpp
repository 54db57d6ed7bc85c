#include "db/register_copy.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "app/core/error.h"
#include "db/database_errors.h"
#include "db/migrations.h"
#include "db/sql_dialect.h"

namespace rececon::db {
namespace {

using Row = std::vector<std::optional<std::string>>;

// Rows read per query: a table of raw results is never held whole in memory (libpq keeps a result's
// rows in memory at once).
constexpr std::size_t kReadRows = 500;

std::vector<std::string> namesOf(const std::vector<ColumnShape>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

const TableShape* find(const std::vector<TableShape>& tables, const std::string& name) {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

// A table's columns by name, each with the kind it has on `side` (SQLite BLOB is PostgreSQL bytea): both
// sides are read, hashed and written in this order, whatever order each declares its columns in.
std::vector<ColumnShape> columnsOf(const TableShape& names, const TableShape& side) {
  std::vector<ColumnShape> out;
  for (const auto& c : names.columns) {
    const auto at = std::find_if(side.columns.begin(), side.columns.end(), [&](const ColumnShape& s) { return s.name == c.name; });
    out.push_back(ColumnShape{c.name, at == side.columns.end() ? c.kind : at->kind});
  }
  std::sort(out.begin(), out.end(), [](const ColumnShape& a, const ColumnShape& b) { return a.name < b.name; });
  return out;
}

// Tables referred to go before those referring to them (foreign keys are checked row by row), otherwise
// by name; a cycle (none today) is broken by name and would fail on its first row, naming the table.
std::vector<const TableShape*> copyOrder(const std::vector<TableShape>& tables) {
  std::vector<const TableShape*> order;
  std::set<std::string> placed;
  const auto ready = [&](const TableShape& t) {
    return !placed.count(t.name) && std::all_of(t.references.begin(), t.references.end(), [&](const std::string& r) {
             return r == t.name || placed.count(r) || !find(tables, r);
           });
  };
  while (order.size() < tables.size()) {
    auto next = std::find_if(tables.begin(), tables.end(), ready);
    if (next == tables.end()) next = std::find_if(tables.begin(), tables.end(), [&](const TableShape& t) { return !placed.count(t.name); });
    order.push_back(&*next);
    placed.insert(next->name);
  }
  return order;
}

// A table read in primary-key order a batch at a time, each batch continuing after the last key read
// (an OFFSET would make every batch step over all the rows before it again).
class TableReader {
 public:
  TableReader(Database& db, const std::string& table, std::vector<ColumnShape> columns, const std::vector<std::string>& key)
      : db_(db), columns_(std::move(columns)) {
    if (key.empty()) {
      throw EnvironmentError("表「" + table + "」に主キーがないため、行の順序が決まらず移行できません。");
    }
    std::vector<std::string> keyNames, keyParams;
    for (std::size_t i = 0; i < key.size(); ++i) {
      const auto at = std::find_if(columns_.begin(), columns_.end(), [&](const ColumnShape& c) { return c.name == key[i]; });
      key_.push_back(static_cast<std::size_t>(at - columns_.begin()));
      keyNames.push_back(quotedIdentifier(key[i]));
      keyParams.push_back(":k" + std::to_string(i));
    }
    const std::string select = "SELECT " + quotedList(namesOf(columns_)) + " FROM " + quotedIdentifier(table);
    const std::string tail = " ORDER BY " + joined(keyNames) + " LIMIT " + std::to_string(kReadRows);
    first_ = select + tail;
    after_ = select + " WHERE (" + joined(keyNames) + ") > (" + joined(keyParams) + ")" + tail;
  }

  // The next batch into `rows`; false (and rows empty) at the end.
  bool next(std::vector<Row>& rows) {
    rows.clear();
    if (done_) return false;
    Statement q = db_.prepare(last_ ? after_ : first_);
    if (last_) {
      for (std::size_t i = 0; i < key_.size(); ++i) bindValue(q, "k" + std::to_string(i), columns_[key_[i]].kind, (*last_)[key_[i]]);
    }
    while (q.next()) {
      Row row;
      row.reserve(columns_.size());
      for (const auto& c : columns_) {
        if (q.isNull(c.name)) row.emplace_back();
        else row.emplace_back(c.kind == ColumnShape::Kind::Blob ? q.blob(c.name) : q.text(c.name));
      }
      rows.push_back(std::move(row));
    }
    done_ = rows.size() < kReadRows;
    if (!rows.empty()) last_ = rows.back();
    return !rows.empty();
  }

  const std::vector<ColumnShape>& columns() const { return columns_; }

  // "id=12" or "change_id=3, field=name": a row named for a person.
  std::string keyText(const Row& row) const {
    std::string out;
    for (const std::size_t k : key_) {
      const std::string value = row[k] ? (columns_[k].kind == ColumnShape::Kind::Blob ? "(" + std::to_string(row[k]->size()) + " バイト)" : *row[k]) : "NULL";
      out += (out.empty() ? "" : ", ") + columns_[k].name + "=" + value;
    }
    return out;
  }

  static void bindValue(Statement& q, const std::string& name, ColumnShape::Kind kind, const std::optional<std::string>& value) {
    if (!value) q.bindNull(name);
    else if (kind == ColumnShape::Kind::Blob) q.bindBlob(name, *value);
    else if (kind == ColumnShape::Kind::Integer) q.bind(name, static_cast<std::int64_t>(std::stoll(*value)));
    else q.bind(name, *value);
  }

 private:
  Database& db_;
  std::vector<ColumnShape> columns_;
  std::vector<std::size_t> key_;  // positions of the key's columns in columns_
  std::string first_, after_;
  std::optional<Row> last_;
  bool done_ = false;
};

// SHA-256 over the column names, then every value: 'N' for NULL, else 'V', its length (8 bytes, little
// end first) and its bytes: no two different sequences of values give the same bytes to hash.
class TableHasher {
 public:
  explicit TableHasher(const std::vector<ColumnShape>& columns) {
    for (const auto& c : columns) {
      sha_.update(c.name);
      sha_.update('\0');
    }
  }
  void add(const Row& row) {
    ++rows_;
    for (const auto& value : row) {
      if (!value) {
        sha_.update('N');
        continue;
      }
      sha_.update('V');
      std::uint64_t n = value->size();
      for (int i = 0; i < 8; ++i, n >>= 8) sha_.update(static_cast<char>(n & 0xff));
      sha_.update(value->data(), value->size());
    }
  }
  TableDigest digest(const std::string& table) { return TableDigest{table, rows_, Poco::DigestEngine::digestToHex(sha_.digest())}; }

 private:
  Poco::SHA2Engine sha_{Poco::SHA2Engine::SHA_256};
  std::int64_t rows_ = 0;
};

TableDigest digestOf(Database& db, const TableShape& order, const TableShape& side) {
  TableReader reader(db, order.name, columnsOf(order, side), order.primaryKey);
  TableHasher hasher(reader.columns());
  std::vector<Row> rows;
  while (reader.next(rows))
    for (const auto& row : rows) hasher.add(row);
  return hasher.digest(order.name);
}

// The first row where the two sides part, for a person: which key, which column.
std::string firstDifference(Database& source, Database& target, const TableShape& order, const TableShape& targetShape) {
  TableReader a(source, order.name, columnsOf(order, order), order.primaryKey);
  TableReader b(target, order.name, columnsOf(order, targetShape), order.primaryKey);
  std::vector<Row> left, right;
  std::size_t i = 0, j = 0;
  for (;;) {
    if (i == left.size()) {
      a.next(left);
      i = 0;
    }
    if (j == right.size()) {
      b.next(right);
      j = 0;
    }
    if (left.empty() && right.empty()) return "違いの行は特定できませんでした";
    if (left.empty()) return "移行元にない行（" + b.keyText(right[j]) + "）が移行先にあります";
    if (right.empty()) return "行（" + a.keyText(left[i]) + "）が移行先にありません";
    for (std::size_t c = 0; c < left[i].size(); ++c) {
      if (left[i][c] != right[j][c]) {
        return "行（" + a.keyText(left[i]) + "）の列「" + a.columns()[c].name + "」が違います（移行元 " +
               (left[i][c] ? std::to_string(left[i][c]->size()) + " バイト" : std::string("NULL")) + "、移行先 " +
               (right[j][c] ? std::to_string(right[j][c]->size()) + " バイト" : std::string("NULL")) + "）";
      }
    }
    ++i;
    ++j;
  }
}


// Every value as the source held it: NULL stays NULL, bytes go as bytes, the rest as text, which each
// engine turns into the column's type (and refuses when it cannot). In bulk: PostgreSQL takes a batch in
// one COPY.
void writeRows(SqlBulkInsert& target, const std::string& table, const std::vector<ColumnShape>& columns,
               const std::vector<Row>& rows, const TableReader& reader) {
  try {
    for (const Row& row : rows) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto& value = row[c];
        if (!value) target.setNull(c);
        else if (columns[c].kind == ColumnShape::Kind::Blob) target.setBlob(c, *value);
        else target.setText(c, *value);
      }
      target.endRow();
    }
    target.flush();
  } catch (const DatabaseFailure& e) {
    // Both engines take a batch at flush() and refuse it together.
    const std::string rowsText = rows.size() == 1 ? reader.keyText(rows.front())
                                                  : reader.keyText(rows.front()) + " から " + reader.keyText(rows.back()) + " までのいずれか";
    throw EnvironmentError("表「" + table + "」の行（" + rowsText + "）を移行先に書き込めませんでした: " + e.what() +
                           " 移行先には何も書き込んでいません。");
  }
}

void requireSameShape(const std::vector<TableShape>& source, const std::vector<TableShape>& target) {
  for (const auto& s : source) {
    const TableShape* t = find(target, s.name);
    if (!t) throw EnvironmentError("移行先に表「" + s.name + "」がありません。移行元と移行先のスキーマが違います。");
    std::set<std::string> a, b;
    for (const auto& c : s.columns) a.insert(c.name);
    for (const auto& c : t->columns) b.insert(c.name);
    if (a != b || s.primaryKey != t->primaryKey) {
      std::vector<std::string> onlySource, onlyTarget;
      std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(onlySource));
      std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(onlyTarget));
      throw EnvironmentError("表「" + s.name + "」の列が移行元と移行先で違います（移行元だけ: " +
                             (onlySource.empty() ? "なし" : joined(onlySource)) + "、移行先だけ: " +
                             (onlyTarget.empty() ? "なし" : joined(onlyTarget)) + "、主キー: " + joined(s.primaryKey) + " / " +
                             joined(t->primaryKey) + "）。");
    }
  }
  for (const auto& t : target) {
    if (!find(source, t.name)) throw EnvironmentError("移行先に移行元にない表「" + t.name + "」があります。移行元と移行先のスキーマが違います。");
  }
}

std::int64_t rowCount(Database& db, const std::string& table) {
  return db.prepare("SELECT count(*) AS n FROM " + quotedIdentifier(table)).singleInt64("n");
}

// Inside the target's write transaction, so that two copies started at once cannot both find it empty.
void requireEmpty(Database& target, const std::vector<TableShape>& tables) {
  std::string held;
  int named = 0;
  for (const auto& t : tables) {
    const std::int64_t n = rowCount(target, t.name);
    if (n == 0) continue;
    if (named++ < 3) held += (held.empty() ? "" : "、") + std::string("表「") + t.name + "」に " + std::to_string(n) + " 行";
  }
  if (named == 0) return;
  if (named > 3) held += "ほか";
  throw InvalidInput("移行先のデータベース「" + target.location().describe() + "」にはすでにデータがあります（" + held +
                     "）。空のデータベースを指定してください。移行先には何も書き込んでいません。");
}

std::string differenceText(const TableDigest& expected, const TableDigest& actual) {
  if (expected.rows != actual.rows) {
    return "行数が違います（移行元 " + std::to_string(expected.rows) + " 行、移行先 " + std::to_string(actual.rows) + " 行）";
  }
  return "行数は同じ " + std::to_string(expected.rows) + " 行ですが、内容のハッシュが違います（移行元 " +
         expected.sha256.substr(0, 12) + "…、移行先 " + actual.sha256.substr(0, 12) + "…）";
}

}  // namespace

std::vector<TableDigest> copyRegister(Database& source, Database& target, const CopyProgress& progress) {
  return guarded("台帳の移行", [&] {
    const int from = schemaVersion(source.connection()), to = schemaVersion(target.connection());
    if (from != to) {
      throw EnvironmentError("移行元（スキーマ " + std::to_string(from) + "）と移行先（スキーマ " + std::to_string(to) +
                             "）のスキーマのバージョンが違います。同じバージョンのプログラムで移行してください。");
    }
    WriteTransaction hold(source);  // never committed: nothing is written to the source
    WriteTransaction write(target);
    const std::vector<TableShape> sourceTables = source.connection().tables();
    const std::vector<TableShape> targetTables = target.connection().tables();
    requireSameShape(sourceTables, targetTables);
    requireEmpty(target, targetTables);

    const auto order = copyOrder(sourceTables);
    std::int64_t total = 0, done = 0;
    for (const TableShape* t : order) total += rowCount(source, t->name);
    std::vector<TableDigest> copied;
    for (const TableShape* t : order) {
      const TableShape& targetShape = *find(targetTables, t->name);
      const std::vector<ColumnShape> targetColumns = columnsOf(*t, targetShape);
      TableReader reader(source, t->name, columnsOf(*t, *t), t->primaryKey);
      TableHasher hasher(reader.columns());
      const std::unique_ptr<SqlBulkInsert> writer = target.connection().bulkInsert(t->name, namesOf(targetColumns));
      std::vector<Row> rows;
      while (reader.next(rows)) {
        writeRows(*writer, t->name, targetColumns, rows, reader);
        for (const auto& row : rows) hasher.add(row);
        done += static_cast<std::int64_t>(rows.size());
        if (progress) progress(done, total, t->name);
      }
      target.connection().advanceIdentity(t->name);
      copied.push_back(hasher.digest(t->name));
    }

    // Read back before committing: a copy that differs is rolled back whole and the target stays empty.
    for (std::size_t i = 0; i < order.size(); ++i) {
      const TableDigest back = digestOf(target, *order[i], *find(targetTables, order[i]->name));
      if (back.rows != copied[i].rows || back.sha256 != copied[i].sha256) {
        throw EnvironmentError("表「" + order[i]->name + "」を移行先から読み直すと移行元と違いました: " +
                               differenceText(copied[i], back) + "。" +
                               firstDifference(source, target, *order[i], *find(targetTables, order[i]->name)) +
                               "。移行先には何も書き込んでいません。");
      }
    }
    write.commit();
    return copied;
  });
}

void verifyRegisterCopy(Database& db, const std::vector<TableDigest>& expected) {
  guarded("移行した台帳の照合", [&] {
    const std::vector<TableShape> tables = db.connection().tables();
    for (const auto& e : expected) {
      const TableShape* shape = find(tables, e.table);
      if (!shape) throw EnvironmentError("移行先に表「" + e.table + "」がありません。");
      const TableDigest actual = digestOf(db, *shape, *shape);
      if (actual.rows != e.rows || actual.sha256 != e.sha256) {
        throw EnvironmentError("移行先の表「" + e.table + "」が移行した内容と違います: " + differenceText(e, actual) + "。");
      }
    }
  });
}

}  // namespace rececon::db
