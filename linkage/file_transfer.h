#pragma once
// File operations on the shared folders, done the way a separate program on the other end can
// never see half a file: atomic writes, stable reads, moves that survive crossing file systems.
// Functions throw TransferError with a Japanese message naming the file and the cause.
// Any thread; each call works on its own files.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace rececon::linkage {

class TransferError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes bytes to dir/name so that the file appears complete or not at all: written to
// dir/name + ".tmp" (a name the linkage app ignores), flushed, fsynced, renamed, directory fsynced.
// On failure the temporary file is removed and nothing named `name` exists.
void writeFileAtomically(const std::filesystem::path& dir, const std::string& name, const std::string& bytes);

struct FileSnapshot {
  std::string bytes;
  std::uintmax_t size = 0;
  std::filesystem::file_time_type modified;
};

// Reads the whole file and returns it only when its size and modification time were the same
// before and after reading (a writer still busy changes them); nullopt when the file changed, or
// vanished meanwhile.
std::optional<FileSnapshot> readStable(const std::filesystem::path& file);

// Moves a file into dir (creating it), keeping its name, or adding ".1", ".2", … when that name is
// taken there. Crossing file systems, it copies, fsyncs and then removes the source. Returns the
// new path.
std::filesystem::path moveInto(const std::filesystem::path& file, const std::filesystem::path& dir);

// Moves a file into quarantineDir and writes <name>.reason.txt beside it (UTF-8) saying why.
std::filesystem::path quarantine(const std::filesystem::path& file, const std::filesystem::path& quarantineDir,
                                 const std::string& reason);

// SHA-256 of bytes, lower-case hex: the identity of a result's content.
std::string contentHash(const std::string& bytes);

}  // namespace rececon::linkage
