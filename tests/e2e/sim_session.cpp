#include "tests/e2e/sim_session.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "app/jobs/demo_data.h"
#include "app/jobs/linkage_settings.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "tests/support/process_runner.h"

namespace rececon::test {

namespace fs = std::filesystem;

SimSession::SimSession(std::vector<std::string> simArgs)
    : root(dir.path() / "資格確認端末" / "OQS"),
      folder(dir.path() / "データ"),
      journal(folder.database()),
      simArgs_(std::move(simArgs)) {
  config.reqDir = root / "req";
  config.resDir = root / "res";
  config.faceDir = root / "face";
  config.archiveDir = dir.path() / "archive";
  config.quarantineDir = dir.path() / "quarantine";
  config.institutionCode = "9919999999";
  config.settleTime = std::chrono::seconds(3);
  config.singleTimeout = std::chrono::seconds(8);
  config.terminalId = "E2E";
  config.facePolicy = linkage::FaceFilePolicy::Archive;
  for (const auto& d : {config.reqDir, config.resDir, config.faceDir}) fs::create_directories(d);
  exchange = std::make_unique<linkage::LinkageExchange>(config, journal);
  startSim();
}

SimSession::~SimSession() { stopSim(); }

void SimSession::startSim() {
  std::vector<std::string> args{"--root", root.string(), "--delay-ms", "100", "--bulk-ready-ms", "1500"};
  args.insert(args.end(), simArgs_.begin(), simArgs_.end());
  sim_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(OQS_SIM_PATH, args));
  for (int i = 0; i < 200 && !fs::exists(root / "sim" / "ready"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!fs::exists(root / "sim" / "ready")) throw std::runtime_error("oqs-sim did not start");
}

void SimSession::stopSim() {
  if (!sim_) return;
  Poco::Process::requestTermination(sim_->id());
  sim_->wait();
  sim_.reset();
}

std::string SimSession::simCommand(const std::vector<std::string>& args) {
  std::vector<std::string> all{"--root", root.string()};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = runProcess(OQS_SIM_PATH, all);
  if (r.exitCode != 0) throw std::runtime_error("oqs-sim " + args.at(0) + " failed: " + r.err);
  return r.out;
}

linkage::RequestRecord SimSession::submit(linkage::MessageKind kind, const linkage::XmlElement& message) {
  return exchange->submit(kind, message, nextRequestSuffix(folder.database(), today(), config.terminalId));
}

bool SimSession::pollUntil(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    exchange->poll(seen);
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::vector<std::vector<std::string>> SimSession::persons() {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(simCommand({"list-persons"}));
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> columns;
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, '\t');) columns.push_back(f);
    out.push_back(std::move(columns));
  }
  return out;
}

std::vector<std::string> SimSession::person(const std::string& category, int nth) {
  for (auto& columns : persons()) {
    if (columns.size() > 1 && columns[1] == category && nth-- == 0) return columns;
  }
  throw std::runtime_error("no person of category " + category);
}

linkage::ExchangeConfig SimSession::prepareSite(int people,
                                                const std::vector<std::pair<std::string, std::string>>& settings) {
  db::Database& db = folder.database();
  auto rows = simPersonsAsPatients(resourcesDir() / "oqs-sim" / "persons.csv");
  rows.resize(static_cast<std::size_t>(people));
  JobContext job;
  PatientRegister(db, "clerk1").importPatients(rows, job, "テスト");
  SiteSettings site(db);
  site.set("institution_code", "9919999999", "admin");
  site.set("linkage.req_dir", config.reqDir.string(), "admin");
  site.set("linkage.res_dir", config.resDir.string(), "admin");
  site.set("linkage.face_dir", config.faceDir.string(), "admin");
  for (const auto& [key, value] : settings) site.set(key, value, "admin");
  return exchangeConfigFromSettings(db, folder.dir());
}

CliSimSession::CliSimSession(int limit, const std::vector<std::pair<std::string, std::string>>& settings)
    : data(dir.path() / "受付データ") {
  std::vector<std::string> import{"demo", "import-sim-persons"};
  if (limit > 0) import.insert(import.end(), {"--limit", std::to_string(limit)});
  std::vector<std::pair<std::string, std::string>> all = {{"institution_code", "9919999999"},
                                                          {"linkage.req_dir", (root / "req").string()},
                                                          {"linkage.res_dir", (root / "res").string()},
                                                          {"linkage.face_dir", (root / "face").string()}};
  all.insert(all.end(), settings.begin(), settings.end());
  const auto mustSucceed = [](const ProcessResult& r, const std::string& what) {
    if (r.exitCode != 0) throw std::runtime_error("rececon-cli " + what + " failed: " + r.err);
  };
  mustSucceed(cli(import), "demo import-sim-persons");
  for (const auto& [key, value] : all) mustSucceed(cli({"config", "set", key, value}), "config set " + key);
}

ProcessResult CliSimSession::cli(std::vector<std::string> args) {
  args.insert(args.begin(), {"--data-dir", data.string(), "--operator", "clerk1"});
  return runProcess(RECECON_CLI_PATH, args);
}

linkage::SingleCheckRequest SimSession::checkFor(const std::vector<std::string>& p, bool withBranch, bool limitConsent) {
  // list-persons columns: id category name kana sex birthdate insurer symbol number branch validity
  linkage::SingleCheckRequest r;
  r.header.confirmationDate = "20261121";
  r.header.institutionCode = "9919999999";
  r.header.fileIdentifier = "RZE2E" + std::to_string(++counter_);
  r.key.insurerNumber = p.at(6).size() == 6 ? "  " + p.at(6) : p.at(6);
  r.key.symbol = p.at(7);
  r.key.number = p.at(8);
  if (withBranch && !p.at(9).empty()) r.key.branch = p.at(9);
  r.key.birthdate = p.at(5);
  r.key.limitConsent = limitConsent ? "1" : "0";
  return r;
}

}  // namespace rececon::test
