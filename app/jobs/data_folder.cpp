#include "app/core/error_catalog.h"
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
  throw EnvironmentError(kDataDirUnknown, {});
}

DataFolder::DataFolder(std::optional<std::filesystem::path> dir) : dir_(dir ? *dir : defaultDataDir()) {
  try {
    linkage::createPrivateFolder(dir_);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(kDataDirUnusable, {{"dir", dir_.string()}, {"reason", e.what()}});
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
