#pragma once
// Decoding and encoding whole linkage messages: bytes -> a validated, read-only document of a known
// kind; an XmlElement tree -> bytes. Pure; any thread.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/message_kind.h"
#include "linkage/text_encoding.h"
#include "linkage/xml_document.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

struct DecodeOptions {
  // Our 10-digit institution code; when set, a message carrying another one is refused.
  std::optional<std::string> institutionCode;
  ReadLimits limits;
};

struct DecodedMessage {
  MessageKind kind = MessageKind::SingleCheckResult;
  std::shared_ptr<const XmlDocument> document;  // keeps the views below alive
  std::vector<std::string> warnings;            // Japanese; unknown elements/codes, CharacterCodeIdentifier doubts

  const DetectedEncoding& encoding() const { return document->encoding(); }
  XmlNode root() const { return document->root(); }
  XmlNode header() const { return root().child("MessageHeader"); }
  XmlNode body() const { return root().child("MessageBody"); }
};

// Decodes and validates a file's bytes. The kind comes from the file name's prefix, else from the
// content. Throws DecodeError with a specific code (see decode_error.h).
DecodedMessage decodeMessage(std::string_view bytes, std::string_view fileName, const DecodeOptions& options = {});

// The bytes of a message (root must be XmlMsg). Throws EncodeError.
std::string encodeMessage(const XmlElement& root, Encoding encoding);

}  // namespace rececon::linkage
