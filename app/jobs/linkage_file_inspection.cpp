#include "app/jobs/linkage_file_inspection.h"

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "linkage/decode_error.h"

namespace rececon {

linkage::DecodedMessage inspectLinkageFile(const std::filesystem::path& file,
                                           const std::optional<std::string>& institutionCode) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw EnvironmentError("ファイル「" + file.string() + "」が見つからないか、通常のファイルではありません。");
  }
  linkage::DecodeOptions options;
  options.institutionCode = institutionCode;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > options.limits.maxBytes) {
    throw InvalidInput("[OQS-TOO-LARGE] ファイルが大きすぎます（" + std::to_string(size) + "バイト）。");
  }
  std::ifstream in(file, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (!in && !in.eof()) throw EnvironmentError("ファイル「" + file.string() + "」を読めませんでした。");
  try {
    return linkage::decodeMessage(bytes, file.filename().string(), options);
  } catch (const linkage::DecodeError& e) {
    throw InvalidInput(std::string("[") + linkage::errorCodeName(e.code()) + "] " + e.what());
  }
}

}  // namespace rececon
