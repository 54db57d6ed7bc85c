#include "app/jobs/error_handbook_file.h"

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "app/jobs/demo_data.h"

namespace rececon {
namespace {

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw EnvironmentError("エラーコード集「" + file.string() + "」を読めません。");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

ErrorHandbook loadErrorHandbook(const std::filesystem::path& folder) {
  const auto csv = folder / "error-handbook.csv";
  const std::string csvText = readText(csv);
  const std::string checklistText = readText(folder / "first-steps.txt");
  try {
    return ErrorHandbook::parse(csvText, checklistText);
  } catch (const InvalidInput& e) {
    throw InvalidInput(csv.string() + ": " + e.what());
  }
}

ErrorHandbook loadErrorHandbook() { return loadErrorHandbook(resourcesDir() / "diagnosis"); }

}  // namespace rececon
