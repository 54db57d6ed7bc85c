#include "app/core/kana.h"

#include <algorithm>

#include "app/core/utf8.h"

namespace rececon {
namespace {

// Half-width katakana U+FF66..U+FF9D in code-point order, as their full-width forms.
constexpr char32_t kHalfWidthKatakana[] = {
    U'ヲ', U'ァ', U'ィ', U'ゥ', U'ェ', U'ォ', U'ャ', U'ュ', U'ョ', U'ッ', U'ー', U'ア', U'イ', U'ウ', U'エ',
    U'オ', U'カ', U'キ', U'ク', U'ケ', U'コ', U'サ', U'シ', U'ス', U'セ', U'ソ', U'タ', U'チ', U'ツ', U'テ',
    U'ト', U'ナ', U'ニ', U'ヌ', U'ネ', U'ノ', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ', U'マ', U'ミ', U'ム', U'メ',
    U'モ', U'ヤ', U'ユ', U'ヨ', U'ラ', U'リ', U'ル', U'レ', U'ロ', U'ワ', U'ン'};
static_assert(sizeof(kHalfWidthKatakana) / sizeof(char32_t) == 0xFF9D - 0xFF66 + 1);

constexpr char32_t kHalfDakuten = 0xFF9E;
constexpr char32_t kHalfHandakuten = 0xFF9F;
constexpr char32_t kCombiningDakuten = 0x3099;
constexpr char32_t kCombiningHandakuten = 0x309A;
constexpr char32_t kSpacingDakuten = 0x309B;
constexpr char32_t kSpacingHandakuten = 0x309C;

bool isHaRow(char32_t c) { return c == U'ハ' || c == U'ヒ' || c == U'フ' || c == U'ヘ' || c == U'ホ'; }

// The voiced form of a katakana (ガ for カ), or 0 when it has none.
char32_t withDakuten(char32_t c) {
  if ((c >= U'カ' && c <= U'ヂ') && (c - U'カ') % 2 == 0) return c + 1;  // カ..チ
  if (c == U'ツ' || c == U'テ' || c == U'ト') return c + 1;
  if (isHaRow(c)) return c + 1;
  if (c == U'ウ') return U'ヴ';
  if (c == U'ワ') return U'ヷ';
  if (c == U'ヲ') return U'ヺ';
  if (c == U'ゝ' || c == U'ヽ') return c + 1;
  return 0;
}

char32_t withHandakuten(char32_t c) { return isHaRow(c) ? c + 2 : 0; }

bool isRemoved(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x3000 || c == U'・' || c == 0xFF65 || c == 0x00B7;
}

bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

// Half-width katakana and hiragana as full-width katakana; anything else unchanged.
char32_t toKatakana(char32_t c) {
  if (c >= 0xFF66 && c <= 0xFF9D) return kHalfWidthKatakana[c - 0xFF66];
  if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E) return c + 0x60;
  return c;
}

// Composes a voicing mark c (any of its forms) with the last kana of out. True when c was a voicing mark:
// composed, or, with nothing to compose with, appended in its spacing form.
bool appendVoicingMark(std::u32string& out, char32_t c) {
  const bool dakuten = c == kHalfDakuten || c == kCombiningDakuten || c == kSpacingDakuten;
  const bool handakuten = c == kHalfHandakuten || c == kCombiningHandakuten || c == kSpacingHandakuten;
  if (!dakuten && !handakuten) return false;
  if (!out.empty()) {
    const char32_t composed = dakuten ? withDakuten(out.back()) : withHandakuten(out.back());
    if (composed != 0) {
      out.back() = composed;
      return true;
    }
  }
  out.push_back(dakuten ? kSpacingDakuten : kSpacingHandakuten);
  return true;
}

bool isStoredKatakana(char32_t c) {
  return (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FE);  // ァ..ヺ, ー ヽ ヾ
}

}  // namespace

std::string normalizeKana(std::string_view text) {
  std::u32string out;
  for (char32_t c : utf8::decode(text)) {
    if (isRemoved(c)) continue;
    c = toKatakana(c);
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;  // full-width ASCII
    if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
    // A mark with nothing to combine with is kept in its spacing form, so keys stay comparable.
    if (!appendVoicingMark(out, c)) out.push_back(c);
  }
  return utf8::encode(out);
}

std::optional<std::string> toFullWidthKatakana(std::string_view text) {
  std::u32string out;
  bool pendingSpace = false;
  for (char32_t c : utf8::decode(text)) {
    if (isSpace(c)) {
      pendingSpace = !out.empty();  // leading spaces vanish; a run between parts becomes one
      continue;
    }
    if (pendingSpace) out.push_back(0x3000);
    pendingSpace = false;
    c = toKatakana(c);
    if (c == 0xFF65 || c == 0x00B7) c = U'・';
    if (appendVoicingMark(out, c)) {
      // A stray mark (ア゛) is not a reading: refused rather than stored as a spacing mark.
      if (out.back() == kSpacingDakuten || out.back() == kSpacingHandakuten) return std::nullopt;
      continue;
    }
    if (!isStoredKatakana(c) && c != U'・') return std::nullopt;
    out.push_back(c);
  }
  const bool anyKana = std::any_of(out.begin(), out.end(), isStoredKatakana);
  if (!anyKana) return std::nullopt;
  return utf8::encode(out);
}

bool isKanaName(std::string_view text) { return utf8::isValid(text) && toFullWidthKatakana(text).has_value(); }

}  // namespace rececon
