#pragma once
// Reading a linkage file's bytes into an XmlElement tree, safely: size cap, encoding by BOM and
// declaration with strict decoding, DOCTYPE/ENTITY refused, truncation told apart from malformed XML,
// depth capped while the tree is built (without recursion). Pure; any thread.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/text_encoding.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

struct ReadLimits {
  std::size_t maxBytes = 64 * 1024 * 1024;  // a 10,000-person bulk result is about 15 MiB
  int maxDepth = 16;                         // the deepest real path is 7 levels
};

struct XmlReadResult {
  XmlElement root;
  DetectedEncoding encoding;
  std::vector<std::string> warnings;  // Japanese; things kept but worth telling (attributes ignored, …)
};

// Throws DecodeError with the specific code and a Japanese message.
XmlReadResult readXml(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace rececon::linkage
