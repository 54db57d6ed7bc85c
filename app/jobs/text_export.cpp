#include "app/jobs/text_export.h"

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
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) throw EnvironmentError("「" + file.string() + "」を置けません（" + ec.message() + "）。");
}

}  // namespace rececon
