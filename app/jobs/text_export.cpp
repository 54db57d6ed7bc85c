#include "app/jobs/text_export.h"

#include "app/core/error.h"
#include "linkage/file_transfer.h"

namespace rececon {

void writeTextFileAtomically(const std::filesystem::path& file, const std::string& text) {
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  try {
    // Exports hold patient data: 0600 whatever the umask, through a new temporary file that nothing
    // planted beforehand can redirect; an earlier export of the same name is replaced whole.
    linkage::writeFileAtomically(dir, file.filename().string(), text, linkage::FileAccess::Private,
                                 linkage::ExistingFile::Replace);
  } catch (const linkage::TransferError& e) {
    throw EnvironmentError(std::string(e.what()) + " フォルダがあるか、書き込めるか、ディスクの空きを確認してください。");
  }
}

}  // namespace rececon
