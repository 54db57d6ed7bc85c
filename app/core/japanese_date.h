#pragma once
// Dates as clerks type them and as Japanese users read them (和暦).
// Inside the program a date is std::chrono::year_month_day; 和暦 appears only at the edges.
// Pure functions; any thread.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rececon {

using Date = std::chrono::year_month_day;

enum class Era { Meiji, Taisho, Showa, Heisei, Reiwa };

struct EraInfo {
  Era era;
  const char* kanji;  // 令和
  char letter;        // R
  int digit;          // 5 (the era code of receipt data: 1 明治 .. 5 令和)
  Date first;         // first day of the era
};

// The era a date falls in; nullopt before 1868-01-25 (明治 as used for the Gregorian calendar).
std::optional<EraInfo> eraOf(Date date);

struct DateParseResult {
  std::optional<Date> date;
  std::string error;  // Japanese, says what form was expected; empty when date is set
};

// Parses a date as typed at a reception desk. Full-width digits and letters are accepted.
//   Western: 2024-04-01, 2024/4/1, 2024.4.1, 20240401, 2024年4月1日
//   和暦:    R6.4.1, R6/4/1, r6-4-1, S220310 (letter + YYMMDD), 令和6年4月1日, 令和元年5月1日, 令6.4.1,
//            5060401 (era digit 1..5 + YYMMDD, as in receipt data)
// A 和暦 date outside its era (H31.5.1 — that day is 令和元年) is an error, never guessed.
DateParseResult parseDate(std::string_view text);

// ISO form used in the database and JSON: 2024-04-01.
std::string toIsoString(Date date);
// The form the linkage files use: 20240401.
std::string toCompactString(Date date);

// Parses exactly YYYY-MM-DD; nullopt otherwise.
std::optional<Date> fromIsoString(std::string_view text);
// Parses exactly YYYYMMDD (the linkage files' form); nullopt otherwise.
std::optional<Date> fromCompactString(std::string_view text);

// 令和6年4月1日 (令和元年 for year 1); Western 2024年4月1日 before 明治.
std::string formatWareki(Date date);
// R6.04.01 — compact form for lists.
std::string formatWarekiShort(Date date);

// A stored timestamp 2026-11-21T09:30:00+09:00 as 令和8年11月21日 09:30:00; returned unchanged when it
// is not of that form.
std::string formatTimestampWareki(std::string_view isoTimestamp);

// The date of an instant in local time (an injected clock's "today").
Date localDateOf(std::chrono::system_clock::time_point instant);

// Today's date in local time.
Date today();

}  // namespace rececon
