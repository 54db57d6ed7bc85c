#include "linkage/text_encoding.h"

#include <Poco/Windows932Encoding.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <vector>
#include <cctype>

#include "linkage/decode_error.h"

namespace rececon::linkage {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char32_t kBad = 0xFFFFFFFF;

// The code point at text[i], advancing i; kBad for a malformed, overlong or surrogate sequence.
char32_t nextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return ++i, lead;
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) extra = 1, cp = lead & 0x1F, min = 0x80;
  else if ((lead & 0xF0) == 0xE0) extra = 2, cp = lead & 0x0F, min = 0x800;
  else if ((lead & 0xF8) == 0xF0) extra = 3, cp = lead & 0x07, min = 0x10000;
  else return kBad;
  if (i + extra >= text.size()) return kBad;
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return kBad;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kBad;
  i += extra + 1;
  return cp;
}

// Offset of the first invalid UTF-8 byte, or npos.
std::size_t firstInvalidUtf8(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // Most of a linkage file is ASCII markup: check sixteen bytes at a time (no high bit, no NUL) with
    // SSE2, which every x86-64 processor has, else eight bytes in a word.
#if defined(__SSE2__)
    if (i + 16 <= n) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const int highBits = _mm_movemask_epi8(block);
      const int zeros = _mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_setzero_si128()));
      if ((highBits | zeros) == 0) {
        i += 16;
        continue;
      }
    }
#endif
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      const bool hasZeroByte = ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) != 0;
      if ((word & 0x8080808080808080ULL) == 0 && !hasZeroByte) {
        i += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead == 0) return i;  // NUL has no place in a linkage file
    if (lead < 0x80) {
      ++i;
      continue;
    }
    // Japanese text is almost all three-byte sequences outside the surrogate block (E1..EC, EE, EF).
    if (i + 2 < n && lead >= 0xE1 && lead <= 0xEF && lead != 0xED &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    const std::size_t at = i;
    if (nextCodePoint(text, i) == kBad) return at;
  }
  return std::string_view::npos;
}

// CP932 as a lookup table built once from Poco's Windows-31J mapping: index lead * 256 + trail for
// double-byte characters, the byte itself for single-byte ones; 0 = invalid. Every CP932 character is
// in the Basic Multilingual Plane, so 16 bits suffice.
const std::vector<std::uint16_t>& cp932Table() {
  static const std::vector<std::uint16_t> table = [] {
    std::vector<std::uint16_t> t(65536, 0);
    for (int b = 0x01; b < 0x80; ++b) t[static_cast<std::size_t>(b)] = static_cast<std::uint16_t>(b);
    for (int b = 0xA1; b <= 0xDF; ++b) t[static_cast<std::size_t>(b)] = static_cast<std::uint16_t>(0xFF61 + b - 0xA1);
    Poco::Windows932Encoding cp932;
    for (int lead = 0x81; lead <= 0xFC; ++lead) {
      if (lead >= 0xA0 && lead <= 0xDF) continue;
      for (int trail = 0x40; trail <= 0xFC; ++trail) {
        if (trail == 0x7F) continue;
        const unsigned char bytes[2] = {static_cast<unsigned char>(lead), static_cast<unsigned char>(trail)};
        const int cp = cp932.queryConvert(bytes, 2);
        if (cp > 0 && cp <= 0xFFFF) t[static_cast<std::size_t>(lead * 256 + trail)] = static_cast<std::uint16_t>(cp);
      }
    }
    return t;
  }();
  return table;
}

bool isCp932Lead(unsigned char b) { return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC); }

// Length of the run of ASCII bytes (NUL excluded: it has no place in these files) starting at i.
std::size_t asciiRun(std::string_view bytes, std::size_t i) {
  const std::size_t start = i;
  const std::size_t n = bytes.size();
#if defined(__SSE2__)
  while (i + 16 <= n) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
    if ((_mm_movemask_epi8(block) | _mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_setzero_si128()))) != 0) break;
    i += 16;
  }
#endif
  while (i < n && static_cast<unsigned char>(bytes[i]) < 0x80 && bytes[i] != 0) ++i;
  return i - start;
}

// Calls onAscii(from, length) for each run of ASCII and onChar(codePoint) for every other character of
// CP932 bytes; false at the first invalid sequence.
template <typename OnAscii, typename OnChar>
bool forEachCp932(std::string_view bytes, OnAscii&& onAscii, OnChar&& onChar) {
  const auto& table = cp932Table();
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t run = asciiRun(bytes, i);
    if (run) onAscii(i, run);
    i += run;
    if (i >= n) break;
    const auto b = static_cast<unsigned char>(bytes[i]);
    std::uint16_t cp = 0;
    if (isCp932Lead(b)) {
      if (i + 1 >= n) return false;
      cp = table[static_cast<std::size_t>(b) * 256 + static_cast<unsigned char>(bytes[i + 1])];
      i += 2;
    } else {
      cp = table[b];
      i += 1;
    }
    if (cp == 0) return false;
    onChar(cp);
  }
  return true;
}

// Strict CP932 -> UTF-8; returns false when any byte sequence is invalid. A first pass measures the
// output, so the second writes it through a pointer without growing or over-allocating the string.
bool cp932ToUtf8(std::string_view bytes, std::string& out) {
  std::size_t length = 0;
  const bool valid = forEachCp932(
      bytes, [&](std::size_t, std::size_t run) { length += run; },
      [&](std::uint16_t cp) { length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3; });
  if (!valid) return false;
  out.resize(length);
  char* w = out.data();
  forEachCp932(
      bytes,
      [&](std::size_t from, std::size_t run) {
        std::memcpy(w, bytes.data() + from, run);
        w += run;
      },
      [&](std::uint16_t cp) {
        if (cp < 0x80) {
          *w++ = static_cast<char>(cp);
        } else if (cp < 0x800) {
          *w++ = static_cast<char>(0xC0 | (cp >> 6));
          *w++ = static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          *w++ = static_cast<char>(0xE0 | (cp >> 12));
          *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          *w++ = static_cast<char>(0x80 | (cp & 0x3F));
        }
      });
  return true;
}

// The encoding="…" value of an XML declaration, or "" (read by hand: a regex here would cost more
// than parsing a small result file).
std::string declaredEncoding(std::string_view declaration) {
  const std::size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 8;
  const auto skipSpace = [&] {
    while (i < declaration.size() && (declaration[i] == ' ' || declaration[i] == '\t' || declaration[i] == '\r' || declaration[i] == '\n')) ++i;
  };
  skipSpace();
  if (i >= declaration.size() || declaration[i] != '=') return {};
  ++i;
  skipSpace();
  if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) return {};
  const char quote = declaration[i++];
  const std::size_t end = declaration.find(quote, i);
  if (end == std::string_view::npos || end - i > 40) return {};
  return std::string(declaration.substr(i, end - i));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Characters that JIS-based and Microsoft mappings disagree on, written the way CP932 expects.
char32_t toCp932Variant(char32_t cp) {
  switch (cp) {
    case 0x301C: return 0xFF5E;  // 〜 WAVE DASH -> ～
    case 0x2212: return 0xFF0D;  // − MINUS SIGN -> －
    case 0x2014: return 0x2015;  // — EM DASH -> ―
    case 0x2016: return 0x2225;  // ‖ -> ∥
    case 0x00A2: return 0xFFE0;  // ¢
    case 0x00A3: return 0xFFE1;  // £
    case 0x00AC: return 0xFFE2;  // ¬
    default: return cp;
  }
}

// For characters CP932 holds twice, the code Windows itself writes (JIS row 2 before NEC row 13,
// NEC row 13 before the IBM extensions); Poco's reverse table picks the other one for these.
int preferredCp932(char32_t cp) {
  switch (cp) {
    case 0x2252: return 0x81E0;  // ≒
    case 0x2261: return 0x81DF;  // ≡
    case 0x222B: return 0x81E7;  // ∫
    case 0x221A: return 0x81E3;  // √
    case 0x22A5: return 0x81DB;  // ⊥
    case 0x2220: return 0x81DA;  // ∠
    case 0x2235: return 0x81E6;  // ∵
    case 0x2229: return 0x81BF;  // ∩
    case 0x222A: return 0x81BE;  // ∪
    case 0xFFE2: return 0x81CA;  // ￢
    case 0x3231: return 0x878A;  // ㈱
    case 0x2116: return 0x8782;  // №
    case 0x2121: return 0x8784;  // ℡
    default: return (cp >= 0x2160 && cp <= 0x2169) ? 0x8754 + static_cast<int>(cp - 0x2160) : 0;  // Ⅰ..Ⅹ
  }
}

}  // namespace

const char* declarationName(Encoding encoding) { return encoding == Encoding::Utf8 ? "UTF-8" : "Shift_JIS"; }

bool isValidUtf8(std::string_view text) { return firstInvalidUtf8(text) == std::string_view::npos; }

DetectedEncoding detectEncoding(std::string_view bytes) {
  DetectedEncoding detected;
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    throw DecodeError(DecodeErrorCode::UnsupportedEncoding,
                      "UTF-16のファイルは扱えません。連携アプリの文字コード設定（UTF-8またはShift_JIS）を確認してください。");
  }
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    detected.bom = true;
    bytes.remove_prefix(kUtf8Bom.size());
  }
  if (bytes.substr(0, 5) == "<?xml") detected.declared = declaredEncoding(bytes.substr(0, bytes.find("?>")));
  const std::string name = lower(detected.declared);
  if (name.empty() || name == "utf-8" || name == "utf8") {
    detected.encoding = Encoding::Utf8;
  } else if (name == "shift_jis" || name == "shift-jis" || name == "sjis" || name == "x-sjis" || name == "windows-31j" ||
             name == "cp932" || name == "ms932") {
    detected.encoding = Encoding::ShiftJis;
  } else {
    throw DecodeError(DecodeErrorCode::UnsupportedEncoding,
                      "XML宣言の文字コード「" + detected.declared + "」は扱えません（UTF-8またはShift_JISのみ）。");
  }
  if (detected.bom && detected.encoding != Encoding::Utf8) {
    throw DecodeError(DecodeErrorCode::EncodingMismatch,
                      "UTF-8のBOMがあるのにXML宣言は「" + detected.declared + "」です。ファイルの文字コードが矛盾しています。");
  }
  return detected;
}

std::string decodeToUtf8(std::string_view bytes, const DetectedEncoding& detected) {
  if (detected.bom) bytes.remove_prefix(kUtf8Bom.size());
  std::string decoded;
  if (detected.encoding == Encoding::Utf8) {
    const std::size_t bad = firstInvalidUtf8(bytes);
    if (bad == std::string_view::npos) return std::string(bytes);
    if (cp932ToUtf8(bytes, decoded)) {
      throw DecodeError(DecodeErrorCode::EncodingMismatch,
                        "XML宣言はUTF-8ですが、内容はShift_JISで書かれています。連携アプリの文字コード設定を確認してください。");
    }
    throw DecodeError(DecodeErrorCode::InvalidBytes,
                      "UTF-8として正しくないバイトがあります（" + std::to_string(bad + 1) + "バイト目）。ファイルが壊れている可能性があります。");
  }
  if (cp932ToUtf8(bytes, decoded)) return decoded;
  if (isValidUtf8(bytes)) {
    throw DecodeError(DecodeErrorCode::EncodingMismatch,
                      "XML宣言はShift_JISですが、内容はUTF-8で書かれています。連携アプリの文字コード設定を確認してください。");
  }
  throw DecodeError(DecodeErrorCode::InvalidBytes,
                    "Shift_JIS（CP932）として正しくないバイトがあります。ファイルが壊れている可能性があります。");
}

std::string encodeFromUtf8(std::string_view text, Encoding encoding) {
  if (!isValidUtf8(text)) throw EncodeError("UTF-8として正しくない文字列は書き出せません。");
  if (encoding == Encoding::Utf8) return std::string(text);
  Poco::Windows932Encoding cp932;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = toCp932Variant(nextCodePoint(text, i));
    unsigned char buf[4];
    int n = 0;
    if (cp < 0x80) {
      buf[0] = static_cast<unsigned char>(cp);
      n = 1;
    } else if (const int preferred = preferredCp932(cp)) {
      buf[0] = static_cast<unsigned char>(preferred >> 8);
      buf[1] = static_cast<unsigned char>(preferred & 0xFF);
      n = 2;
    } else {
      n = cp932.convert(static_cast<int>(cp), buf, sizeof buf);
    }
    if (n <= 0) {
      throw EncodeError("「" + std::string(text.substr(start, i - start)) +
                        "」はShift_JIS（CP932）で表せない文字です。UTF-8で送るか、文字を置き換えてください。");
    }
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace rececon::linkage
