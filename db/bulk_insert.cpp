#include "db/bulk_insert.h"

#include <algorithm>

#include "app/core/error.h"
#include "db/database.h"
#include "db/sql_dialect.h"

namespace rececon::db {
namespace {

std::vector<std::string> columnNames(const std::vector<InsertColumn>& columns) {
  std::vector<std::string> names;
  for (const auto& c : columns) names.emplace_back(c.column);
  return names;
}

}  // namespace

std::string insertSql(const std::string& table, const std::vector<InsertColumn>& columns) {
  std::string values;
  for (const auto& c : columns) values += (values.empty() ? ":" : ", :") + std::string(c.parameter);
  return "INSERT INTO " + table + " (" + quotedList(columnNames(columns)) + ") VALUES (" + values + ")";
}

BulkInsert::BulkInsert(Database& db, const std::string& table, std::vector<InsertColumn> columns)
    : columns_(std::move(columns)), rows_(db.connection().bulkInsert(table, columnNames(columns_))) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string_view parameter = columns_[i].parameter;
    const auto known = std::find_if(parameters_.begin(), parameters_.end(), [&](const auto& p) { return p.first == parameter; });
    if (known == parameters_.end()) parameters_.push_back({std::string(parameter), {i}});
    else known->second.push_back(i);
  }
}

const std::vector<std::size_t>& BulkInsert::columnsOf(std::string_view parameter) const {
  if (nextGuess_ < parameters_.size() && parameters_[nextGuess_].first == parameter) return parameters_[nextGuess_++].second;
  const auto known = std::find_if(parameters_.begin(), parameters_.end(), [&](const auto& p) { return p.first == parameter; });
  if (known == parameters_.end()) throw InternalError("bulk insert: no parameter :" + std::string(parameter));
  nextGuess_ = static_cast<std::size_t>(known - parameters_.begin()) + 1;
  return known->second;
}

BulkInsert& BulkInsert::bind(std::string_view name, std::int64_t value) {
  for (const std::size_t column : columnsOf(name)) rows_->setInt64(column, value);
  return *this;
}

BulkInsert& BulkInsert::bind(std::string_view name, std::string_view value) {
  for (const std::size_t column : columnsOf(name)) rows_->setText(column, value);
  return *this;
}

BulkInsert& BulkInsert::bindNull(std::string_view name) {
  for (const std::size_t column : columnsOf(name)) rows_->setNull(column);
  return *this;
}

void BulkInsert::endRow() { rows_->endRow(); }

void BulkInsert::flush() { rows_->flush(); }

}  // namespace rececon::db
