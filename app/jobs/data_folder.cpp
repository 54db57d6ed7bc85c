#include "app/jobs/data_folder.h"

#include <cstdlib>

#include "app/core/error.h"

namespace rececon {

std::filesystem::path defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "rececon";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "rececon";
  }
  throw EnvironmentError("データフォルダの既定の場所が決められません（HOME が未設定）。--data-dir で指定してください。");
}

DataFolder::DataFolder(std::optional<std::filesystem::path> dir) : dir_(dir ? *dir : defaultDataDir()) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_)) {
    throw EnvironmentError("データフォルダ「" + dir_.string() + "」を作成できません（" + ec.message() +
                           "）。場所と権限を確認するか、--data-dir で別の場所を指定してください。");
  }
  isNew_ = !std::filesystem::exists(databaseFile());
  db_ = std::make_unique<db::Database>(databaseFile());
}

}  // namespace rececon
