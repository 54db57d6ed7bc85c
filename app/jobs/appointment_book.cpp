#include "app/jobs/appointment_book.h"

#include "app/jobs/rights.h"
#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>

#include "app/core/csv_table.h"
#include "app/core/field_errors.h"
#include "app/core/utf8.h"
#include "db/patient_repository.h"
#include "linkage/decode_error.h"
#include "linkage/text_encoding.h"

namespace rececon {
namespace {

constexpr std::size_t kMaxDepartmentLength = 40;
constexpr std::size_t kMaxMemoLength = 200;

// Booking systems on Windows export Shift_JIS as often as UTF-8; both are read, anything else refused.
std::string csvTextOf(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw EnvironmentError("予約ファイル「" + file.string() + "」を開けません。場所と権限を確認してください。");
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (linkage::isValidUtf8(bytes)) return bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
  try {
    return linkage::decodeToUtf8(bytes, linkage::DetectedEncoding{linkage::Encoding::ShiftJis, false, ""});
  } catch (const linkage::DecodeError& e) {
    throw InvalidInput("予約ファイル「" + file.filename().string() + "」の文字コードが UTF-8 でも Shift_JIS でもありません（" +
                       e.what() + "）。");
  }
}

// The column named by any of names (a column and its aliases, 患者番号 / patient); npos when none.
// Throws InvalidInput when the header names it twice: which of the two to read would be a guess.
std::size_t columnOf(const CsvTable& t, std::initializer_list<const char*> names, const std::string& fileName) {
  std::size_t found = std::string::npos;
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    const std::string name = utf8::trim(t.header[i]);
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    if (found != std::string::npos) {
      throw InvalidInput("予約ファイル「" + fileName + "」の見出しに「" + *names.begin() + "」の列が2つあります（「" +
                         utf8::trim(t.header[found]) + "」と「" + name +
                         "」は同じ列です）。どちらの値を読むか決められないので、一方を消してください。");
    }
    found = i;
  }
  return found;
}

// The file's text as a table; a refusal names the file as well as the line.
CsvTable tableOf(const std::filesystem::path& file) {
  const std::string text = csvTextOf(file);
  try {
    return parseCsv(text);
  } catch (const InvalidInput& e) {
    throw InvalidInput("予約ファイル「" + file.filename().string() + "」: " + e.what());
  }
}

}  // namespace

std::optional<std::string> normalizeAppointmentTime(const std::string& text) {
  const std::string t = utf8::foldFullWidthAscii(utf8::trim(text));
  if (t.empty()) return std::string();
  std::smatch m;
  static const std::regex withColon(R"(^(\d{1,2})[:：](\d{2})$)");
  static const std::regex digits(R"(^(\d{2})(\d{2})$)");
  if (!std::regex_match(t, m, withColon) && !std::regex_match(t, m, digits)) return std::nullopt;
  const int h = std::stoi(m[1].str());
  const int mi = std::stoi(m[2].str());
  if (h > 23 || mi > 59) return std::nullopt;
  const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return two(h) + ":" + two(mi);
}

AppointmentBook::AppointmentBook(db::Database& db, std::string operatorId) : db_(db), operatorId_(std::move(operatorId)) {}

db::StoredAppointment AppointmentBook::validated(const AppointmentFields& f, const std::string& source,
                                                 FieldErrors& errors) {
  db::StoredAppointment a;
  const DateParseResult date = parseDate(f.date);
  if (!date.date) errors.add("date", "予約日", f.date.empty() ? "予約日を入力してください。" : date.error);
  else a.date = toIsoString(*date.date);
  const auto time = normalizeAppointmentTime(f.time);
  if (!time) errors.add("time", "時刻", "時刻は 9:30 や 0930 の形で入力してください。");
  else a.time = *time;
  const std::string number = utf8::foldFullWidthAscii(utf8::trim(f.patientNumber));
  if (!std::regex_match(number, std::regex(R"(^\d{1,10}$)"))) {
    errors.add("patient", "患者番号", "患者番号を数字で入力してください。");
  } else {
    a.patientNumber = std::stoll(number);
    if (!db::PatientRepository(db_).find(a.patientNumber)) {
      errors.add("patient", "患者番号", "患者番号 " + number + " は登録されていません。");
    }
  }
  a.department = checkedText(errors, f.department, "department", "診療科", kMaxDepartmentLength);
  a.doctor = checkedText(errors, f.doctor, "doctor", "医師", kMaxNameLength);
  a.memo = checkedText(errors, f.memo, "memo", "メモ", kMaxMemoLength);
  a.source = source;
  a.operatorId = operatorId_;
  return a;
}

db::StoredAppointment AppointmentBook::add(const AppointmentFields& fields, const std::string& source) {
  requireRight(db_, operatorId_, Right::Reception, "予約の登録");
  FieldErrors errors;
  db::StoredAppointment a = validated(fields, source, errors);
  errors.throwIfAny();
  db::WriteTransaction tx(db_);
  const auto id = db::AppointmentRepository(db_).add(a);
  if (!id) {
    throw InvalidInput("患者番号 " + std::to_string(a.patientNumber) + " の " + formatWareki(*fromIsoString(a.date)) +
                       (a.time.empty() ? "" : " " + a.time) + " の予約はすでに登録されています。");
  }
  tx.commit();
  a.id = *id;
  return a;
}

std::vector<db::StoredAppointment> AppointmentBook::onDate(Date day) {
  return db::AppointmentRepository(db_).onDate(toIsoString(day));
}

AppointmentImportSummary AppointmentBook::importCsv(const std::filesystem::path& file) {
  const CsvTable table = tableOf(file);
  const std::string name = file.filename().string();
  // Every alias group is looked up before anything is read, so a repeated column is refused whichever it is.
  const std::size_t dateCol = columnOf(table, {"予約日", "date"}, name);
  const std::size_t patientCol = columnOf(table, {"患者番号", "patient"}, name);
  const std::size_t timeCol = columnOf(table, {"時刻", "time"}, name);
  const std::size_t deptCol = columnOf(table, {"診療科", "department"}, name);
  const std::size_t doctorCol = columnOf(table, {"医師", "doctor"}, name);
  const std::size_t memoCol = columnOf(table, {"メモ", "memo"}, name);
  if (dateCol == std::string::npos || patientCol == std::string::npos) {
    throw InvalidInput("予約ファイル「" + name +
                       "」の1行目に「予約日」と「患者番号」の列名が必要です（任意: 時刻、診療科、医師、メモ）。");
  }
  const auto cell = [](const std::vector<std::string>& row, std::size_t col) {
    return col == std::string::npos ? std::string() : row[col];
  };

  std::vector<AppointmentFields> rows;
  std::vector<int> lineNumbers;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const bool blank = std::all_of(row.begin(), row.end(), [](const std::string& c) { return utf8::trim(c).empty(); });
    if (blank) continue;
    rows.push_back({cell(row, dateCol), cell(row, timeCol), cell(row, patientCol), cell(row, deptCol),
                    cell(row, doctorCol), cell(row, memoCol)});
    lineNumbers.push_back(static_cast<int>(table.rowLines[i]));  // quoted line breaks and blank lines counted
  }
  return addAll(rows, "csv:" + name, lineNumbers);
}

AppointmentImportSummary AppointmentBook::addAll(const std::vector<AppointmentFields>& rows, const std::string& source,
                                                 const std::vector<int>& lineNumbers) {
  requireRight(db_, operatorId_, Right::Reception, "予約の登録");
  std::vector<db::StoredAppointment> valid;
  FieldErrors all;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    FieldErrors errors;
    valid.push_back(validated(rows[i], source, errors));
    const int line = i < lineNumbers.size() ? lineNumbers[i] : static_cast<int>(i) + 1;
    for (const auto& e : errors.list()) all.add(e.field, std::to_string(line) + "行目 " + e.label, e.message);
  }
  all.throwIfAny();
  AppointmentImportSummary summary;
  db::WriteTransaction tx(db_);
  db::AppointmentRepository repo(db_);
  for (const auto& a : valid) (repo.add(a) ? summary.added : summary.alreadyBooked)++;
  tx.commit();
  return summary;
}

}  // namespace rececon
