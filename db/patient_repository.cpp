#include "db/patient_repository.h"

#include "app/core/error.h"
#include "db/database_errors.h"
#include "db/record_columns.h"
#include "db/record_fields.h"

namespace rececon::db {
namespace {

constexpr const char* kColumns =
    "number, name, name_kana, sex, birth_date, postal_code, address, phone, notes,"
    " last_valid_insurer_number, last_valid_symbol, last_valid_number, last_valid_branch, version, updated_at, updated_on";

// Greater than every code point, so [prefix, prefix + kAfterAll) is exactly "starts with prefix".
constexpr const char* kAfterAll = "\xF4\x8F\xBF\xBF";

Patient readPatient(Statement& q) {
  Patient p;
  p.number = q.int64("number");
  p.name = q.text("name");
  p.nameKana = q.text("name_kana");
  p.sex = q.integer("sex") == 2 ? Sex::Female : Sex::Male;
  const auto birth = fromIsoString(q.text("birth_date"));
  if (!birth) throw InternalError("patient " + std::to_string(p.number) + ": bad birth_date in database");
  p.birthDate = *birth;
  p.postalCode = q.text("postal_code");
  p.address = q.text("address");
  p.phone = q.text("phone");
  p.notes = q.text("notes");
  if (!q.isNull("last_valid_insurer_number")) {
    p.lastValid = InsuredNumber{q.text("last_valid_insurer_number"), q.text("last_valid_symbol"),
                                q.text("last_valid_number"), q.text("last_valid_branch")};
  }
  p.version = {q.int64("version"), q.text("updated_at"), q.text("updated_on")};
  return p;
}

std::vector<Patient> readAll(Statement& q) {
  std::vector<Patient> out;
  while (q.next()) out.push_back(readPatient(q));
  return out;
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
    // The next free number is taken here rather than left to the engine: PostgreSQL has no rowid to
    // hand out for a NULL key. Safe because writers take turns (the caller's WriteTransaction).
    std::int64_t number = p.number;
    if (number == 0) {
      Statement next = db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 AS next FROM patient");
      number = next.singleInt64("next");
    }
    Statement q = db_.prepare(insertSql("patient", patientInsertColumns()));
    q.bind("number", number);
    bindPatientFields(q, p);
    q.bind("now", nowTimestamp());
    q.bind("terminal", context.terminal);
    q.run();
    log_.record(number, "patient", number, "create", context, creationFields(patientFieldValues(p)));
    return number;
  });
}

bool PatientRepository::update(const Patient& changed, const ChangeContext& context) {
  return guarded("患者の更新", [&] {
    const Patient before = get(changed.number);
    const auto changes = diffFields(patientFieldValues(before), patientFieldValues(changed));
    if (changes.empty()) return false;
    Statement q = db_.prepare(
        "UPDATE patient SET name = :name, name_kana = :kana, kana_key = :key, sex = :sex,"
        " birth_date = :birth, postal_code = :postal, address = :address, phone = :phone,"
        " notes = :notes, updated_at = :now, version = version + 1, updated_on = :terminal WHERE number = :number");
    bindPatientFields(q, changed);
    q.bind("now", nowTimestamp());
    q.bind("terminal", context.terminal);
    q.bind("number", static_cast<std::int64_t>(changed.number));
    q.run();
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
    Statement q = db_.prepare(
        "UPDATE patient SET last_valid_insurer_number = :insurer, last_valid_symbol = :symbol,"
        " last_valid_number = :insured_number, last_valid_branch = :branch, updated_at = :now"
        " WHERE number = :number");
    bindLastValid(q, insured);
    q.bind("now", nowTimestamp());
    q.bind("number", static_cast<std::int64_t>(number));
    q.run();
    log_.record(number, "patient", number, "update", context, changes);
  });
}

std::optional<Patient> PatientRepository::find(std::int64_t number) {
  return guarded("患者の読み込み", [&]() -> std::optional<Patient> {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns + " FROM patient WHERE number = :number");
    q.bind("number", static_cast<std::int64_t>(number));
    if (!q.next()) return std::nullopt;
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
    std::string sql = std::string("SELECT ") + kColumns + " FROM patient WHERE 1 = 1";
    const std::string key = normalizeKana(query.kanaPrefix);
    if (!key.empty()) sql += " AND kana_key >= :key AND kana_key < :keyEnd";
    if (query.number) sql += " AND number = :number";
    if (query.birthDate) sql += " AND birth_date = :birth";
    sql += key.empty() ? " ORDER BY number" : " ORDER BY kana_key, number";
    sql += " LIMIT :limit";
    Statement q = db_.prepare(sql);
    if (!key.empty()) {
      q.bind("key", key);
      q.bind("keyEnd", key + kAfterAll);
    }
    if (query.number) q.bind("number", static_cast<std::int64_t>(*query.number));
    if (query.birthDate) q.bind("birth", toIsoString(*query.birthDate));
    q.bind("limit", query.limit);
    return readAll(q);
  });
}

std::vector<Patient> PatientRepository::list(std::int64_t afterNumber, int limit) {
  return guarded("患者一覧の読み込み", [&] {
    Statement q = db_.prepare(std::string("SELECT ") + kColumns +
                              " FROM patient WHERE number > :after ORDER BY number LIMIT :limit");
    q.bind("after", static_cast<std::int64_t>(afterNumber));
    q.bind("limit", limit);
    return readAll(q);
  });
}

std::int64_t PatientRepository::count() {
  return guarded("患者数の読み込み",
                 [&] { return db_.prepare("SELECT count(*) AS n FROM patient").singleInt64("n"); });
}

}  // namespace rececon::db
