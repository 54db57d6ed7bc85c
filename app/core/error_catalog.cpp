#include "app/core/error_catalog.h"

#include <array>

namespace rececon {
namespace {

struct CatalogEntry {
  std::string_view code, ja, en;
};

constexpr std::array kCatalog = {
    CatalogEntry{kResultNeedsPatient, "{why}反映する患者を選んでください。",
                 "{why}Choose the patient to apply it to."},
    CatalogEntry{kResultMatchesRegistered,
                 "登録済みの患者と一致または一部一致しています（{explanation}）。新しい患者にはできません。反映する患者を選んでください。",
                 "The result matches a registered patient, fully or partly ({explanation}). It cannot become a new "
                 "patient; choose the patient to apply it to."},
    CatalogEntry{kResultNeedsInsuredNumber, "保険情報を登録するには、保険者番号と番号の反映を承認してください。",
                 "To store the insurance, approve taking the insurer number and the insured number."},
};

std::string fill(std::string_view text, const ErrorParams& params) {
  std::string out(text);
  for (const auto& [name, value] : params) {
    const std::string placeholder = "{" + name + "}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  return out;
}

}  // namespace

std::string errorSentence(std::string_view code, const ErrorParams& params, std::string_view language) {
  for (const auto& entry : kCatalog) {
    if (entry.code == code) return fill(language == "en" ? entry.en : entry.ja, params);
  }
  std::string text(code);
  for (const auto& [name, value] : params) text += " " + name + "=" + value;
  return text;
}

std::string errorText(const Error& error, std::string_view language) {
  return error.code().empty() ? std::string(error.what()) : errorSentence(error.code(), error.params(), language);
}

}  // namespace rececon
