#pragma once
// Why a linkage file was refused: a stable English code for logs and scripts, and a Japanese message
// for the person at the desk or on the support line. Thrown by the codec; callers quarantine the file.

#include <stdexcept>
#include <string>

namespace rececon::linkage {

enum class DecodeErrorCode {
  Empty,                // 0 bytes
  TooLarge,             // over the size cap
  UnsupportedEncoding,  // UTF-16, EUC-JP, …
  EncodingMismatch,     // declaration (or BOM) says one encoding, the bytes are another
  InvalidBytes,         // bytes that are not valid in the declared encoding
  DoctypeRefused,       // DOCTYPE / ENTITY declarations are never processed
  Truncated,            // ends in the middle (probably still being written)
  Malformed,            // not well-formed XML
  TooDeep,              // nesting deeper than the cap
  MixedContent,         // an element with both text and child elements
  WrongRoot,            // root is not XmlMsg, or MessageHeader/MessageBody missing or repeated
  DuplicateElement,     // a single-valued element appears twice
  WrongInstitution,     // MedicalInstitutionCode other than ours
  UnknownKind,          // neither the file name nor the content says which message this is
  SymbolicLink,         // a link under a file's name: never followed
  NotRegularFile,       // a folder, FIFO, device or socket under a file's name: never opened
};

// "OQS-TRUNCATED" etc.
const char* errorCodeName(DecodeErrorCode code);

class DecodeError : public std::runtime_error {
 public:
  DecodeError(DecodeErrorCode code, const std::string& japaneseMessage);
  DecodeErrorCode code() const { return code_; }

 private:
  DecodeErrorCode code_;
};

// A character that cannot be written in the chosen encoding (e.g. an emoji in a Shift_JIS request).
class EncodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rececon::linkage
