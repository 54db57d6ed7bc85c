#include "db/insurance_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/core/error.h"
#include "db/record_fields.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "id, patient_number, insurer_number, symbol, number, branch, relationship, insured_name, "
    "qualification_date,"
    " valid_from, valid_to, card_classification, copay_percent, elderly_copay_percent, elderly_valid_from,"
    " elderly_valid_to, insurer_name, state, created_at, updated_at";

std::optional<Date> readDate(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return fromIsoString(c.getString());
}

std::optional<int> readInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

InsuranceRecord readRecord(SQLite::Statement& q) {
  InsuranceRecord r;
  r.id = q.getColumn(0).getInt64();
  r.patientNumber = q.getColumn(1).getInt64();
  r.insured = {q.getColumn(2).getString(), q.getColumn(3).getString(), q.getColumn(4).getString(),
               q.getColumn(5).getString()};
  if (!q.getColumn(6).isNull()) r.relationship = static_cast<Relationship>(q.getColumn(6).getInt());
  r.insuredName = q.getColumn(7).getString();
  r.qualificationDate = readDate(q.getColumn(8));
  r.validFrom = readDate(q.getColumn(9));
  r.validTo = readDate(q.getColumn(10));
  r.cardClassification = q.getColumn(11).getString();
  r.copayPercent = readInt(q.getColumn(12));
  r.elderlyCopayPercent = readInt(q.getColumn(13));
  r.elderlyValidFrom = readDate(q.getColumn(14));
  r.elderlyValidTo = readDate(q.getColumn(15));
  r.insurerName = q.getColumn(16).getString();
  const auto state = insuranceStateFromString(q.getColumn(17).getString());
  if (!state) throw InternalError("insurance " + std::to_string(r.id) + ": bad state in database");
  r.state = *state;
  r.createdAt = q.getColumn(18).getString();
  r.updatedAt = q.getColumn(19).getString();
  return r;
}

void bindDate(SQLite::Statement& q, const char* name, const std::optional<Date>& d) {
  if (d)
    q.bind(name, toIsoString(*d));
  else
    q.bind(name);
}

void bindInt(SQLite::Statement& q, const char* name, const std::optional<int>& v) {
  if (v)
    q.bind(name, *v);
  else
    q.bind(name);
}

void bindFields(SQLite::Statement& q, const InsuranceRecord& r) {
  q.bind(":insurer", r.insured.insurerNumber);
  q.bind(":symbol", r.insured.symbol);
  q.bind(":number", r.insured.number);
  q.bind(":branch", r.insured.branch);
  if (r.relationship)
    q.bind(":relationship", static_cast<int>(*r.relationship));
  else
    q.bind(":relationship");
  q.bind(":insuredName", r.insuredName);
  bindDate(q, ":qualification", r.qualificationDate);
  bindDate(q, ":validFrom", r.validFrom);
  bindDate(q, ":validTo", r.validTo);
  q.bind(":card", r.cardClassification);
  bindInt(q, ":copay", r.copayPercent);
  bindInt(q, ":elderlyCopay", r.elderlyCopayPercent);
  bindDate(q, ":elderlyFrom", r.elderlyValidFrom);
  bindDate(q, ":elderlyTo", r.elderlyValidTo);
  q.bind(":insurerName", r.insurerName);
  q.bind(":state", toString(r.state));
  q.bind(":now", nowTimestamp());
}

}  // namespace

std::int64_t InsuranceRepository::insert(const InsuranceRecord& r, const ChangeContext& context) {
  return guarded("保険情報の登録", [&] {
    auto qCached = db_.prepare(
        "INSERT INTO insurance (patient_number, insurer_number, symbol, number, branch, relationship,"
        " insured_name, qualification_date, valid_from, valid_to, card_classification, copay_percent,"
        " elderly_copay_percent, elderly_valid_from, elderly_valid_to, insurer_name, state,"
        " created_at, updated_at) VALUES (:patient, :insurer, :symbol, :number, :branch,"
        " :relationship, :insuredName, :qualification, :validFrom, :validTo, :card, :copay,"
        " :elderlyCopay, :elderlyFrom, :elderlyTo, :insurerName, :state, :now, :now)");
    SQLite::Statement& q = qCached.get();
    q.bind(":patient", static_cast<std::int64_t>(r.patientNumber));
    bindFields(q, r);
    q.exec();
    const std::int64_t id = db_.sql().getLastInsertRowid();
    log_.record(r.patientNumber, "insurance", id, "create", context, creationFields(insuranceFieldValues(r)));
    return id;
  });
}

bool InsuranceRepository::update(const InsuranceRecord& changed, const ChangeContext& context) {
  return guarded("保険情報の更新", [&] {
    const InsuranceRecord before = get(changed.id);
    const auto changes = diffFields(insuranceFieldValues(before), insuranceFieldValues(changed));
    if (changes.empty()) return false;
    auto qCached = db_.prepare(
        "UPDATE insurance SET insurer_number = :insurer, symbol = :symbol, number = :number,"
        " branch = :branch, relationship = :relationship, insured_name = :insuredName,"
        " qualification_date = :qualification, valid_from = :validFrom, valid_to = :validTo,"
        " card_classification = :card, copay_percent = :copay, elderly_copay_percent = :elderlyCopay,"
        " elderly_valid_from = :elderlyFrom, elderly_valid_to = :elderlyTo,"
        " insurer_name = :insurerName, state = :state, updated_at = :now WHERE id = :id");
    SQLite::Statement& q = qCached.get();
    bindFields(q, changed);
    q.bind(":id", static_cast<std::int64_t>(changed.id));
    q.exec();
    log_.record(before.patientNumber, "insurance", changed.id, "update", context, changes);
    return true;
  });
}

std::optional<InsuranceRecord> InsuranceRepository::find(std::int64_t id) {
  return guarded("保険情報の読み込み", [&]() -> std::optional<InsuranceRecord> {
    auto qCached = db_.prepare(std::string("SELECT ") + kColumns + " FROM insurance WHERE id = ?");
    SQLite::Statement& q = qCached.get();
    q.bind(1, static_cast<std::int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
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
    auto cached = db_.prepare(
        "SELECT DISTINCT patient_number FROM insurance WHERE insurer_number = ? AND number = ?"
        " AND (? = '' OR branch = ?) AND state <> 'superseded' ORDER BY patient_number");
    SQLite::Statement& q = cached.get();
    q.bind(1, insurerNumber);
    q.bind(2, number);
    q.bind(3, branch);
    q.bind(4, branch);
    std::vector<std::int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

std::vector<InsuranceRecord> InsuranceRepository::forPatient(std::int64_t patientNumber) {
  return guarded("保険情報の読み込み", [&] {
    auto qCached = db_.prepare(std::string("SELECT ") + kColumns +
                               " FROM insurance WHERE patient_number = ? ORDER BY id DESC");
    SQLite::Statement& q = qCached.get();
    q.bind(1, static_cast<std::int64_t>(patientNumber));
    std::vector<InsuranceRecord> out;
    while (q.executeStep()) out.push_back(readRecord(q));
    return out;
  });
}

}  // namespace rececon::db
