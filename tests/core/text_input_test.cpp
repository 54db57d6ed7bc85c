#include <catch2/catch.hpp>

#include "app/core/field_errors.h"
#include "app/core/text_input.h"
#include "app/core/utf8.h"

using namespace rececon;

namespace {

// text with cp put between two kana: 「ア」 cp 「イ」.
std::string around(char32_t cp) { return utf8::encode(std::u32string{U'ア', cp, U'イ'}); }

std::vector<FieldError> findings(const std::string& raw) {
  FieldErrors errors;
  checkedPersonText(errors, raw, "name", "氏名", kMaxNameLength);
  return errors.list();
}

}  // namespace

TEST_CASE("Every bidirectional control and invisible format character is found, at its character position",
          "[text_input]") {
  const char32_t refused[] = {0x202A,  0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
                              0x2069,  0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060,
                              0x2061,  0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD, 0x2028, 0x2029,
                              0xE0041, 0x0001, 0x001B, 0x007F, 0x0085, 0x009F};
  for (const char32_t cp : refused) {
    INFO(codePointLabel(cp));
    const auto hidden = findHiddenCharacter(around(cp));
    REQUIRE(hidden);
    CHECK(hidden->position == 2);  // characters, not bytes: ア is 3 bytes
    CHECK(hidden->codePoint == cp);
  }
  CHECK(isBidiControl(0x202E));
  CHECK(isBidiControl(0x061C));
  CHECK_FALSE(isBidiControl(0x200B));
}

TEST_CASE("Japanese names and addresses as typed have no hidden character", "[text_input]") {
  const std::string ordinary[] = {
      "山田　花子",                               // an ideographic space between the parts
      "ﾔﾏﾀﾞ ﾊﾅｺ",                                 // half-width katakana
      "東京都千代田区霞が関1-2-2　見本ビル３Ｆ",  // full-width digits and letters
      "Zoë Smith",                                // a precomposed letter
      "Zoe\u0308",                                // a combining mark after its letter
      "葛\U000E0100城",                           // an ideographic variation selector (異体字)
      "髙橋・ジョン",                             // the middle dot of foreign names
  };
  for (const std::string& text : ordinary) {
    INFO(text);
    CHECK_FALSE(findHiddenCharacter(text));
    CHECK(findings(text).empty());
  }
  CHECK_FALSE(findHiddenCharacter("一行目\n二行目\tタブ", true));  // a notes field may hold line breaks
  CHECK(findHiddenCharacter("一行目\n二行目")->position == 4);
}

TEST_CASE("A right-to-left override in a name is refused naming the character it is", "[text_input]") {
  const auto errors = findings("山田\u202E太郎");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "name");
  CHECK(errors[0].message == "氏名の 3 文字目に見えない制御文字（U+202E）があります。入力し直してください。");
  // Counted in the text as typed: the spaces the field shows before the name count too.
  CHECK(findings("　山田\u202E太郎").at(0).message.find("4 文字目") != std::string::npos);
}

TEST_CASE("A name made only of combining marks, or starting with one, is refused", "[text_input]") {
  for (const std::string name : {"\u0301\u0301\u0301", "\u0308山田", "\u3099ヤマダ", "　\u20DD"}) {
    INFO(name);
    const auto errors = findings(name);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("結合文字") != std::string::npos);
  }
  CHECK(findings("\u0301").at(0).message.find("U+0301") != std::string::npos);
}

TEST_CASE("A checked person text is trimmed, limited in length and refused when not UTF-8", "[text_input]") {
  FieldErrors errors;
  CHECK(checkedPersonText(errors, " \t山田　花子　", "name", "氏名", kMaxNameLength) == "山田　花子");
  CHECK(errors.empty());
  checkedPersonText(errors, std::string(51, 'a'), "name", "氏名", kMaxNameLength);
  checkedPersonText(errors, "\xff", "name", "氏名", kMaxNameLength);
  REQUIRE(errors.list().size() == 2);
  CHECK(errors.list()[0].message.find("50文字以内") != std::string::npos);
  CHECK(errors.list()[1].message.find("文字コード") != std::string::npos);
}
