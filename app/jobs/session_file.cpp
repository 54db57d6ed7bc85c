#include "app/jobs/session_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/core/error.h"
#include "app/jobs/text_export.h"

namespace rececon {
namespace {

constexpr const char* kFileName = "session";
constexpr std::size_t kTokenLength = 64;  // hex digits of 32 random bytes

// The token or key in a file only its owner may read; nullopt when there is no file, "" when it holds
// something else.
std::optional<std::string> readOwnerOnlySecret(const std::filesystem::path& file, const std::string& what) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0) {
    throw EnvironmentError(what + "「" + file.string() + "」を開けません（" + std::strerror(errno) +
                           "）。リンクであれば使えません。実際のファイルを指定してください。");
  }
  struct stat st {};
  std::string text(kTokenLength + 2, '\0');
  const bool usable = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) == 0 && st.st_uid == ::geteuid();
  const ssize_t got = usable ? ::read(fd, text.data(), text.size()) : -1;
  ::close(fd);
  if (!usable) {
    throw EnvironmentError(what + "「" + file.string() +
                           "」がほかの利用者から読める状態か、自分のものでないか、通常のファイルではありません。使いません"
                           "（chmod 600 で自分だけが読めるようにしてください）。");
  }
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.size() != kTokenLength) return std::string();  // not one of ours
  return text;
}

}  // namespace

void saveSessionToken(const std::filesystem::path& dataDir, const std::string& token) {
  writeTextFileAtomically(dataDir / kFileName, token + "\n");
}

std::optional<std::string> loadSessionToken(const std::filesystem::path& dataDir) {
  const auto token = readOwnerOnlySecret(dataDir / kFileName, "ログイン情報");
  if (!token || token->empty()) return std::nullopt;  // nobody, or not ours: as if nobody were logged in
  return token;
}

void saveBatchKey(const std::filesystem::path& file, const std::string& key) {
  // A new file only (O_EXCL, no link followed), readable by its owner alone: never over a file someone
  // put there, and never a key in a file others can read.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw InvalidInput("鍵ファイル「" + file.string() + "」を作れません（" + std::strerror(errno) +
                       "）。すでにあるファイルは上書きしません。新しいファイル名を指定してください。");
  }
  const std::string text = key + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    throw EnvironmentError("鍵ファイル「" + file.string() + "」を書けませんでした（ディスクがいっぱいではありませんか）。");
  }
}

std::string loadBatchKey(const std::filesystem::path& file) {
  const auto key = readOwnerOnlySecret(file, "鍵ファイル");
  if (!key) throw EnvironmentError("鍵ファイル「" + file.string() + "」がありません。");
  if (key->empty()) throw EnvironmentError("鍵ファイル「" + file.string() + "」は、このプログラムの鍵ではありません。");
  return *key;
}

void removeSessionToken(const std::filesystem::path& dataDir) {
  std::error_code ignored;
  std::filesystem::remove(dataDir / kFileName, ignored);
}

}  // namespace rececon
