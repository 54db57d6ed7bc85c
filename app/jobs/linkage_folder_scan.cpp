#include "app/jobs/linkage_folder_scan.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <system_error>

#include "linkage/file_transfer.h"
#include "linkage/message_kind.h"

namespace rececon {
namespace {

namespace fs = std::filesystem;

std::optional<std::chrono::system_clock::time_point> writtenAt(const fs::path& file) {
  std::error_code ec;
  const auto written = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(std::chrono::file_clock::to_sys(written));
}

bool writtenBefore(const fs::path& file, std::chrono::system_clock::time_point cutoff) {
  const auto at = writtenAt(file);
  return at && *at < cutoff;
}

}  // namespace

RequestFolderScan scanRequestFolder(const fs::path& reqDir, std::chrono::seconds patience,
                                    std::chrono::system_clock::time_point now) {
  RequestFolderScan scan;
  std::vector<std::pair<std::chrono::system_clock::time_point, std::string>> stale;
  std::error_code ec;
  for (fs::directory_iterator it(reqDir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    // A link is never followed (its time would be its target's); the suspicious-file scan reports it.
    if (name.starts_with(".") || name.ends_with(".tmp") || it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    ++scan.waiting;
    const auto at = writtenAt(it->path());
    if (at && *at < now - patience) stale.emplace_back(*at, std::move(name));
  }
  if (ec) scan.error = ec.message();
  std::sort(stale.begin(), stale.end());
  scan.stale = static_cast<int>(stale.size());
  for (auto& [at, name] : stale) {
    scan.newestStaleWrittenAt = std::max(scan.newestStaleWrittenAt, at);
    scan.staleNames.push_back(std::move(name));
  }
  return scan;
}

std::vector<std::string> lingeringResultFiles(const fs::path& resDir, std::chrono::seconds age,
                                              std::chrono::system_clock::time_point now) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(resDir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto kind = linkage::kindFromFileName(name);
    if (!name.ends_with(".xml") || !kind || linkage::kindInfo(*kind).request || !it->is_regular_file(ec)) continue;
    if (writtenBefore(it->path(), now - age)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<SuspiciousFile> suspiciousFiles(const fs::path& reqDir, const fs::path& resDir, const fs::path& faceDir) {
  std::vector<SuspiciousFile> found;
  for (const auto& [label, dir] : {std::pair{"req", reqDir}, std::pair{"res", resDir}, std::pair{"face", faceDir}}) {
    std::vector<linkage::FolderEntry> entries;
    try {
      entries = linkage::listFolder(dir);
    } catch (const linkage::TransferError&) {
      continue;
    }
    for (const auto& e : entries) {
      const auto kind = linkage::kindFromFileName(e.name);
      if (!kind) continue;
      if (e.type == linkage::EntryType::Link) {
        found.push_back({label, e.name, "OQS-SYMLINK", "シンボリックリンクです（リンク先は読みません）。"});
      } else if (e.type != linkage::EntryType::Regular) {
        found.push_back({label, e.name, "OQS-NOT-A-FILE",
                         e.type == linkage::EntryType::Directory ? "フォルダです。" : "通常のファイルではありません（FIFO・デバイスなど）。"});
      } else if (!linkage::kindInfo(*kind).request && e.name.ends_with(".zip")) {
        found.push_back({label, e.name, "OQS-ENCRYPTED",
                         "暗号化ZIPの結果です。資格確認端末の encrypt.conf で、このレセコンが使う接頭辞を n（平文）にしてください。"});
      } else if (e.size > linkage::kindInfo(*kind).maxBytes) {
        found.push_back({label, e.name, "OQS-TOO-LARGE",
                         std::to_string(e.size) + " バイトあり、上限 " + std::to_string(linkage::kindInfo(*kind).maxBytes) +
                             " バイトを超えています（読まずに残しています）。"});
      }
    }
  }
  return found;
}

}  // namespace rececon
