#include "tests/forms/pdf_inspection.h"

#include <cmath>
#include <cstdlib>

#include "forms/page_renderer.h"
#include "tests/support/process_runner.h"

namespace rececon::test {

std::string squeeze(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') continue;
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 full-width space
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string pdfTextSqueezed(const std::filesystem::path& pdf) {
  const auto r = runProcess("pdftotext", {"-layout", "-enc", "UTF-8", pdf.string(), "-"});
  if (r.exitCode != 0) throw std::runtime_error("pdftotext failed: " + r.err);
  return squeeze(r.out);
}

int pdfPageCount(const std::filesystem::path& pdf) {
  const auto r = runProcess("pdfinfo", {pdf.string()});
  const auto at = r.out.find("Pages:");
  if (r.exitCode != 0 || at == std::string::npos) throw std::runtime_error("pdfinfo failed: " + r.err);
  return std::stoi(r.out.substr(at + 6));
}

ImageDifference compareWithGolden(const std::filesystem::path& pdf, int page, const std::string& goldenName,
                                  const std::filesystem::path& actualDir) {
  std::filesystem::create_directories(actualDir);
  const auto prefix = actualDir / goldenName;
  const auto r = runProcess("pdftoppm", {"-r", "50", "-gray", "-png", "-singlefile", "-f", std::to_string(page), "-l",
                                         std::to_string(page), pdf.string(), prefix.string()});
  if (r.exitCode != 0) throw std::runtime_error("pdftoppm failed: " + r.err);
  const auto actualPath = prefix.string() + ".png";
  const auto goldenPath = std::filesystem::path(RECECON_FORMS_GOLDEN) / (goldenName + ".png");
  const char* update = std::getenv("RECECON_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") std::filesystem::copy_file(actualPath, goldenPath, std::filesystem::copy_options::overwrite_existing);

  const forms::PageImage actual = forms::loadPng(actualPath);
  const forms::PageImage golden = forms::loadPng(goldenPath.string());
  ImageDifference d;
  d.sameSize = actual.width == golden.width && actual.height == golden.height;
  if (!d.sameSize) return d;
  std::size_t differing = 0;
  double total = 0;
  const std::size_t pixels = static_cast<std::size_t>(actual.width) * actual.height;
  for (std::size_t i = 0; i < pixels; ++i) {
    const int diff = std::abs(int{actual.rgb[i * 3]} - int{golden.rgb[i * 3]});
    total += diff;
    if (diff > 64) ++differing;
  }
  d.differingFraction = static_cast<double>(differing) / static_cast<double>(pixels);
  d.meanDifference = total / static_cast<double>(pixels);
  return d;
}

}  // namespace rececon::test
