#pragma once
// An end-to-end session: a real oqs-sim process on a temporary root, and the product's own exchange
// (real database journal, real folders) talking to it.

#include <Poco/Process.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/jobs/data_folder.h"
#include "app/jobs/request_journal_store.h"
#include "linkage/exchange.h"
#include "linkage/messages.h"
#include "tests/support/process_runner.h"
#include "tests/support/temp_dir.h"

namespace rececon::test {

struct Collected : linkage::ExchangeHandler {
  std::vector<std::pair<linkage::RequestRecord, linkage::IncomingFile>> results;
  std::vector<linkage::IncomingFile> faces;
  std::vector<std::pair<linkage::RequestState, std::string>> ended;
  std::vector<std::string> unreadable;
  void onResult(const linkage::RequestRecord& r, const linkage::IncomingFile& f) override { results.emplace_back(r, f); }
  void onFaceResult(const linkage::IncomingFile& f) override { faces.push_back(f); }
  void onRequestEnded(const linkage::RequestRecord&, linkage::RequestState s, const std::string& why) override {
    ended.emplace_back(s, why);
  }
  void onUnreadable(const std::filesystem::path& f, const std::string& why) override {
    unreadable.push_back(f.filename().string() + ": " + why);
  }
};

class SimSession {
 public:
  explicit SimSession(std::vector<std::string> simArgs = {});
  ~SimSession();

  void startSim();
  void stopSim();
  // Runs oqs-sim with a one-shot command (fault MODE, set K V, face --person ID); returns its stdout.
  std::string simCommand(const std::vector<std::string>& args);

  linkage::RequestRecord submit(linkage::MessageKind kind, const linkage::XmlElement& message);
  // Polls until done() or the time limit; returns done().
  bool pollUntil(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(15));

  // The dataset's people as list-persons columns: id category name kana sex birthdate insurer symbol number
  // branch validity. Patient number N in a register filled by `demo import-sim-persons` is person P000N.
  std::vector<std::vector<std::string>> persons();
  // A person of the dataset by category (the first one, or the nth).
  std::vector<std::string> person(const std::string& category, int nth = 0);

  // The session's own data folder set up as a site on this simulator: the first `people` of the dataset
  // registered as patients, the institution code and the three folders set, then the settings given.
  // Returns the site's exchange configuration as the product reads it from those settings.
  linkage::ExchangeConfig prepareSite(int people, const std::vector<std::pair<std::string, std::string>>& settings);

  linkage::SingleCheckRequest checkFor(const std::vector<std::string>& person, bool withBranch = true,
                                       bool limitConsent = false);

  TempDir dir;
  std::filesystem::path root;
  DataFolder folder;
  DatabaseRequestJournal journal;
  linkage::ExchangeConfig config;
  std::unique_ptr<linkage::LinkageExchange> exchange;
  Collected seen;

 private:
  std::vector<std::string> simArgs_;
  std::unique_ptr<Poco::ProcessHandle> sim_;
  int counter_ = 0;
};

// rececon-cli on a data folder whose register holds the simulator's people (the first `limit`; 0: all)
// and whose settings point at this session's simulator, plus any further settings given.
class CliSimSession : public SimSession {
 public:
  explicit CliSimSession(int limit = 0, const std::vector<std::pair<std::string, std::string>>& settings = {});
  // Runs rececon-cli on the data folder as operator clerk1.
  ProcessResult cli(std::vector<std::string> args);

  std::filesystem::path data;
};

}  // namespace rececon::test
