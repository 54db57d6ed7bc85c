// Decode + validate + map (into the typed messages) linkage results and compare with a bare pugixml
// parse of the same document.
// Cases: a ~1 KB single result, and a 10,000-unit bulk result, each in UTF-8 and Shift_JIS.
// The bare parse always gets the UTF-8 bytes (pugixml cannot read Shift_JIS at all).
// Usage: linkage_decode_bench [--fixtures DIR]
// Target (linkage issue): decode + validate + map within 3x of the bare parse.

#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "linkage/text_encoding.h"

using namespace rececon::linkage;
using Clock = std::chrono::steady_clock;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Median time of one call, in microseconds, over enough repetitions to fill ~0.5 s.
template <typename F>
double medianMicros(F&& f) {
  std::vector<double> samples;
  const auto deadline = Clock::now() + std::chrono::milliseconds(500);
  while (samples.size() < 5 || (Clock::now() < deadline && samples.size() < 20000)) {
    const auto start = Clock::now();
    f();
    samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
  return samples[samples.size() / 2];
}

// A bulk result with n units, built from the E8 example's first unit.
XmlElement bulkResult(const DecodedMessage& e8, int n) {
  XmlElement root = e8.root().toElement();
  XmlElement& body = *std::find_if(root.children.begin(), root.children.end(),
                                   [](const XmlElement& e) { return e.name == "MessageBody"; });
  const XmlElement unit = body.children.at(0);
  body.children.clear();
  body.children.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    XmlElement u = unit;
    for (auto& c : u.children) {
      if (c.name != "QualificationConfirmSearchInfo") continue;
      for (auto& leaf : c.children) {
        if (leaf.name == "ArbitraryIdentifier") leaf.text = std::to_string(100000 + i) + "_1";
      }
    }
    body.children.push_back(std::move(u));
  }
  return root;
}

// Decodes, validates and maps the message into its typed form; returns how many units/records it held.
std::size_t decodeAndMap(const std::string& bytes, const std::string& fileName) {
  const DecodedMessage m = decodeMessage(bytes, fileName);
  if (m.kind == MessageKind::BulkCheckResult) return readBulkResult(m.root()).units.size();
  return readQualificationResult(m.root()).qualifications.size();
}

void report(const char* label, const std::string& fileName, const std::string& bytes, const std::string& utf8) {
  std::size_t units = 0;
  const double validated = medianMicros([&] { decodeMessage(bytes, fileName); });
  const double ours = medianMicros([&] { units = decodeAndMap(bytes, fileName); });
  const double bare = medianMicros([&] {
    pugi::xml_document doc;
    doc.load_buffer(utf8.data(), utf8.size(), pugi::parse_default, pugi::encoding_utf8);
  });
  std::printf("%-36s %8.1f KiB  decode+validate %9.1f us (%4.2fx)  +map %9.1f us  bare pugixml %9.1f us  "
              "ratio %4.2fx (target <= 3x: %s)  records %zu\n",
              label, static_cast<double>(bytes.size()) / 1024.0, validated, validated / bare, ours, bare, ours / bare,
              ours / bare <= 3.0 ? "met" : "NOT met", units);
}

}  // namespace

int main(int argc, char** argv) {
  std::string fixtures = RECECON_LINKAGE_FIXTURES;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--fixtures") fixtures = argv[i + 1];
  }
  const std::string e3a = readFile(fixtures + "/examples/E3a/OQSsiquc01res_202501150003.xml");
  const std::string e2 = readFile(fixtures + "/examples/E2/OQSsiquc01res_202501150001.xml");
  const DecodedMessage e8 = decodeMessage(readFile(fixtures + "/examples/E8/OQSmuquc02res_202501150001.xml"),
                                          "OQSmuquc02res_202501150001.xml");
  const XmlElement bulk = bulkResult(e8, 10000);
  const std::string bulkUtf8 = encodeMessage(bulk, Encoding::Utf8);
  const std::string bulkSjis = encodeMessage(bulk, Encoding::ShiftJis);
  const std::string e2Sjis = encodeMessage(decodeMessage(e2, "OQSsiquc01res_1.xml").root().toElement(), Encoding::ShiftJis);

  report("single result E3a (UTF-8)", "OQSsiquc01res_1.xml", e3a, e3a);
  report("single result E2 (UTF-8)", "OQSsiquc01res_1.xml", e2, e2);
  report("single result E2 (Shift_JIS)", "OQSsiquc01res_1.xml", e2Sjis, e2);
  report("bulk result 10,000 units (UTF-8)", "OQSmuquc02res_1.xml", bulkUtf8, bulkUtf8);
  report("bulk result 10,000 units (Shift_JIS)", "OQSmuquc02res_1.xml", bulkSjis, bulkUtf8);
  return 0;
}
