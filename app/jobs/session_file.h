#pragma once
// The CLI's login on this machine: the session token in the data folder's file "session", readable by
// its user only (0600). The register keeps only the token's hash, so the file is the one place the token
// is; a file anyone else could read, or a link, is refused rather than used.

#include <filesystem>
#include <optional>
#include <string>

namespace rececon {

// Writes the token (replacing a previous login). Throws EnvironmentError.
void saveSessionToken(const std::filesystem::path& dataDir, const std::string& token);
// The token, or nullopt when nobody is logged in. Throws EnvironmentError for a file that is a link,
// not a regular file, or readable by others.
std::optional<std::string> loadSessionToken(const std::filesystem::path& dataDir);
void removeSessionToken(const std::filesystem::path& dataDir);

// The nightly run's key file (user key): written once (0600; never over an existing file) and read with
// the same refusals as the session. Throw EnvironmentError (a missing or unsafe file), InvalidInput.
void saveBatchKey(const std::filesystem::path& file, const std::string& key);
std::string loadBatchKey(const std::filesystem::path& file);

}  // namespace rececon
