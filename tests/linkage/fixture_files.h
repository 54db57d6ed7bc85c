#pragma once
// Reading fixture files from tests/linkage/fixtures.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace rececon::test {

inline std::filesystem::path fixturePath(const std::string& relative) {
  return std::filesystem::path(RECECON_LINKAGE_FIXTURES) / std::filesystem::u8path(relative);
}

inline std::string readFixture(const std::string& relative) {
  std::ifstream in(fixturePath(relative), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace rececon::test
