#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/core/utf8.h"

using namespace rececon;

TEST_CASE("UTF-8 round-trips Japanese text including 4-byte characters", "[utf8]") {
  const std::string text = "見本　ﾀﾛｳ𠮷";
  CHECK(utf8::encode(utf8::decode(text)) == text);
  CHECK(utf8::length(text) == 7);
}

TEST_CASE("Malformed UTF-8 is rejected, never replaced", "[utf8]") {
  CHECK_FALSE(utf8::isValid("\x82\xa0"));          // Shift_JIS あ
  CHECK_FALSE(utf8::isValid("\xe3\x81"));          // truncated
  CHECK_FALSE(utf8::isValid("\xc0\xaf"));          // overlong
  CHECK_FALSE(utf8::isValid("\xed\xa0\x80"));      // surrogate
  CHECK_THROWS_AS(utf8::decode("abc\xff"), InvalidInput);
}

TEST_CASE("Full-width ASCII and the ideographic space fold to ASCII; trim removes both spaces", "[utf8]") {
  CHECK(utf8::foldFullWidthAscii("０１２ＡＢ－") == "012AB-");
  CHECK(utf8::trim("　 06139992 　") == "06139992");
}

TEST_CASE("Display width: kanji, kana and full-width forms take two columns, half-width kana one", "[utf8]") {
  CHECK(rececon::utf8::displayWidth("abc") == 3);
  CHECK(rececon::utf8::displayWidth("山田　花子") == 10);
  CHECK(rececon::utf8::displayWidth("ﾔﾏﾀﾞ") == 4);
  CHECK(rececon::utf8::displayWidth("（ｶﾅ）") == 6);
  CHECK(rececon::utf8::columns(U'\u3099') == 0);  // combining voiced mark
}
