#include "app/core/namesake.h"

#include "app/core/kana.h"

namespace rececon {
namespace {

// The name with every space (half-width, full-width) removed: "山田　花子" and "山田花子" are one name.
std::string withoutSpaces(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    if (name[i] == ' ') {
      ++i;
    } else if (name.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 ideographic space
      i += 3;
    } else {
      out += name[i++];
    }
  }
  return out;
}

}  // namespace

bool areNamesakes(const PersonIdentity& a, const PersonIdentity& b) {
  if (a.birthDate != b.birthDate) return false;
  const bool sameKana = !a.kana.empty() && normalizeKana(a.kana) == normalizeKana(b.kana);
  const bool sameName = !withoutSpaces(a.name).empty() && withoutSpaces(a.name) == withoutSpaces(b.name);
  return sameKana || sameName;
}

}  // namespace rececon
