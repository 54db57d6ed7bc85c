#include <catch2/catch.hpp>

#include "app/core/kana.h"

using rececon::isKanaName;
using rececon::normalizeKana;

TEST_CASE("Half-width katakana, hiragana and katakana give one key", "[kana]") {
  const std::string key = normalizeKana("ミホンタロウ");
  CHECK(normalizeKana("ﾐﾎﾝ ﾀﾛｳ") == key);
  CHECK(normalizeKana("みほん　たろう") == key);
  CHECK(normalizeKana("ミホン・タロウ") == key);
  CHECK(normalizeKana("ﾐﾎﾝ･ﾀﾛｳ") == key);
  CHECK(key == "ミホンタロウ");
}

TEST_CASE("Voiced marks compose with the preceding kana", "[kana]") {
  CHECK(normalizeKana("ｶﾞｷﾞﾊﾟﾋﾟﾎﾞ") == "ガギパピボ");
  CHECK(normalizeKana("ｳﾞｨｸﾄﾙ") == "ヴィクトル");
  CHECK(normalizeKana("ゔ") == "ヴ");
  CHECK(normalizeKana("カ\u3099") == "ガ");   // combining dakuten
  CHECK(normalizeKana("ハ゜") == "パ");       // spacing handakuten
  CHECK(normalizeKana("ﾜﾞ") == "ヷ");
  CHECK(normalizeKana("ｱﾞ") == "ア゛");      // nothing to compose with: kept as a spacing mark
}

TEST_CASE("Long vowel mark, small kana and Latin letters", "[kana]") {
  CHECK(normalizeKana("ｻｰﾔ") == "サーヤ");
  CHECK(normalizeKana("ｷｮｳｺ") == "キョウコ");
  CHECK(normalizeKana("ｷｮｳｺ") != normalizeKana("キヨウコ"));
  CHECK(normalizeKana("ｊｏｈｎ smith") == "JOHNSMITH");
}

TEST_CASE("A kana name field accepts kana only", "[kana]") {
  CHECK(isKanaName("やまだ はなこ"));
  CHECK(isKanaName("ﾔﾏﾀﾞ ﾊﾅｺ"));
  CHECK(isKanaName("スミス ジョン"));
  CHECK_FALSE(isKanaName("山田"));
  CHECK_FALSE(isKanaName("ヤマダ1"));
  CHECK_FALSE(isKanaName("　"));
  CHECK_FALSE(isKanaName("\xff"));
}
