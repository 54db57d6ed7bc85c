#pragma once
// Reading one linkage file for a person (support staff, tests): decoded, validated, with warnings, and
// every element described as the contract names it — its Japanese label, a code's meaning, and whether it
// is a list — so that a front-end only lays it out.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rececon {

struct InspectedElement {
  std::string name;                  // as in the file
  std::optional<std::string> label;  // the contract's Japanese name; nullopt for an element it does not know
  bool leaf = true;
  std::string text;                         // a leaf's text, verbatim
  std::optional<std::string> codeMeaning;   // for a leaf holding a code: what it means
  // Under its parent this element may repeat, or does: shown as a list even when there is one.
  bool list = false;
  std::vector<InspectedElement> children;  // in file order
};

struct InspectedFile {
  std::string kindPrefix, kindName;  // OQSsiquc01res, 資格確認結果（照会番号等）…
  std::string encoding;              // as declared (UTF-8, Shift_JIS)
  bool bom = false;
  std::vector<std::string> warnings;
  InspectedElement root;
};

// Reads and decodes the file. institutionCode: refuse files of another institution (nullopt: accept
// any). Throws InvalidInput with "[OQS-…] reason" when the file is refused, EnvironmentError when it
// cannot be read.
InspectedFile inspectLinkageFile(const std::filesystem::path& file, const std::optional<std::string>& institutionCode);

}  // namespace rececon
