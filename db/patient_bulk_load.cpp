#include "db/patient_bulk_load.h"

#include <algorithm>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "db/database_errors.h"
#include "db/record_columns.h"
#include "db/sql_dialect.h"
#include "db/trail_chain.h"

namespace rececon::db {
namespace {

// Numbers read per query: a register of a million patients is never one result held by the client.
constexpr std::int64_t kNumbersPerRead = 100'000;

constexpr const char* kLoadedTables[] = {"patient", "insurance", "change_log"};

std::vector<InsertColumn> withLastValid(std::vector<InsertColumn> columns) {
  const auto& more = lastValidColumns();
  columns.insert(columns.end(), more.begin(), more.end());
  return columns;
}

std::vector<std::int64_t> numbersInUse(Database& db) {
  std::vector<std::int64_t> numbers;
  for (;;) {
    Statement q = db.prepare("SELECT number FROM patient WHERE number > :after ORDER BY number LIMIT :limit");
    q.bind("after", numbers.empty() ? std::int64_t{0} : numbers.back());
    q.bind("limit", kNumbersPerRead);
    const std::size_t before = numbers.size();
    while (q.next()) numbers.push_back(q.int64("number"));
    if (numbers.size() - before < static_cast<std::size_t>(kNumbersPerRead)) return numbers;
  }
}

}  // namespace

PatientBulkLoad::PatientBulkLoad(Database& db, ChangeContext context, std::int64_t expectedPatients)
    : db_(db),
      context_(std::move(context)),
      now_(nowTimestamp()),
      ascending_(guarded("患者番号の読み込み", [&] { return numbersInUse(db); })),
      patients_(db, "patient", withLastValid(patientInsertColumns())),
      insurances_(db, "insurance", insuranceInsertColumns()),
      history_(db, "change_log", changeLogColumns()) {
  if (context_.operatorId.empty()) throw InvalidInput(kOperatorUnknown, {});
  if (expectedPatients < kRebuildIndexesFrom) return;
  guarded("索引と外部キーの一時削除", [&] {
    SqlConnection& engine = db.connection();
    for (const char* table : kLoadedTables) {
      for (const IndexShape& key : engine.foreignKeysToSuspend(table)) {
        const std::string alter = "ALTER TABLE " + quotedIdentifier(table);
        engine.execScript(alter + " DROP CONSTRAINT " + quotedIdentifier(key.name));
        foreignKeysToAdd_.push_back(alter + " ADD CONSTRAINT " + quotedIdentifier(key.name) + " " + key.definition);
      }
      for (const IndexShape& index : engine.secondaryIndexes(table)) {
        // An index led by the patient number grows at its end as a load numbers patients in order:
        // keeping it up to date costs less than making it again.
        if (index.definition.find("(patient_number") != std::string::npos) continue;
        engine.execScript("DROP INDEX " + quotedIdentifier(index.name));
        indexesToMake_.push_back(index.definition);
      }
    }
  });
}

bool PatientBulkLoad::taken(std::int64_t number) const {
  return std::binary_search(ascending_.begin(), ascending_.end(), number) || outOfOrder_.contains(number);
}

std::int64_t PatientBulkLoad::claimNumber(std::int64_t wanted) {
  const std::int64_t highest = ascending_.empty() ? 0 : ascending_.back();
  if (wanted == 0) {  // numbers in the set are all below the highest, so one past it is free
    ascending_.push_back(highest + 1);
    return ascending_.back();
  }
  if (taken(wanted)) throw InvalidInput("患者番号: " + std::to_string(wanted) + " はすでに使われています。");
  if (wanted > highest) ascending_.push_back(wanted);
  else outOfOrder_.insert(wanted);
  return wanted;
}

void PatientBulkLoad::add(Patient patient, std::vector<InsuranceRecord> records) {
  for (InsuranceRecord& r : records) r.patientNumber = patient.number;
  queuedPatients_.push_back(std::move(patient));
  for (InsuranceRecord& r : records) queuedRecords_.push_back(std::move(r));
  if (queuedPatients_.size() >= kPatientsPerFlush) flush();
}

void PatientBulkLoad::flush() {
  guarded("患者の一括登録", [&] {
    // A table at a time — PostgreSQL streams each table's rows in one COPY, which takes nothing else
    // meanwhile — and in the order the foreign keys need: a record's patient first.
    for (const Patient& patient : queuedPatients_) {
      patients_.bind("number", patient.number);
      bindPatientFields(patients_, patient);
      patients_.bind("now", now_).bind("terminal", context_.terminal);
      if (patient.lastValid) bindLastValid(patients_, *patient.lastValid);
      patients_.endRow();  // unbound last-valid columns are NULL
    }
    patients_.flush();
    for (const InsuranceRecord& r : queuedRecords_) {
      insurances_.bind("patient", r.patientNumber).bind("terminal", context_.terminal);
      bindInsuranceFields(insurances_, r, now_);
      insurances_.endRow();
    }
    insurances_.flush();
    const std::int64_t before = db_.prepare("SELECT COALESCE(MAX(id), 0) AS id FROM change_log").singleInt64("id");
    for (const Patient& patient : queuedPatients_) {
      bindChangeEntry(history_, patient.number, "patient", patient.number, "create", context_, now_);
      history_.endRow();
    }
    history_.flush();
    // The entries just written (writers take turns: nobody else's are among them), sealed in one link. Their
    // ids run on without a gap in the order written, so the digest is made from the rows as written
    // rather than read back: the columns in change_log's order, as text.
    Statement written = db_.prepare("SELECT MIN(id) AS first, MAX(id) AS last FROM change_log WHERE id > :before");
    written.bind("before", before);
    if (written.next() && !written.isNull("first")) {
      const std::int64_t first = written.int64("first"), last = written.int64("last");
      if (last - first + 1 != static_cast<std::int64_t>(queuedPatients_.size())) {
        throw InternalError("bulk load: change_log ids " + std::to_string(first) + ".." + std::to_string(last) + " for " +
                            std::to_string(queuedPatients_.size()) + " entries (another writer in the load's turn?)");
      }
      TrailDigest rows("change_log");
      std::int64_t id = first;
      for (const Patient& patient : queuedPatients_) {
        const std::string number = std::to_string(patient.number);
        for (const std::string& value : {std::to_string(id++), number, std::string("patient"), number, std::string("create"),
                                         context_.operatorId, now_, context_.reason}) {
          rows.add(value);
        }
      }
      const std::string digest = rows.hexDigest();
      TrailChain(db_).seal("change_log", first, last, digest);
    }
  });
  queuedPatients_.clear();
  queuedRecords_.clear();
}

void PatientBulkLoad::finish() {
  flush();
  guarded("索引と外部キーの作成", [&] {
    // Indexes first: adding a foreign key back checks every row, and may use them.
    for (const std::string& sql : indexesToMake_) db_.connection().execScript(sql);
    for (const std::string& sql : foreignKeysToAdd_) db_.connection().execScript(sql);
  });
  indexesToMake_.clear();
  foreignKeysToAdd_.clear();
}

}  // namespace rececon::db
