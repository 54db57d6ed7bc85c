#pragma once
// The diagnosis data in resources/diagnosis/ (the error-code handbook, the first-steps checklist,
// the minimum versions of the terminal's software), read fresh each time so that an edited file
// takes effect without rebuilding or restarting.

#include <filesystem>

#include "app/core/error_handbook.h"
#include "app/core/terminal_versions.h"

namespace rececon {

// Reads error-handbook.csv and first-steps.txt from folder (default: resourcesDir()/diagnosis).
// Throws EnvironmentError when a file cannot be read, InvalidInput (naming the file and line) when
// it is malformed.
ErrorHandbook loadErrorHandbook(const std::filesystem::path& folder);
ErrorHandbook loadErrorHandbook();

// The bundled diagnosis folder: resourcesDir()/diagnosis.
std::filesystem::path diagnosisDir();

// minimum-versions.csv from folder. Throws as loadErrorHandbook.
std::vector<MinimumVersion> loadMinimumVersions(const std::filesystem::path& folder);

}  // namespace rececon
