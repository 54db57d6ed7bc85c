#include "app/jobs/terminal_settings_file.h"

#include "app/core/error.h"
#include "linkage/file_transfer.h"

namespace rececon {
namespace {

constexpr const char* kFileName = "terminal.conf";
constexpr std::size_t kMaxBytes = 64 * 1024;  // a handful of settings; anything larger is not ours

}  // namespace

std::map<std::string, std::string> readTerminalSettings(const std::filesystem::path& dataDir) {
  std::map<std::string, std::string> out;
  const linkage::ReadOutcome read = linkage::readBounded(dataDir, kFileName, kMaxBytes);
  if (read.status == linkage::ReadStatus::Gone) return out;
  if (read.status != linkage::ReadStatus::Ok) {
    throw EnvironmentError("この端末の設定ファイル「" + (dataDir / kFileName).string() + "」を読めません" +
                           (read.reason.empty() ? std::string("。") : "（" + read.reason + "）。") +
                           "ファイルの種類と権限を確認してください。");
  }
  const std::string& bytes = read.snapshot.bytes;
  for (std::size_t start = 0; start < bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
    std::string line = bytes.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos || eq == 0 || line.starts_with("#")) continue;
    out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

std::optional<std::string> terminalSetting(const std::filesystem::path& dataDir, const std::string& key) {
  const auto all = readTerminalSettings(dataDir);
  const auto it = all.find(key);
  if (it == all.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

void setTerminalSetting(const std::filesystem::path& dataDir, const std::string& key, const std::string& value) {
  auto all = readTerminalSettings(dataDir);
  if (value.empty()) all.erase(key);
  else all[key] = value;
  std::string text = "# この端末だけの設定（共有の台帳には置かない）\n";
  for (const auto& [k, v] : all) text += k + "=" + v + "\n";
  try {
    linkage::writeFileAtomically(dataDir, kFileName, text);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError("この端末の設定ファイル「" + (dataDir / kFileName).string() + "」に書けません: " + e.what());
  }
}

}  // namespace rececon
