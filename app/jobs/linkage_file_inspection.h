#pragma once
// Reading one linkage file for a person (support staff, tests): decoded, validated, with warnings.

#include <filesystem>
#include <optional>
#include <string>

#include "linkage/message_codec.h"

namespace rececon {

// Reads and decodes the file. institutionCode: refuse files of another institution (nullopt: accept
// any). Throws InvalidInput with "[OQS-…] reason" when the file is refused, EnvironmentError when it
// cannot be read.
linkage::DecodedMessage inspectLinkageFile(const std::filesystem::path& file,
                                           const std::optional<std::string>& institutionCode);

}  // namespace rececon
