#pragma once
// The simulator's behaviour, switchable while it runs: <root>/sim/control.properties (key=value),
// re-read whenever it changes. `oqs-sim --root DIR fault MODE` and `… set KEY VALUE` write it.

#include <chrono>
#include <filesystem>
#include <string>

namespace rececon::sim {

enum class FaultMode {
  Normal,
  Silent,             // requests are left in req and never answered (linkage app hung)
  Slow,               // answers take ten times the delay
  Refuse,             // every request is bounced into res with an .err file
  SystemError,        // SegmentOfResult 9 with an error code (OQS unreachable)
  PartialWrites,      // results are written slowly, in pieces, over about two seconds
  Duplicate,          // every result is written a second time a little later
  UnknownResults,     // results also appear for requests nobody sent
  WrongInstitution,   // results carry another institution's code
  Encrypted,          // results come as <name>.zip, as a linkage app set to encrypt (encrypt.conf "e") writes them
  FileError,          // a file-level error: ErrorCode and ErrorMessage, no ArbitraryFileIdentifier echo
};

const char* toString(FaultMode mode);
bool faultModeFromString(const std::string& text, FaultMode& mode);

struct SimControl {
  FaultMode mode = FaultMode::Normal;
  std::string encoding = "mirror";  // mirror (answer as asked) / utf-8 / shift_jis
  bool shuffle = false;             // shuffle element order in results and face files
  int delayMs = 1000;               // time between a request and its answer
  int bulkReadyMs = 5000;           // time until a bulk job can be downloaded
  int bulkMaxEntries = 500;         // entries per bulk request file (oqs-interface.md §7.4); more is refused
  // How a bulk 照会番号 registration result is laid out: "body" (one status for the file) or "per-unit"
  // (a BulkRegistrationUnit per person with its own status, as a public reader of the real file expects).
  std::string registrationLayout = "body";
};

class ControlFile {
 public:
  ControlFile(std::filesystem::path file, SimControl defaults);
  // The current control (re-read when the file changed). Unknown keys and bad values are ignored
  // with a message on stderr.
  const SimControl& current();
  // Sets one key and rewrites the file. Throws std::invalid_argument for an unknown key or value.
  void set(const std::string& key, const std::string& value);

 private:
  std::filesystem::path file_;
  SimControl defaults_;
  SimControl control_;
  std::filesystem::file_time_type seen_{};
};

}  // namespace rececon::sim
