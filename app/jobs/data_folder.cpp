#include "app/jobs/data_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "app/core/error.h"
#include "app/core/error_catalog.h"
#include "linkage/file_transfer.h"

namespace rececon {

std::filesystem::path defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "rececon";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "rececon";
  }
  throw EnvironmentError(kDataDirUnknown, {});
}

std::string rememberDatabaseChoice(const std::filesystem::path& dataDir, const std::string& url) {
  DataFolder folder(dataDir, url.empty() ? (dataDir / "rececon.db").string() : url);  // opened once: reachable, migrated
  const std::filesystem::path choice = folder.databaseChoiceFile();
  std::error_code ec;
  if (url.empty()) {
    std::filesystem::remove(choice, ec);
    return folder.databaseLocation().describe();
  }
  try {
    linkage::writeFileAtomically(dataDir, choice.filename().string(), url + "\n");
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError("「" + choice.string() + "」に台帳の選択を書けません: " + e.what());
  }
  return folder.databaseLocation().describe();
}

db::DatabaseLocation DataFolder::chooseDatabase(const std::optional<std::string>& given) const {
  if (given) return db::DatabaseLocation::parse(*given, dir_);
  if (const char* env = std::getenv("RECECON_DATABASE"); env && *env) return db::DatabaseLocation::parse(env, dir_);
  const std::filesystem::path choice = databaseChoiceFile();
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::filesystem::symlink_status(choice, ec))) {
    std::ifstream in(choice);
    std::string url;
    std::getline(in, url);
    while (!url.empty() && (url.back() == '\r' || url.back() == ' ')) url.pop_back();
    if (!url.empty()) return db::DatabaseLocation::parse(url, dir_);
  }
  return databaseFile();
}

DataFolder::DataFolder(std::optional<std::filesystem::path> dir, std::optional<std::string> database) : dir_(dir ? *dir : defaultDataDir()) {
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
  db_ = std::make_unique<db::Database>(chooseDatabase(database).withDataFolder(dir_));
  isNew_ = db_->createdNow();
}

}  // namespace rececon
