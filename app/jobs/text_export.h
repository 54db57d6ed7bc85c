#pragma once
// Files a clerk exports (error log, pending 4-item list, re-verification report, PDF forms), written so
// that a half-written export never replaces a good one.

#include <filesystem>
#include <string>

namespace rececon {

// Writes the bytes to file (mode 0600) through a new hidden temporary file, fsync and a rename. Throws
// EnvironmentError when the folder is missing, the disk is full or the file cannot be put in place.
void writeTextFileAtomically(const std::filesystem::path& file, const std::string& text);

}  // namespace rececon
