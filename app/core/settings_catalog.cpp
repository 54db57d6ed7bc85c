#include "app/core/settings_catalog.h"

#include <algorithm>
#include <optional>
#include <regex>

#include "app/core/field_errors.h"
#include "app/core/japanese_date.h"
#include "app/core/utf8.h"

namespace rececon {

const std::vector<SettingSpec>& settingsCatalog() {
  static const std::vector<SettingSpec> catalog = {
      {"institution_code", "医療機関コード", "", "数字10桁"},
      {"institution_name", "医療機関名", "", "文字列"},
      {"operator", "既定の操作者ID", "", "英数字・記号 1〜32文字", SettingScope::Terminal},
      {"terminal", "端末名", "", "文字列", SettingScope::Terminal},
      {"linkage.req_dir", "要求フォルダ（req）", "", "フォルダのパス（UNC可）", SettingScope::Terminal},
      {"linkage.res_dir", "結果フォルダ（res）", "", "フォルダのパス（UNC可）", SettingScope::Terminal},
      {"linkage.face_dir", "顔認証結果フォルダ（face）", "", "フォルダのパス（UNC可）", SettingScope::Terminal},
      {"linkage.request_encoding", "要求ファイルの文字コード", "utf-8", "utf-8 または shift_jis", SettingScope::Terminal},
      {"linkage.single_timeout_seconds", "資格確認の応答待ち時間（秒）", "300", "1〜3600 の整数"},
      {"linkage.bulk_timeout_seconds", "一括照会の応答待ち時間（秒）", "1800", "1〜86400 の整数"},
      {"linkage.settle_seconds", "読めない結果ファイルを隔離するまでの待ち時間（秒）", "10", "1〜600 の整数"},
      {"linkage.watchdog_untaken_seconds", "要求が取り込まれないとき障害とみなすまでの時間（秒）", "20", "1〜3600 の整数"},
      {"linkage.watchdog_error_count", "続けてエラーになったとき障害とみなす件数", "3", "1〜100 の整数"},
      {"linkage.face_file_policy", "処理済みの顔認証結果ファイル", "leave", "leave（他の利用者のため残す。処理済みは名前と内容で記録）または archive（保管フォルダへ移動）"},
      {"linkage.face_days", "取り込む顔認証結果ファイル（何日前のものまで）", "3", "1〜31 の整数"},
      {"bulk.max_entries_per_file", "一括照会の1ファイルあたりの上限人数", "500", "1〜10000 の整数"},
      {"bulk.max_days_ahead", "一括照会できる日付（何日先まで）", "31", "0〜366 の整数"},
      {"bulk.retry_first_seconds", "一括照会の結果が処理中のとき最初に待つ時間（秒）", "60", "1〜3600 の整数"},
      {"bulk.retry_max_seconds", "一括照会の結果を待つ間隔の上限（秒）", "900", "1〜3600 の整数"},
      {"bulk.deadline_minutes", "一括照会の結果を待つ期限（受付から・分）", "480", "1〜2880 の整数"},
      {"bulk.download_error_limit", "一括照会の結果取得が続けて失敗したとき諦めるまでの回数", "3", "1〜100 の整数"},
      {"bulk.recent_months", "予約のほかに対象にする最近の受診（か月、0 は対象にしない）", "0", "0〜36 の整数"},
      {"terminal.version.distribution", "配信アプリケーションのバージョン", "", "バージョン（例 1.2.3）"},
      {"terminal.version.linkage", "連携アプリケーションのバージョン", "", "バージョン（例 1.2.3）"},
      {"terminal.version.face_library", "ブラウザ拡張プラグイン（顔認証ライブラリ含む）のバージョン", "", "バージョン（例 1.2.3）"},
      {"terminal.version.card_reader", "顔認証付きカードリーダーアプリケーションのバージョン", "", "バージョン（例 1.2.3）"},
      {"linkage.certificate_expiry", "医療機関等向け電子証明書の有効期限", "", "日付（西暦または和暦）"},
      {"accounts.totp_for_clerks", "受付の利用者にも確認コード（2要素認証）を求める", "no", "yes または no"},
      {"accounts.idle_lock_minutes", "操作がないとき画面をロックするまでの時間（分）", "10", "1〜120 の整数"},
  };
  return catalog;
}

const char* settingScopeId(SettingScope scope) { return scope == SettingScope::Terminal ? "terminal" : "site"; }
const char* settingScopeLabel(SettingScope scope) { return scope == SettingScope::Terminal ? "この端末" : "施設"; }

namespace {

// Whole-number settings that are not durations in seconds, with their bounds.
std::optional<std::pair<long, long>> integerRange(std::string_view key) {
  if (key == "linkage.watchdog_error_count" || key == "bulk.download_error_limit") return std::pair(1L, 100L);
  if (key == "bulk.max_entries_per_file") return std::pair(1L, 10000L);
  if (key == "linkage.face_days") return std::pair(1L, 31L);
  if (key == "bulk.max_days_ahead") return std::pair(0L, 366L);
  if (key == "bulk.deadline_minutes") return std::pair(1L, 2880L);
  if (key == "bulk.recent_months") return std::pair(0L, 36L);
  if (key == "accounts.idle_lock_minutes") return std::pair(1L, 120L);
  return std::nullopt;
}

}  // namespace

const SettingSpec& settingSpec(std::string_view key) {
  const auto& catalog = settingsCatalog();
  const auto it = std::find_if(catalog.begin(), catalog.end(), [&](const SettingSpec& s) { return key == s.key; });
  if (it != catalog.end()) return *it;
  std::string known;
  for (const auto& s : catalog) known += std::string(known.empty() ? "" : ", ") + s.key;
  throw InvalidInput("設定項目「" + std::string(key) + "」はありません。使える項目: " + known);
}

std::string normalizeSettingValue(std::string_view key, std::string_view value) {
  const SettingSpec& spec = settingSpec(key);
  FieldErrors errors;
  if (!utf8::isValid(value)) {
    errors.add(spec.key, spec.label, "文字コードが正しくありません。");
    errors.throwIfAny();
  }
  std::string v = utf8::trim(value);
  const auto fail = [&] { errors.add(spec.key, spec.label, std::string(spec.expected) + "で指定してください。"); };
  if (key == "institution_code") {
    v = utf8::foldFullWidthAscii(v);
    if (!std::regex_match(v, std::regex(R"(^\d{10}$)"))) fail();
  } else if (key == "operator") {
    if (!std::regex_match(v, std::regex(R"(^[!-~]{1,32}$)"))) fail();
  } else if (key == "linkage.request_encoding") {
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v == "utf8") v = "utf-8";
    if (v == "sjis" || v == "cp932" || v == "shift-jis") v = "shift_jis";
    if (v != "utf-8" && v != "shift_jis") fail();
  } else if (v.empty() && std::string_view(spec.key).ends_with("_dir")) {
    fail();
  } else if (std::string_view(spec.key).ends_with("_seconds")) {
    v = utf8::foldFullWidthAscii(v);
    const long max = key == "linkage.bulk_timeout_seconds" ? 86400 : key == "linkage.settle_seconds" ? 600 : 3600;
    if (!std::regex_match(v, std::regex(R"(^\d{1,6}$)")) || std::stol(v) < 1 || std::stol(v) > max) fail();
  } else if (const auto range = integerRange(key)) {
    v = utf8::foldFullWidthAscii(v);
    if (!std::regex_match(v, std::regex(R"(^\d{1,6}$)")) || std::stol(v) < range->first || std::stol(v) > range->second) {
      fail();
    }
  } else if (std::string_view(spec.key).starts_with("terminal.version.")) {
    v = utf8::foldFullWidthAscii(v);
    if (!std::regex_match(v, std::regex(R"(^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$)"))) fail();
  } else if (key == "linkage.certificate_expiry") {
    const DateParseResult parsed = parseDate(v);
    if (!parsed.date) errors.add(spec.key, spec.label, parsed.error);
    else v = toIsoString(*parsed.date);
  } else if (key == "linkage.face_file_policy") {
    if (v != "archive" && v != "leave") fail();
  } else if (key == "accounts.totp_for_clerks") {
    if (v != "yes" && v != "no") fail();
  }
  errors.throwIfAny();
  return v;
}

}  // namespace rececon
