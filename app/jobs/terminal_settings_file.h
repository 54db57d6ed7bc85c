#pragma once
// The data folder's terminal.conf: settings that belong to this machine, not to the register several
// terminals share — its identity towards the linkage folders, the folders as this machine sees them (a
// UNC path on Windows, a mount point on Linux), the request encoding, its name and default operator.
// One "key=value" per line, UTF-8, written whole and atomically (0600).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace rececon {

// Every key=value of the file; empty when it does not exist. Throws EnvironmentError when it exists but
// cannot be read (naming it): a terminal never silently falls back to another machine's folders.
std::map<std::string, std::string> readTerminalSettings(const std::filesystem::path& dataDir);

// The value of one key, if the file holds it.
std::optional<std::string> terminalSetting(const std::filesystem::path& dataDir, const std::string& key);

// Sets one key (the others kept); "" removes it. Throws EnvironmentError when the file cannot be written.
void setTerminalSetting(const std::filesystem::path& dataDir, const std::string& key, const std::string& value);

}  // namespace rececon
