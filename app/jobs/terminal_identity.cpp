#include "app/jobs/terminal_identity.h"

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "linkage/file_transfer.h"

namespace rececon {
namespace {

constexpr const char* kFileName = "terminal.conf";
constexpr const char* kKey = "terminal.id=";
constexpr std::size_t kMaxLength = 6;  // "RZ" + date + id + 4 digits stays within 20 characters

// Upper-case letters and digits, 1–6 of them; nullopt for anything else.
std::optional<std::string> normalized(const std::string& raw) {
  std::string id;
  for (const char c : raw) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    id += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (id.empty() || id.size() > kMaxLength) return std::nullopt;
  return id;
}

const char* kExpected = "英数字1〜6文字（要求ファイル名に入ります）";

std::optional<std::string> storedId(const std::filesystem::path& dataDir) {
  const linkage::ReadOutcome read = linkage::readBounded(dataDir, kFileName, 4096);
  if (read.status == linkage::ReadStatus::Gone) return std::nullopt;  // never set: derived from the host
  if (read.status != linkage::ReadStatus::Ok) {
    // Never fall back silently: another identity would make this terminal's own answers look foreign.
    throw EnvironmentError("端末識別子のファイル「" + (dataDir / kFileName).string() + "」を読めません" +
                           (read.reason.empty() ? std::string("。") : "（" + read.reason + "）。") +
                           "ファイルの種類と権限を確認してください。");
  }
  const std::string& bytes = read.snapshot.bytes;
  std::string line;
  for (std::size_t start = 0; start < bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
    line = bytes.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with(kKey)) continue;
    const std::string value = line.substr(std::string(kKey).size());
    if (value.empty()) return std::nullopt;
    const auto id = normalized(value);
    if (!id) {
      throw InvalidInput("「" + (dataDir / kFileName).string() + "」の端末識別子「" + value + "」は使えません（" +
                         kExpected + "）。config set terminal.id で設定し直してください。");
    }
    return id;
  }
  return std::nullopt;
}

}  // namespace

std::string hostName() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
  return buffer;
}

std::string terminalIdFromHost(const std::string& host) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (const unsigned char c : host) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string id;
  for (int i = 0; i < 5; ++i) {
    id += alphabet[hash & 31];
    hash >>= 5;
  }
  return id;
}

TerminalIdentity terminalIdentity(const std::filesystem::path& dataDir) {
  if (const char* env = std::getenv("RECECON_TERMINAL_ID"); env && *env) {
    const auto id = normalized(env);
    if (!id) throw InvalidInput(std::string("環境変数 RECECON_TERMINAL_ID「") + env + "」は使えません（" + kExpected + "）。");
    return {*id, "env", ""};
  }
  if (auto id = storedId(dataDir)) return {*id, "setting", ""};
  const std::string host = hostName();
  return {terminalIdFromHost(host), "host", host};
}

void setTerminalId(const std::filesystem::path& dataDir, const std::string& id) {
  std::string value;
  if (!id.empty()) {
    const auto checked = normalized(id);
    if (!checked) {
      FieldErrors errors;
      errors.add("terminal.id", "端末識別子", std::string("「") + id + "」は使えません。" + kExpected + "で指定してください。");
      errors.throwIfAny();
    }
    value = *checked;
  }
  try {
    linkage::writeFileAtomically(dataDir, kFileName, std::string(kKey) + value + "\n");
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(e.what());
  }
}

}  // namespace rececon
