#pragma once
// The interface's element names in Japanese and its code tables (oqs-interface.md §5, 別紙5-1).
// Unknown codes and elements are not errors: the spec evolves, so they are kept and shown as they are.
// Pure; any thread.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rececon::linkage {

// What the contract knows of an element: its Japanese label and, for coded elements, the table.
struct ElementInfo {
  std::string_view label;
  const std::map<std::string, std::string, std::less<>>* codes;  // nullptr when not coded
  int id;  // 0 .. knownElementCount() - 1: lets a table be indexed by element
};

// How many elements the contract knows.
std::size_t knownElementCount();

// nullptr for an element the contract does not know. One hash lookup: used on every element decoded.
const ElementInfo* elementInfo(std::string_view element);

// 保険者番号 for "InsurerNumber"; nullopt for an element the contract does not know.
std::optional<std::string> elementLabel(std::string_view element);

// The label of a code value, e.g. ("QualificationValidity", "3") -> "無効（新しい資格あり）".
// nullopt when the element has no code table or the value is not in it.
std::optional<std::string> codeLabel(std::string_view element, std::string_view value);

// True when element has a code table (so an unlisted value deserves a warning).
bool hasCodeTable(std::string_view element);

}  // namespace rececon::linkage
