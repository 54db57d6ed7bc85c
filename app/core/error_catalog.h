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

// The sentence of a code in a language ("ja" or "en"; anything else reads Japanese). A code the catalog
// does not know reads as itself with its parameters, so nothing is ever lost.
std::string errorSentence(std::string_view code, const ErrorParams& params, std::string_view language);

// What a person reads for an error: a coded one from the catalog in the language, else its message.
std::string errorText(const Error& error, std::string_view language);

}  // namespace rececon
