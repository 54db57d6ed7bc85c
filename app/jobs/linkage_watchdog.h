#pragma once
// The watchdog: is the linkage with the online qualification check working right now, and if not, what
// is the plain cause and what does the clerk do next. It looks from outside the exchange — the folders,
// the request journal, the results and the anomalies the exchange recorded — so the same answer comes
// from the reception window every second, from `rececon-cli fallback status` and from tests that move
// the clock. Reads only; never throws for what it watches (EnvironmentError only when the database
// itself cannot be read).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/core/enum_names.h"
#include "app/core/error_handbook.h"
#include "db/database.h"
#include "db/linkage_request_repository.h"
#include "linkage/exchange.h"

namespace rececon {

enum class LinkageHealth { Healthy, Warning, Down };

// "正常" / "注意" / "停止" for people; "healthy" / "warning" / "down" for scripts.
const char* linkageHealthLabel(LinkageHealth health);
const char* linkageHealthId(LinkageHealth health);

// The plain cause a finding names; its word is stable, for scripts and tests.
enum class WatchdogCause {
  Settings,
  Folders,
  Untaken,
  NoAnswer,
  Refused,
  ErrorResults,
  WrongInstitution,
  UnreadableResults,
  Failures,
  IncompleteResults,
  UnreadableFiles,
  DuplicateResults,
  UnknownResults,
  IdentityClash,
  SuspiciousFiles,
  LeftBehind,
  EncryptedResults,
  LeftoverRequests,
};

template <>
struct EnumNames<WatchdogCause> {
  static constexpr std::pair<WatchdogCause, std::string_view> table[] = {
      {WatchdogCause::Settings, "settings"},
      {WatchdogCause::Folders, "folders"},
      {WatchdogCause::Untaken, "untaken"},
      {WatchdogCause::NoAnswer, "no_answer"},
      {WatchdogCause::Refused, "refused"},
      {WatchdogCause::ErrorResults, "error_results"},
      {WatchdogCause::WrongInstitution, "wrong_institution"},
      {WatchdogCause::UnreadableResults, "unreadable_results"},
      {WatchdogCause::Failures, "failures"},
      {WatchdogCause::IncompleteResults, "incomplete_results"},
      {WatchdogCause::UnreadableFiles, "unreadable_files"},
      {WatchdogCause::DuplicateResults, "duplicate_results"},
      {WatchdogCause::UnknownResults, "unknown_results"},
      {WatchdogCause::IdentityClash, "identity_clash"},
      {WatchdogCause::SuspiciousFiles, "suspicious_files"},
      {WatchdogCause::LeftBehind, "left_behind"},
      {WatchdogCause::EncryptedResults, "encrypted_results"},
      {WatchdogCause::LeftoverRequests, "leftover_requests"},
  };
};

struct WatchdogFinding {
  WatchdogCause cause = WatchdogCause::Failures;
  LinkageHealth level = LinkageHealth::Warning;
  std::string title;   // the plain cause, one line of Japanese
  std::string detail;  // what was seen: counts, times, the message verbatim
  std::string code;    // the error code reported, verbatim; "" when there is none
  std::vector<std::string> nextSteps;  // what to do, in order
};

struct WatchdogReport {
  LinkageHealth health = LinkageHealth::Healthy;
  std::vector<WatchdogFinding> findings;  // the most severe first
  std::string lastAnswerAt;               // ISO timestamp of the last answer; "" when none yet
  int waitingRequests = 0;                // requests out, waiting for their answer
  // One line for a status bar: "連携: 正常（最終応答 …）" or "連携: 停止 — <title>".
  std::string summary() const;
};

struct WatchdogOptions {
  std::chrono::seconds untakenAfter{20};      // a request file left in req this long: the linkage app is not running
  int errorsInARow = 3;                       // this many requests in a row ending in an error: down
  std::chrono::seconds anomalyWindow{600};    // half-written or unreadable files seen this recently: warning
};

// linkage.watchdog_untaken_seconds and linkage.watchdog_error_count from the site settings.
WatchdogOptions watchdogOptionsFromSettings(db::Database& db);

// How many of the newest ended requests (newest first) failed — refused, unreadable, timed out, or
// answered with an error — counted back to the last success. Pure.
int failureStreak(const std::vector<db::SettledRequest>& newestFirst);

// The streak of failed requests at the newest end of the journal (newest first), classified by the
// newest failure; nullopt when the newest request succeeded or the streak is shorter than errorsInARow.
// A time-out counts at once (it is the "no answer within the time-out" case). Pure.
std::optional<WatchdogFinding> classifyFailures(const std::vector<db::SettledRequest>& newestFirst, int errorsInARow);

// Next steps for a code: the handbook's when it knows the code, then its general checklist.
std::vector<std::string> stepsForCode(const std::string& code, const ErrorHandbook& handbook);

// The whole picture at `now` (injected so that tests can move time without waiting).
WatchdogReport watchLinkage(db::Database& db, const linkage::ExchangeConfig& config,
                            std::chrono::system_clock::time_point now, const WatchdogOptions& options,
                            const ErrorHandbook& handbook);
// The same for this site's settings; a site whose linkage is not configured gets the finding "settings".
WatchdogReport watchLinkage(db::Database& db, const std::filesystem::path& dataDir,
                            std::chrono::system_clock::time_point now, const WatchdogOptions& options,
                            const ErrorHandbook& handbook);

}  // namespace rececon
