// Coded errors: the sentence comes from the catalog in the reader's language, what() is the Japanese
// one, and a code the catalog does not know still reads with its values.

#include <catch2/catch.hpp>

#include "app/core/error_catalog.h"

using namespace rececon;

TEST_CASE("A coded error reads from the catalog in Japanese and English, naming no front-end", "[error_catalog]") {
  const InvalidInput e(kResultMatchesRegistered, {{"explanation", "氏名・生年月日が一致"}});
  CHECK(e.code() == "RESULT_MATCHES_REGISTERED");
  const std::string ja = e.what();
  CHECK(ja.find("氏名・生年月日が一致") != std::string::npos);
  CHECK(ja.find("--patient") == std::string::npos);
  CHECK(ja.find("画面") == std::string::npos);
  const std::string en = errorText(e, "en");
  CHECK(en.find("matches a registered patient") != std::string::npos);
  CHECK(en.find("氏名・生年月日が一致") != std::string::npos);  // the values are data, kept as they are
  CHECK(errorText(e, "ja") == ja);
}

TEST_CASE("An uncoded error reads as its message; an unknown code keeps its values", "[error_catalog]") {
  const EnvironmentError plain("ディスクがいっぱいです。");
  CHECK(plain.code().empty());
  CHECK(errorText(plain, "en") == "ディスクがいっぱいです。");
  CHECK(errorSentence("SOMETHING_NEW", {{"file", "a.xml"}}, "ja") == "SOMETHING_NEW file=a.xml");
}
