#pragma once
// The sentences of coded errors, in Japanese and English: one entry per stable code, with {name}
// placeholders filled from the error's parameters. Lower layers throw a code and its values; the edge
// (the window in its language, rececon-cli) reads the sentence here and adds how to act in that
// front-end. Pure; any thread.

#include <string>
#include <string_view>

#include "app/core/error.h"

namespace rececon {

// Stable codes (also in --json output and logs).
inline constexpr const char* kResultNeedsPatient = "RESULT_NEEDS_PATIENT";          // {why}
inline constexpr const char* kResultMatchesRegistered = "RESULT_MATCHES_REGISTERED";  // {explanation}
inline constexpr const char* kResultNeedsInsuredNumber = "RESULT_NEEDS_INSURED_NUMBER";
inline constexpr const char* kDataDirUnknown = "DATA_DIR_UNKNOWN";
inline constexpr const char* kDataDirUnusable = "DATA_DIR_UNUSABLE";  // {dir} {reason}
inline constexpr const char* kOperatorUnknown = "OPERATOR_UNKNOWN";
// A save made on an older view than the stored row (another terminal changed it since): {terminal} {at}.
inline constexpr const char* kLoginFailed = "LOGIN_FAILED";
inline constexpr const char* kAccountLocked = "ACCOUNT_LOCKED";    // {user}
inline constexpr const char* kAccountRetired = "ACCOUNT_RETIRED";  // {user}
inline constexpr const char* kRoleRequired = "ROLE_REQUIRED";      // {what} {role}
inline constexpr const char* kLoginRequired = "LOGIN_REQUIRED";
inline constexpr const char* kOperatorNotClaimable = "OPERATOR_NOT_CLAIMABLE";
inline constexpr const char* kTotpEnrolmentRequired = "TOTP_ENROLMENT_REQUIRED";  // {user}
inline constexpr const char* kPatientChangedElsewhere = "PATIENT_CHANGED_ELSEWHERE";
inline constexpr const char* kInsuranceChangedElsewhere = "INSURANCE_CHANGED_ELSEWHERE";
inline constexpr const char* kResultAlreadyDecided = "RESULT_ALREADY_DECIDED";  // {id} {by} {at}
// The database, whichever engine keeps it: {action} is what was being done, {detail} the engine's words.
inline constexpr const char* kDatabaseBusy = "DB_BUSY";
inline constexpr const char* kDatabaseFull = "DB_FULL";
inline constexpr const char* kDatabaseNoAccess = "DB_NO_ACCESS";
inline constexpr const char* kDatabaseDamaged = "DB_DAMAGED";
inline constexpr const char* kDatabaseIo = "DB_IO";
inline constexpr const char* kDatabaseConstraint = "DB_CONSTRAINT";
inline constexpr const char* kDatabaseFailed = "DB_FAILED";

// The sentence of a code in a language ("ja" or "en"; anything else reads Japanese). A code the catalog
// does not know reads as itself with its parameters, so nothing is ever lost.
std::string errorSentence(std::string_view code, const ErrorParams& params, std::string_view language);

// What a person reads for an error: a coded one from the catalog in the language, else its message.
std::string errorText(const Error& error, std::string_view language);

}  // namespace rececon
