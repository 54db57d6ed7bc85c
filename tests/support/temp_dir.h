#pragma once
// A fresh temporary folder per test, removed afterwards. Its name contains Japanese characters so
// that every test also proves the code copes with non-ASCII paths.

#include <filesystem>

namespace rececon::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace rececon::test
