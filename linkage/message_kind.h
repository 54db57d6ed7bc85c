#pragma once
// The kinds of file exchanged with the linkage app (oqs-interface.md §1.4) and their names.
// Pure; any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rececon::linkage {

enum class MessageKind {
  SingleCheckRequest,           // OQSsiquc01req_  資格確認要求
  SingleCheckResult,            // OQSsiquc01res_  資格確認結果
  FaceResult,                   // OQSsiquc01res_face_  マイナンバーカードによる資格確認結果
  BulkCheckRequest,             // OQSmuquc01req_  一括照会要求
  BulkCheckAccept,              // OQSmuquc01res_  一括照会アップロード結果
  BulkCheckDownloadRequest,     // OQSmuquc02req_  一括照会ダウンロード要求
  BulkCheckResult,              // OQSmuquc02res_  一括照会結果
  ReferenceRegistrationRequest, // OQSsiimm01req_  照会番号登録要求
  ReferenceRegistrationResult,  // OQSsiimm01res_  照会番号登録結果
  BulkReferenceRequest,         // OQSmuimm01req_  照会番号一括登録要求
  BulkReferenceAccept,          // OQSmuimm01res_
  BulkReferenceDownloadRequest, // OQSmuimm02req_
  BulkReferenceResult,          // OQSmuimm02res_
  EmergencySearchRequest,       // provisional (oqs-interface.md §9): prefix not known publicly
  EmergencySearchResult,
};

struct KindInfo {
  MessageKind kind;
  const char* prefix;  // file-name prefix, e.g. "OQSsiquc01req_"
  const char* name;    // Japanese name
  bool request;        // written by us into req (false: read from res or face)
  std::size_t maxBytes;  // a file of this kind larger than this is refused unread
};

// A refusal file (.err) beside a request in res: a line or two of text.
inline constexpr std::size_t kRefusalFileMaxBytes = 64 * 1024;

const KindInfo& kindInfo(MessageKind kind);

// The kind named by a file name's prefix (face files before plain results), or nullopt.
std::optional<MessageKind> kindFromFileName(std::string_view fileName);

// The result file name the linkage app writes for a request file name: the first "req_" becomes
// "res_" (OQSsiquc01req_X.xml -> OQSsiquc01res_X.xml). nullopt when the name has no "req_".
std::optional<std::string> resultFileNameFor(std::string_view requestFileName);
// The other way round: the request file name a result file name answers.
std::optional<std::string> requestFileNameFor(std::string_view resultFileName);

// The terminal identity in a request or result file name of ours: its suffix is yyyyMMdd, then the
// identity (1–6 of [0-9A-Z]), then a 4-digit sequence (OQSsiquc01req_20261121K7Q2M0001.xml -> K7Q2M).
// nullopt for any other name (face files, names written by other programs).
std::optional<std::string> terminalIdOfFileName(std::string_view fileName);

}  // namespace rececon::linkage
