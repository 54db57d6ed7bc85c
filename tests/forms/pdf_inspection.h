#pragma once
// Reading a rendered PDF back the way a person would: its text through pdftotext, its pages through
// pdftoppm, compared with golden images.
#include <filesystem>
#include <string>

namespace rececon::test {

// The PDF's text laid out as on the page (so a table row stays one line), with all white space removed (so "令和 8 年" and "令和8年" compare equal).
std::string pdfTextSqueezed(const std::filesystem::path& pdf);
int pdfPageCount(const std::filesystem::path& pdf);
// Removes white space (ASCII and the full-width space).
std::string squeeze(const std::string& text);

struct ImageDifference {
  bool sameSize = false;
  double differingFraction = 1;  // pixels whose grey differs by more than 64 of 255
  double meanDifference = 255;
};

// Renders page `page` (1-based) with pdftoppm at 50 dpi in grey and compares it with the golden PNG of
// that name in the golden folder. With RECECON_UPDATE_GOLDEN=1 the golden image is written instead.
// The rendered page is kept in actualDir for looking at.
ImageDifference compareWithGolden(const std::filesystem::path& pdf, int page, const std::string& goldenName,
                                  const std::filesystem::path& actualDir);

}  // namespace rececon::test
