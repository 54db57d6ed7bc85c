#include "linkage/file_transfer.h"

#include <Poco/Crypto/DigestEngine.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace rececon::linkage {
namespace {

std::string why(int err) {
  if (err == ENOSPC) return "ディスクの空き容量がありません";
  if (err == EACCES || err == EPERM) return "書き込みが許可されていません";
  if (err == ENOENT) return "フォルダが見つかりません";
  if (err == EROFS) return "読み取り専用です";
  return std::strerror(err);
}

void writeAll(int fd, const std::string& bytes, const std::filesystem::path& file) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw TransferError("「" + file.string() + "」に書き込めません（" + why(errno) + "）。");
    done += static_cast<std::size_t>(n);
  }
}

void fsyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // some network file systems cannot open directories; the rename still stands
  ::fsync(fd);
  ::close(fd);
}

// Copies file to target (which must not exist) and fsyncs it.
void copyDurably(const std::filesystem::path& file, const std::filesystem::path& target) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TransferError("「" + file.string() + "」を読めません。");
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw TransferError("「" + target.string() + "」を作成できません（" + why(errno) + "）。");
  try {
    writeAll(fd, bytes, target);
    if (::fsync(fd) != 0) throw TransferError("「" + target.string() + "」を確定できません（" + why(errno) + "）。");
  } catch (...) {
    ::close(fd);
    std::filesystem::remove(target);
    throw;
  }
  ::close(fd);
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  const std::filesystem::path target = dir / name;
  const std::filesystem::path temporary = dir / (name + ".tmp");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw TransferError("要求ファイルを「" + dir.string() + "」に作成できません（" + why(errno) +
                        "）。フォルダの場所・共有・権限を確認してください。");
  }
  try {
    writeAll(fd, bytes, temporary);
    if (::fsync(fd) != 0) throw TransferError("「" + temporary.string() + "」を確定できません（" + why(errno) + "）。");
    if (::close(fd) != 0) throw TransferError("「" + temporary.string() + "」を閉じられません（" + why(errno) + "）。");
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temporary.c_str());
    throw TransferError("要求ファイル「" + target.string() + "」を置けません（" + why(err) + "）。");
  }
  fsyncDirectory(dir);
}

std::optional<FileSnapshot> readStable(const std::filesystem::path& file) {
  std::error_code ec;
  const auto sizeBefore = std::filesystem::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto timeBefore = std::filesystem::last_write_time(file, ec);
  if (ec) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  // One read of the size seen (not character by character); a file that grew or shrank meanwhile is
  // caught below by the second look at its size and time, and one cut short by the count read.
  FileSnapshot snapshot{std::string(static_cast<std::size_t>(sizeBefore), '\0'), sizeBefore, timeBefore};
  in.read(snapshot.bytes.data(), static_cast<std::streamsize>(sizeBefore));
  if (static_cast<std::uintmax_t>(in.gcount()) != sizeBefore || in.peek() != std::char_traits<char>::eof()) {
    return std::nullopt;
  }
  const auto sizeAfter = std::filesystem::file_size(file, ec);
  if (ec || sizeAfter != sizeBefore) return std::nullopt;
  const auto timeAfter = std::filesystem::last_write_time(file, ec);
  if (ec || timeAfter != timeBefore) return std::nullopt;
  return snapshot;
}

std::filesystem::path moveInto(const std::filesystem::path& file, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw TransferError("フォルダ「" + dir.string() + "」を作成できません（" + ec.message() + "）。");
  std::filesystem::path target = dir / file.filename();
  for (int n = 1; std::filesystem::exists(target); ++n) {
    target = dir / (file.filename().string() + "." + std::to_string(n));
  }
  if (::rename(file.c_str(), target.c_str()) == 0) {
    fsyncDirectory(dir);
    return target;
  }
  if (errno != EXDEV) {
    throw TransferError("「" + file.string() + "」を「" + dir.string() + "」へ移動できません（" + why(errno) + "）。");
  }
  copyDurably(file, target);  // across file systems (a share and the local disk)
  fsyncDirectory(dir);
  std::filesystem::remove(file, ec);
  if (ec) throw TransferError("「" + file.string() + "」を写しましたが元のファイルを消せません（" + ec.message() + "）。");
  return target;
}

std::filesystem::path quarantine(const std::filesystem::path& file, const std::filesystem::path& quarantineDir,
                                 const std::string& reason) {
  const std::filesystem::path moved = moveInto(file, quarantineDir);
  writeFileAtomically(quarantineDir, moved.filename().string() + ".reason.txt", reason + "\n");
  return moved;
}

std::string contentHash(const std::string& bytes) {
  // OpenSSL's SHA-256 (through Poco::Crypto) uses the CPU's SHA instructions: a night's 50 MB of bulk
  // results hash in tens of milliseconds instead of a quarter of a second with Poco's portable one.
  Poco::Crypto::DigestEngine sha("SHA256");
  sha.update(bytes.data(), bytes.size());
  return Poco::Crypto::DigestEngine::digestToHex(sha.digest());
}

}  // namespace rececon::linkage
