#include "app/core/japanese_date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <regex>

#include "app/core/utf8.h"

namespace rececon {
namespace {

using namespace std::chrono;

constexpr Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// Gregorian first days of each era. 明治 is counted from 1868-01-25 (明治元年1月1日 in the old calendar).
const std::array<EraInfo, 5> kEras = {{
    {Era::Meiji, "明治", 'M', 1, ymd(1868, 1, 25)},
    {Era::Taisho, "大正", 'T', 2, ymd(1912, 7, 30)},
    {Era::Showa, "昭和", 'S', 3, ymd(1926, 12, 25)},
    {Era::Heisei, "平成", 'H', 4, ymd(1989, 1, 8)},
    {Era::Reiwa, "令和", 'R', 5, ymd(2019, 5, 1)},
}};

const EraInfo* eraByName(const std::string& name) {
  for (const auto& e : kEras) {
    const std::string kanji = e.kanji;
    const std::string first = kanji.substr(0, 3);  // 明 大 昭 平 令 (one UTF-8 kanji)
    if (name == kanji || name == first || (name.size() == 1 && std::toupper(name[0]) == e.letter)) return &e;
  }
  return nullptr;
}

const EraInfo* eraByDigit(int digit) {
  for (const auto& e : kEras) {
    if (e.digit == digit) return &e;
  }
  return nullptr;
}

std::optional<Date> makeDate(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999) return std::nullopt;
  const Date date = ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (!date.ok()) return std::nullopt;
  return date;
}

const char* kExpected =
    "日付は 2024-04-01、20240401、R6.4.1、S220310、令和6年4月1日 のように入力してください。";

DateParseResult failure(std::string why) { return DateParseResult{std::nullopt, std::move(why)}; }

DateParseResult fromEra(const EraInfo& era, int eraYear, int m, int d, const std::string& typed) {
  const auto date = makeDate(static_cast<int>(era.first.year()) + eraYear - 1, m, d);
  if (!date) return failure("「" + typed + "」は存在しない日付です。");
  const auto actual = eraOf(*date);
  if (eraYear < 1 || !actual || actual->era != era.era) {
    std::string hint;
    if (actual) hint = "（その日は" + formatWareki(*date) + "です）";
    return failure("「" + typed + "」は" + era.kanji + "の期間外の日付です" + hint + "。");
  }
  return DateParseResult{date, {}};
}

}  // namespace

std::optional<EraInfo> eraOf(Date date) {
  for (auto it = kEras.rbegin(); it != kEras.rend(); ++it) {
    if (sys_days(date) >= sys_days(it->first)) return *it;
  }
  return std::nullopt;
}

DateParseResult parseDate(std::string_view input) {
  if (!utf8::isValid(input)) return failure("日付の文字コードが正しくありません。");
  const std::string text = utf8::normalizeTyped(input);
  if (text.empty()) return failure("日付が入力されていません。");
  // The form files from other systems use, read without the regexes (a migration reads millions); any
  // other form, or a day that does not exist, goes the general way below.
  if (const auto iso = fromIsoString(text)) return {iso, {}};
  std::smatch m;
  const auto num = [&](int i) { return std::stoi(m[i].str()); };

  static const std::regex western(R"(^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$)");
  static const std::regex compactWestern(R"(^(\d{4})(\d{2})(\d{2})$)");
  static const std::regex eraDigit(R"(^([1-5])(\d{2})(\d{2})(\d{2})$)");
  // Era name: a letter, one kanji (明 大 昭 平 令) or the two-kanji name; year may be 元.
  static const std::regex eraSeparated(
      R"(^([MTSHRmtshr]|明治|大正|昭和|平成|令和|明|大|昭|平|令)\s*(\d{1,2}|元)(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$)");
  static const std::regex eraCompact(R"(^([MTSHRmtshr]|明治|大正|昭和|平成|令和)(\d{2})(\d{2})(\d{2})$)");

  if (std::regex_match(text, m, western)) {
    const int month = m[2].matched ? num(2) : num(4);
    const int dayOfMonth = m[3].matched ? num(3) : num(5);
    if (auto d = makeDate(num(1), month, dayOfMonth)) return {d, {}};
    return failure("「" + text + "」は存在しない日付です。");
  }
  if (std::regex_match(text, m, compactWestern)) {
    if (auto d = makeDate(num(1), num(2), num(3))) return {d, {}};
    return failure("「" + text + "」は存在しない日付です。");
  }
  if (std::regex_match(text, m, eraDigit)) {
    return fromEra(*eraByDigit(num(1)), num(2), num(3), num(4), text);
  }
  if (std::regex_match(text, m, eraSeparated)) {
    const EraInfo* era = eraByName(m[1].str());
    const int eraYear = m[2].str() == "元" ? 1 : num(2);
    const int month = m[3].matched ? num(3) : num(5);
    const int dayOfMonth = m[4].matched ? num(4) : num(6);
    return fromEra(*era, eraYear, month, dayOfMonth, text);
  }
  if (std::regex_match(text, m, eraCompact)) {
    return fromEra(*eraByName(m[1].str()), num(2), num(3), num(4), text);
  }
  return failure("「" + text + "」は日付として読めません。" + kExpected);
}

std::string toIsoString(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::string toCompactString(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

namespace {

// The number written by text[at, at + width) when every character there is an ASCII digit.
std::optional<int> digitsAt(std::string_view text, std::size_t at, std::size_t width) {
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Fixed-width year, month and day at the given offsets (no regex: stored and received dates are read
// tens of thousands of times a night).
std::optional<Date> fixedDate(std::string_view text, std::size_t monthAt, std::size_t dayAt) {
  const auto y = digitsAt(text, 0, 4), m = digitsAt(text, monthAt, 2), d = digitsAt(text, dayAt, 2);
  if (!y || !m || !d) return std::nullopt;
  return makeDate(*y, *m, *d);
}

}  // namespace

std::optional<Date> fromIsoString(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return fixedDate(text, 5, 8);
}

std::optional<Date> fromCompactString(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  return fixedDate(text, 4, 6);
}

std::string formatWareki(Date date) {
  const int y = static_cast<int>(date.year());
  const unsigned mo = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  const auto era = eraOf(date);
  if (!era) return std::to_string(y) + "年" + std::to_string(mo) + "月" + std::to_string(d) + "日";
  const int eraYear = y - static_cast<int>(era->first.year()) + 1;
  const std::string yearText = eraYear == 1 ? "元" : std::to_string(eraYear);
  return std::string(era->kanji) + yearText + "年" + std::to_string(mo) + "月" + std::to_string(d) + "日";
}

std::string formatWarekiShort(Date date) {
  const auto era = eraOf(date);
  if (!era) return toIsoString(date);
  const int eraYear = static_cast<int>(date.year()) - static_cast<int>(era->first.year()) + 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c%d.%02u.%02u", era->letter, eraYear, static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

Date localDateOf(std::chrono::system_clock::time_point instant) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(instant);
  std::tm local{};
  localtime_r(&seconds, &local);
  return ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1), static_cast<unsigned>(local.tm_mday));
}

Date today() { return localDateOf(std::chrono::system_clock::now()); }

std::string formatTimestampWareki(std::string_view iso) {
  const auto date = iso.size() >= 19 && iso[10] == 'T' ? fromIsoString(iso.substr(0, 10)) : std::nullopt;
  if (!date) return std::string(iso);
  return formatWareki(*date) + " " + std::string(iso.substr(11, 8));
}

}  // namespace rececon
