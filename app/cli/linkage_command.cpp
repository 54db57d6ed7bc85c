// rececon-cli linkage decode FILE

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/linkage_file_inspection.h"
#include "app/jobs/site_settings.h"
#include "linkage/code_tables.h"
#include "linkage/message_schema.h"

namespace rececon::cli {
namespace {

using linkage::XmlNode;

// Children become keys; a child that may repeat (or does) becomes an array, so a list has the
// same shape whether it holds one entry or many.
// Recursion is safe here: the decoder has already capped the depth.
Poco::JSON::Object::Ptr elementJson(XmlNode element, linkage::MessageKind kind) {
  auto object = newJsonObject();
  for (XmlNode child = element.firstChild(); child; child = child.nextSibling()) {
    const std::string name(child.name());
    if (object->has(name)) continue;  // a list, filled at its first entry
    const auto value = [&](XmlNode e) -> Poco::Dynamic::Var {
      if (e.isLeaf()) return std::string(e.text());
      return elementJson(e, kind);
    };
    const auto same = element.all(name);
    if (!linkage::mayRepeat(kind, element.name(), name) && same.size() == 1) {
      object->set(name, value(child));
      continue;
    }
    auto array = newJsonArray();
    for (const XmlNode entry : same) array->add(value(entry));
    object->set(name, array);
  }
  return object;
}

void printElement(std::ostream& out, XmlNode element, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  const auto label = linkage::elementLabel(element.name());
  out << indent << (label ? *label + " " : std::string("（未知の要素）")) << element.name();
  if (!element.isLeaf()) {
    out << "\n";
    for (XmlNode child = element.firstChild(); child; child = child.nextSibling()) printElement(out, child, depth + 1);
    return;
  }
  out << ": 「" << element.text() << "」";
  if (const auto code = linkage::codeLabel(element.name(), element.text())) out << " " << *code;
  out << "\n";
}

int decode(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(flagOption("any-institution", "医療機関コードを照合しない（他院のファイルの調査用）"));
  auto o = parseCommandOptions(args, set, "linkage decode FILE [--any-institution]", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("読み込むファイルを1つ指定してください: linkage decode FILE");
  std::optional<std::string> institution;
  if (!o->has("any-institution")) {
    const auto configured = SiteSettings(c.folder().database()).get("institution_code");
    if (!configured.value.empty()) institution = configured.value;
  }
  const auto m = inspectLinkageFile(o->positional[0], institution);
  const auto& info = linkage::kindInfo(m.kind);
  if (c.json) {
    auto j = newJsonObject();
    j->set("kind", info.prefix);
    j->set("kind_name", info.name);
    j->set("encoding", linkage::declarationName(m.encoding().encoding));
    j->set("bom", m.encoding().bom);
    auto warnings = newJsonArray();
    for (const auto& w : m.warnings) warnings->add(w);
    j->set("warnings", warnings);
    j->set("XmlMsg", elementJson(m.root(), m.kind));
    printJson(*c.out, j);
    return 0;
  }
  *c.out << "種類: " << info.name << "（" << info.prefix << "）\n"
         << "文字コード: " << linkage::declarationName(m.encoding().encoding) << (m.encoding().bom ? "（BOMあり）" : "") << "\n";
  for (const auto& w : m.warnings) *c.out << "注意: " << w << "\n";
  printElement(*c.out, m.root(), 0);
  return 0;
}

}  // namespace

int runLinkageCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("linkage", args, {{"decode", [&](Args rest) { return decode(c, rest); }}});
}

}  // namespace rececon::cli
