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

}  // namespace

void saveSessionToken(const std::filesystem::path& dataDir, const std::string& token) {
  writeTextFileAtomically(dataDir / kFileName, token + "\n");
}

std::optional<std::string> loadSessionToken(const std::filesystem::path& dataDir) {
  const std::filesystem::path file = dataDir / kFileName;
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0) {
    throw EnvironmentError("ログイン情報「" + file.string() + "」を開けません（" + std::strerror(errno) +
                           "）。リンクなどであれば削除して、ログインし直してください。");
  }
  struct stat st {};
  std::string text(kTokenLength + 2, '\0');
  const bool usable = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077) == 0 && st.st_uid == ::geteuid();
  const ssize_t got = usable ? ::read(fd, text.data(), text.size()) : -1;
  ::close(fd);
  if (!usable) {
    throw EnvironmentError("ログイン情報「" + file.string() +
                           "」がほかの利用者から読める状態か、通常のファイルではありません。使わずに、ログインし直してください。");
  }
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.size() != kTokenLength) return std::nullopt;  // not ours: as if nobody were logged in
  return text;
}

void removeSessionToken(const std::filesystem::path& dataDir) {
  std::error_code ignored;
  std::filesystem::remove(dataDir / kFileName, ignored);
}

}  // namespace rececon
