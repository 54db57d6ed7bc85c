#pragma once
// What lies in the linkage app's folders right now, seen from outside the exchange: request files the
// linkage app has not taken, and result files nobody takes. Used by the environment check and the
// watchdog; reads names and times only, never the files' content.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace rececon {

struct RequestFolderScan {
  int waiting = 0;      // request files in req
  int stale = 0;        // of which older than the patience given
  std::vector<std::string> staleNames;  // their names, oldest first
  std::chrono::system_clock::time_point newestStaleWrittenAt{};  // when the newest of them was written
  std::string error;    // the folder could not be read: why (empty when it could)

  // Stale files while the linkage app answered other requests after the newest of them was written: the
  // app runs and these are leftovers it will not take (a file it rejected silently, another system's),
  // not a sign that it stopped. `lastAnswer` is the newest answer's time; epoch when there was none.
  bool staleAreLeftovers(std::chrono::system_clock::time_point lastAnswer) const {
    return stale > 0 && lastAnswer > newestStaleWrittenAt;
  }
};

// Request files in req (our own files being written, *.tmp, and hidden files skipped), and how many
// were written more than `patience` before `now`.
RequestFolderScan scanRequestFolder(const std::filesystem::path& reqDir, std::chrono::seconds patience,
                                    std::chrono::system_clock::time_point now);

// Result files (*.xml in res whose name is not a request's) written more than `age` before `now`:
// a healthy exchange takes its own within a second or two, so what stays is a duplicate, another
// client's, or one that nobody asked for.
std::vector<std::string> lingeringResultFiles(const std::filesystem::path& resDir, std::chrono::seconds age,
                                              std::chrono::system_clock::time_point now);

// A name of ours in a linkage folder that is not what it should be: a link, a folder, FIFO or device, or
// a file larger than its kind may be. The exchange leaves each alone; the environment check lists them.
struct SuspiciousFile {
  std::string folder;  // "req", "res" or "face"
  std::string name;
  std::string code;    // OQS-SYMLINK, OQS-NOT-A-FILE, OQS-TOO-LARGE
  std::string detail;  // Japanese
};

// Entries of the three folders named like a linkage file (by prefix) that are not plain files within
// their kind's size limit; looked at without following links or reading anything. A folder that cannot
// be listed is skipped (the folder checks report it).
std::vector<SuspiciousFile> suspiciousFiles(const std::filesystem::path& reqDir, const std::filesystem::path& resDir,
                                            const std::filesystem::path& faceDir);

}  // namespace rececon
