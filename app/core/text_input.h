#pragma once
// Characters a person cannot see in text they typed or pasted (names, addresses): bidirectional
// controls that reorder what is displayed (U+202E shows 「太郎」 where 「郎太」 is stored), zero-width and
// other format characters (Unicode category Cf) that make two equal-looking names differ, C0/C1 control
// characters, and names that begin with a combining mark. Such text is refused, never silently
// cleaned: what was typed is not what would be stored. Pure; any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "app/core/field_errors.h"

namespace rececon {

// U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C.
bool isBidiControl(char32_t cp);
// Invisible format characters (category Cf: U+00AD, U+200B–U+200F, U+2060–U+2064, U+FEFF, …, the
// bidirectional controls included), C0/C1 control characters and the line/paragraph separators.
bool isHiddenCharacter(char32_t cp);
// Combining marks (category M) of the scripts a clinic's register meets: Latin/Greek/Cyrillic
// diacritics, the kana voicing marks U+3099/U+309A, variation selectors (異体字 IVS included) and the
// common Arabic/Hebrew/Thai marks. Not a full Unicode table.
bool isCombiningMark(char32_t cp);

struct HiddenCharacter {
  std::size_t position = 0;  // 1-based, in characters (code points), not bytes
  char32_t codePoint = 0;
};
// The first hidden character of text; newlines and tabs are allowed when multiLine. Text must be
// valid UTF-8 (throws InvalidInput otherwise).
std::optional<HiddenCharacter> findHiddenCharacter(std::string_view text, bool multiLine = false);

// "U+202E"
std::string codePointLabel(char32_t cp);

// A single-line text a person typed (a name, an address), checked as checkedText() does (valid UTF-8,
// at most maxLength characters, trimmed) and also for hidden characters — named with their position
// in what was typed, e.g. 「氏名の 3 文字目に見えない制御文字（U+202E）があります。…」 — and for a leading
// combining mark (which also refuses text made of combining marks only). Findings go to errors;
// returns the trimmed text.
std::string checkedPersonText(FieldErrors& errors, const std::string& raw, const char* field,
                              const char* label, std::size_t maxLength);

}  // namespace rececon
