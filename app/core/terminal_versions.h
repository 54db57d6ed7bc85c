#pragma once
// The versions of the software on the OQS terminal against the published minimums (the
// distribution app, the linkage app, the face library, the card-reader app). The minimums are data
// (resources/diagnosis/minimum-versions.csv) because they change with every release. Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

namespace rececon {

struct MinimumVersion {
  std::string component;  // distribution / linkage / face_library / card_reader: setting terminal.version.<component>
  std::string label;      // Japanese
  std::string minimum;    // "" when the site has not entered it yet
  std::string note;
};

// Header component,label,minimum,note. Throws InvalidInput naming the line (empty or repeated component).
std::vector<MinimumVersion> parseMinimumVersions(std::string_view csvText);

// Dotted versions compared part by part, numerically where both parts are digits (1.10 > 1.9), else
// as text; a missing part counts as 0 (1.2 == 1.2.0). Negative, zero or positive like strcmp.
int compareVersions(std::string_view a, std::string_view b);

}  // namespace rececon
