#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/core/kana.h"

using rececon::isKanaName;
using rececon::normalizeKana;
using rececon::toFullWidthKatakana;

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

TEST_CASE("A kana name field refuses Latin letters", "[kana]") {
  CHECK_FALSE(isKanaName("yamada"));
  CHECK_FALSE(isKanaName("ｙａｍａｄａ"));
  CHECK_FALSE(isKanaName("ヤマダ hanako"));
  CHECK_FALSE(isKanaName("ｱﾞ"));  // a voicing mark with nothing to compose with is no reading
  CHECK_FALSE(isKanaName("・"));
}

TEST_CASE("Kana in any script is stored as full-width katakana with one ideographic space between parts",
          "[kana]") {
  CHECK(toFullWidthKatakana("やまだ はなこ") == "ヤマダ　ハナコ");
  CHECK(toFullWidthKatakana("ﾔﾏﾀﾞ ﾊﾅｺ") == "ヤマダ　ハナコ");
  CHECK(toFullWidthKatakana("ヤマダ　ハナコ") == "ヤマダ　ハナコ");
  CHECK(toFullWidthKatakana("  ﾔﾏﾀﾞ \t　 はなこ　") == "ヤマダ　ハナコ");  // a run of spaces becomes one
  CHECK(toFullWidthKatakana("ﾔﾏﾀﾞﾊﾅｺ") == "ヤマダハナコ");               // no separator typed: none added
  CHECK(toFullWidthKatakana("ｼﾞｮﾝ･ｽﾐｽ") == "ジョン・スミス");
  CHECK(toFullWidthKatakana("ｻｰﾔ ﾊﾟｳﾞｪﾙ") == "サーヤ　パヴェル");
  CHECK(toFullWidthKatakana("ゔぁいおりん") == "ヴァイオリン");
  CHECK(toFullWidthKatakana("カ\u3099ッコウ") == "ガッコウ");
  CHECK(toFullWidthKatakana("いすゞ") == "イスヾ");
  CHECK(toFullWidthKatakana("ｷｮｳｺ") == "キョウコ");  // small kana stay small
  CHECK_FALSE(toFullWidthKatakana("yamada"));
  CHECK_FALSE(toFullWidthKatakana("山田"));
  CHECK_FALSE(toFullWidthKatakana("ヤマダ1"));
  CHECK_FALSE(toFullWidthKatakana("　"));
  CHECK_THROWS_AS(toFullWidthKatakana("\xff"), rececon::InvalidInput);
}
