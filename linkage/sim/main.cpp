// oqs-sim: a simulator of the linkage app for tests and demos.
//   oqs-sim --root DIR [--institution-code C] [--delay-ms N] [--bulk-ready-ms N] [--stay-minutes N] [--dataset FILE]
//       runs until SIGINT/SIGTERM: watches DIR/req, answers in DIR/res
//   oqs-sim --root DIR list-persons [--json]      the fictional persons it knows
//   oqs-sim --root DIR face --person ID           a card-reader result for that person appears in DIR/face
//   oqs-sim --root DIR fault MODE                 normal|silent|slow|err|error9|partial|duplicate|unknown-results|wrong-institution|encrypted|file-error
//   oqs-sim --root DIR set KEY VALUE              encoding (mirror|utf-8|shift_jis), shuffle (0|1), delay_ms, bulk_ready_ms

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "linkage/exchange_watcher.h"
#include "linkage/file_transfer.h"
#include "linkage/sim/simulator.h"

namespace {

std::atomic<bool> stopRequested{false};

void onSignal(int) { stopRequested = true; }

int usage(const std::string& why) {
  std::cerr << "oqs-sim: " << why << "\n"
            << "usage: oqs-sim --root DIR [--institution-code C] [--delay-ms N] [--bulk-ready-ms N] [--stay-minutes N]\n"
            << "                [--dataset FILE] [list-persons [--json] | face --person ID | fault MODE | set KEY VALUE]\n";
  return 64;
}

int listPersons(const rececon::sim::Simulator& sim, bool json) {
  static const char* const kColumns[] = {"id", "category", "name", "name_kana", "sex", "birthdate", "insurer_number",
                                         "symbol", "number", "branch", "validity"};
  if (json) {
    Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
    for (const auto& p : sim.dataset().persons()) {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const auto& [k, v] : p.fields) o->set(k, v);
      all->add(o);
    }
    all->stringify(std::cout, 1);
    std::cout << "\n";
    return 0;
  }
  for (const auto& p : sim.dataset().persons()) {
    for (const char* c : kColumns) std::cout << p.get(c) << "\t";
    std::cout << "\n";
  }
  return 0;
}

int run(rececon::sim::Simulator& sim, const rececon::sim::SimOptions& options) {
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::mutex stepping;
  rececon::linkage::ExchangeWatcher watcher(
      {options.root / "req"}, std::chrono::milliseconds(200),
      [&] {
        std::lock_guard lock(stepping);
        sim.step();
      },
      [](const std::string& e) { std::cerr << "oqs-sim: " << e << "\n"; });
  watcher.start();
  rececon::linkage::writeFileAtomically(options.root / "sim", "ready", "");
  std::cerr << "oqs-sim: answering " << (options.root / "req").string() << " as institution " << options.institutionCode
            << " (" << sim.dataset().persons().size() << " persons)\n";
  while (!stopRequested) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  watcher.stop();
  std::filesystem::remove(options.root / "sim" / "ready");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  rececon::sim::SimOptions options;
  options.dataset = OQS_SIM_DEFAULT_DATASET;
  std::vector<std::string> words;
  bool json = false;
  std::string person;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--root") options.root = value();
      else if (a == "--institution-code") options.institutionCode = value();
      else if (a == "--delay-ms") options.delayMs = std::stoi(value());
      else if (a == "--bulk-ready-ms") options.bulkReadyMs = std::stoi(value());
      else if (a == "--stay-minutes") options.stayMinutes = std::stoi(value());
      else if (a == "--dataset") options.dataset = value();
      else if (a == "--json") json = true;
      else if (a == "--person") person = value();
      else if (a.rfind("--", 0) == 0) return usage("unknown option " + a);
      else words.push_back(a);
    } catch (const std::exception& e) {
      return usage(e.what());
    }
  }
  if (options.root.empty()) return usage("--root is required");
  try {
    rececon::sim::Simulator sim(options);
    if (words.empty()) return run(sim, options);
    if (words[0] == "list-persons") return listPersons(sim, json);
    if (words[0] == "face" && !person.empty()) {
      std::cout << sim.writeFaceResult(person).string() << "\n";
      return 0;
    }
    if (words[0] == "fault" && words.size() == 2) {
      sim.control().set("mode", words[1]);
      return 0;
    }
    if (words[0] == "set" && words.size() == 3) {
      sim.control().set(words[1], words[2]);
      return 0;
    }
    return usage("unknown command " + words[0]);
  } catch (const std::invalid_argument& e) {
    return usage(e.what());
  } catch (const std::exception& e) {
    std::cerr << "oqs-sim: " << e.what() << "\n";
    return 74;
  }
}
