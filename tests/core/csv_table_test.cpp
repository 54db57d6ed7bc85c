#include <catch2/catch.hpp>

#include "app/core/csv_table.h"
#include "app/core/error.h"

using namespace rececon;
using Row = std::vector<std::string>;

namespace {

// The message parseCsv refuses text with ("" when it reads it).
std::string refusal(const std::string& text) {
  try {
    parseCsv(text);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("CSV fields with quotes, commas and Japanese; blank lines skipped", "[csv]") {
  const CsvTable t =
      parseCsv("id,name,note\r\n1,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n2,架空,\r\n3, 空白 ,\"\"\r\n");
  CHECK(t.header == Row{"id", "name", "note"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == Row{"1", "b,c", "say \"hi\""});
  CHECK(t.rows[1] == Row{"2", "架空", ""});
  CHECK(t.rows[2] == Row{"3", " 空白 ", ""});  // spaces are data (RFC 4180)
  CHECK(t.rowLines == std::vector<std::size_t>{2, 4, 5});
  CHECK(t.rows[1][t.column("name")] == "架空");
  CHECK_THROWS_AS(t.column("kana"), InvalidInput);
  CHECK(parseCsv("").header.empty());
  CHECK(parseCsv("a,b").header == Row{"a", "b"});  // no line break after the last record
}

TEST_CASE("A line break inside quotes is part of the field, and later rows keep their line numbers",
          "[csv]") {
  const CsvTable t = parseCsv("id,memo\n1,\"二階の\n受付へ\"\n2,\"a\r\n\r\nb\"\n3,c\n");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == Row{"1", "二階の\n受付へ"});
  CHECK(t.rows[1] == Row{"2", "a\r\n\r\nb"});  // a blank line inside quotes is data too
  CHECK(t.rows[2] == Row{"3", "c"});
  CHECK(t.rowLines == std::vector<std::size_t>{2, 4, 7});
}

TEST_CASE("An unclosed quote is refused naming the line where the quoted field started", "[csv]") {
  CHECK(refusal("id,memo\n1,ok\n2,\"開いたまま\n3,x\n4,y\n").find("3行目で始まる") != std::string::npos);
  // The open field is the second of a record that started on the line before.
  CHECK(refusal("id,memo\n\"1\nx\",\"open\nmore\n").find("3行目で始まる") != std::string::npos);
  CHECK(refusal("id,memo\n1,\"x").find("閉じられていません") != std::string::npos);
}

TEST_CASE("A quote inside an unquoted field or after a closing quote is refused, not dropped", "[csv]") {
  const std::string afterClosing = refusal("x\n\"a\"b\"c\n");
  CHECK(afterClosing.find("2行目 4文字目") != std::string::npos);  // the b after the closing quote
  CHECK(refusal("x,y\n見本,a\"b\n").find("2行目 5文字目") != std::string::npos);  // counted in characters
  CHECK_FALSE(refusal("x\n\"a\" \n").empty());  // nothing but a comma or a line end after a closing quote
}

TEST_CASE("A record whose field count differs from the header is refused naming the line it starts on",
          "[csv]") {
  CHECK(refusal("id,name\n1\n").find("2行目の項目数（1）が見出し（2）") != std::string::npos);
  CHECK(refusal("id,name\n1,\"a\nb\"\n\n2\n").find("5行目の項目数") != std::string::npos);
  CHECK(refusal("id,name\n1,a,b\n").find("2行目の項目数（3）") != std::string::npos);
}

TEST_CASE("A column named twice in the header is refused with its name", "[csv]") {
  CHECK(refusal("id,name,id\n1,a,2\n").find("列「id」が2回") != std::string::npos);
  CHECK(refusal("\n 患者番号,患者番号 \n").find("見出し（2行目）に列「患者番号」が2回") != std::string::npos);
  CHECK(parseCsv("a,,\n1,2,3\n").rows.size() == 1);  // unnamed columns are nobody's
}

TEST_CASE("What csvLine writes, parseCsv reads back", "[csv]") {
  const Row fields{"改行\r\nあり", "引用符\"と,カンマ", "", " 空白 "};
  const CsvTable t =
      parseCsv(csvLine({"a", "b", "c", "d"}) + csvLine(fields) + csvLine({"1", "2", "3", "4"}));
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0] == fields);
  CHECK(t.rowLines == std::vector<std::size_t>{2, 4});
}
