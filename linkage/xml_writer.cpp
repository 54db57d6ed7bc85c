#include "linkage/xml_writer.h"

#include <vector>

#include "linkage/decode_error.h"

namespace rececon::linkage {
namespace {

void appendEscaped(std::string& out, const std::string& text, const std::string& element) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      throw EncodeError("<" + element + "> に XML で書けない制御文字があります。");
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string writeXml(const XmlElement& root, Encoding encoding) {
  std::string out = std::string("<?xml version=\"1.0\" encoding=\"") + declarationName(encoding) +
                    "\" standalone=\"no\"?>\r\n";
  // Iterative: an opening visit writes the start tag (and text), a closing visit the end tag.
  struct Visit {
    const XmlElement* element;
    int depth;
    bool closing;
  };
  std::vector<Visit> stack{{&root, 0, false}};
  while (!stack.empty()) {
    const Visit v = stack.back();
    stack.pop_back();
    const std::string indent(static_cast<std::size_t>(v.depth) * 2, ' ');
    const XmlElement& e = *v.element;
    if (v.closing) {
      out += indent + "</" + e.name + ">\r\n";
      continue;
    }
    out += indent + "<" + e.name + ">";
    if (e.isLeaf()) {
      appendEscaped(out, e.text, e.name);
      out += "</" + e.name + ">\r\n";
      continue;
    }
    out += "\r\n";
    stack.push_back({&e, v.depth, true});
    for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) stack.push_back({&*it, v.depth + 1, false});
  }
  return encodeFromUtf8(out, encoding);
}

}  // namespace rececon::linkage
