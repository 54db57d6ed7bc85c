#pragma once
// The two character sets the linkage app uses: UTF-8 and Shift_JIS, which in practice means CP932
// (Windows-31J, with the NEC and IBM extension characters such as ①, ㈱, 髙). Bytes are decoded by
// the BOM and the XML declaration; invalid bytes are refused, never replaced. Pure; any thread.

#include <string>
#include <string_view>

namespace rececon::linkage {

enum class Encoding { Utf8, ShiftJis };

// "UTF-8" / "Shift_JIS", as written in an XML declaration.
const char* declarationName(Encoding encoding);

struct DetectedEncoding {
  Encoding encoding = Encoding::Utf8;
  bool bom = false;          // a UTF-8 byte-order mark was present
  std::string declared;      // the declaration's encoding="…" value; empty when there was none
};

// Reads the BOM and the XML declaration. Throws DecodeError (UnsupportedEncoding for UTF-16 or any
// other declared charset, EncodingMismatch for a UTF-8 BOM with a Shift_JIS declaration).
DetectedEncoding detectEncoding(std::string_view bytes);

// The document as UTF-8 (BOM removed). Throws DecodeError: InvalidBytes with the byte offset, or
// EncodingMismatch when the bytes are invalid as declared but valid in the other encoding.
std::string decodeToUtf8(std::string_view bytes, const DetectedEncoding& detected);

// UTF-8 text in the given encoding. For Shift_JIS, the characters that Unicode-to-JIS tables disagree
// on (〜 U+301C, − U+2212, — U+2014, ‖ U+2016, ¢ £ ¬) are written as CP932 writes them. Throws
// EncodeError naming a character that cannot be represented, or on malformed UTF-8.
std::string encodeFromUtf8(std::string_view text, Encoding encoding);

// True when text is well-formed UTF-8.
bool isValidUtf8(std::string_view text);

}  // namespace rececon::linkage
