#include "app/core/utf8.h"

#include <algorithm>

#include "app/core/error.h"

namespace rececon::utf8 {
namespace {

constexpr char32_t kIdeographicSpace = 0x3000;

// Returns the code point at text[i] and advances i, or returns U+FFFFFFFF on a malformed sequence.
char32_t next(std::string_view text, std::size_t& i) {
  constexpr char32_t kBad = 0xFFFFFFFF;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    return kBad;
  }
  if (i + extra >= text.size()) return kBad;  // truncated sequence
  for (int k = 1; k <= extra; ++k) {
    const unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) return kBad;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kBad;
  i += extra + 1;
  return cp;
}

}  // namespace

std::u32string decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t cp = next(text, i);
    if (cp == 0xFFFFFFFF) {
      throw InvalidInput("文字コードがUTF-8として正しくありません（" + std::to_string(at + 1) +
                         "バイト目）。");
    }
    out.push_back(cp);
  }
  return out;
}

bool isValid(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (next(text, i) == 0xFFFFFFFF) return false;
  }
  return true;
}

std::size_t length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) throw InternalError("UTF-8 encode: surrogate code point");
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    throw InternalError("UTF-8 encode: code point out of range");
  }
}

std::string encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char32_t cp : text) append(out, cp);
  return out;
}

std::string foldFullWidthAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : decode(text)) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == kIdeographicSpace) cp = U' ';
    append(out, cp);
  }
  return out;
}

std::string normalizeTyped(std::string_view text) {
  // Plain ASCII — the numbers and dates most fields hold — has nothing to fold: only spaces to trim.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    return std::string(text);
  }
  if (!isValid(text)) return {};
  return trim(foldFullWidthAscii(text));
}

std::string trim(std::string_view text) {
  if (isValid(text)) {  // spaces cut off as bytes: no code points made and encoded again
    constexpr std::string_view ideographicSpace = "\xE3\x80\x80";
    for (bool cut = true; cut;) {
      cut = false;
      if (text.starts_with(' ') || text.starts_with('\t')) text.remove_prefix(1), cut = true;
      else if (text.starts_with(ideographicSpace)) text.remove_prefix(ideographicSpace.size()), cut = true;
    }
    for (bool cut = true; cut;) {
      cut = false;
      if (text.ends_with(' ') || text.ends_with('\t')) text.remove_suffix(1), cut = true;
      else if (text.ends_with(ideographicSpace)) text.remove_suffix(ideographicSpace.size()), cut = true;
    }
    return std::string(text);
  }
  std::u32string cps = decode(text);
  const auto isSpace = [](char32_t c) { return c == U' ' || c == U'\t' || c == kIdeographicSpace; };
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && isSpace(cps[b])) ++b;
  while (e > b && isSpace(cps[e - 1])) --e;
  return encode(std::u32string_view(cps).substr(b, e - b));
}

int columns(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x3099 && cp <= 0x309A) || cp == 0x200B) return 0;  // combining, zero width
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
                    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD) || (cp >= 0x2460 && cp <= 0x24FF);
  return wide ? 2 : 1;
}

std::size_t displayWidth(std::string_view text) {
  std::size_t width = 0;
  for (const char32_t cp : decode(text)) width += static_cast<std::size_t>(columns(cp));
  return width;
}

}  // namespace rececon::utf8
