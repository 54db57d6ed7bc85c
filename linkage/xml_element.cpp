#include "linkage/xml_element.h"

namespace rececon::linkage {

const XmlElement* XmlElement::child(std::string_view childName) const {
  for (const auto& c : children) {
    if (c.name == childName) return &c;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::all(std::string_view childName) const {
  std::vector<const XmlElement*> out;
  for (const auto& c : children) {
    if (c.name == childName) out.push_back(&c);
  }
  return out;
}

std::optional<std::string> XmlElement::value(std::string_view childName) const {
  const XmlElement* c = child(childName);
  if (!c || !c->isLeaf()) return std::nullopt;
  return c->text;
}

std::optional<std::string> XmlElement::valueAt(std::string_view path) const {
  const XmlElement* node = this;
  while (node) {
    const std::size_t slash = path.find('/');
    if (slash == std::string_view::npos) return node->value(path);
    node = node->child(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  }
  return std::nullopt;
}

XmlElement& XmlElement::add(std::string childName, const std::optional<std::string>& childText) {
  if (childText) children.push_back(XmlElement{std::move(childName), *childText, {}});
  return *this;
}

XmlElement& XmlElement::addGroup(std::string childName) {
  children.push_back(XmlElement{std::move(childName), {}, {}});
  return children.back();
}

}  // namespace rececon::linkage
