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
  std::string error;    // the folder could not be read: why (empty when it could)
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

}  // namespace rececon
