#pragma once
// A linkage message as a tree of named elements. The interface uses no attributes and no mixed
// content: an element has either text (possibly empty) or child elements. Values are kept exactly as
// in the file after decoding (leading spaces and zeros included). Any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rececon::linkage {

struct XmlElement {
  std::string name;
  std::string text;  // for leaf elements; "" for <X/> and <X></X>
  std::vector<XmlElement> children;

  bool isLeaf() const { return children.empty(); }

  // The first child with this name, or nullptr.
  const XmlElement* child(std::string_view childName) const;
  // All children with this name, in document order.
  std::vector<const XmlElement*> all(std::string_view childName) const;
  // The text of a child leaf: nullopt when the element is missing, "" when it is empty.
  std::optional<std::string> value(std::string_view childName) const;
  // Text of the leaf at a path such as "MessageHeader/SegmentOfResult".
  std::optional<std::string> valueAt(std::string_view path) const;

  // Appends a child leaf (or, with text nullopt, nothing) and returns *this for chaining.
  XmlElement& add(std::string childName, const std::optional<std::string>& childText);
  // Appends a child group and returns it. The reference is to an element of `children`: adding another
  // child to *this invalidates it (reserve first, or finish the group before adding the next).
  XmlElement& addGroup(std::string childName);

  bool operator==(const XmlElement&) const = default;
};

}  // namespace rececon::linkage
