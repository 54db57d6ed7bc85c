#include "app/cli/cli_application.h"

#include <iostream>

#include "app/cli/command_options.h"
#include "app/cli/help_text.h"
#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/operator_identity.h"
#include "app/jobs/rights.h"
#include "app/jobs/session_file.h"
#include "app/jobs/site_settings.h"

namespace rececon::cli {
namespace {

const char* const kGlobalWithValue[] = {"--data-dir", "--database", "--operator", "--key-file"};
const char* const kGlobalFlags[] = {"--json", "--help", "-h"};

bool startsWithOption(const std::string& arg, const char* option) {
  const std::string o = option;
  return arg == o || arg.rfind(o + "=", 0) == 0;
}

}  // namespace

DataFolder& CliContext::folder() {
  if (!folder_) {
    folder_ = std::make_unique<DataFolder>(dataDir, database);
    // On a site with accounts nothing of the register is read or written without a login (or the
    // nightly run's key): checked here, before any command touches it.
    if (!loginExempt && siteHasAccounts(folder_->database())) resolvedOperator();
  }
  return *folder_;
}

std::string CliContext::resolvedOperator() {
  if (!operator_) {
    OperatorClaim claim{operatorId, std::nullopt, std::nullopt};
    if (keyFile) {
      if (!siteHasAccounts(folder().database())) {
        throw InvalidInput("このサイトには利用者が登録されていないため、鍵ファイル（--key-file）は使えません。");
      }
      claim.batchKey = loadBatchKey(*keyFile);
    } else {
      claim.sessionToken = loadSessionToken(folder().dir());
    }
    operator_ = resolveOperator(folder().database(), claim);
  }
  return *operator_;
}

PatientRegister CliContext::patientRegister() { return PatientRegister(folder().database(), resolvedOperator()); }

QualificationService CliContext::qualificationService() {
  auto& database = folder().database();
  return QualificationService(database, exchangeConfigFromSettings(database, folder().dir()), resolvedOperator(),
                              SiteSettings(database).get("terminal").value);
}

CliApplication::CliApplication() {
  setUnixOptions(true);
  context_.out = &std::cout;
}

std::vector<std::string> CliApplication::arrangeArguments(const std::vector<std::string>& argv) {
  std::vector<std::string> globals;
  std::vector<std::string> rest;
  bool literal = false;  // after "--" nothing is a global option
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    bool taken = false;
    for (const char* o : kGlobalWithValue) {
      if (literal || !startsWithOption(arg, o)) continue;
      globals.push_back(arg);
      if (arg == o && i + 1 < argv.size()) globals.push_back(argv[++i]);
      taken = true;
    }
    for (const char* o : kGlobalFlags) {
      if (!literal && arg == o) globals.push_back(arg), taken = true;
    }
    if (arg == "--" && !literal) {
      literal = true;
      continue;
    }
    if (!taken) rest.push_back(arg);
  }
  std::vector<std::string> arranged{argv.empty() ? std::string("rececon-cli") : argv[0]};
  arranged.insert(arranged.end(), globals.begin(), globals.end());
  arranged.push_back("--");
  arranged.insert(arranged.end(), rest.begin(), rest.end());
  return arranged;
}

void CliApplication::defineOptions(Poco::Util::OptionSet& options) {
  Application::defineOptions(options);
  options.addOption(valueOption("data-dir", "データフォルダ（既定: ~/.local/share/rececon）", "DIR"));
  options.addOption(valueOption("database", "台帳のデータベース: ファイルか postgresql:// のURL（既定: RECECON_DATABASE、"
                                            "db use で決めたもの、データフォルダの rececon.db の順）", "URL"));
  options.addOption(flagOption("json", "結果をJSON（UTF-8）で出力します"));
  options.addOption(valueOption("operator", "操作者ID（利用者を登録していないサイトだけ。登録後は login した利用者が操作者です）", "ID"));
  options.addOption(valueOption("key-file", "夜間処理の利用者の鍵ファイル（user key で発行。本人だけが読めること）", "FILE"));
  options.addOption(Poco::Util::Option("help", "h", "使い方を表示します").required(false).repeatable(false));
}

void CliApplication::handleOption(const std::string& name, const std::string& value) {
  Application::handleOption(name, value);
  if (name == "data-dir") context_.dataDir = value;
  if (name == "database") context_.database = value;
  if (name == "json") context_.json = true;
  if (name == "operator") context_.operatorId = value;
  if (name == "key-file") context_.keyFile = std::filesystem::path(value);
  if (name == "help") helpRequested_ = true;
}

void CliApplication::printUsage() {
  printHelp(std::cout, options(), "rececon-cli", "[--data-dir DIR] [--database URL] [--json] [--operator ID | --key-file FILE] <コマンド> ...",
            "レセコン 患者台帳・保険情報の操作ツール",

      "コマンド:\n"
      "  patient add|update|show|list|search   患者の登録・変更・表示・検索\n"
      "  insurance add|update|list|history     保険情報の登録・変更・一覧・変更履歴\n"
      "  config get|set|show                   施設の設定\n"
      "  db check|backup PATH                  データベースの検査・バックアップ\n"
      "  db migrate-to URL                     この端末の台帳を空の PostgreSQL に移す（各端末の切り替えは db use URL）\n"
      "  linkage decode FILE                   連携ファイル（要求・結果）の検査と表示\n"
      "  demo import-sim-persons [--limit N] [--appointments D]  oqs-sim の架空の人物をデモ患者として登録（D の予約も）\n"
      "  check --patient N | --insurer I ...   資格確認（終了コード 0 有効 2 無効 3 新しい資格あり 4 該当なし 5 複数該当 9 エラー 75 応答なし）\n"
      "  results scan|pending|show|apply       受け取った結果の確認と反映（--all / --accept 項目,… / --reject）\n"
      "  refno register --patient N | --all    照会番号（患者番号）をオンライン資格確認に登録\n"
      "  reception list [--date D]             受付一覧（受付時刻・患者・保険・確認の状態）\n"
      "  diag                                  連携環境の点検（フォルダ・空き容量・未取込の要求・証明書期限。異常があれば終了コード 1）\n"
      "  errors explain CODE                   エラーコードの意味と次にすること（コード集は resources/diagnosis/）\n"
      "  errors list|export FILE [--limit N]   エラー記録（時刻・コード・内容・要求・患者）の表示と書き出し\n"
      "  fallback status|on|off                単独モード（障害時の受付）の状態・開始・終了と連携の監視結果\n"
      "  fallback visit|capture|captures       単独モードの受付、マイナンバーカード4項目の記録と確認待ち一覧\n"
      "  fallback reverify|resolve|confirm|audit  復旧後の再確認（0 確認済み 2 要対応あり 75 連携が未復旧）、対応記録、監査記録\n"
      "  appointment add|list|import FILE.csv  予約の登録・一覧・CSV 取り込み\n"
      "  bulk run [--date D]|resume            一括照会（既定は次の診療日。0 完了 2 要対応あり 75 失敗・再実行で続き）\n"
      "  bulk status|worklist --date D         一括照会の状態、朝の作業リスト（--csv FILE、--done ID）\n"
      "  form karte1|worklist|outage-sheet|result-slip -o FILE.pdf  帳票の PDF（カルテ1号用紙 --patient N、作業リスト --date D、\n"
      "                                        障害時 4情報 記録票、資格確認結果票 --result ID）\n"
      "  user init --user ID --name NAME       最初の管理者の登録（パスワードは標準入力から）\n"
      "  user add|list|lock|unlock|retire|roles|password|totp|key|events  利用者の管理（管理者）、自分のパスワード・確認コード\n"
      "  login --user ID | logout | whoami     この端末でのログイン（パスワードと確認コードは標準入力から）・ログアウト・確認\n"
      "  audit verify                          監査証跡（変更履歴・監査記録・利用者の操作・アクセス記録）の改ざん検査（0 問題なし 65 問題あり）\n"
      "  audit access --from DATE --to DATE    アクセス記録（閲覧・変更・判断・印刷・書き出し）の一覧（管理者。--csv FILE で書き出し）\n"
      "各コマンドの後に --help を付けると詳しい使い方を表示します。\n"
      "終了コード: 0 正常 / 64 使い方の誤り / 65 入力の誤り / 70 内部エラー / 74 入出力・データベースの問題");
}

int CliApplication::dispatch(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (helpRequested_) rest.push_back("--help");
  // Commands that need no login: logging in and out, the first administrator (user init; the other
  // account commands check the login themselves), the error handbook, and reading the settings (no
  // patient's data; `config set` is the administrator's and checks it).
  context_.loginExempt = command == "user" || command == "login" || command == "logout" || command == "whoami" ||
                         command == "errors" || command == "config";
  if (command == "patient") return runPatientCommand(context_, rest);
  if (command == "insurance") return runInsuranceCommand(context_, rest);
  if (command == "config") return runConfigCommand(context_, rest);
  if (command == "db") return runDbCommand(context_, rest);
  if (command == "linkage") return runLinkageCommand(context_, rest);
  if (command == "demo") return runDemoCommand(context_, rest);
  if (command == "check") return runCheckCommand(context_, rest);
  if (command == "results") return runResultsCommand(context_, rest);
  if (command == "refno") return runRefnoCommand(context_, rest);
  if (command == "reception") return runReceptionCommand(context_, rest);
  if (command == "diag") return runDiagCommand(context_, rest);
  if (command == "errors") return runErrorsCommand(context_, rest);
  if (command == "fallback") return runFallbackCommand(context_, rest);
  if (command == "appointment") return runAppointmentCommand(context_, rest);
  if (command == "bulk") return runBulkCommand(context_, rest);
  if (command == "form") return runFormCommand(context_, rest);
  if (command == "user") return runUserCommand(context_, rest);
  if (command == "login") return runLoginCommand(context_, rest);
  if (command == "logout") return runLogoutCommand(context_, rest);
  if (command == "whoami") return runWhoamiCommand(context_, rest);
  if (command == "audit") return runAuditCommand(context_, rest);
  if (command.empty() && helpRequested_) {
    printUsage();
    return EXIT_OK;
  }
  printUsage();
  throw UsageError(command.empty() ? "コマンドを指定してください。" : "不明なコマンドです: " + command);
}

namespace {

// How to act on a coded error with rececon-cli (the catalog's sentence names no front-end).
std::string cliHint(const std::string& code) {
  if (code == kResultNeedsPatient) return "（--patient N、新しい患者なら --new-patient）";
  if (code == kResultMatchesRegistered) return "（--patient N）";
  if (code == kResultNeedsInsuredNumber) return "（--accept insurer_number,number など）";
  if (code == kDataDirUnknown || code == kDataDirUnusable) return "（--data-dir DIR）";
  if (code == kOperatorUnknown) return "（--operator ID、または config set operator ID で既定値）";
  if (code == kLoginRequired || code == kOperatorNotClaimable) return "（rececon-cli login --user ID でログイン。夜間処理は --key-file）";
  return "";
}

}  // namespace

int CliApplication::main(const std::vector<std::string>& args) {
  try {
    std::cout.flush();
    return dispatch(args);
  } catch (const UsageError& e) {
    std::cerr << "rececon-cli: " << e.what() << "\n";
    return EXIT_USAGE;
  } catch (const InvalidInput& e) {
    std::cerr << "rececon-cli: 入力に誤りがあります。何も保存していません。\n" << e.what() << cliHint(e.code()) << "\n";
    if (!e.code().empty()) std::cerr << "（コード " << e.code() << "）\n";
    return EXIT_DATAERR;
  } catch (const EnvironmentError& e) {
    std::cerr << "rececon-cli: " << e.what() << cliHint(e.code()) << "\n";
    return EXIT_IOERR;
  } catch (const Cancelled& e) {
    std::cerr << "rececon-cli: " << e.what() << "\n";
    return EXIT_TEMPFAIL;
  } catch (const std::exception& e) {
    std::cerr << "rececon-cli: 内部エラーです。開発元に連絡してください: " << e.what() << "\n";
    return EXIT_SOFTWARE;
  }
}

}  // namespace rececon::cli
