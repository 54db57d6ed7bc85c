#include "linkage/file_transfer.h"

#include <Poco/Crypto/DigestEngine.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rececon::linkage {
namespace {

namespace fs = std::filesystem;

std::string why(int err) {
  if (err == ENOSPC || err == EDQUOT) return "ディスクの空き容量がありません";
  if (err == EACCES || err == EPERM) return "書き込みが許可されていません";
  if (err == ENOENT) return "フォルダが見つかりません";
  if (err == EROFS) return "読み取り専用です";
  if (err == EEXIST) return "同じ名前のファイルがすでにあります";
  if (err == ELOOP) return "シンボリックリンクです";
  return std::strerror(err);
}

std::string quoted(const fs::path& p) { return "「" + p.string() + "」"; }

// A descriptor closed on every path out of the scope.
class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  ~Descriptor() { reset(); }
  Descriptor(Descriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Descriptor& operator=(Descriptor&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Closes and reports close's own failure (an NFS/SMB write error can surface only there).
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// The folder itself is configured by the site and may be reached through a link (a mount point); what
// lies inside it is never followed.
Descriptor openFolder(const fs::path& dir) {
  Descriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) throw TransferError("フォルダ" + quoted(dir) + "を開けません（" + why(errno) + "）。");
  return fd;
}

// Opens a folder, creating it 0700 if it is missing.
Descriptor openOrCreateFolder(const fs::path& dir) {
  createPrivateFolder(dir);
  return openFolder(dir);
}

void writeAll(int fd, const std::string& bytes, const fs::path& file) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw TransferError(quoted(file) + "に書き込めません（" + why(errno) + "）。");
    done += static_cast<std::size_t>(n);
  }
}

std::string randomPart() {
  unsigned char raw[8];
  if (::getrandom(raw, sizeof raw, 0) != static_cast<ssize_t>(sizeof raw)) {
    throw TransferError("一時ファイル名の乱数を得られません（" + why(errno) + "）。");
  }
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : raw) {
    s += hex[c >> 4];
    s += hex[c & 15];
  }
  return s;
}

EntryType typeOf(mode_t mode) {
  if (S_ISREG(mode)) return EntryType::Regular;
  if (S_ISLNK(mode)) return EntryType::Link;
  if (S_ISDIR(mode)) return EntryType::Directory;
  return EntryType::Other;
}

fs::file_time_type modifiedOf(const struct stat& st) {
  const auto since = std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec);
  return fs::file_time_type(std::chrono::duration_cast<fs::file_time_type::duration>(
      std::chrono::file_clock::from_sys(std::chrono::sys_time<std::chrono::nanoseconds>(since)).time_since_epoch()));
}

bool sameFile(const struct stat& st, const FileSnapshot& s) {
  return st.st_dev == s.identity.device && st.st_ino == s.identity.inode && S_ISREG(st.st_mode) &&
         static_cast<std::uintmax_t>(st.st_size) == s.size && modifiedOf(st) == s.modified;
}

// Gives the temporary file its final name. Refuse: never replaces what is there (renameat2 NOREPLACE;
// on file systems without it a hard link, which also fails on an existing name; on those without
// hard links a last look just before the rename).
void placeFile(int dirFd, const std::string& temporary, const std::string& name, ExistingFile existing) {
  if (existing == ExistingFile::Replace) {
    if (::renameat(dirFd, temporary.c_str(), dirFd, name.c_str()) != 0) throw errno;
    return;
  }
  if (::renameat2(dirFd, temporary.c_str(), dirFd, name.c_str(), RENAME_NOREPLACE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) throw errno;
  if (::linkat(dirFd, temporary.c_str(), dirFd, name.c_str(), 0) == 0) {
    ::unlinkat(dirFd, temporary.c_str(), 0);
    return;
  }
  if (errno == EEXIST) throw errno;
  struct stat st {};
  if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) throw EEXIST;
  if (::renameat(dirFd, temporary.c_str(), dirFd, name.c_str()) != 0) throw errno;
}

std::string uniqueNameIn(int dirFd, const std::string& name) {
  std::string candidate = name;
  struct stat st {};
  for (int n = 1; ::fstatat(dirFd, candidate.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0; ++n) {
    candidate = name + "." + std::to_string(n);
  }
  return candidate;
}

}  // namespace

void createPrivateFolder(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  if (dir.has_parent_path() && dir.parent_path() != dir) createPrivateFolder(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw TransferError("フォルダ" + quoted(dir) + "を作成できません（" + why(errno) + "）。");
  }
}

void writeFileAtomically(const fs::path& dir, const std::string& name, const std::string& bytes, FileAccess access,
                         ExistingFile existing) {
  const Descriptor folder = openFolder(dir);
  const std::string temporary = ".rececon-" + randomPart() + ".tmp";
  const mode_t mode = access == FileAccess::Private ? 0600 : 0644;
  Descriptor fd(::openat(folder.get(), temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!fd) {
    throw TransferError("ファイルを" + quoted(dir) + "に作成できません（" + why(errno) +
                        "）。フォルダの場所・共有・権限を確認してください。");
  }
  try {
    // Private whatever the umask; Shared as the umask allows (it only ever removes bits).
    if (access == FileAccess::Private) ::fchmod(fd.get(), 0600);
    writeAll(fd.get(), bytes, dir / name);
    if (::fsync(fd.get()) != 0) throw TransferError(quoted(dir / name) + "を確定できません（" + why(errno) + "）。");
    if (fd.close() != 0) throw TransferError(quoted(dir / name) + "を閉じられません（" + why(errno) + "）。");
    try {
      placeFile(folder.get(), temporary, name, existing);
    } catch (int err) {
      throw TransferError("ファイル" + quoted(dir / name) + "を置けません（" + why(err) + "）。");
    }
  } catch (...) {
    fd.reset();
    ::unlinkat(folder.get(), temporary.c_str(), 0);
    throw;
  }
  ::fsync(folder.get());  // some network file systems refuse this; the rename still stands
}

std::string probeWritable(const fs::path& dir) {
  try {
    const Descriptor folder = openFolder(dir);
    const std::string probe = ".rececon-probe-" + randomPart() + ".tmp";
    Descriptor fd(::openat(folder.get(), probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd) return why(errno);
    std::string problem;
    try {
      writeAll(fd.get(), "probe", dir / probe);
      if (::fsync(fd.get()) != 0) problem = why(errno);
    } catch (const TransferError& e) {
      problem = e.what();
    }
    fd.reset();
    if (::unlinkat(folder.get(), probe.c_str(), 0) != 0 && problem.empty()) problem = "試験ファイルを消せません（" + why(errno) + "）";
    return problem;
  } catch (const TransferError& e) {
    return e.what();
  }
}

std::vector<FolderEntry> listFolder(const fs::path& dir) {
  Descriptor folder = openFolder(dir);
  const int listing = ::fcntl(folder.get(), F_DUPFD_CLOEXEC, 0);
  DIR* stream = listing >= 0 ? ::fdopendir(listing) : nullptr;
  if (!stream) {
    const int err = errno;
    if (listing >= 0) ::close(listing);
    throw TransferError("フォルダ" + quoted(dir) + "を読めません（" + why(err) + "）。");
  }
  std::vector<FolderEntry> entries;
  while (const dirent* d = ::readdir(stream)) {
    const std::string name = d->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(folder.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
    entries.push_back({name, typeOf(st.st_mode), static_cast<std::uintmax_t>(st.st_size), modifiedOf(st)});
  }
  ::closedir(stream);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

ReadOutcome readBounded(const fs::path& dir, const std::string& name, std::size_t maxBytes) {
  ReadOutcome out;
  const auto refuse = [&](DecodeErrorCode code, const std::string& what) {
    out.status = ReadStatus::Refused;
    out.refusal = code;
    out.reason = quoted(dir / name) + what;
    return out;
  };
  Descriptor folder;
  try {
    folder = openFolder(dir);
  } catch (const TransferError&) {
    return out;  // Gone: the folder's own trouble is the watchdog's to report
  }
  // O_NONBLOCK: a FIFO planted under a result's name must not hang the scan in open().
  Descriptor fd(::openat(folder.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    if (errno == ELOOP) return refuse(DecodeErrorCode::SymbolicLink, "はシンボリックリンクです。リンク先は読みません。");
    if (errno == ENOENT) return out;
    if (errno == ENXIO) return refuse(DecodeErrorCode::NotRegularFile, "は通常のファイルではありません。");
    // Anything else (a writer or a virus scanner holding the file on a share, a moment of EACCES/EIO) may
    // pass: tried again on the next pass, and a request still ends at its time-out if it never does.
    out.status = ReadStatus::Changing;
    return out;
  }
  struct stat before {};
  if (::fstat(fd.get(), &before) != 0) return out;
  if (!S_ISREG(before.st_mode)) {
    return refuse(DecodeErrorCode::NotRegularFile, S_ISDIR(before.st_mode) ? "はフォルダです。" : "は通常のファイルではありません。");
  }
  const auto size = static_cast<std::uintmax_t>(before.st_size);
  if (size > maxBytes) {
    return refuse(DecodeErrorCode::TooLarge, "は大きすぎます（" + std::to_string(size) + " バイト、上限 " +
                                                 std::to_string(maxBytes) + " バイト）。読まずに残しています。");
  }
  // One byte more than the size seen tells a file that grew meanwhile; never more than the limit + 1.
  std::string bytes(static_cast<std::size_t>(size) + 1, '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return out;
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done > size) {
    if (done > maxBytes) return refuse(DecodeErrorCode::TooLarge, "は読んでいる間に上限を超えて大きくなりました。");
    out.status = ReadStatus::Changing;
    return out;
  }
  struct stat after {};
  if (::fstat(fd.get(), &after) != 0 || done != size || after.st_size != before.st_size ||
      modifiedOf(after) != modifiedOf(before)) {
    out.status = ReadStatus::Changing;
    return out;
  }
  bytes.resize(done);
  out.status = ReadStatus::Ok;
  out.snapshot = FileSnapshot{name, std::move(bytes), size, modifiedOf(before),
                              FileIdentity{static_cast<std::uintmax_t>(before.st_dev), static_cast<std::uintmax_t>(before.st_ino)}};
  return out;
}

std::optional<FileSnapshot> readStable(const fs::path& file) {
  ReadOutcome r = readBounded(file.parent_path().empty() ? fs::path(".") : file.parent_path(), file.filename().string(),
                              256u * 1024 * 1024);
  if (r.status != ReadStatus::Ok) return std::nullopt;
  return std::move(r.snapshot);
}

fs::path moveRead(const fs::path& dir, const FileSnapshot& snapshot, const fs::path& targetDir) {
  const Descriptor from = openFolder(dir);
  const Descriptor to = openOrCreateFolder(targetDir);
  struct stat st {};
  if (::fstatat(from.get(), snapshot.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !sameFile(st, snapshot)) {
    throw TransferError(quoted(dir / snapshot.name) + "は読んだ後に置き換えられたため移動しません。");
  }
  const std::string target = uniqueNameIn(to.get(), snapshot.name);
  const auto renamed = [&] {
    if (::renameat2(from.get(), snapshot.name.c_str(), to.get(), target.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return false;
    return ::renameat(from.get(), snapshot.name.c_str(), to.get(), target.c_str()) == 0;  // target was free just now
  };
  if (renamed()) {
    // Ours now, and patient data: private, whatever mode its writer gave it (through the file itself, so
    // that a name swapped for a link at the last moment changes nothing elsewhere).
    const Descriptor moved(::openat(to.get(), target.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (moved) ::fchmod(moved.get(), 0600);
    ::fsync(to.get());
    return targetDir / target;
  }
  if (errno != EXDEV) {
    throw TransferError(quoted(dir / snapshot.name) + "を" + quoted(targetDir) + "へ移動できません（" + why(errno) + "）。");
  }
  // Across file systems (a share and the local disk): keep the bytes we read, then take the name away.
  writeFileAtomically(targetDir, target, snapshot.bytes, FileAccess::Private, ExistingFile::Refuse);
  if (!removeIfUnchanged(dir, snapshot)) {
    const int err = errno;
    // The source stays (a read-only share): so must nothing else. Without this every later pass would add
    // another copy beside the first.
    ::unlinkat(to.get(), target.c_str(), 0);
    throw TransferError(quoted(dir / snapshot.name) + "を保管先へ移せません（元のファイルを消せません: " + why(err) + "）。");
  }
  return targetDir / target;
}

fs::path quarantine(const fs::path& dir, const FileSnapshot& snapshot, const fs::path& quarantineDir,
                    const std::string& reason) {
  const fs::path moved = moveRead(dir, snapshot, quarantineDir);
  writeFileAtomically(quarantineDir, moved.filename().string() + ".reason.txt", reason + "\n");
  return moved;
}

bool removeIfUnchanged(const fs::path& dir, const FileSnapshot& snapshot) {
  Descriptor folder;
  try {
    folder = openFolder(dir);
  } catch (const TransferError&) {
    return false;
  }
  struct stat st {};
  if (::fstatat(folder.get(), snapshot.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !sameFile(st, snapshot)) return false;
  return ::unlinkat(folder.get(), snapshot.name.c_str(), 0) == 0;
}

fs::path moveInto(const fs::path& file, const fs::path& dir) {
  createPrivateFolder(dir);
  fs::path target = dir / file.filename();
  for (int n = 1; fs::exists(fs::symlink_status(target)); ++n) target = dir / (file.filename().string() + "." + std::to_string(n));
  if (::rename(file.c_str(), target.c_str()) != 0) {
    throw TransferError(quoted(file) + "を" + quoted(dir) + "へ移動できません（" + why(errno) + "）。");
  }
  return target;
}

std::string contentHash(const std::string& bytes) {
  // OpenSSL's SHA-256 (through Poco::Crypto) uses the CPU's SHA instructions: a night's 50 MB of bulk
  // results hash in tens of milliseconds instead of a quarter of a second with Poco's portable one.
  Poco::Crypto::DigestEngine sha("SHA256");
  sha.update(bytes.data(), bytes.size());
  return Poco::Crypto::DigestEngine::digestToHex(sha.digest());
}

}  // namespace rececon::linkage
