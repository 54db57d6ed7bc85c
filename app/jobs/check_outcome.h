#pragma once
// How a linkage result reads as a check outcome, and the stable names outcomes are stored under.

#include <string>

#include "app/core/qualification.h"
#include "linkage/messages.h"

namespace rececon {

// oqs-interface.md §2.4: the file-level segment first, then the person-level status, then validity.
CheckOutcome outcomeOf(const linkage::QualificationResult& result);

// valid / invalid / invalid_newer / not_found / several / error
const char* outcomeName(CheckOutcome outcome);
CheckOutcome outcomeFromName(const std::string& name);

}  // namespace rececon
