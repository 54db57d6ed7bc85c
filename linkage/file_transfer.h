#pragma once
// File operations on folders that anyone on the clinic's LAN can write (req, res, face) and on our own
// files. Every file is opened relative to its folder's descriptor without following links: a link, a
// FIFO, a device or a folder under a file's name is refused, never opened, copied or written through.
// New files are written under a random hidden temporary name created exclusively (O_EXCL|O_NOFOLLOW),
// so nothing planted beforehand can be written through, and appear complete or not at all.
// Functions throw TransferError with a Japanese message naming the file and the cause.
// Any thread; each call works on its own files.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "linkage/decode_error.h"

namespace rececon::linkage {

class TransferError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Who may read a file we write. Patient data on our own disk is Private (0600 whatever the umask);
// request files are Shared because the linkage app reads them through the share (0644 less the umask;
// the share's own permissions decide who else can).
enum class FileAccess { Private, Shared };
// What happens when the final name exists already: exports replace their own earlier file; a request
// never replaces a file it did not write (it fails instead).
enum class ExistingFile { Replace, Refuse };

// Writes bytes to dir/name so that the file appears complete or not at all: written to a new hidden file
// ".rececon-<random>.tmp" (no request prefix, so the linkage app never sees it), fsynced, renamed,
// directory fsynced. On failure the temporary file is removed and nothing named `name` was changed.
// With ExistingFile::Refuse an existing dir/name (of whatever type) makes it throw TransferError.
void writeFileAtomically(const std::filesystem::path& dir, const std::string& name, const std::string& bytes,
                         FileAccess access = FileAccess::Private, ExistingFile existing = ExistingFile::Replace);

// Whether a file can be created, written, fsynced and removed in dir (permission bits say nothing reliable
// about a mounted Windows share): a new hidden file under a random name, created exclusively. Returns ""
// when it can, else why not (Japanese).
std::string probeWritable(const std::filesystem::path& dir);

// Creates dir (and its parents) if needed; a folder we create for our own files is 0700.
void createPrivateFolder(const std::filesystem::path& dir);

// Which file a snapshot was read from: the name and the inode it named then.
struct FileIdentity {
  std::uintmax_t device = 0, inode = 0;
};

struct FileSnapshot {
  std::string name;   // inside its folder
  std::string bytes;  // exactly as read
  std::uintmax_t size = 0;
  std::filesystem::file_time_type modified;
  FileIdentity identity;
};

// What a directory entry is, seen without following it.
enum class EntryType { Regular, Link, Directory, Other };

struct FolderEntry {
  std::string name;
  EntryType type = EntryType::Other;
  std::uintmax_t size = 0;
  std::filesystem::file_time_type modified;
};

// The entries of a folder, by name, each classified without following links. Throws TransferError
// naming the folder when it cannot be listed.
std::vector<FolderEntry> listFolder(const std::filesystem::path& dir);

enum class ReadStatus {
  Ok,        // snapshot holds the complete file
  Changing,  // it changed while being read (a writer is busy): try again later
  Gone,      // nothing by that name any more
  Refused,   // a link, not a regular file, or larger than the limit: never read, see refusal
};

struct ReadOutcome {
  ReadStatus status = ReadStatus::Gone;
  FileSnapshot snapshot;              // Ok only
  DecodeErrorCode refusal{};          // Refused only: SymbolicLink, NotRegularFile or TooLarge
  std::string reason;                 // Refused only: Japanese, names the file
};

// Reads dir/name whole, without following a link, and only when its size (from the open descriptor) is
// at most maxBytes: nothing larger is ever allocated, and a file that grows past the limit while being
// read is refused. Ok only when size and modification time were the same before and after reading.
ReadOutcome readBounded(const std::filesystem::path& dir, const std::string& name, std::size_t maxBytes);

// readBounded of a file by path with a generous limit (256 MiB); nullopt unless Ok. For the simulator
// and tests, which read their own files.
std::optional<FileSnapshot> readStable(const std::filesystem::path& file);

// Moves dir/<snapshot.name>, read as snapshot, into targetDir (created 0700), keeping its name or adding
// ".1", ".2", … when taken there. On the same file system it is renamed. Across file systems the bytes
// that were read (never the path's current target) are written there (0600), then the name is removed
// if it still is the file that was read. Returns the new path.
std::filesystem::path moveRead(const std::filesystem::path& dir, const FileSnapshot& snapshot,
                               const std::filesystem::path& targetDir);

// moveRead into quarantineDir, and <name>.reason.txt beside it (UTF-8) saying why.
std::filesystem::path quarantine(const std::filesystem::path& dir, const FileSnapshot& snapshot,
                                 const std::filesystem::path& quarantineDir, const std::string& reason);

// Removes dir/name only when it is still the file that was read (same inode, size and time). Returns
// whether it was removed.
bool removeIfUnchanged(const std::filesystem::path& dir, const FileSnapshot& snapshot);

// Renames a file within one file system (the simulator moving a refused request from req to res);
// throws TransferError otherwise, never copies.
std::filesystem::path moveInto(const std::filesystem::path& file, const std::filesystem::path& dir);

// SHA-256 of bytes, lower-case hex: the identity of a result's content.
std::string contentHash(const std::string& bytes);

}  // namespace rececon::linkage
