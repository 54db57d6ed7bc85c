#include "app/core/front_end_words.h"
#include "app/jobs/environment_check.h"


#include <algorithm>
#include <system_error>

#include "app/core/field_errors.h"
#include "app/core/japanese_date.h"
#include "app/core/terminal_versions.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/linkage_folder_scan.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/linkage_watchdog.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"
#include "linkage/file_transfer.h"
#include "db/linkage_request_repository.h"

namespace rececon {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

std::string megabytes(std::uintmax_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

EnvironmentItem item(std::string id, std::string label, CheckLevel level, std::string detail, std::string next = "") {
  return {std::move(id), std::move(label), level, std::move(detail), std::move(next)};
}

}  // namespace

// Reachable, a folder, and writable: a probe file is written and removed, because permission bits
// say nothing reliable about a mounted Windows share.
EnvironmentItem checkFolder(const std::string& id, const std::string& label, const fs::path& dir) {
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (ec || !fs::exists(status))
    return item(id, label, CheckLevel::Failure, "「" + dir.string() + "」が見つかりません。",
                "共有フォルダの接続（ネットワーク、マウント、オンライン資格確認端末の電源）を確認してください。");
  if (!fs::is_directory(status))
    return item(id, label, CheckLevel::Failure, "「" + dir.string() + "」はフォルダではありません。",
                std::string(kHowShowSettings) + "でフォルダの指定を確認してください。");
  const std::string problem = linkage::probeWritable(dir);
  if (!problem.empty())
    return item(id, label, CheckLevel::Failure, "「" + dir.string() + "」に書き込めません（" + problem + "）。",
                "共有フォルダの書き込み権限とディスクの空きを確認してください。");
  return item(id, label, CheckLevel::Ok, dir.string());
}

namespace {

EnvironmentItem terminalItem(const fs::path& dataDir) {
  const char* label = "端末識別子（要求ファイル名に入る）";
  try {
    const TerminalIdentity t = terminalIdentity(dataDir);
    const std::string from = t.source == "env"       ? "環境変数 RECECON_TERMINAL_ID"
                             : t.source == "setting" ? "設定 terminal.id"
                                                     : "ホスト名「" + t.hostName + "」から自動";
    return item("terminal.id", label, CheckLevel::Ok, t.id + "（" + from + "）");
  } catch (const Error& e) {
    return item("terminal.id", label, CheckLevel::Failure, e.what(), "システム管理者に、この端末の識別子（英数字1〜6文字、設定項目 terminal.id）の設定を依頼してください。");
  }
}

EnvironmentItem folderContentsItem(const linkage::ExchangeConfig& config) {
  const char* label = "連携フォルダの不審なファイル";
  const auto found = suspiciousFiles(config.reqDir, config.resDir, config.faceDir);
  if (found.empty()) return item("folder.contents", label, CheckLevel::Ok, "ありません");
  std::string detail = std::to_string(found.size()) + " 件:";
  for (const auto& f : found) detail += "\n  " + f.folder + "/" + f.name + " [" + f.code + "] " + f.detail;
  return item("folder.contents", label, CheckLevel::Warning, detail,
              "取り込まずにそのまま残しています。連携アプリが作ったものでなければ、LAN内の機器とフォルダの共有設定を"
              "保守ベンダと確認し、不要なら資格確認端末側で削除してください。");
}

EnvironmentItem diskItem(const char* id, const char* label, const fs::path& dir, const EnvironmentCheckOptions& options) {
  std::error_code ec;
  const fs::space_info space = fs::space(dir, ec);
  if (ec) return item(id, label, CheckLevel::Failure, "空き容量を調べられません: " + ec.message());
  const std::string detail = "空き " + megabytes(space.available);
  if (space.available < options.diskFailureBytes)
    return item(id, label, CheckLevel::Failure, detail, "不要なファイルを整理してください。このままでは記録を保存できません。");
  if (space.available < options.diskWarningBytes)
    return item(id, label, CheckLevel::Warning, detail, "早めに空き容量を確保してください。");
  return item(id, label, CheckLevel::Ok, detail);
}

// Request files still in req: the linkage app takes them within seconds when it runs.
// The patience is the watchdog's, so that this check and the banner never disagree.
EnvironmentItem untakenItem(db::Database& db, const fs::path& reqDir, system_clock::time_point now) {
  const char* id = "requests.untaken";
  const char* label = "連携アプリが取り込んでいない要求";
  const std::chrono::seconds patience = watchdogOptionsFromSettings(db).untakenAfter;
  const RequestFolderScan scan = scanRequestFolder(reqDir, patience, now);
  if (!scan.error.empty()) return item(id, label, CheckLevel::Failure, "要求フォルダを読めません: " + scan.error);
  const auto lastAnswer =
      system_clock::time_point(std::chrono::seconds(db::LinkageRequestRepository(db).activity(0).lastAnsweredSeconds));
  if (scan.staleAreLeftovers(lastAnswer))
    return item(id, label, CheckLevel::Warning,
                std::to_string(scan.stale) + " 件が取り込まれずに残っています（" + scan.staleNames.front() +
                    (scan.stale > 1 ? " ほか" : "") + "）。その後の要求には応答があります。",
                "受付は続けられます。ファイルは削除せず、この画面の内容をシステム管理者または保守ベンダに伝えてください。");
  if (scan.stale > 0)
    return item(id, label, CheckLevel::Failure,
                std::to_string(scan.stale) + " 件が " + std::to_string(patience.count()) + " 秒以上取り込まれていません（全 " +
                    std::to_string(scan.waiting) + " 件）。",
                "連携アプリ（オンライン資格確認端末）が止まっている可能性があります。端末を確認し、必要なら単独モードで受付を続けてください。");
  return item(id, label, CheckLevel::Ok, std::to_string(scan.waiting) + " 件");
}

EnvironmentItem certificateItem(SiteSettings& settings, Date today, const EnvironmentCheckOptions& options) {
  const char* id = "certificate";
  const char* label = "医療機関等向け電子証明書";
  const std::string stored = settings.get("linkage.certificate_expiry").value;
  const auto expiry = fromIsoString(stored);
  if (!expiry)
    return item(id, label, CheckLevel::Warning, "有効期限が登録されていません。",
                "受付には影響しません。システム管理者に証明書の有効期限の登録を依頼してください（設定項目 linkage.certificate_expiry）。");
  const int days = (std::chrono::sys_days(*expiry) - std::chrono::sys_days(today)).count();
  const std::string until = formatWareki(*expiry) + "まで";
  if (days < 0)
    return item(id, label, CheckLevel::Failure, until + "（期限切れ）",
                "エラー 012 の原因になります。ポータルサイトから再発行を申請してください。再起動では直りません。");
  if (days <= options.certificateWarningDays)
    return item(id, label, CheckLevel::Warning, until + "（あと " + std::to_string(days) + " 日）",
                "期限が切れる前に更新してください。");
  return item(id, label, CheckLevel::Ok, until + "（あと " + std::to_string(days) + " 日）");
}

// Installed versions are entered by hand (config set terminal.version.…) from the distribution app's
// 「配信実績の確認」 and the reader's admin screen; the minimums come from the published list.
EnvironmentItem versionsItem(SiteSettings& settings, const EnvironmentCheckOptions& options) {
  const char* id = "terminal.versions";
  const char* label = "資格確認端末のソフトウェアのバージョン";
  std::vector<MinimumVersion> minimums;
  try {
    minimums = loadMinimumVersions(options.diagnosisDir.empty() ? diagnosisDir() : options.diagnosisDir);
  } catch (const Error& e) {
    return item(id, label, CheckLevel::Warning, e.what(), "最低バージョン一覧のファイルを確認してください。");
  }
  std::vector<std::string> old, unknown;
  std::string detail;
  for (const auto& m : minimums) {
    std::string installed;
    try {
      installed = settings.get("terminal.version." + m.component).value;
    } catch (const InvalidInput&) {
      unknown.push_back(m.label + "（設定項目 terminal.version." + m.component + " がありません）");
      continue;
    }
    detail += (detail.empty() ? "" : "、") + m.label + " " + (installed.empty() ? "未入力" : installed);
    if (installed.empty()) unknown.push_back(m.label + "（導入済みバージョン未入力）");
    else if (m.minimum.empty()) unknown.push_back(m.label + "（最低バージョン未登録）");
    else if (compareVersions(installed, m.minimum) < 0) old.push_back(m.label + " " + installed + " < " + m.minimum);
  }
  const auto joined = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "、") + x;
    return s;
  };
  if (!old.empty())
    return item(id, label, CheckLevel::Failure, "最低バージョンより古いもの: " + joined(old),
                "配信アプリケーションの自動アップデート設定が誤っている可能性があります。保守ベンダに問い合わせてください。");
  if (!unknown.empty())
    return item(id, label, CheckLevel::Warning, "確認できないもの: " + joined(unknown),
                "受付には影響しません。システム管理者に、資格確認端末の「配信実績の確認」で見たバージョンの登録を依頼してください（設定項目 terminal.version.…）。");
  return item(id, label, CheckLevel::Ok, detail);
}

void journalItems(db::Database& db, system_clock::time_point now, const EnvironmentCheckOptions& options,
                  std::vector<EnvironmentItem>& items) {
  const std::int64_t nowSeconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const db::LinkageActivity a = db::LinkageRequestRepository(db).activity(nowSeconds);
  // The clock: a receipt computer whose clock ran backwards writes wrong dates on every record.
  if (a.latestCreatedAt > nowSeconds + 300)
    items.push_back(item("clock", "時計", CheckLevel::Failure, "最後の要求の記録より時刻が前です（時計が戻っています）。",
                         "コンピューターの日付と時刻を合わせてください。"));
  else
    items.push_back(item("clock", "時計", CheckLevel::Ok, formatWareki(localDateOf(now))));
  items.push_back(a.overdue > 0 ? item("requests.overdue", "応答期限を過ぎた要求", CheckLevel::Failure,
                                       std::to_string(a.overdue) + " 件が応答待ちのまま期限を過ぎています。",
                                       "連携アプリの稼働と結果フォルダを確認してください。結果が届けば自動で取り込みます。")
                                : item("requests.overdue", "応答期限を過ぎた要求", CheckLevel::Ok, "0 件"));
  // The same count as the watchdog's (error results included); 100 back is plenty to say "N in a row".
  const int failures = failureStreak(db::LinkageRequestRepository(db).recentlySettled(100));
  items.push_back(failures >= options.failuresInARowWarning
                      ? item("requests.failures", "続けて失敗した要求", CheckLevel::Warning,
                             std::to_string(failures) + " 件続けて失敗しています。",
                             "エラーコードを確かめ、「最初に確かめること」を順に行ってください。")
                      : item("requests.failures", "続けて失敗した要求", CheckLevel::Ok, std::to_string(failures) + " 件"));
  items.push_back(item("answers.last", "最後に応答を受け取った時刻", CheckLevel::Ok,
                       a.lastAnsweredAt.empty() ? "まだありません" : formatTimestampWareki(a.lastAnsweredAt)));
}

}  // namespace

namespace {
struct LevelNames {
  const char* label;
  const char* id;
};
constexpr LevelNames kLevelNames[] = {{"正常", "ok"}, {"注意", "warning"}, {"異常", "failure"}};
}  // namespace

const char* checkLevelLabel(CheckLevel level) { return kLevelNames[static_cast<int>(level)].label; }
const char* checkLevelId(CheckLevel level) { return kLevelNames[static_cast<int>(level)].id; }

bool EnvironmentReport::hasFailure() const { return worst() == CheckLevel::Failure; }

CheckLevel EnvironmentReport::worst() const {
  CheckLevel w = CheckLevel::Ok;
  for (const auto& i : items) w = std::max(w, i.level);
  return w;
}

EnvironmentReport checkEnvironment(db::Database& db, const fs::path& dataDir, system_clock::time_point now,
                                   const EnvironmentCheckOptions& options) {
  EnvironmentReport report;
  auto& items = report.items;
  SiteSettings settings(db);
  std::optional<linkage::ExchangeConfig> config;
  try {
    config = exchangeConfigFromSettings(db, dataDir);
    items.push_back(item("settings", "連携の設定", CheckLevel::Ok, "医療機関コードとフォルダが設定されています。"));
  } catch (const ValidationFailed& e) {
    items.push_back(item("settings", "連携の設定", CheckLevel::Failure, e.what(),
                         std::string("システム管理者に連携の設定（医療機関コードと3つのフォルダ。") + kHowSettings + "）を依頼してください。"));
  }
  bool reqReachable = false;
  if (config) {
    items.push_back(checkFolder("folder.req", "要求フォルダ（req）", config->reqDir));
    reqReachable = items.back().level == CheckLevel::Ok;
    items.push_back(checkFolder("folder.res", "結果フォルダ（res）", config->resDir));
    items.push_back(checkFolder("folder.face", "顔認証結果フォルダ（face）", config->faceDir));
  }
  items.push_back(terminalItem(dataDir));
  if (config) items.push_back(folderContentsItem(*config));
  items.push_back(diskItem("disk.data", "データフォルダの空き容量", dataDir, options));
  if (reqReachable) {
    items.push_back(diskItem("disk.req", "要求フォルダの空き容量", config->reqDir, options));
    items.push_back(untakenItem(db, config->reqDir, now));
  }
  journalItems(db, now, options, items);
  items.push_back(versionsItem(settings, options));
  items.push_back(certificateItem(settings, localDateOf(now), options));
  return report;
}

}  // namespace rececon
