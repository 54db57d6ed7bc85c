#include "linkage/message_kind.h"

#include <algorithm>
#include <array>

namespace rececon::linkage {
namespace {

// Size limits, checked before a file is read: far above what each kind holds (a single result with
// its limit certificates is a few KiB; a 10,000-person bulk result about 15 MiB), far below what would
// hurt a reception PC. A file above its kind's limit is refused without being read.
constexpr std::size_t kSingleLimit = 4u * 1024 * 1024;
constexpr std::size_t kEmergencyLimit = 16u * 1024 * 1024;
constexpr std::size_t kBulkLimit = 64u * 1024 * 1024;

// Face results come first: their prefix starts with the plain single-result prefix.
constexpr std::array<KindInfo, 15> kKinds = {{
    {MessageKind::FaceResult, "OQSsiquc01res_face_", "資格確認結果（マイナンバーカード）", false, kSingleLimit},
    {MessageKind::SingleCheckRequest, "OQSsiquc01req_", "資格確認要求", true, kBulkLimit},
    {MessageKind::SingleCheckResult, "OQSsiquc01res_", "資格確認結果", false, kSingleLimit},
    {MessageKind::BulkCheckRequest, "OQSmuquc01req_", "資格確認一括照会要求", true, kBulkLimit},
    {MessageKind::BulkCheckAccept, "OQSmuquc01res_", "一括照会アップロード結果", false, kBulkLimit},
    {MessageKind::BulkCheckDownloadRequest, "OQSmuquc02req_", "一括照会ダウンロード要求", true, kBulkLimit},
    {MessageKind::BulkCheckResult, "OQSmuquc02res_", "資格確認一括照会結果", false, kBulkLimit},
    {MessageKind::ReferenceRegistrationRequest, "OQSsiimm01req_", "照会番号登録要求", true, kBulkLimit},
    {MessageKind::ReferenceRegistrationResult, "OQSsiimm01res_", "照会番号登録結果", false, kSingleLimit},
    {MessageKind::BulkReferenceRequest, "OQSmuimm01req_", "照会番号一括登録要求", true, kBulkLimit},
    {MessageKind::BulkReferenceAccept, "OQSmuimm01res_", "照会番号一括登録アップロード結果", false, kBulkLimit},
    {MessageKind::BulkReferenceDownloadRequest, "OQSmuimm02req_", "照会番号一括登録ダウンロード要求", true, kBulkLimit},
    {MessageKind::BulkReferenceResult, "OQSmuimm02res_", "照会番号一括登録結果", false, kBulkLimit},
    // Placeholder names (oqs-interface.md §9): the real prefix is not public.
    {MessageKind::EmergencySearchRequest, "OQSsiemq01req_", "資格確認要求（救急時医療情報閲覧・暫定）", true, kBulkLimit},
    {MessageKind::EmergencySearchResult, "OQSsiemq01res_", "資格確認結果（救急時医療情報閲覧・暫定）", false, kEmergencyLimit},
}};

}  // namespace

const KindInfo& kindInfo(MessageKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];
}

std::optional<MessageKind> kindFromFileName(std::string_view fileName) {
  const std::size_t slash = fileName.find_last_of("/\\");
  if (slash != std::string_view::npos) fileName.remove_prefix(slash + 1);
  for (const auto& k : kKinds) {
    if (fileName.substr(0, std::string_view(k.prefix).size()) == k.prefix) return k.kind;
  }
  return std::nullopt;
}

namespace {
std::optional<std::string> replaceFirst(std::string_view name, std::string_view from, std::string_view to) {
  const std::size_t at = name.find(from);
  if (at == std::string_view::npos) return std::nullopt;
  std::string replaced(name);
  replaced.replace(at, from.size(), to);
  return replaced;
}
}  // namespace

std::optional<std::string> resultFileNameFor(std::string_view requestFileName) {
  return replaceFirst(requestFileName, "req_", "res_");
}

std::optional<std::string> requestFileNameFor(std::string_view resultFileName) {
  return replaceFirst(resultFileName, "res_", "req_");
}

std::optional<std::string> terminalIdOfFileName(std::string_view fileName) {
  const auto kind = kindFromFileName(fileName);
  if (!kind || kind == MessageKind::FaceResult || !fileName.ends_with(".xml")) return std::nullopt;
  const std::string_view prefix = kindInfo(*kind).prefix;
  std::string_view suffix = fileName.substr(prefix.size(), fileName.size() - prefix.size() - 4);
  if (suffix.size() < 8 + 1 + 4 || suffix.size() > 8 + 6 + 4) return std::nullopt;
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::string_view id = suffix.substr(8, suffix.size() - 12);
  const bool idOk = std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
  if (!digits(suffix.substr(0, 8)) || !digits(suffix.substr(suffix.size() - 4)) || !idOk) return std::nullopt;
  return std::string(id);
}

}  // namespace rececon::linkage
