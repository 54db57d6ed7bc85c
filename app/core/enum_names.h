#pragma once
// One table per enum gives both directions between a state and the word stored for it (in the database,
// in JSON for scripts): a state is written once, in its enum, and converted only at those edges. Pure.
//
//   template <> struct EnumNames<VisitVerification> {
//     static constexpr std::pair<VisitVerification, std::string_view> table[] = {{VisitVerification::Verified, "verified"}, …};
//   };

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace rececon {

template <class E>
struct EnumNames;  // specialised beside each enum

// The stored word of a state.
template <class E>
std::string_view nameOf(E value) {
  for (const auto& [e, name] : EnumNames<E>::table)
    if (e == value) return name;
  return {};  // unreachable while every enumerator is in its table (enum_names_test checks it)
}

// The state a stored word names; nullopt for a word no table knows.
template <class E>
std::optional<E> enumFromName(std::string_view name) {
  for (const auto& [e, n] : EnumNames<E>::table)
    if (n == name) return e;
  return std::nullopt;
}

}  // namespace rececon
