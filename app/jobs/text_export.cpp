#include "app/jobs/text_export.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <system_error>

#include "app/core/error.h"

namespace rececon {

void writeTextFileAtomically(const std::filesystem::path& file, const std::string& text) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw EnvironmentError("「" + file.string() + "」を作成できません。フォルダがあるか確認してください。");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw EnvironmentError("「" + file.string() + "」を書き終えられません（ディスクの空きを確認してください）。");
    }
  }
  // The bytes reach the disk before the name does: after a power cut the file is the old one or the
  // whole new one, never a new name with no content.
  const int fd = ::open(temporary.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  std::error_code ec;
  if (!synced) {
    std::filesystem::remove(temporary, ec);
    throw EnvironmentError("「" + file.string() + "」をディスクに書き込めません（ディスクの状態を確認してください）。");
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) throw EnvironmentError("「" + file.string() + "」を置けません（" + ec.message() + "）。");
}

}  // namespace rececon
