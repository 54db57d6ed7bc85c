// Coded errors: the sentence comes from the catalog in the reader's language, what() is the Japanese
// one, and a code the catalog does not know still reads with its values.

#include <catch2/catch.hpp>

#include "app/core/error_catalog.h"
#include "app/core/front_end_words.h"

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

TEST_CASE("Advice names an action; each front-end says how it is done there", "[front_end_words]") {
  const std::string advice = std::string("ファイルは削除せず、") + kHowDiagnose + "の内容を伝えてください（" + kHowShowSettings + "）。";
  CHECK(inFrontEndWords(advice, FrontEnd::Window) == "ファイルは削除せず、「連携の点検」（F9）の内容を伝えてください（設定（ファイル → 設定））。");
  CHECK(inFrontEndWords(advice, FrontEnd::Cli) == "ファイルは削除せず、rececon-cli diag の内容を伝えてください（rececon-cli config show）。");
  CHECK(inFrontEndWords("{how:unknown}", FrontEnd::Cli) == "{how:unknown}");
  CHECK(inFrontEndWords(kHowDiagnose, FrontEnd::Cli) == "rececon-cli diag");
}
