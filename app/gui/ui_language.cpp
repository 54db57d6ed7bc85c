#include "app/gui/ui_language.h"

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "app/gui/wx_convert.h"

namespace rececon::gui {
namespace {

constexpr char kCatalog[] = "rececon";

// Folders that may hold <lang>/LC_MESSAGES/rececon.mo, most specific first: $RECECON_LOCALE_DIR, the
// build tree this program came from, and share/locale beside an installed bin/.
std::vector<std::filesystem::path> catalogFolders() {
  std::vector<std::filesystem::path> folders;
  if (const char* env = std::getenv("RECECON_LOCALE_DIR"); env && *env) folders.emplace_back(env);
#ifdef RECECON_BUILD_LOCALE_DIR
  folders.emplace_back(RECECON_BUILD_LOCALE_DIR);
#endif
  const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
  folders.push_back(std::filesystem::path(fromWx(exe.GetPath())).parent_path() / "share" / "locale");
  return folders;
}

std::string& currentLanguage() {
  static std::string language = "ja";
  return language;
}

}  // namespace

const std::string& uiLanguage() { return currentLanguage(); }

std::string useUiLanguage(const std::string& language) {
  currentLanguage() = "en";  // until the Japanese catalog is known to be there
  auto* translations = new wxTranslations();
  wxTranslations::Set(translations);  // owns it from here
  if (language == "en") {
    translations->SetLanguage(wxLANGUAGE_ENGLISH_US);
    return "";
  }
  if (language != "ja") {
    translations->SetLanguage(wxLANGUAGE_ENGLISH_US);
    return "Unknown language \"" + language + "\" (ja or en); the window is shown in English.";
  }
  translations->SetLanguage(wxLANGUAGE_JAPANESE);
  std::string lookedIn;
  for (const auto& folder : catalogFolders()) {
    if (std::filesystem::exists(folder / "ja" / "LC_MESSAGES" / (std::string(kCatalog) + ".mo")))
      wxFileTranslationsLoader::AddCatalogLookupPathPrefix(toWx(folder.string()));
    lookedIn += (lookedIn.empty() ? "" : ", ") + folder.string();
  }
  translations->AddStdCatalog();  // wxWidgets' own words (file dialogs, stock buttons) when installed
  if (translations->AddCatalog(wxASCII_STR(kCatalog), wxLANGUAGE_ENGLISH_US)) {
    currentLanguage() = "ja";
    return "";
  }
  return "The Japanese catalog ja/LC_MESSAGES/rececon.mo was not found (looked in " + lookedIn +
           "); the window is shown in English. Rebuild, or set RECECON_LOCALE_DIR to the folder holding it.";
}

}  // namespace rececon::gui
