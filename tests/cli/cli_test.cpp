// End-to-end tests of the real rececon-cli executable on a temporary data folder.

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "app/core/utf8.h"
#include "tests/support/authenticator.h"
#include "tests/support/process_runner.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

namespace {

struct Cli {
  test::TempDir dir;

  test::ProcessResult run(std::vector<std::string> args) {
    std::vector<std::string> all{"--data-dir", (dir.path() / "データ").string()};
    if (std::find(args.begin(), args.end(), "--operator") == args.end()) {
      all.insert(all.end(), {"--operator", "clerk1"});
    }
    all.insert(all.end(), args.begin(), args.end());
    return test::runProcess(RECECON_CLI_PATH, all);
  }

  Poco::Dynamic::Var json(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    const auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return Poco::JSON::Parser().parse(r.out);
  }

  std::int64_t addPatient() {
    const auto p = json({"patient", "add", "--name", "見本　太郎", "--kana", "ミホン タロウ", "--birth", "1947-03-10",
                         "--sex", "1"});
    return p.extract<Poco::JSON::Object::Ptr>()->getValue<std::int64_t>("number");
  }
};

}  // namespace

TEST_CASE_METHOD(Cli, "patient add then search by half-width kana finds the patient, as UTF-8 JSON", "[cli]") {
  const auto added = run({"--json", "patient", "add", "--name", "見本　太郎", "--kana", "ミホン タロウ", "--birth",
                          "1947-03-10", "--sex", "1"});
  REQUIRE(added.exitCode == 0);
  CHECK(added.out.find("見本　太郎") != std::string::npos);  // not \u-escaped
  CHECK(added.out.find("\"number\": 1") != std::string::npos);

  const auto found = json({"patient", "search", "--kana", "ﾐﾎﾝ"});
  const auto list = found.extract<Poco::JSON::Array::Ptr>();
  REQUIRE(list->size() == 1);
  CHECK(list->getObject(0)->getValue<std::string>("name") == "見本　太郎");
  CHECK(list->getObject(0)->getValue<std::string>("birth_date_wareki") == "昭和22年3月10日");
}

TEST_CASE_METHOD(Cli, "A wrong check digit exits 65 naming 保険者番号 and stores nothing", "[cli]") {
  const auto n = std::to_string(addPatient());
  const auto r = run({"insurance", "add", "--patient", n, "--insurer", "06139990", "--number", "1234"});
  CHECK(r.exitCode == 65);
  CHECK(r.err.find("保険者番号") != std::string::npos);
  CHECK(r.err.find("検証番号") != std::string::npos);
  CHECK(json({"insurance", "list", "--patient", n}).extract<Poco::JSON::Array::Ptr>()->size() == 0);
}

TEST_CASE_METHOD(Cli, "A 枝番 like 1A exits 65 naming 枝番 and stores nothing", "[cli]") {
  const auto n = std::to_string(addPatient());
  const auto r = run({"insurance", "add", "--patient", n, "--insurer", "06139992", "--number", "1234", "--branch", "1A"});
  CHECK(r.exitCode == 65);
  CHECK(r.err.find("枝番") != std::string::npos);
  CHECK(json({"insurance", "list", "--patient", n}).extract<Poco::JSON::Array::Ptr>()->size() == 0);
  const auto history = json({"insurance", "history", "--patient", n}).extract<Poco::JSON::Array::Ptr>();
  CHECK(history->size() == 1);  // only the patient's registration
}

TEST_CASE_METHOD(Cli, "Insurance history keeps the old record and who changed it", "[cli]") {
  const auto n = std::to_string(addPatient());
  REQUIRE(run({"insurance", "add", "--patient", n, "--insurer", "06139992", "--symbol", "見本", "--number", "1234",
               "--branch", "01", "--relation", "1", "--valid-from", "R6.4.1"}).exitCode == 0);
  REQUIRE(run({"--operator", "clerk2", "insurance", "add", "--patient", n, "--insurer", "131011", "--number", "77",
               "--branch", "０２", "--reason", "保険変更の届出"}).exitCode == 0);
  const auto records = json({"insurance", "list", "--patient", n}).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(records->size() == 2);
  CHECK(records->getObject(0)->getValue<std::string>("state") == "current");
  CHECK(records->getObject(0)->getValue<std::string>("branch") == "02");
  CHECK(records->getObject(1)->getValue<std::string>("state") == "superseded");
  CHECK(records->getObject(1)->getValue<std::string>("valid_from") == "2024-04-01");

  const auto patient = json({"patient", "show", n}).extract<Poco::JSON::Object::Ptr>();
  CHECK(patient->getObject("last_valid")->getValue<std::string>("insurer_number") == "131011");

  const auto text = run({"insurance", "history", "--patient", n});
  CHECK(text.out.find("clerk2") != std::string::npos);
  CHECK(text.out.find("保険変更の届出") != std::string::npos);
  CHECK(text.out.find("「current」 → 「superseded」") != std::string::npos);
}

TEST_CASE_METHOD(Cli, "patient update changes only what is given and refuses bad input with 65", "[cli]") {
  const auto n = std::to_string(addPatient());
  CHECK(run({"patient", "update", n, "--address", "見本県見本市1-2-3", "--postal", "9990001"}).exitCode == 0);
  const auto p = json({"patient", "show", n}).extract<Poco::JSON::Object::Ptr>();
  CHECK(p->getValue<std::string>("postal_code") == "999-0001");
  CHECK(p->getValue<std::string>("name") == "見本　太郎");
  const auto bad = run({"patient", "update", n, "--birth", "H31.5.1"});
  CHECK(bad.exitCode == 65);
  CHECK(bad.err.find("生年月日") != std::string::npos);
  CHECK(run({"patient", "show", "999"}).exitCode == 65);
}

TEST_CASE_METHOD(Cli, "config set validates and config get reads back", "[cli]") {
  CHECK(run({"config", "set", "institution_code", "123"}).exitCode == 65);
  CHECK(run({"config", "set", "institution_code", "9919999999"}).exitCode == 0);
  const auto v = json({"config", "get", "institution_code"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(v->getValue<std::string>("value") == "9919999999");
  CHECK(run({"config", "set", "no_such_key", "x"}).exitCode == 65);
}

TEST_CASE_METHOD(Cli, "db check and db backup", "[cli]") {
  addPatient();
  const auto check = json({"db", "check"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(check->getValue<bool>("integrity_ok"));
  const auto target = (dir.path() / "バックアップ.db").string();
  CHECK(run({"db", "backup", target}).exitCode == 0);
  CHECK(std::filesystem::file_size(target) > 0);
  CHECK(run({"db", "backup", target}).exitCode == 74);
}

TEST_CASE_METHOD(Cli, "Usage errors exit 64 with a hint", "[cli]") {
  CHECK(run({"frobnicate"}).exitCode == 64);
  const auto r = run({"patient", "add", "--colour", "red"});
  CHECK(r.exitCode == 64);
  CHECK(r.err.find("--help") != std::string::npos);
  CHECK(run({"patient", "add", "--help"}).exitCode == 0);
}

TEST_CASE_METHOD(Cli, "A data folder that cannot be created exits 74", "[cli]") {
  const auto blocker = dir.path() / "file";
  std::ofstream(blocker) << "x";
  const auto r = test::runProcess(RECECON_CLI_PATH, {"--data-dir", (blocker / "sub").string(), "patient", "list"});
  CHECK(r.exitCode == 74);
  CHECK(r.err.find("データフォルダ") != std::string::npos);
}

TEST_CASE_METHOD(Cli, "linkage decode prints any OQS file as JSON with lists as arrays", "[cli][linkage]") {
  const std::string e8 = std::string(RECECON_LINKAGE_FIXTURES) + "/examples/E8/OQSmuquc02res_202501150001.xml";
  const auto j = json({"linkage", "decode", e8}).extract<Poco::JSON::Object::Ptr>();
  CHECK(j->getValue<std::string>("kind") == "OQSmuquc02res_");
  CHECK(j->getValue<std::string>("encoding") == "Shift_JIS");
  const auto body = j->getObject("XmlMsg")->getObject("MessageBody");
  const auto units = body->getArray("BulkConfirmUnit");
  REQUIRE(units->size() == 2);
  const auto second = units->getObject(1)->getObject("QualificationConfirmSearchInfo");
  CHECK(second->getValue<std::string>("InsurerNumber") == "  999995");
  const auto first = units->getObject(0)->getObject("ResultOfQualificationConfirmation");
  CHECK(first->getValue<std::string>("InsuredName") == "架空　一郎");

  const std::string e1 = std::string(RECECON_LINKAGE_FIXTURES) + "/examples/E1/OQSsiquc01req_202501150001.xml";
  const auto text = run({"linkage", "decode", e1});
  CHECK(text.exitCode == 0);
  CHECK(text.out.find("被保険者証枝番 InsuredBranchNumber: 「02」") != std::string::npos);
}

TEST_CASE_METHOD(Cli, "linkage decode exits 65 with the specific reason", "[cli][linkage]") {
  const std::string dir = std::string(RECECON_LINKAGE_FIXTURES) + "/不正入力/";
  const auto truncated = run({"linkage", "decode", dir + "truncated_half_written.xml"});
  CHECK(truncated.exitCode == 65);
  CHECK(truncated.err.find("OQS-TRUNCATED") != std::string::npos);
  CHECK(truncated.err.find("途中で終わっています") != std::string::npos);
  CHECK(run({"linkage", "decode", dir + "doctype_entity_expansion.xml"}).err.find("OQS-DOCTYPE-REFUSED") !=
        std::string::npos);
  // With our institution code configured, another institution's file is refused unless asked not to.
  REQUIRE(run({"config", "set", "institution_code", "9919999999"}).exitCode == 0);
  const auto other = run({"linkage", "decode", dir + "wrong_institution.xml"});
  CHECK(other.exitCode == 65);
  CHECK(other.err.find("OQS-WRONG-INSTITUTION") != std::string::npos);
  CHECK(run({"linkage", "decode", "--any-institution", dir + "wrong_institution.xml"}).exitCode == 0);
  CHECK(run({"linkage", "decode", dir + "no_such_file.xml"}).exitCode == 74);
}

TEST_CASE_METHOD(Cli, "diag names the failing item and exits 1; errors explain reads the handbook", "[cli][diag]") {
  const auto unset = run({"--json", "diag"});
  CHECK(unset.exitCode == 1);
  const auto report = Poco::JSON::Parser().parse(unset.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(report->getValue<std::string>("result") == "failure");
  CHECK(report->getArray("items")->getObject(0)->getValue<std::string>("id") == "settings");
  CHECK(report->getArray("items")->getObject(0)->getValue<std::string>("level") == "failure");

  const auto shared = dir.path() / "共有";
  for (const char* d : {"req", "res", "face"}) std::filesystem::create_directories(shared / d);
  REQUIRE(run({"config", "set", "institution_code", "9919999999"}).exitCode == 0);
  for (const char* d : {"req", "res", "face"})
    REQUIRE(run({"config", "set", std::string("linkage.") + d + "_dir", (shared / d).string()}).exitCode == 0);
  REQUIRE(run({"config", "set", "linkage.certificate_expiry", "2099-03-31"}).exitCode == 0);
  const auto fine = run({"diag"});
  INFO(fine.out);
  CHECK(fine.exitCode == 0);  // 注意 only: the bundled minimum versions are left for the site to enter
  CHECK(fine.out.find("[異常]") == std::string::npos);
  CHECK(fine.out.find("[正常] 要求フォルダ（req）") != std::string::npos);
  REQUIRE(run({"config", "set", "terminal.version.linkage", "0.0.1"}).exitCode == 0);
  CHECK(run({"config", "set", "terminal.version.linkage", "1.2 beta"}).exitCode == 65);

  const auto known = json({"errors", "explain", "012"}).extract<Poco::JSON::Object::Ptr>();
  CHECK(known->getValue<bool>("known"));
  CHECK(known->getValue<std::string>("title") == "端末の電子証明書エラー");
  const auto unknown = run({"errors", "explain", "ZZ-77"});
  CHECK(unknown.exitCode == 0);
  CHECK(unknown.out.find("ZZ-77 はエラーコード集にありません") != std::string::npos);
  CHECK(unknown.out.find("0800-080-4583") != std::string::npos);
  CHECK(run({"errors", "explain"}).exitCode == 64);
}

TEST_CASE_METHOD(Cli, "fallback: status names an unconfigured linkage; bad 4 items exit 65 and store nothing",
                 "[cli][fallback]") {
  const auto status = json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(status->getValue<bool>("active"));
  CHECK(status->getValue<int>("unverified") == 0);
  CHECK(status->getObject("linkage")->getValue<std::string>("health") == "down");
  CHECK(status->getObject("linkage")->getArray("findings")->getObject(0)->getValue<std::string>("cause") == "settings");

  const auto bad = run({"fallback", "capture", "--name", "山田", "--sex", "3", "--birth", "R99.1.1", "--address", "東京都"});
  CHECK(bad.exitCode == 65);
  CHECK(bad.err.find("性別") != std::string::npos);
  CHECK(bad.err.find("生年月日") != std::string::npos);
  CHECK(json({"fallback", "status"}).extract<Poco::JSON::Object::Ptr>()->getValue<int>("unverified") == 0);

  REQUIRE(run({"fallback", "on"}).exitCode == 0);
  const auto ok = json({"fallback", "capture", "--name", "山田　花子", "--sex", "女", "--birth", "昭和50年4月1日", "--address",
                        "東京都千代田区"})
                      .extract<Poco::JSON::Object::Ptr>();
  CHECK(ok->getValue<int>("visit") == 1);
  const auto sheet = dir.path() / "4項目.txt";
  REQUIRE(run({"fallback", "captures", "--output", sheet.string()}).exitCode == 0);
  std::ifstream in(sheet);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(text.find("山田　花子") != std::string::npos);
  CHECK(text.find("昭和50年4月1日") != std::string::npos);
  CHECK(run({"fallback", "visit", "--patient", "99"}).exitCode == 65);  // no such patient
  CHECK(run({"fallback", "resolve", "1", "--note", "x"}).exitCode == 65);  // does not need attention yet
  CHECK(run({"fallback", "bogus"}).exitCode == 64);
}

TEST_CASE_METHOD(Cli, "form karte1|outage-sheet|worklist write PDFs; pdftotext reads the patient and the 和暦 date",
                 "[cli][forms]") {
  const auto number = addPatient();
  REQUIRE(run({"insurance", "add", "--patient", std::to_string(number), "--insurer", "06993877", "--symbol", "見本",
               "--number", "1234", "--branch", "03"})
              .exitCode == 0);
  const auto pdf = dir / "カルテ.pdf";
  const auto saved = json({"form", "karte1", "--patient", std::to_string(number), "-o", pdf.string()});
  const auto obj = saved.extract<Poco::JSON::Object::Ptr>();
  CHECK(obj->getValue<int>("pages") == 1);
  CHECK(obj->getArray("overflows")->size() == 0);
  const auto text = test::runProcess("pdftotext", {"-layout", pdf.string(), "-"});
  REQUIRE(text.exitCode == 0);
  CHECK(text.out.find("昭和22年3月10日生") != std::string::npos);
  CHECK(text.out.find("枝番") != std::string::npos);
  CHECK(text.out.find("03") != std::string::npos);

  const auto sheet = run({"form", "outage-sheet", "-o", (dir / "4情報.pdf").string()});
  CHECK(sheet.exitCode == 0);
  CHECK(sheet.out.find("障害時 4情報 記録票を保存しました") != std::string::npos);
  CHECK(run({"form", "worklist", "--date", "R8.11.24", "--output", (dir / "wl.pdf").string()}).exitCode == 0);
  CHECK(std::filesystem::file_size(dir / "wl.pdf") > 1000);
}

TEST_CASE_METHOD(Cli, "form: no output file is a usage error, an unknown patient or folder a specific message", "[cli][forms]") {
  const auto number = addPatient();
  CHECK(run({"form", "karte1", "--patient", std::to_string(number)}).exitCode == 64);
  const auto unknown = run({"form", "karte1", "--patient", "99999", "-o", (dir / "x.pdf").string()});
  CHECK(unknown.exitCode == 65);
  const auto folder = run({"form", "outage-sheet", "-o", (dir / "ない" / "x.pdf").string()});
  CHECK(folder.exitCode == 74);
  CHECK(folder.err.find("保存先のフォルダ") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

TEST_CASE("Help text is whole UTF-8, wrapped to 80 columns by display width, never inside a character", "[cli]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"}, {"patient", "add", "--help"},
                                               {"check", "--help"}, {"fallback", "capture", "--help"}}) {
    const auto r = test::runProcess(RECECON_CLI_PATH, args);
    INFO(args.front() << " " << (args.size() > 1 ? args[1] : ""));
    CHECK(r.exitCode == 0);
    REQUIRE(rececon::utf8::isValid(r.out));
    std::size_t widest = 0;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) widest = std::max(widest, rececon::utf8::displayWidth(line));
    CHECK(widest <= 80);
    CHECK(r.out.find("usage: rececon-cli") != std::string::npos);
  }
  // A long Japanese description is continued under its column, not cut: every command is still listed.
  const auto r = test::runProcess(RECECON_CLI_PATH, {"--help"});
  CHECK(r.out.find("照会番号（患者番号）をオンライン資格確認") != std::string::npos);
  CHECK(r.out.find("\n                                        に登録") != std::string::npos);
}

namespace fs = std::filesystem;

TEST_CASE_METHOD(Cli, "db use remembers this machine's register; --default goes back; a password in a URL is refused", "[cli][database]") {
  addPatient();
  const fs::path other = dir.path() / "別の台帳.db";
  CHECK(run({"db", "use", other.string()}).exitCode == 0);
  const fs::path choice = dir.path() / "データ" / "database.url";
  REQUIRE(fs::exists(choice));
  CHECK((fs::status(choice).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  // The next run opens the chosen register (empty), not the data folder's rececon.db.
  CHECK(json({"db", "check"}).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("database") == other.string());
  CHECK(run({"patient", "show", "1"}).exitCode == 65);
  CHECK(run({"db", "use", "--default"}).exitCode == 0);
  CHECK_FALSE(fs::exists(choice));
  CHECK(run({"patient", "show", "1"}).exitCode == 0);
  const auto refused = run({"db", "use", "postgresql://clerk:secret@server/rececon"});
  CHECK(refused.exitCode == 65);
  CHECK(refused.err.find("パスワード") != std::string::npos);
  CHECK_FALSE(fs::exists(choice));
}

TEST_CASE_METHOD(Cli, "Terminal settings stay in this machine's data folder; config show says each scope", "[cli][database]") {
  CHECK(run({"config", "set", "linkage.req_dir", "/mnt/oqs/req"}).exitCode == 0);
  CHECK(run({"config", "set", "institution_code", "9919999999"}).exitCode == 0);
  std::ifstream conf(dir.path() / "データ" / "terminal.conf");
  const std::string text((std::istreambuf_iterator<char>(conf)), {});
  CHECK(text.find("linkage.req_dir=/mnt/oqs/req") != std::string::npos);
  CHECK(text.find("institution_code") == std::string::npos);  // a site setting stays in the register
  const auto all = json({"config", "show"}).extract<Poco::JSON::Array::Ptr>();
  std::map<std::string, std::string> scopes;
  for (std::size_t i = 0; i < all->size(); ++i)
    scopes[all->getObject(static_cast<unsigned>(i))->getValue<std::string>("key")] =
        all->getObject(static_cast<unsigned>(i))->getValue<std::string>("scope");
  CHECK(scopes.at("linkage.req_dir") == "terminal");
  CHECK(scopes.at("institution_code") == "site");
}

TEST_CASE_METHOD(Cli, "Accounts from the command line: passwords only from standard input, rights by role", "[cli][accounts]") {
  const auto withInput = [&](std::vector<std::string> args, const std::string& input) {
    args.insert(args.begin(), {"--data-dir", (dir.path() / "データ").string()});
    return test::runProcessWithInput(RECECON_CLI_PATH, args, input);
  };
  // Nobody is logged in: account commands refuse.
  CHECK(withInput({"user", "list"}, "").exitCode != 0);
  REQUIRE(withInput({"user", "init", "--user", "admin", "--name", "管理　花子"}, "Kanri-2026!\n").exitCode == 0);
  CHECK(withInput({"user", "init", "--user", "admin2", "--name", "二人目"}, "Kanri-2026!\n").exitCode == 65);
  const auto wrong = withInput({"login", "--user", "admin"}, "Chigau-2026!\n");
  CHECK(wrong.exitCode == 65);
  CHECK(wrong.err.find("確認コードのいずれかが正しくありません") != std::string::npos);
  // An administrator's first login enrols the second factor: the key is shown (a QR code, and as text)
  // and the first code from the app is read; without it there is no session.
  const auto shown = withInput({"login", "--user", "admin"}, "Kanri-2026!\n");
  CHECK(shown.exitCode != 0);
  CHECK(shown.out.find("█") != std::string::npos);
  const std::string key = test::keyShownIn(shown.out);
  REQUIRE(key.size() == 32);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "データ" / "session"));
  const auto enrolled = withInput({"login", "--user", "admin"}, "Kanri-2026!\n" + test::authenticatorCode(key) + "\n");
  INFO(enrolled.err);
  REQUIRE(enrolled.exitCode == 0);
  // Passwords are never arguments: the process list would show them.
  CHECK(withInput({"login", "--user", "admin", "--password", "Kanri-2026!"}, "").exitCode == 64);
  const auto session = dir.path() / "データ" / "session";
  REQUIRE(std::filesystem::exists(session));
  CHECK((std::filesystem::status(session).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

  REQUIRE(withInput({"user", "add", "--user", "clerk1", "--name", "受付　一郎", "--roles", "clerk"}, "Shoki#Pass1\n").exitCode == 0);
  const auto listed = withInput({"--json", "user", "list"}, "");
  REQUIRE(listed.exitCode == 0);
  CHECK(listed.out.find("\"clerk1\"") != std::string::npos);
  CHECK(listed.out.find("Shoki#Pass1") == std::string::npos);

  // The clerk's first login changes the initial password; then account commands are refused by role.
  REQUIRE(withInput({"logout"}, "").exitCode == 0);
  CHECK_FALSE(std::filesystem::exists(session));
  const auto first = withInput({"login", "--user", "clerk1"}, "Shoki#Pass1\nJibun-no-Pass9\n");
  INFO(first.err);
  REQUIRE(first.exitCode == 0);
  const auto refused = withInput({"user", "lock", "admin"}, "");
  CHECK(refused.exitCode == 65);
  CHECK(refused.err.find("管理者") != std::string::npos);
  const auto me = withInput({"--json", "whoami"}, "");
  CHECK(me.out.find("\"clerk1\"") != std::string::npos);
  // Neither the token nor a password appears in what the register holds.
  std::string bytes;
  for (const char* file : {"rececon.db", "rececon.db-wal"}) {
    std::ifstream db(dir.path() / "データ" / file, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(db), {});
  }
  std::ifstream tokenFile(session);
  std::string token;
  std::getline(tokenFile, token);
  CHECK(token.size() == 64);
  CHECK(bytes.find(token) == std::string::npos);
  CHECK(bytes.find("Jibun-no-Pass9") == std::string::npos);
  CHECK(bytes.find(key) == std::string::npos);

  // The logged-in clerk is the operator; nobody names themselves any more.
  const auto claimed = withInput({"--operator", "dr.admin", "patient", "list"}, "");
  CHECK(claimed.exitCode == 65);
  CHECK(claimed.err.find("操作者を名乗れません") != std::string::npos);
  const auto added = withInput({"--json", "patient", "add", "--name", "山田　花子", "--kana", "ヤマダ　ハナコ", "--birth", "1980-04-01",
                                "--sex", "2"}, "");
  REQUIRE(added.exitCode == 0);
  const auto address = withInput({"patient", "update", "1", "--address", "東京都千代田区1-1"}, "");
  CHECK(address.exitCode == 0);
  const auto renamed = withInput({"patient", "update", "1", "--name", "山田　華子"}, "");
  CHECK(renamed.exitCode == 65);
  CHECK(renamed.err.find("責任者") != std::string::npos);
  CHECK(withInput({"patient", "show", "1"}, "").exitCode == 0);
  CHECK(withInput({"audit", "access", "--from", "2026-01-01", "--to", "2099-12-31"}, "").exitCode == 65);

  // The administrator reads who saw and changed the patient, and exports it; every secret stays out of
  // the export and of every file in the data folder but the session file.
  REQUIRE(withInput({"login", "--user", "admin"}, "Kanri-2026!\n" + test::authenticatorCode(key, 1) + "\n").exitCode == 0);
  const auto access = withInput({"audit", "access", "--from", "2026-01-01", "--to", "2099-12-31"}, "");
  REQUIRE(access.exitCode == 0);
  CHECK(access.out.find("clerk1@") != std::string::npos);
  CHECK(access.out.find("閲覧  患者 1") != std::string::npos);
  CHECK(access.out.find("変更  患者 1") != std::string::npos);
  const auto csv = dir.path() / "access.csv";
  REQUIRE(withInput({"audit", "access", "--from", "2026-01-01", "--to", "2099-12-31", "--csv", csv.string()}, "").exitCode == 0);
  std::ifstream exported(csv);
  const std::string csvText{std::istreambuf_iterator<char>(exported), {}};
  CHECK(csvText.find("閲覧") != std::string::npos);
  CHECK(withInput({"audit", "verify"}, "").exitCode == 0);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file() || entry.path().filename() == "session") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string content{std::istreambuf_iterator<char>(in), {}};
    INFO(entry.path());
    for (const std::string& secret : {std::string("Kanri-2026!"), std::string("Jibun-no-Pass9"), std::string("Shoki#Pass1"), key, token}) {
      CHECK(content.find(secret) == std::string::npos);
    }
  }
}
