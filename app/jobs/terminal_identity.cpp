#include "app/jobs/terminal_identity.h"

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "app/core/error.h"
#include "app/core/field_errors.h"
#include "app/jobs/terminal_settings_file.h"

namespace rececon {
namespace {

constexpr const char* kFileName = "terminal.conf";
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
  const auto value = terminalSetting(dataDir, "terminal.id");  // never set: derived from the host
  if (!value) return std::nullopt;
  const auto id = normalized(*value);
  if (!id) {
    throw InvalidInput("「" + (dataDir / kFileName).string() + "」の端末識別子「" + *value + "」は使えません（" +
                       kExpected + "）。設定 terminal.id で設定し直してください。");
  }
  return id;
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
  setTerminalSetting(dataDir, "terminal.id", value);
}

}  // namespace rececon
