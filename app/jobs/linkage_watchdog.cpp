#include "app/core/front_end_words.h"
#include "app/jobs/linkage_watchdog.h"

#include <algorithm>
#include <system_error>

#include "app/core/field_errors.h"
#include "app/core/japanese_date.h"
#include "app/jobs/linkage_folder_scan.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/site_settings.h"
#include "db/linkage_event_log.h"
#include "linkage/message_kind.h"

namespace rececon {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

// How the exchange words a time-out whose request file was never taken from req.
constexpr std::string_view kNotTakenPrefix = "連携アプリが要求ファイルを取り込みませんでした";

constexpr const char* kFallbackStep =
    "復旧するまでは単独モードで受付を続けてください（保険証・資格確認書の内容を控え、マイナンバーカードだけの方は4項目を記録）。";

std::int64_t secondsOf(system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

WatchdogFinding finding(WatchdogCause cause, LinkageHealth level, std::string title, std::string detail,
                        std::vector<std::string> steps, std::string code = "") {
  return {cause, level, std::move(title), std::move(detail), std::move(code), std::move(steps)};
}

bool isFailure(const db::SettledRequest& r) {
  const auto state = linkage::requestStateFromString(r.state);
  return state == linkage::RequestState::Failed || state == linkage::RequestState::TimedOut || r.errorResult;
}

std::optional<WatchdogFinding> folderFinding(const linkage::ExchangeConfig& config) {
  std::vector<std::string> missing;
  const std::pair<const char*, const fs::path*> folders[] = {
      {"要求フォルダ（req）", &config.reqDir}, {"結果フォルダ（res）", &config.resDir}, {"顔認証結果フォルダ（face）", &config.faceDir}};
  for (const auto& [label, dir] : folders) {
    std::error_code ec;
    if (!fs::is_directory(*dir, ec)) missing.push_back(std::string(label) + "「" + dir->string() + "」");
  }
  if (missing.empty()) return std::nullopt;
  std::string detail;
  for (const auto& m : missing) detail += (detail.empty() ? "" : "、") + m;
  return finding(WatchdogCause::Folders, LinkageHealth::Down, "連携フォルダに接続できません", detail + " が見つかりません。",
                 {"オンライン資格確認端末の電源とネットワーク（LANケーブル、ハブ）を確認してください。",
                  "共有フォルダの接続（Windows の共有、マウント）を確認してください。", kFallbackStep});
}

// The linkage app does not take requests: the same cause whether seen in req now or in the journal.
WatchdogFinding untaken(std::string detail) {
  return finding(WatchdogCause::Untaken, LinkageHealth::Down, "連携アプリが要求を取り込んでいません（止まっている可能性があります）",
                 std::move(detail),
                 {"オンライン資格確認端末の電源が入り、連携アプリケーションが起動しているか確認してください。",
                  "連携アプリケーションを再起動してください（端末の再起動でも構いません）。",
                  "端末の画面だけで資格確認ができるか試し、できるならレセコン側の連携設定を事業者に確認してください。",
                  kFallbackStep});
}

// Up to three names, for a finding's detail.
std::string listed(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) s += (i ? "、" : "") + names[i];
  if (names.size() > 3) s += " ほか";
  return s;
}

std::optional<WatchdogFinding> untakenFinding(const linkage::ExchangeConfig& config, system_clock::time_point now,
                                              const WatchdogOptions& options, system_clock::time_point lastAnswer) {
  const RequestFolderScan scan = scanRequestFolder(config.reqDir, options.untakenAfter, now);
  if (!scan.error.empty())
    return finding(WatchdogCause::Folders, LinkageHealth::Down, "連携フォルダに接続できません", "要求フォルダを読めません: " + scan.error,
                   {"共有フォルダの接続と権限を確認してください。", kFallbackStep});
  if (scan.stale == 0) return std::nullopt;
  // Answers came after these files were written: the app runs. Saying it stopped would hide the real
  // cause of any other trouble and keep the banner red after the linkage recovered.
  if (scan.staleAreLeftovers(lastAnswer))
    return finding(WatchdogCause::LeftoverRequests, LinkageHealth::Warning, "要求フォルダに取り込まれないファイルが残っています",
                   std::to_string(scan.stale) + " 件（" + listed(scan.staleNames) +
                       "）。連携アプリはその後の要求には応答しています。",
                   {"受付はこのまま続けられます。",
                    std::string("ファイルは削除せず、") + kHowDiagnose + "の内容とともにシステム管理者または保守ベンダに伝えてください。"});
  return untaken(std::to_string(scan.stale) + " 件の要求ファイルが " + std::to_string(options.untakenAfter.count()) +
                 " 秒以上 req に残っています（全 " + std::to_string(scan.waiting) + " 件）。");
}

// Result files nobody takes, split into second copies of answered requests of ours and files that answer
// no request of ours. One listing of res and one journal look-up per file.
struct LingeringResults {
  std::vector<std::string> duplicates, unknown;
};

LingeringResults lingering(db::Database& db, const linkage::ExchangeConfig& config, system_clock::time_point now,
                           const WatchdogOptions& options) {
  db::LinkageRequestRepository journal(db);
  LingeringResults out;
  for (auto& name : lingeringResultFiles(config.resDir, options.untakenAfter, now)) {
    const auto requestName = linkage::requestFileNameFor(name);
    const auto state = requestName ? journal.stateOfFile(*requestName) : std::nullopt;
    const auto terminal = linkage::terminalIdOfFileName(name);
    // Another terminal's answer sharing the folders is that terminal's to take, not a finding here.
    if (!state && terminal && *terminal != config.terminalId) continue;
    if (!state) out.unknown.push_back(std::move(name));
    else if (linkage::requestStateFromString(*state) == linkage::RequestState::Answered) out.duplicates.push_back(std::move(name));
  }
  return out;
}

void anomalyFindings(db::Database& db, const linkage::ExchangeConfig& config, system_clock::time_point now,
                     const WatchdogOptions& options, std::vector<WatchdogFinding>& out) {
  int incomplete = 0, unreadable = 0, refused = 0, leftBehind = 0, clashes = 0, encrypted = 0;
  std::string lastIncomplete, lastUnreadable, lastRefused, lastLeftBehind, lastClash, refusedCode, lastEncrypted;
  for (const auto& e : db::LinkageEventLog(db).since(secondsOf(now - options.anomalyWindow))) {
    if (e.kind == "incomplete" && incomplete++ == 0) lastIncomplete = e.fileName;
    if (e.kind == "unreadable" && unreadable++ == 0) lastUnreadable = e.fileName + ": " + e.detail;
    if (e.kind == "refused" && codeInMessage(e.detail) == "OQS-ENCRYPTED") {
      if (encrypted++ == 0) lastEncrypted = e.fileName;
    } else if (e.kind == "refused" && refused++ == 0) {
      lastRefused = e.fileName + ": " + e.detail;
      refusedCode = codeInMessage(e.detail);
    }
    if (e.kind == "left_behind" && leftBehind++ == 0) lastLeftBehind = e.fileName + ": " + e.detail;
    if (e.kind == "identity_clash" && clashes++ == 0) lastClash = e.detail;
  }
  const std::string window = std::to_string(options.anomalyWindow.count() / 60) + " 分";
  if (incomplete > 0)
    out.push_back(finding(WatchdogCause::IncompleteResults, LinkageHealth::Warning, "結果ファイルが書き込み途中の状態で置かれています",
                          "直近 " + window + "で " + std::to_string(incomplete) + " 件（最新: " + lastIncomplete +
                              "）。書き終わるまで待って取り込んでいますが、応答が遅れます。",
                          {"共有フォルダのネットワークが遅くないか確認してください。",
                           "続くときは連携アプリケーションの設定（結果ファイルの出力方法）を保守ベンダに確認してください。"}));
  if (unreadable > 0)
    out.push_back(finding(WatchdogCause::UnreadableFiles, LinkageHealth::Warning, "読めないファイルを隔離しました",
                          "直近 " + window + "で " + std::to_string(unreadable) + " 件（最新: " + lastUnreadable + "）。",
                          {"データフォルダの linkage/quarantine に理由とともに保管しています。削除せず保守ベンダに伝えてください。"}));
  if (clashes > 0)
    out.push_back(finding(WatchdogCause::IdentityClash, LinkageHealth::Down, "別の端末が同じ端末識別子を使っています",
                          std::to_string(clashes) + " 件。最新: " + lastClash,
                          {std::string("この端末と、同じ連携フォルダを使う各端末の端末識別子（") + kHowDiagnose + "の「端末識別子」）を比べてください。",
                           "システム管理者に、重ならない識別子（設定項目 terminal.id）の設定を依頼してください。",
                           "直るまで、この端末の資格確認の結果は必ず患者の氏名・生年月日と見比べてください。"},
                          "OQS-TERMINAL-CLASH"));
  if (encrypted > 0)
    out.push_back(finding(WatchdogCause::EncryptedResults, LinkageHealth::Down, "連携アプリが結果を暗号化ZIPで返しています",
                          "直近 " + window + "で " + std::to_string(encrypted) + " 件（最新: " + lastEncrypted +
                              "）。このレセコンは平文のXMLでやりとりするため、資格確認ができません。",
                          {"資格確認端末の連携アプリの encrypt.conf（C:\\ProgramData\\OQS\\OQSComApp\\config）で、"
                           "このレセコンが使う接頭辞（OQSsiquc・OQSmuquc・OQSsiimm・OQSmuimm）を n（平文）にしてください。",
                           "設定のあと連携アプリを再起動してください。設定は端末を設置した事業者に依頼してください。",
                           kFallbackStep},
                          "OQS-ENCRYPTED"));
  if (refused > 0)
    out.push_back(finding(WatchdogCause::SuspiciousFiles, LinkageHealth::Warning, "連携フォルダに読めない形のファイルがあります",
                          "直近 " + window + "で " + std::to_string(refused) + " 件（最新: " + lastRefused +
                              "）。リンク・フォルダ・大きすぎるファイルは読まずに残しています。",
                          {std::string(kHowDiagnose) + "の「連携フォルダの不審なファイル」で一覧を確かめてください。",
                           "連携アプリが作ったものでなければ、LAN内の機器と共有フォルダの設定を保守ベンダと確認してください。"},
                          refusedCode));
  if (leftBehind > 0)
    out.push_back(finding(WatchdogCause::LeftBehind, LinkageHealth::Warning, "取り込んだ結果ファイルを片付けられません",
                          "直近 " + window + "で " + std::to_string(leftBehind) + " 件（最新: " + lastLeftBehind +
                              "）。結果は取り込み済みです。フォルダに残ったファイルは次の確認で片付けます。",
                          {"結果フォルダ（res・face）の書き込み権限と、データフォルダのディスクの空きを確認してください。"},
                          "OQS-ARCHIVE-FAILED"));
  const auto [duplicates, unknown] = lingering(db, config, now, options);
  if (!duplicates.empty())
    out.push_back(finding(WatchdogCause::DuplicateResults, LinkageHealth::Warning, "同じ要求の結果が二度届いています",
                          std::to_string(duplicates.size()) + " 件（" + listed(duplicates) +
                              "）。最初の結果は取り込み済みで、内容の違う二度目は取り込まずに res に残しています。",
                          {"連携アプリケーションの再送設定を保守ベンダに確認してください。",
                           "残ったファイルは確認のうえ連携アプリ側で片付けてください。"}));
  if (!unknown.empty())
    out.push_back(finding(WatchdogCause::UnknownResults, LinkageHealth::Warning, "どの要求にも対応しない結果ファイルがあります",
                          std::to_string(unknown.size()) + " 件（" + listed(unknown) +
                              "）。この端末の要求の結果ではありません（他のレセコンの結果の可能性もあります）。",
                          {"同じ共有フォルダを使う他のレセコンが動いているか確認してください。",
                           "心当たりがなければ連携アプリケーションの設定を保守ベンダに確認してください。"}));
}

}  // namespace

namespace {
struct HealthNames {
  const char* label;
  const char* id;
};
constexpr HealthNames kHealthNames[] = {{"正常", "healthy"}, {"注意", "warning"}, {"停止", "down"}};
}  // namespace

const char* linkageHealthLabel(LinkageHealth health) { return kHealthNames[static_cast<int>(health)].label; }
const char* linkageHealthId(LinkageHealth health) { return kHealthNames[static_cast<int>(health)].id; }

std::string WatchdogReport::summary() const {
  std::string s = std::string("連携: ") + linkageHealthLabel(health);
  if (!findings.empty()) return s + " — " + findings.front().title;
  return s + (lastAnswerAt.empty() ? "" : "（最終応答 " + formatTimestampWareki(lastAnswerAt) + "）");
}

std::vector<std::string> stepsForCode(const std::string& code, const ErrorHandbook& handbook) {
  std::vector<std::string> steps;
  if (!code.empty()) {
    const ErrorExplanation x = handbook.explain(code);
    if (x.known) {
      steps.push_back(x.entry.nextStep);
      if (!x.entry.contact.empty()) steps.push_back("連絡先: " + x.entry.contact);
    } else {
      steps.push_back("コード「" + code + "」は手引きにありません。コードとメッセージをそのまま控えてください。");
    }
  }
  steps.insert(steps.end(), handbook.checklist().begin(), handbook.checklist().end());
  return steps;
}

int failureStreak(const std::vector<db::SettledRequest>& newestFirst) {
  const auto firstSuccess = std::find_if(newestFirst.begin(), newestFirst.end(), [](const auto& r) { return !isFailure(r); });
  return static_cast<int>(firstSuccess - newestFirst.begin());
}

std::optional<WatchdogFinding> classifyFailures(const std::vector<db::SettledRequest>& newestFirst, int errorsInARow) {
  const int streak = failureStreak(newestFirst);
  if (streak == 0) return std::nullopt;
  const db::SettledRequest& last = newestFirst.front();
  const std::string count = std::to_string(streak) + " 件続けて";
  if (linkage::requestStateFromString(last.state) == linkage::RequestState::TimedOut && last.detail.starts_with(kNotTakenPrefix))
    return untaken(count + "時間切れになりました。最新: " + last.detail);
  if (linkage::requestStateFromString(last.state) == linkage::RequestState::TimedOut)
    return finding(WatchdogCause::NoAnswer, LinkageHealth::Down, "連携アプリから時間内に応答がありません",
                   count + "応答がありませんでした。最新: " + last.detail, {});
  if (streak < std::max(1, errorsInARow)) return std::nullopt;
  if (last.errorResult)
    return finding(WatchdogCause::ErrorResults, LinkageHealth::Down, "資格確認がエラーで返ってきます（オンライン資格確認等システム側の障害の可能性）",
                   count + "エラー。最新: " + last.errorCode + " " + last.errorMessage, {}, last.errorCode);
  const std::string code = codeInMessage(last.detail);
  if (code == "OQS-WRONG-INSTITUTION")
    return finding(WatchdogCause::WrongInstitution, LinkageHealth::Down, "結果の医療機関コードがこの医療機関と違います",
                   count + "取り込めませんでした。最新: " + last.detail, {}, code);
  if (last.detail.starts_with("連携アプリが要求を受け付けませんでした"))
    return finding(WatchdogCause::Refused, LinkageHealth::Down, "連携アプリが要求を受け付けません",
                   count + "拒否されました。最新: " + last.detail, {}, code);
  if (code.starts_with("OQS-"))
    return finding(WatchdogCause::UnreadableResults, LinkageHealth::Down, "連携アプリの結果ファイルを読めません",
                   count + "読めない結果でした。最新: " + last.detail, {}, code);
  return finding(WatchdogCause::Failures, LinkageHealth::Down, "資格確認の要求が続けて失敗しています",
                 count + "失敗しました。最新: " + last.detail, {}, code);
}

WatchdogOptions watchdogOptionsFromSettings(db::Database& db) {
  SiteSettings settings(db);
  WatchdogOptions o;
  o.untakenAfter = std::chrono::seconds(std::stol(settings.get("linkage.watchdog_untaken_seconds").value));
  o.errorsInARow = static_cast<int>(std::stol(settings.get("linkage.watchdog_error_count").value));
  return o;
}

WatchdogReport watchLinkage(db::Database& db, const linkage::ExchangeConfig& config, system_clock::time_point now,
                            const WatchdogOptions& options, const ErrorHandbook& handbook) {
  WatchdogReport report;
  db::LinkageRequestRepository journal(db);
  const db::LinkageActivity activity = journal.activity(secondsOf(now));
  report.lastAnswerAt = activity.lastAnsweredAt;
  report.waitingRequests = activity.waiting;
  auto& findings = report.findings;
  if (auto f = folderFinding(config)) {
    findings.push_back(std::move(*f));
  } else if (auto u = untakenFinding(config, now, options,
                                      system_clock::time_point(std::chrono::seconds(activity.lastAnsweredSeconds)))) {
    findings.push_back(std::move(*u));
  }
  if (activity.overdue > 0) {
    findings.push_back(finding(WatchdogCause::NoAnswer, LinkageHealth::Down, "連携アプリから時間内に応答がありません",
                               std::to_string(activity.overdue) + " 件が応答期限（" +
                                   std::to_string(config.singleTimeout.count()) + " 秒）を過ぎても応答待ちです。",
                               {}));
  } else if (auto f = classifyFailures(journal.recentlySettled(std::max(options.errorsInARow, 1) + 1), options.errorsInARow)) {
    findings.push_back(std::move(*f));
  }
  for (auto& f : findings) {
    if (!f.nextSteps.empty()) continue;
    f.nextSteps = stepsForCode(f.code, handbook);
    f.nextSteps.push_back(kFallbackStep);
  }
  anomalyFindings(db, config, now, options, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) { return a.level > b.level; });
  for (const auto& f : findings) report.health = std::max(report.health, f.level);
  return report;
}

WatchdogReport watchLinkage(db::Database& db, const fs::path& dataDir, system_clock::time_point now,
                            const WatchdogOptions& options, const ErrorHandbook& handbook) {
  try {
    return watchLinkage(db, exchangeConfigFromSettings(db, dataDir), now, options, handbook);
  } catch (const ValidationFailed& e) {
    WatchdogReport report;
    report.health = LinkageHealth::Down;
    report.findings.push_back(finding(WatchdogCause::Settings, LinkageHealth::Down, "連携の設定が済んでいません", e.what(),
                                      {std::string(kHowSettings) + "で医療機関コードと3つのフォルダを設定してください。"}));
    return report;
  }
}

}  // namespace rececon
