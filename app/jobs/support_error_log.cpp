#include "app/jobs/support_error_log.h"


#include "app/core/error.h"

#include "app/core/japanese_date.h"
#include "app/jobs/diagnosis_files.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/text_export.h"
#include "db/linkage_error_log.h"
#include "linkage/message_kind.h"

namespace rececon {
namespace {

std::string kindName(const std::string& fileName) {
  const auto kind = linkage::kindFromFileName(fileName);
  return kind ? linkage::kindInfo(*kind).name : "不明な要求";
}


}  // namespace

std::vector<LinkageErrorRecord> recentLinkageErrors(db::Database& db, int limit) {
  std::vector<LinkageErrorRecord> out;
  for (auto& e : db::linkageErrors(db, limit)) {
    LinkageErrorRecord r{e.at, e.code, e.message, kindName(e.requestFile), e.requestFile, e.patientNumber, e.what};
    if (r.code.empty()) r.code = codeInMessage(r.message);
    out.push_back(std::move(r));
  }
  return out;
}

std::string formatErrorLogForSupport(const std::vector<LinkageErrorRecord>& errors, const ErrorHandbook& handbook,
                                     const std::string& institutionCode) {
  std::string text = "オンライン資格確認 エラー記録（新しい順）\n";
  if (!institutionCode.empty()) text += "医療機関コード: " + institutionCode + "\n";
  text += "件数: " + std::to_string(errors.size()) + "\n";
  int n = 0;
  for (const auto& e : errors) {
    text += "\n" + std::to_string(++n) + ". " + formatTimestampWareki(e.at) + "\n";
    if (e.code.empty()) {
      text += "   コード: なし\n";
    } else {
      const ErrorExplanation x = handbook.explain(e.code);
      text += "   コード: " + e.code + (x.known ? "（" + x.entry.title + "）" : "（コード集にありません）") + "\n";
    }
    text += "   要求: " + e.requestKind + "（" + e.requestFile + "）\n";
    if (e.patientNumber) text += "   患者番号: " + std::to_string(*e.patientNumber) + "\n";
    text += "   内容: " + (e.what == "timed_out" ? std::string("応答なし（時間切れ）: ") : std::string()) + e.message + "\n";
  }
  if (errors.empty()) text += "\n記録されたエラーはありません。\n";
  return text;
}

std::string supportErrorLogText(db::Database& db, int limit) {
  return formatErrorLogForSupport(recentLinkageErrors(db, limit), loadErrorHandbook(),
                                  SiteSettings(db).get("institution_code").value);
}

void writeSupportErrorLog(db::Database& db, const std::filesystem::path& file, int limit) {
  writeTextFileAtomically(file, supportErrorLogText(db, limit));
}

}  // namespace rececon
