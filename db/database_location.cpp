#include "db/database_location.h"

#include <cstdint>

#include "app/core/error.h"

namespace rececon::db {

namespace {

// r + 16 hex digits of FNV-1a over the folder's absolute path: a valid, stable schema name.
std::string schemaNameFor(const std::filesystem::path& folder) {
  std::error_code ec;
  const std::string path = std::filesystem::absolute(folder, ec).lexically_normal().string();
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : path) hash = (hash ^ c) * 1099511628211ull;
  static const char* digits = "0123456789abcdef";
  std::string name = "r";
  for (int shift = 60; shift >= 0; shift -= 4) name += digits[(hash >> shift) & 0xf];
  return name;
}

}  // namespace

DatabaseLocation DatabaseLocation::parse(const std::string& fileOrUrl, const std::filesystem::path& dataFolder) {
  if (const std::size_t at = fileOrUrl.find("{folder}"); at != std::string::npos) {
    if (dataFolder.empty()) throw InvalidInput("データベースのURLの {folder} に当てるデータフォルダがありません。");
    std::string expanded = fileOrUrl;
    expanded.replace(at, 8, schemaNameFor(dataFolder));
    return parse(expanded);
  }
  const std::size_t scheme = fileOrUrl.find("://");
  if (scheme == std::string::npos) {
    if (fileOrUrl.empty()) throw InvalidInput("データベースの場所が空です。ファイルか postgresql:// のURLを指定してください。");
    return DatabaseLocation(std::filesystem::path(fileOrUrl));
  }
  const std::string name = fileOrUrl.substr(0, scheme);
  if (name != "postgresql" && name != "postgres") {
    throw InvalidInput("データベースのURL「" + name + "://…」は扱えません。postgresql:// で指定してください。");
  }
  // user:password@ before the host: a password on a command line is seen by every user of the machine.
  const std::size_t authorityEnd = fileOrUrl.find_first_of("/?", scheme + 3);
  const std::string authority = fileOrUrl.substr(scheme + 3, authorityEnd == std::string::npos ? std::string::npos : authorityEnd - scheme - 3);
  const std::size_t at = authority.rfind('@');
  if ((at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos) ||
      fileOrUrl.find("password=") != std::string::npos) {
    throw InvalidInput("データベースのURLにパスワードを書かないでください（プロセス一覧やログに残ります）。"
                       "パスワードは ~/.pgpass か PGPASSFILE の指すファイル（権限 0600）に書いてください。");
  }
  DatabaseLocation location;
  location.postgresUrl_ = fileOrUrl;
  return location;
}

}  // namespace rececon::db
