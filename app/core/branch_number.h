#pragma once
// 枝番 (the 2-digit branch number of a personal insured number). Always two ASCII digits; a string,
// never a number ("01" keeps its zero). Pure functions; any thread.

#include <string>
#include <string_view>

namespace rececon {

// Full-width digits folded to ASCII, surrounding spaces removed. Nothing is padded: "1" stays "1".
std::string normalizeBranchNumber(std::string_view text);

// Empty when text (after normalisation) is exactly two digits; otherwise a Japanese message.
// A one-digit entry is an error: we never pad it, because 1 could be 01 or 10 on the card.
std::string branchNumberError(std::string_view text);

}  // namespace rececon
