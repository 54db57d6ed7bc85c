// rececon-cli linkage decode FILE

#include <ostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/jobs/linkage_file_inspection.h"
#include "app/jobs/site_settings.h"

namespace rececon::cli {
namespace {

// Children become keys; a child that is a list becomes an array, so a list has the same shape whether it
// holds one entry or many.
Poco::JSON::Object::Ptr elementJson(const InspectedElement& element) {
  auto object = newJsonObject();
  for (const auto& child : element.children) {
    const auto value = [](const InspectedElement& e) -> Poco::Dynamic::Var {
      if (e.leaf) return e.text;
      return elementJson(e);
    };
    if (!child.list) {
      object->set(child.name, value(child));
      continue;
    }
    if (!object->has(child.name)) object->set(child.name, newJsonArray());
    object->getArray(child.name)->add(value(child));
  }
  return object;
}

void printElement(std::ostream& out, const InspectedElement& element, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out << indent << (element.label ? *element.label + " " : std::string("（未知の要素）")) << element.name;
  if (!element.leaf) {
    out << "\n";
    for (const auto& child : element.children) printElement(out, child, depth + 1);
    return;
  }
  out << ": 「" << element.text << "」";
  if (element.codeMeaning) out << " " << *element.codeMeaning;
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
  const InspectedFile m = inspectLinkageFile(o->positional[0], institution);
  if (c.json) {
    auto j = newJsonObject();
    j->set("kind", m.kindPrefix);
    j->set("kind_name", m.kindName);
    j->set("encoding", m.encoding);
    j->set("bom", m.bom);
    auto warnings = newJsonArray();
    for (const auto& w : m.warnings) warnings->add(w);
    j->set("warnings", warnings);
    j->set("XmlMsg", elementJson(m.root));
    printJson(*c.out, j);
    return 0;
  }
  *c.out << "種類: " << m.kindName << "（" << m.kindPrefix << "）\n"
         << "文字コード: " << m.encoding << (m.bom ? "（BOMあり）" : "") << "\n";
  for (const auto& w : m.warnings) *c.out << "注意: " << w << "\n";
  printElement(*c.out, m.root, 0);
  return 0;
}

}  // namespace

int runLinkageCommand(CliContext& c, const std::vector<std::string>& args) {
  using Args = const std::vector<std::string>&;
  return runVerb("linkage", args, {{"decode", [&](Args rest) { return decode(c, rest); }}});
}

}  // namespace rececon::cli
