#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/core/error_handbook.h"

using namespace rececon;

namespace {

const char* kCsv =
    "code,severity,title,meaning,cause,next_step,contact\n"
    "012,重大,端末の電子証明書エラー,証明書が使えません,期限切れ,再発行を申請,ポータル\n"
    "PAN907,重大,内部処理エラー,リーダー内部,設定,設定を確認,メーカー\n"
    "0x*,注意,リーダーの内部コード,16進,内部,ログを確認,メーカー\n"
    "0xf03*,注意,リーダーの通信コード,16進,通信,配線を確認,メーカー\n";
const char* kChecklist = "# 注記\n再起動する。\n\n  ネットワークを確認する。  \n";

}  // namespace

TEST_CASE("The handbook explains a known code and keeps the checklist in order", "[handbook]") {
  const auto book = ErrorHandbook::parse(kCsv, kChecklist);
  CHECK(book.entries().size() == 4);
  const auto x = book.explain("012");
  CHECK(x.known);
  CHECK(x.entry.title == "端末の電子証明書エラー");
  CHECK(x.entry.nextStep == "再発行を申請");
  REQUIRE(x.checklist.size() == 2);
  CHECK(x.checklist[0] == "再起動する。");
  CHECK(x.checklist[1] == "ネットワークを確認する。");
}

TEST_CASE("Codes match whatever their width and case, prefixes by the longest match", "[handbook]") {
  const auto book = ErrorHandbook::parse(kCsv, kChecklist);
  CHECK(book.explain("pan907").entry.title == "内部処理エラー");
  CHECK(book.explain("ＰＡＮ９０７").entry.title == "内部処理エラー");
  CHECK(book.explain("0xF0301D1C").entry.title == "リーダーの通信コード");
  CHECK(book.explain("0x00000001").entry.title == "リーダーの内部コード");
  CHECK(book.explain(" 012 ").known);
  CHECK_FALSE(book.explain("0120").known);
}

TEST_CASE("An unknown code is kept verbatim with the general checklist", "[handbook]") {
  const auto book = ErrorHandbook::parse(kCsv, kChecklist);
  const auto x = book.explain("ＸＹＺ-1 ");
  CHECK_FALSE(x.known);
  CHECK(x.code == "ＸＹＺ-1 ");
  CHECK(x.checklist.size() == 2);
  CHECK_FALSE(book.explain("").known);
}

TEST_CASE("A malformed handbook is refused naming the line", "[handbook]") {
  const std::string header = "code,severity,title,meaning,cause,next_step,contact\n";
  const auto refusal = [](const std::string& csv) {
    try {
      ErrorHandbook::parse(csv, "");
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refusal(header + "012,重大,a,b,c,d,e\n０１２,重大,a,b,c,d,e\n"), Catch::Contains("3 行目") && Catch::Contains("重複"));
  CHECK_THAT(refusal(header + ",重大,a,b,c,d,e\n"), Catch::Contains("2 行目") && Catch::Contains("コードが空"));
  CHECK_THAT(refusal(header + "901,重大,,b,c,d,e\n"), Catch::Contains("title"));
  CHECK_THAT(refusal("code,title\n012,a\n"), Catch::Contains("severity"));
  CHECK_THAT(refusal(header + "901,重大,a,b\n"), !Catch::Contains("accepted"));
  CHECK_THAT(refusal(header + "901,重大,\xff,b,c,d,e\n"), Catch::Contains("UTF-8"));
}
