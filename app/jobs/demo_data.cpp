#include "app/jobs/demo_data.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <cstdio>
#include <random>

#include "app/core/csv_table.h"
#include "app/core/error.h"
#include "app/core/insurer_number.h"

namespace rececon {
namespace {

struct NamePart {
  const char* kanji;
  const char* kana;  // half-width, as the linkage app writes kana
};

constexpr std::array<NamePart, 32> kFamilyNames = {{
    {"佐藤", "ｻﾄｳ"},   {"鈴木", "ｽｽﾞｷ"}, {"高橋", "ﾀｶﾊｼ"}, {"田中", "ﾀﾅｶ"},   {"伊藤", "ｲﾄｳ"},
    {"渡辺", "ﾜﾀﾅﾍﾞ"}, {"山本", "ﾔﾏﾓﾄ"}, {"中村", "ﾅｶﾑﾗ"}, {"小林", "ｺﾊﾞﾔｼ"}, {"加藤", "ｶﾄｳ"},
    {"吉田", "ﾖｼﾀﾞ"},  {"山田", "ﾔﾏﾀﾞ"}, {"佐々木", "ｻｻｷ"}, {"山口", "ﾔﾏｸﾞﾁ"}, {"松本", "ﾏﾂﾓﾄ"},
    {"井上", "ｲﾉｳｴ"},  {"木村", "ｷﾑﾗ"},   {"林", "ﾊﾔｼ"},     {"斎藤", "ｻｲﾄｳ"},   {"清水", "ｼﾐｽﾞ"},
    {"山崎", "ﾔﾏｻﾞｷ"}, {"森", "ﾓﾘ"},     {"池田", "ｲｹﾀﾞ"}, {"橋本", "ﾊｼﾓﾄ"},   {"阿部", "ｱﾍﾞ"},
    {"石川", "ｲｼｶﾜ"},  {"前田", "ﾏｴﾀﾞ"}, {"藤田", "ﾌｼﾞﾀ"}, {"見本", "ﾐﾎﾝ"},   {"架空", "ｶｸｳ"},
    {"髙橋", "ﾀｶﾊｼ"},  {"長谷川", "ﾊｾｶﾞﾜ"},
}};

constexpr std::array<NamePart, 16> kMaleNames = {{
    {"太郎", "ﾀﾛｳ"},   {"一郎", "ｲﾁﾛｳ"}, {"健太", "ｹﾝﾀ"},   {"翔", "ｼｮｳ"},     {"大輔", "ﾀﾞｲｽｹ"},
    {"誠", "ﾏｺﾄ"},     {"浩", "ﾋﾛｼ"},   {"蓮", "ﾚﾝ"},     {"悠真", "ﾕｳﾏ"},   {"陽翔", "ﾊﾙﾄ"},
    {"清", "ｷﾖｼ"},     {"茂", "ｼｹﾞﾙ"},   {"勇気", "ﾕｳｷ"},   {"拓也", "ﾀｸﾔ"},   {"修", "ｵｻﾑ"},
    {"昭一", "ｼｮｳｲﾁ"},
}};

constexpr std::array<NamePart, 16> kFemaleNames = {{
    {"花子", "ﾊﾅｺ"},   {"陽子", "ﾖｳｺ"},   {"恵子", "ｹｲｺ"},   {"美咲", "ﾐｻｷ"},   {"結衣", "ﾕｲ"},
    {"さくら", "ｻｸﾗ"}, {"由美", "ﾕﾐ"},   {"京子", "ｷｮｳｺ"}, {"和子", "ｶｽﾞｺ"}, {"陽菜", "ﾋﾅ"},
    {"愛", "ｱｲ"},     {"真由美", "ﾏﾕﾐ"}, {"智子", "ﾄﾓｺ"}, {"明美", "ｱｹﾐ"},   {"凛", "ﾘﾝ"},
    {"幸子", "ｻﾁｺ"},
}};

constexpr std::array<const char*, 6> kTowns = {"見本市架空町", "見本市試験台", "架空郡例示村", "見本市東見本",
                                               "例示市中央",   "例示市港南"};

// Insurer kinds: 法別番号 (empty = 国民健康保険, 6 digits) and an insurer-name template.
struct InsurerKind {
  const char* law;
  const char* name;
};
constexpr std::array<InsurerKind, 4> kInsurers = {{
    {"01", "全国健康保険協会見本支部"},
    {"06", "見本健康保険組合"},
    {"", "見本市国民健康保険"},
    {"31", "見本共済組合"},
}};

std::string withCheckDigit(const std::string& digits) {
  return digits + std::to_string(insurerCheckDigit(digits));
}

// By hand rather than snprintf: a benchmark makes millions of these.
std::string zeroPadded(std::uint32_t value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (auto at = out.rbegin(); at != out.rend() && value != 0; ++at, value /= 10) *at = static_cast<char>('0' + value % 10);
  return out;
}

std::string isoDate(int y, int m, int d) {
  return zeroPadded(static_cast<std::uint32_t>(y), 4) + "-" + zeroPadded(static_cast<std::uint32_t>(m), 2) + "-" +
         zeroPadded(static_cast<std::uint32_t>(d), 2);
}

}  // namespace

DemoPatientStream::DemoPatientStream(std::int64_t count, std::uint32_t seed, Date today)
    : count_(count), rng_(seed), thisYear_(static_cast<int>(today.year())) {}

std::optional<PatientImportRow> DemoPatientStream::next() {
  if (made_ == count_) return std::nullopt;
  ++made_;
  std::mt19937& rng = rng_;
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const int thisYear = thisYear_;
  PatientImportRow row;
  const bool female = rng() % 2 == 1;
  const NamePart& family = kFamilyNames[pick(kFamilyNames.size())];
  const NamePart& given = female ? kFemaleNames[pick(kFemaleNames.size())] : kMaleNames[pick(kMaleNames.size())];
  const int birthYear = thisYear - 1 - static_cast<int>(pick(95));
  const int age = thisYear - birthYear;
  row.patient.name = std::string(family.kanji) + "　" + given.kanji;
  row.patient.nameKana = std::string(family.kana) + " " + given.kana;
  row.patient.sex = female ? "2" : "1";
  row.patient.birthDate = isoDate(birthYear, 1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
  row.patient.postalCode = "999-" + zeroPadded(static_cast<std::uint32_t>(pick(10000)), 4);
  row.patient.address = std::string("見本県") + kTowns[pick(kTowns.size())] + std::to_string(1 + pick(9)) + "-" +
                        std::to_string(1 + pick(30)) + "-" + std::to_string(1 + pick(20));
  row.patient.phone = "099-" + zeroPadded(static_cast<std::uint32_t>(pick(1000)), 3) + "-" +
                      zeroPadded(static_cast<std::uint32_t>(pick(10000)), 4);

  const int records = 1 + static_cast<int>(pick(3));
  row.insurances.reserve(static_cast<std::size_t>(records));
  for (int r = 0; r < records; ++r) {
    const bool elderly = age >= 75;
    const InsurerKind& kind = elderly ? InsurerKind{"39", "見本県後期高齢者医療広域連合"} : kInsurers[pick(kInsurers.size())];
    const std::string body = std::string(kind.law) + "99" + zeroPadded(static_cast<std::uint32_t>(pick(1000)), 3);
    InsuranceFields ins;
    ins.insurerNumber = withCheckDigit(body);
    ins.symbol = elderly ? "" : std::to_string(100 + pick(900));
    ins.number = std::to_string(1000 + pick(90000));
    ins.branch = elderly ? "" : zeroPadded(static_cast<std::uint32_t>(pick(3)), 2);
    ins.relationship = (age < 20 || pick(3) == 0) ? "2" : "1";
    ins.insuredName = row.patient.name;
    ins.insurerName = kind.name;
    ins.cardClassification = "01";
    const int from = std::max(birthYear, thisYear - (records - r) * 3);
    ins.validFrom = isoDate(from, 4, 1);
    ins.qualificationDate = *ins.validFrom;
    ins.copayPercent = elderly ? "10" : (age < 6 ? "20" : "30");
    if (age >= 70 && age < 75) {
      ins.elderlyCopayPercent = "20";
      ins.elderlyValidFrom = isoDate(thisYear, 8, 1);
      ins.elderlyValidTo = isoDate(thisYear + 1, 7, 31);
    }
    // Every record is added as current, so each older one is superseded by the next and the
    // patient's last valid number is kept; now and then the newest one was found invalid.
    const bool newest = r + 1 == records;
    ins.state = newest && pick(25) == 0 ? "invalid" : "current";
    if (!newest) ins.validTo = isoDate(from + 3, 3, 31);
    row.insurances.push_back(std::move(ins));
  }
  return row;
}

std::vector<PatientImportRow> generateDemoPatients(std::int64_t count, std::uint32_t seed, Date today) {
  DemoPatientStream stream(count, seed, today);
  std::vector<PatientImportRow> rows;
  rows.reserve(static_cast<std::size_t>(count));
  while (auto row = stream.next()) rows.push_back(std::move(*row));
  return rows;
}

std::vector<PatientImportRow> simPersonsAsPatients(const std::filesystem::path& personsCsv) {
  std::ifstream in(personsCsv, std::ios::binary);
  if (!in) throw EnvironmentError("デモデータ「" + personsCsv.string() + "」を読めません。");
  const CsvTable table = parseCsv(std::string(std::istreambuf_iterator<char>(in), {}));
  const auto col = [&](const std::vector<std::string>& row, const char* name) -> const std::string& {
    return row[table.column(name)];
  };
  const auto optional = [&](const std::vector<std::string>& row, const char* name) -> std::optional<std::string> {
    const std::string& v = col(row, name);
    if (v.empty()) return std::nullopt;
    return v;
  };
  std::vector<PatientImportRow> rows;
  rows.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    PatientImportRow r;
    r.patient.name = col(row, "name");
    r.patient.nameKana = col(row, "name_kana");
    r.patient.sex = col(row, "sex");
    r.patient.birthDate = col(row, "birthdate");
    r.patient.address = col(row, "address");
    r.patient.postalCode = col(row, "post_number");
    InsuranceFields ins;
    ins.insurerNumber = col(row, "insurer_number");
    ins.symbol = col(row, "symbol");
    ins.number = col(row, "number");
    ins.branch = col(row, "branch");
    ins.relationship = optional(row, "relation");
    ins.insuredName = col(row, "insured_name");
    ins.qualificationDate = optional(row, "qualification_date");
    ins.validFrom = optional(row, "valid_from");
    ins.validTo = optional(row, "valid_to");
    ins.cardClassification = col(row, "card_classification");
    ins.copayPercent = optional(row, "copay_ratio");
    ins.elderlyCopayPercent = optional(row, "elderly_ratio");
    ins.elderlyValidFrom = optional(row, "elderly_start");
    ins.elderlyValidTo = optional(row, "elderly_end");
    ins.insurerName = col(row, "insurer_name");
    r.insurances.push_back(std::move(ins));
    rows.push_back(std::move(r));
  }
  return rows;
}

std::filesystem::path resourcesDir() {
  if (const char* env = std::getenv("RECECON_RESOURCES"); env && *env) return env;
  return RECECON_RESOURCES_DIR;
}


std::vector<AppointmentFields> demoAppointments(const std::vector<std::int64_t>& patientNumbers, Date day) {
  static const char* const departments[] = {"内科", "小児科", "整形外科", "皮膚科"};
  std::vector<AppointmentFields> out;
  for (std::size_t i = 0; i < patientNumbers.size(); ++i) {
    const std::size_t slot = i % 108;  // 9 hours of five-minute slots
    char time[6];
    std::snprintf(time, sizeof time, "%02zu:%02zu", 9 + slot / 12, (slot % 12) * 5);
    out.push_back({toIsoString(day), time, std::to_string(patientNumbers[i]), departments[i % 4], "", ""});
  }
  return out;
}

}  // namespace rececon
