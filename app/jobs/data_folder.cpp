#include "app/jobs/data_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "app/core/error.h"
#include "linkage/file_transfer.h"

namespace rececon {

std::filesystem::path defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "rececon";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "rececon";
  }
  throw EnvironmentError("データフォルダの既定の場所が決められません（HOME が未設定）。--data-dir で指定してください。");
}

DataFolder::DataFolder(std::optional<std::filesystem::path> dir) : dir_(dir ? *dir : defaultDataDir()) {
  try {
    linkage::createPrivateFolder(dir_);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError("データフォルダ「" + dir_.string() + "」を作成できません: " + e.what() +
                           " 場所と権限を確認するか、--data-dir で別の場所を指定してください。");
  }
  // The register and its archives hold patient data: only this user may enter, whatever the umask or
  // the mode an older version created it with.
  struct stat st {};
  if (::stat(dir_.c_str(), &st) == 0 && st.st_uid == ::geteuid() && (st.st_mode & 077) != 0) {
    ::chmod(dir_.c_str(), 0700);
  }
  isNew_ = !std::filesystem::exists(databaseFile());
  db_ = std::make_unique<db::Database>(databaseFile());
}

}  // namespace rececon
