#pragma once
// The error log a clerk reads out on the phone to support: time, code, message, request kind and
// patient, newest first, with the handbook's title for codes it knows.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error_handbook.h"
#include "db/database.h"

namespace rececon {

struct LinkageErrorRecord {
  std::string at;           // ISO timestamp as stored
  std::string code;         // "" when none was reported
  std::string message;      // verbatim
  std::string requestKind;  // Japanese name of the request (資格確認要求, …)
  std::string requestFile;
  std::optional<std::int64_t> patientNumber;
  std::string what;  // result / failed / timed_out
};

// Newest first. A failed request has no code column of its own; when its message starts with a
// code-like word (SIMERR0001 …, as in an .err file) that word is taken as the code.
std::vector<LinkageErrorRecord> recentLinkageErrors(db::Database& db, int limit);

// Plain text, one numbered block per error: 和暦 date and time, code (with the handbook's title when
// known), request kind, patient number, message.
std::string formatErrorLogForSupport(const std::vector<LinkageErrorRecord>& errors, const ErrorHandbook& handbook,
                                     const std::string& institutionCode);

// The log of the newest `limit` errors as that text, for this site (institution code from the
// settings, the bundled handbook). With a file, written atomically (a half-written export never
// replaces a good one); throws EnvironmentError when the folder is missing or the disk is full.
std::string supportErrorLogText(db::Database& db, int limit);
void writeSupportErrorLog(db::Database& db, const std::filesystem::path& file, int limit);

}  // namespace rececon
