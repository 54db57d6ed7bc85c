#pragma once
// This machine's identity towards the linkage folders: a short code carried in every request file name
// and identifier we write, so that any number of terminals can share req and res and each takes only
// the answers to its own requests. It belongs to the machine, not to the register (several terminals
// may share one database): it is kept in the data folder's local file terminal.conf, else derived from
// the host name; RECECON_TERMINAL_ID overrides both (two sessions on one machine, tests).

#include <filesystem>
#include <string>

namespace rececon {

struct TerminalIdentity {
  std::string id;        // 1–6 of [0-9A-Z]
  std::string source;    // "env", "setting" or "host"
  std::string hostName;  // the host name it was derived from (source "host")
};

// This machine's identity. Throws InvalidInput when terminal.conf or the environment holds a malformed id
// (naming where it is), EnvironmentError when terminal.conf cannot be read.
TerminalIdentity terminalIdentity(const std::filesystem::path& dataDir);

// Stores id in terminal.conf (0600); "" returns to the id derived from the host. Throws ValidationFailed
// for anything but 1–6 letters and digits.
void setTerminalId(const std::filesystem::path& dataDir, const std::string& id);

// The id derived from a host name: 5 characters of a hash of it (Crockford's base 32), so that two
// hosts named alike ("uketsuke1", "uketsuke2") still differ. Pure.
std::string terminalIdFromHost(const std::string& hostName);

// This machine's host name ("localhost" when it has none): how other terminals name it in the register.
std::string hostName();

}  // namespace rececon
