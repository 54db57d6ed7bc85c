#include "db/patient_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "app/core/error.h"
#include "app/core/kana.h"
#include "db/record_fields.h"
#include "db/sqlite_errors.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "number, name, name_kana, sex, birth_date, postal_code, address, phone, notes,"
    " last_valid_insurer_number, last_valid_symbol, last_valid_number, last_valid_branch";

// Greater than every code point, so [prefix, prefix + kAfterAll) is exactly "starts with prefix".
constexpr const char* kAfterAll = "\xF4\x8F\xBF\xBF";

Patient readPatient(SQLite::Statement& q) {
  Patient p;
  p.number = q.getColumn(0).getInt64();
  p.name = q.getColumn(1).getString();
  p.nameKana = q.getColumn(2).getString();
  p.sex = q.getColumn(3).getInt() == 2 ? Sex::Female : Sex::Male;
  const auto birth = fromIsoString(q.getColumn(4).getString());
  if (!birth) throw InternalError("patient " + std::to_string(p.number) + ": bad birth_date in database");
  p.birthDate = *birth;
  p.postalCode = q.getColumn(5).getString();
  p.address = q.getColumn(6).getString();
  p.phone = q.getColumn(7).getString();
  p.notes = q.getColumn(8).getString();
  if (!q.getColumn(9).isNull()) {
    p.lastValid = InsuredNumber{q.getColumn(9).getString(), q.getColumn(10).getString(),
                                q.getColumn(11).getString(), q.getColumn(12).getString()};
  }
  return p;
}

std::vector<Patient> readAll(SQLite::Statement& q) {
  std::vector<Patient> out;
  while (q.executeStep()) out.push_back(readPatient(q));
  return out;
}

void bindEditable(SQLite::Statement& q, const Patient& p) {
  q.bind(":name", p.name);
  q.bind(":kana", p.nameKana);
  q.bind(":key", normalizeKana(p.nameKana));
  q.bind(":sex", static_cast<int>(p.sex));
  q.bind(":birth", toIsoString(p.birthDate));
  q.bind(":postal", p.postalCode);
  q.bind(":address", p.address);
  q.bind(":phone", p.phone);
  q.bind(":notes", p.notes);
}

NotFound unknownPatient(std::int64_t number) {
  return NotFound("患者番号 " + std::to_string(number) + " の患者は登録されていません。");
}

}  // namespace

std::int64_t PatientRepository::insert(const Patient& p, const ChangeContext& context) {
  return guarded("患者の登録", [&] {
    if (p.number != 0 && find(p.number)) {
      throw InvalidInput("患者番号: " + std::to_string(p.number) + " はすでに使われています。");
    }
    auto qCached = db_.prepare(
        "INSERT INTO patient (number, name, name_kana, kana_key, sex, birth_date, postal_code, address,"
        " phone, notes, created_at, updated_at) VALUES (:number, :name, :kana, :key, :sex, :birth,"
        " :postal, :address, :phone, :notes, :now, :now)");
    SQLite::Statement& q = qCached.get();
    if (p.number != 0)
      q.bind(":number", static_cast<std::int64_t>(p.number));
    else
      q.bind(":number");
    bindEditable(q, p);
    q.bind(":now", nowTimestamp());
    q.exec();
    const std::int64_t number = db_.sql().getLastInsertRowid();
    log_.record(number, "patient", number, "create", context, creationFields(patientFieldValues(p)));
    return number;
  });
}

bool PatientRepository::update(const Patient& changed, const ChangeContext& context) {
  return guarded("患者の更新", [&] {
    const Patient before = get(changed.number);
    const auto changes = diffFields(patientFieldValues(before), patientFieldValues(changed));
    if (changes.empty()) return false;
    auto qCached = db_.prepare(
        "UPDATE patient SET name = :name, name_kana = :kana, kana_key = :key, sex = :sex,"
        " birth_date = :birth, postal_code = :postal, address = :address, phone = :phone,"
        " notes = :notes, updated_at = :now WHERE number = :number");
    SQLite::Statement& q = qCached.get();
    bindEditable(q, changed);
    q.bind(":now", nowTimestamp());
    q.bind(":number", static_cast<std::int64_t>(changed.number));
    q.exec();
    log_.record(changed.number, "patient", changed.number, "update", context, changes);
    return true;
  });
}

void PatientRepository::setLastValid(std::int64_t number, const InsuredNumber& insured,
                                     const ChangeContext& context) {
  guarded("直近有効な被保険者番号の記録", [&] {
    const Patient before = get(number);
    const auto changes = diffFields(lastValidFieldValues(before.lastValid), lastValidFieldValues(insured));
    if (changes.empty()) return;
    auto qCached = db_.prepare(
        "UPDATE patient SET last_valid_insurer_number = ?, last_valid_symbol = ?,"
        " last_valid_number = ?, last_valid_branch = ?, updated_at = ? WHERE number = ?");
    SQLite::Statement& q = qCached.get();
    q.bind(1, insured.insurerNumber);
    q.bind(2, insured.symbol);
    q.bind(3, insured.number);
    q.bind(4, insured.branch);
    q.bind(5, nowTimestamp());
    q.bind(6, static_cast<std::int64_t>(number));
    q.exec();
    log_.record(number, "patient", number, "update", context, changes);
  });
}

std::optional<Patient> PatientRepository::find(std::int64_t number) {
  return guarded("患者の読み込み", [&]() -> std::optional<Patient> {
    auto qCached = db_.prepare(std::string("SELECT ") + kColumns + " FROM patient WHERE number = ?");
    SQLite::Statement& q = qCached.get();
    q.bind(1, static_cast<std::int64_t>(number));
    if (!q.executeStep()) return std::nullopt;
    return readPatient(q);
  });
}

Patient PatientRepository::get(std::int64_t number) {
  auto p = find(number);
  if (!p) throw unknownPatient(number);
  return *p;
}

std::vector<Patient> PatientRepository::search(const PatientQuery& query) {
  return guarded("患者の検索", [&] {
    std::string sql = std::string("SELECT ") + kColumns + " FROM patient WHERE 1";
    const std::string key = normalizeKana(query.kanaPrefix);
    if (!key.empty()) sql += " AND kana_key >= :key AND kana_key < :keyEnd";
    if (query.number) sql += " AND number = :number";
    if (query.birthDate) sql += " AND birth_date = :birth";
    sql += key.empty() ? " ORDER BY number" : " ORDER BY kana_key, number";
    sql += " LIMIT :limit";
    auto qCached = db_.prepare(sql);
    SQLite::Statement& q = qCached.get();
    if (!key.empty()) {
      q.bind(":key", key);
      q.bind(":keyEnd", key + kAfterAll);
    }
    if (query.number) q.bind(":number", static_cast<std::int64_t>(*query.number));
    if (query.birthDate) q.bind(":birth", toIsoString(*query.birthDate));
    q.bind(":limit", query.limit);
    return readAll(q);
  });
}

std::vector<Patient> PatientRepository::list(std::int64_t afterNumber, int limit) {
  return guarded("患者一覧の読み込み", [&] {
    auto qCached = db_.prepare(std::string("SELECT ") + kColumns +
                               " FROM patient WHERE number > ? ORDER BY number LIMIT ?");
    SQLite::Statement& q = qCached.get();
    q.bind(1, static_cast<std::int64_t>(afterNumber));
    q.bind(2, limit);
    return readAll(q);
  });
}

std::int64_t PatientRepository::count() {
  return guarded("患者数の読み込み",
                 [&] { return db_.sql().execAndGet("SELECT count(*) FROM patient").getInt64(); });
}

}  // namespace rececon::db
