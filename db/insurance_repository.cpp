#include "db/insurance_repository.h"

#include "app/core/error.h"
#include "db/database_errors.h"
#include "db/record_columns.h"
#include "db/record_fields.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "id, patient_number, insurer_number, symbol, number, branch, relationship, insured_name, "
    "qualification_date,"
    " valid_from, valid_to, card_classification, copay_percent, elderly_copay_percent, elderly_valid_from,"
    " elderly_valid_to, insurer_name, state, created_at, updated_at, version, updated_on";

std::optional<Date> readDate(Statement& q, const char* column) {
  if (q.isNull(column)) return std::nullopt;
  return fromIsoString(q.text(column));
}

std::optional<int> readInt(Statement& q, const char* column) {
  if (q.isNull(column)) return std::nullopt;
  return q.integer(column);
}

InsuranceRecord readRecord(Statement& q) {
  InsuranceRecord r;
  r.id = q.int64("id");
  r.patientNumber = q.int64("patient_number");
  r.insured = {q.text("insurer_number"), q.text("symbol"), q.text("number"), q.text("branch")};
  if (!q.isNull("relationship")) r.relationship = static_cast<Relationship>(q.integer("relationship"));
  r.insuredName = q.text("insured_name");
  r.qualificationDate = readDate(q, "qualification_date");
  r.validFrom = readDate(q, "valid_from");
  r.validTo = readDate(q, "valid_to");
  r.cardClassification = q.text("card_classification");
  r.copayPercent = readInt(q, "copay_percent");
  r.elderlyCopayPercent = readInt(q, "elderly_copay_percent");
  r.elderlyValidFrom = readDate(q, "elderly_valid_from");
  r.elderlyValidTo = readDate(q, "elderly_valid_to");
  r.insurerName = q.text("insurer_name");
  const auto state = insuranceStateFromString(q.text("state"));
  if (!state) throw InternalError("insurance " + std::to_string(r.id) + ": bad state in database");
  r.state = *state;
  r.createdAt = q.text("created_at");
  r.updatedAt = q.text("updated_at");
  r.version = {q.int64("version"), r.updatedAt, q.text("updated_on")};
  return r;
}

}  // namespace

std::int64_t InsuranceRepository::insert(const InsuranceRecord& r, const ChangeContext& context) {
  return guarded("保険情報の登録", [&] {
    Statement q = db_.prepare(insertSql("insurance", insuranceInsertColumns()) + " RETURNING id");
    q.bind("patient", static_cast<std::int64_t>(r.patientNumber));
    q.bind("terminal", context.terminal);
    bindInsuranceFields(q, r, nowTimestamp());
    const std::int64_t id = q.singleInt64("id");
    log_.record(r.patientNumber, "insurance", id, "create", context, creationFields(insuranceFieldValues(r)));
    return id;
  });
}

bool InsuranceRepository::update(const InsuranceRecord& changed, const ChangeContext& context) {
  return guarded("保険情報の更新", [&] {
    const InsuranceRecord before = get(changed.id);
    const auto changes = diffFields(insuranceFieldValues(before), insuranceFieldValues(changed));
    if (changes.empty()) return false;
    Statement q = db_.prepare(
        "UPDATE insurance SET insurer_number = :insurer, symbol = :symbol, number = :number,"
        " branch = :branch, relationship = :relationship, insured_name = :insuredName,"
        " qualification_date = :qualification, valid_from = :validFrom, valid_to = :validTo,"
        " card_classification = :card, copay_percent = :copay, elderly_copay_percent = :elderlyCopay,"
        " elderly_valid_from = :elderlyFrom, elderly_valid_to = :elderlyTo,"
        " insurer_name = :insurerName, state = :state, updated_at = :now, version = version + 1,"
        " updated_on = :terminal WHERE id = :id");
    bindInsuranceFields(q, changed, nowTimestamp());
    q.bind("terminal", context.terminal);
    q.bind("id", static_cast<std::int64_t>(changed.id));
    q.run();
    log_.record(before.patientNumber, "insurance", changed.id, "update", context, changes);
    return true;
  });
}

std::optional<InsuranceRecord> InsuranceRepository::find(std::int64_t id) {
  return guarded("保険情報の読み込み", [&]() -> std::optional<InsuranceRecord> {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM insurance WHERE id = :id");
    q.bind("id", static_cast<std::int64_t>(id));
    if (!q.next()) return std::nullopt;
    return readRecord(q);
  });
}

InsuranceRecord InsuranceRepository::get(std::int64_t id) {
  auto r = find(id);
  if (!r) throw NotFound("保険情報ID " + std::to_string(id) + " は登録されていません。");
  return *r;
}

std::vector<std::int64_t> InsuranceRepository::patientsWithNumbers(const std::string& insurerNumber,
                                                                const std::string& number, const std::string& branch) {
  return guarded("保険情報の検索", [&] {
    // The CAST tells PostgreSQL the parameter's type where it is compared with a literal, not a column.
    Statement q = db_.prepare(
        "SELECT DISTINCT patient_number FROM insurance WHERE insurer_number = :insurer AND number = :number"
        " AND (CAST(:branch AS TEXT) = '' OR branch = :branch) AND state <> 'superseded'"
        " ORDER BY patient_number");
    q.bind("insurer", insurerNumber);
    q.bind("number", number);
    q.bind("branch", branch);
    std::vector<std::int64_t> out;
    while (q.next()) out.push_back(q.int64("patient_number"));
    return out;
  });
}

std::vector<InsuranceRecord> InsuranceRepository::forPatient(std::int64_t patientNumber) {
  return guarded("保険情報の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns +
                              " FROM insurance WHERE patient_number = :patient ORDER BY id DESC");
    q.bind("patient", static_cast<std::int64_t>(patientNumber));
    std::vector<InsuranceRecord> out;
    while (q.next()) out.push_back(readRecord(q));
    return out;
  });
}

}  // namespace rececon::db
