#include "app/jobs/diagnosis_files.h"

#include <fstream>
#include <iterator>

#include "app/core/error.h"
#include "app/jobs/demo_data.h"

namespace rececon {
namespace {

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw EnvironmentError("診断用のファイル「" + file.string() + "」を読めません。");
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

std::filesystem::path diagnosisDir() { return resourcesDir() / "diagnosis"; }

ErrorHandbook loadErrorHandbook() { return loadErrorHandbook(diagnosisDir()); }

std::vector<MinimumVersion> loadMinimumVersions(const std::filesystem::path& folder) {
  const auto csv = folder / "minimum-versions.csv";
  const std::string text = readText(csv);
  try {
    return parseMinimumVersions(text);
  } catch (const InvalidInput& e) {
    throw InvalidInput(csv.string() + ": " + e.what());
  }
}

}  // namespace rececon
