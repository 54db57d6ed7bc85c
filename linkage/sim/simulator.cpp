#include "linkage/sim/simulator.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "linkage/decode_error.h"
#include "linkage/file_transfer.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"
#include "linkage/sim/sim_responder.h"

namespace rececon::sim {
namespace {

namespace fs = std::filesystem;
using namespace rececon::linkage;

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void shuffleElements(XmlElement& e, std::mt19937& rng) {
  std::shuffle(e.children.begin(), e.children.end(), rng);
  for (auto& c : e.children) shuffleElements(c, rng);
}

// Writes the file at its final name in pieces, slowly: what a careless writer on a share looks like.
void writeInPieces(fs::path file, std::string bytes) {
  std::thread([file = std::move(file), bytes = std::move(bytes)] {
    std::ofstream out(file, std::ios::binary);
    const std::size_t piece = std::max<std::size_t>(1, bytes.size() / 4);
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
      out.write(bytes.data() + at, static_cast<std::streamsize>(std::min(piece, bytes.size() - at)));
      out.flush();
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }).detach();
}

}  // namespace

Simulator::Simulator(SimOptions options)
    : options_(std::move(options)),
      data_(SimDataset::load(options_.dataset)),
      state_(options_.root / "sim" / "state.json"),
      control_(options_.root / "sim" / "control.properties", [&] {
        SimControl c;
        c.delayMs = options_.delayMs;
        c.bulkReadyMs = options_.bulkReadyMs;
        return c;
      }()) {
  for (const char* dir : {"req", "res", "face", "sim"}) fs::create_directories(options_.root / dir);
}

std::int64_t Simulator::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Simulator::nowText() const {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &local);
  return buf;
}

void Simulator::refuse(const fs::path& file, const std::string& reason) {
  const std::string base = file.stem().string();
  moveInto(file, options_.root / "res");
  writeFileAtomically(options_.root / "res", base + ".err", encodeFromUtf8(reason + "\r\n", Encoding::ShiftJis));
  std::cerr << "oqs-sim: refused " << file.filename().string() << ": " << reason << "\n";
}

void Simulator::schedule(const std::string& name, XmlElement result, Encoding encoding, std::int64_t delayMs) {
  const SimControl& c = control_.current();
  if (c.shuffle) {
    std::mt19937 rng(static_cast<unsigned>(nowMs()));
    shuffleElements(result, rng);
  }
  const bool partial = c.mode == FaultMode::PartialWrites;
  std::string bytes = encodeMessage(result, encoding);
  if (c.mode == FaultMode::Encrypted) {
    // Reconstructed from public evidence (a vendor's set-up script for the linkage app, encrypt.conf):
    // the same base name with .zip. The content is only a stand-in for a password-protected ZIP.
    const std::string zipName = name.substr(0, name.size() - 4) + ".zip";
    scheduled_.push_back({nowMs() + delayMs, options_.root / "res", zipName, "PK\x03\x04(simulated encrypted zip)", false});
    return;
  }
  scheduled_.push_back({nowMs() + delayMs, options_.root / "res", name, bytes, partial});
  if (c.mode == FaultMode::Duplicate) scheduled_.push_back({nowMs() + delayMs + 2000, options_.root / "res", name, bytes, false});
  if (c.mode == FaultMode::UnknownResults) {
    char other[64];
    std::snprintf(other, sizeof other, "OQSsiquc01res_SIMUNKNOWN%04d.xml", ++unknownCounter_);
    scheduled_.push_back({nowMs() + delayMs, options_.root / "res", other, bytes, false});
  }
}

void Simulator::answer(const fs::path& file, const std::string& bytes) {
  const std::string name = file.filename().string();
  DecodedMessage m;
  try {
    m = decodeMessage(bytes, name);
  } catch (const DecodeError& e) {
    // A file still being written (by a writer that is not atomic) reads as empty or truncated for a
    // moment: wait until it has not changed for two seconds before refusing it.
    std::error_code ec;
    const auto age = fs::file_time_type::clock::now() - fs::last_write_time(file, ec);
    const bool mayGrow = e.code() == DecodeErrorCode::Empty || e.code() == DecodeErrorCode::Truncated;
    if (!ec && mayGrow && age < std::chrono::seconds(2)) return;
    refuse(file, std::string("SIMERR0001 要求ファイルを読めません: ") + e.what());
    return;
  }
  const auto kind = kindFromFileName(name);
  if (!kind || !kindInfo(*kind).request) {
    refuse(file, "SIMERR0002 この種類の要求には対応していません。");
    return;
  }
  const SimControl& c = control_.current();
  if (c.mode == FaultMode::Refuse) {
    refuse(file, "SIMERR0003 要求を受け付けられませんでした（シミュレータの障害モード）。");
    return;
  }
  const Encoding encoding = c.encoding == "utf-8"       ? Encoding::Utf8
                            : c.encoding == "shift_jis" ? Encoding::ShiftJis
                                                        : m.encoding().encoding;
  const bool wrongInstitution = c.mode == FaultMode::WrongInstitution;
  SimContext ctx{data_, state_, wrongInstitution ? std::string("1319999999") : options_.institutionCode, nowText(),
                 encoding == Encoding::Utf8 ? "0" : "1"};
  const std::string resultName = *resultFileNameFor(name);
  const std::int64_t delay = c.mode == FaultMode::Slow ? c.delayMs * 10LL : c.delayMs;
  const auto fileIdentifier = m.header().value("ArbitraryFileIdentifier");

  const bool ourInstitution = m.header().value("MedicalInstitutionCode") == std::optional<std::string>(options_.institutionCode);
  if (c.mode == FaultMode::SystemError || c.mode == FaultMode::FileError || !ourInstitution) {
    ResultHeader h = systemErrorHeader(ctx, fileIdentifier);
    if (c.mode == FaultMode::FileError) {  // the file could not be read as a request: nothing of it is echoed
      h.fileIdentifier.reset();
      h.errorCode = "SIMERR1001";
      h.errorMessage = "（シミュレータ）要求ファイルの形式に誤りがあります。";
    }
    if (!ourInstitution) {
      h.errorCode = "SIMERR9003";
      h.errorMessage = "（シミュレータ）医療機関コードが登録されていません。";
    }
    QualificationResult r;
    r.header = h;
    schedule(resultName, toXml(r), encoding, delay);
  } else {
    switch (*kind) {
      case MessageKind::SingleCheckRequest:
        schedule(resultName, toXml(answerSingleCheck(readSingleCheckRequest(m.root()), ctx)), encoding, delay);
        break;
      case MessageKind::BulkCheckRequest: {
        const linkage::BulkCheckRequest bulk = readBulkCheckRequest(m.root());
        if (bulk.keys.size() > static_cast<std::size_t>(c.bulkMaxEntries)) {
          AcceptResult refused;
          refused.header = systemErrorHeader(ctx, fileIdentifier);
          refused.header.errorCode = "SIMERR9004";
          refused.header.errorMessage = "（シミュレータ）一括照会の件数が上限（" + std::to_string(c.bulkMaxEntries) + "件）を超えています。";
          schedule(resultName, toXml(refused), encoding, delay);
        } else {
          schedule(resultName, toXml(acceptBulkCheck(bulk, ctx, nowMs() + c.bulkReadyMs)), encoding, delay);
        }
        break;
      }
      case MessageKind::BulkCheckDownloadRequest:
        schedule(resultName, toXml(answerBulkDownload(readDownloadRequest(m.root()), ctx, nowMs())), encoding, delay);
        break;
      case MessageKind::ReferenceRegistrationRequest:
        schedule(resultName, toXml(answerReferenceRegistration(readReferenceRegistrationRequest(m.root()), ctx)),
                 encoding, delay);
        break;
      case MessageKind::BulkReferenceRequest:
        schedule(resultName,
                 toXml(acceptBulkRegistration(readReferenceRegistrationRequest(m.root()), ctx, c.registrationLayout == "per-unit",
                                              nowMs() + c.bulkReadyMs)),
                 encoding, delay);
        break;
      case MessageKind::BulkReferenceDownloadRequest:
        schedule(resultName, toXml(answerBulkRegistrationDownload(readDownloadRequest(m.root()), ctx, nowMs())),
                 encoding, delay);
        break;
      case MessageKind::EmergencySearchRequest:
        schedule(resultName, toXml(answerEmergencySearch(readEmergencySearchRequest(m.root()), ctx)), encoding, delay);
        break;
      default:
        refuse(file, "SIMERR0002 この種類の要求には対応していません。");
        return;
    }
  }
  fs::remove(file);  // taken
}

void Simulator::takeRequest(const fs::path& file) {
  const std::string name = file.filename().string();
  if (!endsWith(name, ".xml") || ignored_.count(name)) return;
  if (control_.current().mode == FaultMode::Silent) {
    ignored_.insert(name);
    return;
  }
  const auto snapshot = readStable(file);
  if (!snapshot) return;
  answer(file, snapshot->bytes);
}

void Simulator::writeDue() {
  const std::int64_t now = nowMs();
  std::vector<Scheduled> due;
  auto split = std::stable_partition(scheduled_.begin(), scheduled_.end(), [&](const Scheduled& s) { return s.dueMs > now; });
  due.assign(split, scheduled_.end());
  scheduled_.erase(split, scheduled_.end());
  for (auto& s : due) {
    if (s.partial) writeInPieces(s.dir / s.name, std::move(s.bytes));
    else writeFileAtomically(s.dir, s.name, s.bytes);
  }
}

void Simulator::purge() {
  const auto limit = fs::file_time_type::clock::now() - std::chrono::minutes(options_.stayMinutes);
  std::string log;
  std::error_code ec;
  for (fs::directory_iterator it(options_.root / "res", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("del", 0) == 0 || !it->is_regular_file()) continue;
    std::error_code timeError;
    if (fs::last_write_time(it->path(), timeError) < limit && !timeError) {
      fs::remove(it->path(), timeError);
      log += name + "\r\n";
    }
  }
  if (!log.empty()) writeFileAtomically(options_.root / "res", "del" + nowText() + ".txt", log);
}

void Simulator::step() {
  std::vector<fs::path> requests;
  std::error_code ec;
  for (fs::directory_iterator it(options_.root / "req", ec), end; !ec && it != end; it.increment(ec)) {
    requests.push_back(it->path());
  }
  std::sort(requests.begin(), requests.end());
  for (const auto& r : requests) takeRequest(r);
  writeDue();
  purge();
}

fs::path Simulator::writeFaceResult(const std::string& personId) {
  const SimPerson* person = data_.byId(personId);
  if (!person) throw std::invalid_argument("unknown person " + personId);
  const SimControl& c = control_.current();
  const Encoding encoding = c.encoding == "utf-8" ? Encoding::Utf8 : Encoding::ShiftJis;  // face: a site setting
  SimContext ctx{data_, state_, options_.institutionCode, nowText(), encoding == Encoding::Utf8 ? "0" : "1"};
  XmlElement result = toXml(faceResultFor(*person, ctx));
  if (c.shuffle) {
    std::mt19937 rng(static_cast<unsigned>(nowMs()));
    shuffleElements(result, rng);
  }
  char middle[24];
  std::snprintf(middle, sizeof middle, "%020llx", static_cast<unsigned long long>(nowMs()) * 2654435761ULL);
  const std::string name = "OQSsiquc01res_face_" + options_.institutionCode + middle + "_" + nowText() + ".xml";
  writeFileAtomically(options_.root / "face", name, encodeMessage(result, encoding));
  return options_.root / "face" / name;
}

}  // namespace rececon::sim
