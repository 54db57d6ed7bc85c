#pragma once
// Writing an XmlElement tree as a linkage file: XML declaration with the encoding, two-space
// indentation, CRLF line ends (the linkage app runs on Windows), text escaped. Pure; any thread.

#include <string>

#include "linkage/text_encoding.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

// The file's bytes. Throws EncodeError for a character the encoding cannot hold or a control
// character XML 1.0 does not allow.
std::string writeXml(const XmlElement& root, Encoding encoding);

}  // namespace rececon::linkage
