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
  CHECK(f.name == "ﾔﾏﾀﾞ ﾊﾅｺ");
  CHECK(f.nameKana == "ﾔﾏﾀﾞ ﾊﾅｺ");
}

TEST_CASE("Every wrong item is named at once", "[card_face]") {
  CHECK(failedFields({std::nullopt, std::nullopt, "3", "R9.1.1", "", std::nullopt}) ==
        std::vector<std::string>{"name", "sex", "birth_date", "address"});
  CHECK(failedFields({"山田", "山田", "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name_kana"});
  CHECK(failedFields({"山田\x01", std::nullopt, "1", "S50.4.1", "東京都", std::nullopt}) == std::vector<std::string>{"name"});
}
