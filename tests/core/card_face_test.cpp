#include <catch2/catch.hpp>

#include "app/core/card_face.h"
#include "app/core/field_errors.h"

using namespace rececon;
using namespace std::chrono;

namespace {
const Date kToday = 2026y / November / 21d;

std::vector<std::string> failedFields(const CardFaceFields& f) {
  try {
    makeCardFace(f, kToday);
  } catch (const ValidationFailed& e) {
    std::vector<std::string> fields;
    for (const auto& err : e.errors()) fields.push_back(err.field);
    return fields;
  }
  return {};
}
}  // namespace

TEST_CASE("The 4 items from a My Number card: kanji name, sex, 和暦 birth date, address", "[card_face]") {
  const CardFace f = makeCardFace({"  山田　花子 ", std::nullopt, "女", "S50.4.1", "東京都千代田区霞が関1-2-2", "協会けんぽ"}, kToday);
  CHECK(f.name == "山田　花子");
  CHECK(f.nameKana.empty());
  CHECK(f.sex == Sex::Female);
  CHECK(f.birthDate == 1975y / April / 1d);
  CHECK(f.address == "東京都千代田区霞が関1-2-2");
  CHECK(f.insurerName == "協会けんぽ");
}

TEST_CASE("A name in kana alone is enough; it then stands for the name", "[card_face]") {
  const CardFace f = makeCardFace({std::nullopt, "ﾔﾏﾀﾞ ﾊﾅｺ", "2", "1975-04-01", "東京都", std::nullopt}, kToday);
  CHECK(f.name == "ヤマダ　ハナコ");  // stored as full-width katakana, like a patient's フリガナ
  CHECK(f.nameKana == "ヤマダ　ハナコ");
}

TEST_CASE("Every wrong item is named at once", "[card_face]") {
  CHECK(failedFields({std::nullopt, std::nullopt, "3", "R9.1.1", "", std::nullopt}) ==
        std::vector<std::string>{"name", "sex", "birth_date", "address"});
  CHECK(failedFields({"山田", "山田", "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name_kana"});
  CHECK(failedFields({"山田\x01", std::nullopt, "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name"});
}

TEST_CASE("The card's kana is stored as full-width katakana; Latin letters are refused", "[card_face][kana]") {
  CHECK(makeCardFace({"山田　花子", "やまだ　はなこ", "女", "S50.4.1", "東京都", std::nullopt}, kToday).nameKana ==
        "ヤマダ　ハナコ");
  CHECK(failedFields({"山田", "yamada", "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name_kana"});
  // A wrong kana alone is one finding: the name is not also reported missing.
  CHECK(failedFields({std::nullopt, "yamada", "1", "S50.4.1", "東京都", std::nullopt}) ==
        std::vector<std::string>{"name_kana"});
}

TEST_CASE("Hidden characters on the card's name or address are refused naming their position",
          "[card_face][text_input]") {
  try {
    makeCardFace({"山田\u202E花子", std::nullopt, "女", "S50.4.1", "東京都\u200B千代田区", std::nullopt}, kToday);
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    REQUIRE(e.errors().size() == 2);
    CHECK(e.errors()[0].message.find("氏名の 3 文字目") != std::string::npos);
    CHECK(e.errors()[1].message == "住所の 4 文字目に見えない制御文字（U+200B）があります。入力し直してください。");
  }
  CHECK(failedFields({"\u0301", std::nullopt, "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name"});
}
