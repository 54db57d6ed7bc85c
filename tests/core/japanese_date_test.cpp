#include <catch2/catch.hpp>

#include "app/core/japanese_date.h"

using namespace rececon;

namespace {
std::string parsed(const std::string& text) {
  const auto r = parseDate(text);
  return r.date ? toIsoString(*r.date) : "error: " + r.error;
}
}  // namespace

TEST_CASE("Western dates in the forms clerks type", "[date]") {
  CHECK(parsed("2024-04-01") == "2024-04-01");
  CHECK(parsed("2024/4/1") == "2024-04-01");
  CHECK(parsed("2024.4.1") == "2024-04-01");
  CHECK(parsed("20240401") == "2024-04-01");
  CHECK(parsed("2024年4月1日") == "2024-04-01");
  CHECK(parsed("２０２４／４／１") == "2024-04-01");
}

TEST_CASE("和暦 in letter, kanji, compact and era-digit forms", "[date]") {
  CHECK(parsed("S22.3.10") == "1947-03-10");
  CHECK(parsed("S220310") == "1947-03-10");
  CHECK(parsed("s22/3/10") == "1947-03-10");
  CHECK(parsed("R6/4/1") == "2024-04-01");
  CHECK(parsed("Ｒ６．４．１") == "2024-04-01");
  CHECK(parsed("令和6年4月1日") == "2024-04-01");
  CHECK(parsed("令6.4.1") == "2024-04-01");
  CHECK(parsed("令和元年5月1日") == "2019-05-01");
  CHECK(parsed("平成元年1月8日") == "1989-01-08");
  CHECK(parsed("T15.12.24") == "1926-12-24");
  CHECK(parsed("M45.7.29") == "1912-07-29");
  CHECK(parsed("3220310") == "1947-03-10");  // era digit 3 = 昭和
  CHECK(parsed("5060401") == "2024-04-01");
}

TEST_CASE("Era boundaries: 1989-01-07/08 and 2019-04-30/05-01", "[date]") {
  CHECK(parsed("S64.1.7") == "1989-01-07");
  CHECK(parsed("H1.1.8") == "1989-01-08");
  CHECK(parsed("H31.4.30") == "2019-04-30");
  CHECK(parsed("R1.5.1") == "2019-05-01");
  // A date outside its era is refused, with the right name of that day as a hint.
  const auto s64 = parseDate("S64.1.8");
  REQUIRE_FALSE(s64.date);
  CHECK(s64.error.find("平成元年1月8日") != std::string::npos);
  CHECK_FALSE(parseDate("H1.1.7").date);
  const auto h31 = parseDate("H31.5.1");
  REQUIRE_FALSE(h31.date);
  CHECK(h31.error.find("令和元年5月1日") != std::string::npos);
  CHECK_FALSE(parseDate("R1.4.30").date);

  using namespace std::chrono;
  CHECK(formatWareki(1989y / 1 / 7) == "昭和64年1月7日");
  CHECK(formatWareki(1989y / 1 / 8) == "平成元年1月8日");
  CHECK(formatWareki(2019y / 4 / 30) == "平成31年4月30日");
  CHECK(formatWareki(2019y / 5 / 1) == "令和元年5月1日");
  CHECK(formatWareki(1926y / 12 / 25) == "昭和元年12月25日");
  CHECK(formatWarekiShort(2024y / 4 / 1) == "R6.04.01");
}

TEST_CASE("Impossible and unreadable dates say what is wrong", "[date]") {
  CHECK_FALSE(parseDate("2024/2/30").date);
  CHECK_FALSE(parseDate("2023-02-29").date);
  CHECK(parseDate("2024-02-29").date);
  CHECK_FALSE(parseDate("R6.13.1").date);
  const auto junk = parseDate("きのう");
  REQUIRE_FALSE(junk.date);
  CHECK(junk.error.find("R6.4.1") != std::string::npos);
  CHECK_FALSE(parseDate("").date);
  CHECK_FALSE(parseDate("6220310").date);  // no era 6
}

TEST_CASE("ISO strings round-trip", "[date]") {
  using namespace std::chrono;
  CHECK(toIsoString(1947y / 3 / 10) == "1947-03-10");
  CHECK(fromIsoString("1947-03-10") == Date{1947y / 3 / 10});
  CHECK_FALSE(fromIsoString("1947-3-10"));
  CHECK_FALSE(fromIsoString("1947-02-30"));
  CHECK_FALSE(fromIsoString("1947/03/10"));
  CHECK_FALSE(fromIsoString("１９４７-03-10"));  // full-width digits are for typed dates, not stored ones
  CHECK_FALSE(fromIsoString("1947-03-1x"));
  CHECK(fromCompactString(toCompactString(1947y / 3 / 10)) == Date{1947y / 3 / 10});
  CHECK(fromCompactString("20240229") == Date{2024y / 2 / 29});
  CHECK_FALSE(fromCompactString("20230229"));
  CHECK_FALSE(fromCompactString("2024022"));
  CHECK_FALSE(fromCompactString("2024-2-9"));
  CHECK_FALSE(fromCompactString("2024 229"));
}

TEST_CASE("Stored timestamps read as 和暦 with the time; anything else is left as it is", "[date]") {
  CHECK(formatTimestampWareki("2026-11-21T09:30:05+09:00") == "令和8年11月21日 09:30:05");
  CHECK(formatTimestampWareki("2019-05-01T00:00:00+09:00") == "令和元年5月1日 00:00:00");
  CHECK(formatTimestampWareki("2026-11-21") == "2026-11-21");
  CHECK(formatTimestampWareki("garbage-of-length-19+") == "garbage-of-length-19+");
}
