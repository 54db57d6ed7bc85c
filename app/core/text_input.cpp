#include "app/core/text_input.h"

#include <cstdio>

#include "app/core/utf8.h"

namespace rececon {
namespace {

struct Range {
  char32_t first, last;
};

bool inRanges(char32_t cp, std::initializer_list<Range> ranges) {
  for (const Range& r : ranges) {
    if (cp >= r.first && cp <= r.last) return true;
  }
  return false;
}

// What utf8::trim() removes, so a position can be counted in the text as typed.
bool isTrimmedSpace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

}  // namespace

bool isBidiControl(char32_t cp) {
  return inRanges(cp, {{0x202A, 0x202E}, {0x2066, 0x2069}, {0x200E, 0x200F}, {0x061C, 0x061C}});
}

bool isHiddenCharacter(char32_t cp) {
  // Category Cf as of Unicode 15; a new Cf character is refused once added here.
  return inRanges(
      cp, {{0x0000, 0x001F},   {0x007F, 0x009F},   {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},
           {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
           {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},   {0xFEFF, 0xFEFF},
           {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
           {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F}});
}

bool isCombiningMark(char32_t cp) {
  return inRanges(
      cp, {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
           {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
           {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31},
           {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF},
           {0x302A, 0x302F}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}});
}

std::optional<HiddenCharacter> findHiddenCharacter(std::string_view text, bool multiLine) {
  std::size_t position = 0;
  for (const char32_t cp : utf8::decode(text)) {
    ++position;
    if (multiLine && (cp == U'\n' || cp == U'\t')) continue;
    if (isHiddenCharacter(cp)) return HiddenCharacter{position, cp};
  }
  return std::nullopt;
}

std::string codePointLabel(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

std::string checkedPersonText(FieldErrors& errors, const std::string& raw, const char* field,
                              const char* label, std::size_t maxLength) {
  if (!utf8::isValid(raw)) {
    errors.add(field, label, "文字コードが正しくありません（UTF-8で入力してください）。");
    return {};
  }
  const std::string text = utf8::trim(raw);
  // Spaces and tabs around the text are dropped rather than refused (as checkedText does); the position
  // is still counted in what the person typed, which is what the field shows them.
  const std::u32string typed = utf8::decode(raw);
  std::size_t leading = 0;
  while (leading < typed.size() && isTrimmedSpace(typed[leading])) ++leading;

  if (const auto hidden = findHiddenCharacter(text)) {
    errors.add(field, label,
               std::string(label) + "の " + std::to_string(leading + hidden->position) +
                   " 文字目に見えない制御文字（" + codePointLabel(hidden->codePoint) +
                   "）があります。入力し直してください。");
  } else if (const std::u32string cps = utf8::decode(text); !cps.empty() && isCombiningMark(cps.front())) {
    // A mark with nothing before it to combine with: text made of marks alone lands here too.
    errors.add(field, label,
               std::string(label) + "が結合文字（" + codePointLabel(cps.front()) +
                   "）で始まっています。結合する文字がありません。入力し直してください。");
  }
  if (utf8::length(text) > maxLength) {
    errors.add(field, label, std::to_string(maxLength) + "文字以内で入力してください。");
  }
  return text;
}

}  // namespace rececon
