#include "app/core/error_catalog.h"

#include <array>

namespace rececon {
namespace {

struct CatalogEntry {
  std::string_view code, ja, en;
};

constexpr std::array kCatalog = {
    CatalogEntry{kResultNeedsPatient, "{why}反映する患者を選んでください。",
                 "{why}Choose the patient to apply it to."},
    CatalogEntry{kResultMatchesRegistered,
                 "登録済みの患者と一致または一部一致しています（{explanation}）。新しい患者にはできません。反映する患者を選んでください。",
                 "The result matches a registered patient, fully or partly ({explanation}). It cannot become a new "
                 "patient; choose the patient to apply it to."},
    CatalogEntry{kResultNeedsInsuredNumber, "保険情報を登録するには、保険者番号と番号の反映を承認してください。",
                 "To store the insurance, approve taking the insurer number and the insured number."},
    CatalogEntry{kDataDirUnknown, "データフォルダの既定の場所が決められません（HOME が未設定）。データフォルダを指定してください。",
                 "The default data folder cannot be determined (HOME is not set). Give the data folder."},
    CatalogEntry{kDataDirUnusable, "データフォルダ「{dir}」を作成できません: {reason} 場所と権限を確認するか、別の場所を指定してください。",
                 "The data folder \"{dir}\" cannot be created: {reason} Check where it is and its permissions, or "
                 "give another one."},
    CatalogEntry{kOperatorUnknown, "操作者IDが決められません。操作者を指定してください。",
                 "The operator ID cannot be determined. Give the operator."},
    CatalogEntry{kLoginFailed, "ユーザーID、パスワード、確認コードのいずれかが正しくありません。もう一度入力してください"
                               "（確認コードは30秒ごとに変わります。続けて5回間違えると、管理者が解除するまでログインできません）。",
                 "The user ID, the password or the confirmation code is wrong."},
    CatalogEntry{kLoginRequired, "ログインしていません（または期限切れです）。ログインしてから操作してください。",
                 "Nobody is logged in (or the session ran out). Log in first."},
    CatalogEntry{kOperatorNotClaimable, "このサイトでは操作者を名乗れません。ログインした利用者が操作者になります。",
                 "On this site nobody can claim to be an operator: the logged-in user is the operator."},
    CatalogEntry{kTotpEnrolmentRequired, "利用者「{user}」は確認コード（2要素認証）の登録が済んでいません。登録してからログインしてください。",
                 "The account \"{user}\" has no confirmation-code app enrolled yet. Enrol it to log in."},
    CatalogEntry{kAccountLocked, "利用者「{user}」はロックされています。管理者にロックの解除を依頼してください。",
                 "The account \"{user}\" is locked. Ask an administrator to unlock it."},
    CatalogEntry{kAccountRetired, "利用者「{user}」は退職済みのため使えません。", "The account \"{user}\" is retired and cannot be used."},
    CatalogEntry{kRoleRequired, "{what}には「{role}」の役割が必要です。", "{what} needs the role \"{role}\"."},
    CatalogEntry{kPatientChangedElsewhere, "ほかの端末（{terminal}、{at}）がこの患者を変更しました。読み直してください。保存していません。",
                 "Another terminal ({terminal}, {at}) changed this patient. Read it again; nothing was saved."},
    CatalogEntry{kInsuranceChangedElsewhere,
                 "ほかの端末（{terminal}、{at}）がこの保険情報を変更しました。読み直してください。保存していません。",
                 "Another terminal ({terminal}, {at}) changed this insurance record. Read it again; nothing was saved."},
    CatalogEntry{kResultAlreadyDecided, "結果ID {id} はすでに {by} が判断しています（{at}）。",
                 "Result {id} has already been decided by {by} ({at})."},
    CatalogEntry{kDatabaseBusy,
                 "データベースが他の処理で使用中のため書き込めませんでした。少し待ってからもう一度実行してください（{action}、{detail}）。",
                 "The database is busy with another task and could not be written. Wait a moment and try again "
                 "({action}; {detail})."},
    CatalogEntry{kDatabaseFull,
                 "ディスクの空き容量が足りないためデータベースに書き込めませんでした。空き容量を確保してください。変更は保存されていません（{action}、{detail}）。",
                 "The disk is full, so the database could not be written. Free some space; nothing was saved "
                 "({action}; {detail})."},
    CatalogEntry{kDatabaseNoAccess,
                 "データベースを開けないか、書き込みが許可されていません。データベースの場所と権限を確認してください（{action}、{detail}）。",
                 "The database cannot be opened or may not be written. Check where it is and its permissions "
                 "({action}; {detail})."},
    CatalogEntry{kDatabaseDamaged,
                 "データベースが壊れているか、データベースではありません。バックアップから復元してください（{action}、{detail}）。",
                 "The database is damaged or is not a database. Restore it from a backup ({action}; {detail})."},
    CatalogEntry{kDatabaseIo, "データベースの読み書き中に入出力エラーが起きました。ディスクを確認してください（{action}、{detail}）。",
                 "An input/output error occurred while reading or writing the database. Check the disk "
                 "({action}; {detail})."},
    CatalogEntry{kDatabaseConstraint, "データベースの整合性制約に違反しました（{action}、{detail}）。",
                 "A database integrity constraint was violated ({action}; {detail})."},
    CatalogEntry{kDatabaseFailed, "データベースの操作に失敗しました（{action}、{detail}）。",
                 "A database operation failed ({action}; {detail})."},
};

std::string fill(std::string_view text, const ErrorParams& params) {
  std::string out(text);
  for (const auto& [name, value] : params) {
    const std::string placeholder = "{" + name + "}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  return out;
}

}  // namespace

std::string errorSentence(std::string_view code, const ErrorParams& params, std::string_view language) {
  for (const auto& entry : kCatalog) {
    if (entry.code == code) return fill(language == "en" ? entry.en : entry.ja, params);
  }
  std::string text(code);
  for (const auto& [name, value] : params) text += " " + name + "=" + value;
  return text;
}

std::string errorText(const Error& error, std::string_view language) {
  return error.code().empty() ? std::string(error.what()) : errorSentence(error.code(), error.params(), language);
}

}  // namespace rececon
