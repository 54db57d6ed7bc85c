#pragma once
// The bundled error-code handbook (resources/diagnosis/), read fresh each time so that an edited
// file takes effect without rebuilding or restarting.

#include <filesystem>

#include "app/core/error_handbook.h"

namespace rececon {

// Reads error-handbook.csv and first-steps.txt from folder (default: resourcesDir()/diagnosis).
// Throws EnvironmentError when a file cannot be read, InvalidInput (naming the file and line) when
// it is malformed.
ErrorHandbook loadErrorHandbook(const std::filesystem::path& folder);
ErrorHandbook loadErrorHandbook();

}  // namespace rececon
