// The encoding matrix: UTF-8 with and without BOM, CP932 with extension characters, invalid bytes,
// declarations that contradict the bytes, and encodings the linkage app never uses.

#include <catch2/catch.hpp>

#include "linkage/decode_error.h"
#include "linkage/message_codec.h"
#include "tests/linkage/fixture_files.h"

using namespace rececon::linkage;
using rececon::test::readFixture;

namespace {

DecodedMessage decodeFixture(const std::string& name) {
  return decodeMessage(readFixture("文字コード/" + name), "OQSsiquc01res_face_x_20250115101530.xml");
}

DecodeErrorCode errorOf(const std::string& name) {
  try {
    decodeFixture(name);
  } catch (const DecodeError& e) {
    CHECK(std::string(e.what()).size() > 10);  // a message a person can read
    return e.code();
  }
  FAIL("expected a DecodeError for " << name);
  return DecodeErrorCode::Malformed;
}

std::string nameIn(const DecodedMessage& m) {
  return *m.body().child("ResultList").child("ResultOfQualificationConfirmation").value("Name");
}

}  // namespace

TEST_CASE("UTF-8 with and without a BOM decode alike", "[linkage][encoding]") {
  const auto plain = decodeMessage(readFixture("文字コード/utf8_single_result_no_bom.xml"), "OQSsiquc01res_1.xml");
  const auto bom = decodeMessage(readFixture("文字コード/utf8_single_result_with_bom.xml"), "OQSsiquc01res_1.xml");
  CHECK_FALSE(plain.encoding().bom);
  CHECK(bom.encoding().bom);
  CHECK(plain.root().toElement() == bom.root().toElement());
}

TEST_CASE("CP932 extension characters survive: ①, ㈱, 髙, 﨑", "[linkage][encoding]") {
  const auto sjis = decodeFixture("sjis_face_extension_chars.xml");
  const auto utf8 = decodeFixture("utf8_face_extension_chars.xml");
  const auto windows31j = decodeFixture("cp932_declared_windows31j.xml");
  CHECK(sjis.encoding().encoding == Encoding::ShiftJis);
  CHECK(nameIn(sjis) == "髙﨑　花子");
  // Same content apart from the CharacterCodeIdentifier each file declares.
  CHECK(sjis.body().child("ResultList").toElement() == utf8.body().child("ResultList").toElement());
  CHECK(windows31j.root().toElement() == sjis.root().toElement());
  const std::string address = *sjis.body().valueAt("ResultList/ResultOfQualificationConfirmation/Address");
  CHECK(address.find("㈱") != std::string::npos);
  CHECK(address.find("①") != std::string::npos);
  // And back: the same bytes for those characters.
  CHECK(encodeFromUtf8("髙﨑①㈱", Encoding::ShiftJis) == std::string("\xFB\xFC\xFA\xB1\x87\x40\x87\x8A"));
  // Characters CP932 holds twice are written as Windows writes them.
  CHECK(encodeFromUtf8("≒∵Ⅲ№", Encoding::ShiftJis) == std::string("\x81\xE0\x81\xE6\x87\x56\x87\x82"));
  CHECK(encodeFromUtf8("纊ⅰ", Encoding::ShiftJis) == std::string("\xFA\x5C\xFA\x40"));
}

TEST_CASE("Invalid bytes and contradicting declarations are refused with their own codes", "[linkage][encoding]") {
  CHECK(errorOf("sjis_invalid_bytes.xml") == DecodeErrorCode::InvalidBytes);
  CHECK(errorOf("utf8_truncated_multibyte.xml") == DecodeErrorCode::InvalidBytes);
  CHECK(errorOf("declared_utf8_content_sjis.xml") == DecodeErrorCode::EncodingMismatch);
  CHECK(errorOf("declared_sjis_content_utf8.xml") == DecodeErrorCode::EncodingMismatch);
  CHECK(errorOf("utf8_bom_declared_sjis.xml") == DecodeErrorCode::EncodingMismatch);
  CHECK(errorOf("utf16le_result.xml") == DecodeErrorCode::UnsupportedEncoding);
  CHECK(errorOf("euc_jp_declared.xml") == DecodeErrorCode::UnsupportedEncoding);
}

TEST_CASE("CharacterCodeIdentifier is cross-checked, the bytes decide", "[linkage][encoding]") {
  const auto m = decodeFixture("utf8_identifier_says_sjis.xml");
  CHECK(nameIn(m) == "見本　花子");
  REQUIRE(m.warnings.size() == 1);
  CHECK(m.warnings[0].find("CharacterCodeIdentifier") != std::string::npos);
}

TEST_CASE("Writing Shift_JIS: CP932 forms of disputed characters, unrepresentable ones refused", "[linkage][encoding]") {
  CHECK(encodeFromUtf8("〜", Encoding::ShiftJis) == encodeFromUtf8("～", Encoding::ShiftJis));
  CHECK(encodeFromUtf8("〜", Encoding::ShiftJis) == std::string("\x81\x60"));
  CHECK(encodeFromUtf8("ｱｲｳ", Encoding::ShiftJis) == std::string("\xB1\xB2\xB3"));
  CHECK_THROWS_AS(encodeFromUtf8("見本😀", Encoding::ShiftJis), EncodeError);
  CHECK_THROWS_AS(encodeFromUtf8("𠮷野", Encoding::ShiftJis), EncodeError);
  CHECK(encodeFromUtf8("𠮷野", Encoding::Utf8) == "𠮷野");
  CHECK_THROWS_AS(encodeFromUtf8("\xFF", Encoding::Utf8), EncodeError);
}
