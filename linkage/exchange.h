#pragma once
// The conversation with the linkage app through its folders (oqs-interface.md §1): requests written
// atomically into req and journaled before they exist; results in res matched to their request by
// file name and ArbitraryFileIdentifier (and ReceptionNumber for bulk downloads); .err refusals;
// card-reader results from face; time-outs. Files are read only when stable and decodable; each
// handled file goes to the archive, an unreadable one of ours to quarantine with a reason file.
// The folders are untrusted (anyone on the LAN can write them): no link is followed, nothing larger than
// its kind's limit is read, and a link, FIFO, device or folder under one of our names is reported and
// left alone. Every name we write carries the terminal's identity; files that are not ours (results of
// another terminal's requests, del*.txt) are never touched.
// One thread calls poll()/submit() at a time; the handler runs on that thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "linkage/file_transfer.h"
#include "linkage/message_codec.h"
#include "linkage/request_journal.h"
#include "linkage/xml_element.h"

namespace rececon::linkage {

enum class FaceFilePolicy {
  Archive,  // we are the only consumer: move handled face files to our archive
  Leave,    // other programs read face too: leave every face file where it is
};

struct ExchangeConfig {
  std::filesystem::path reqDir, resDir, faceDir;    // the linkage app's folders (a mounted share is fine)
  std::filesystem::path archiveDir, quarantineDir;  // ours, on the local disk
  Encoding requestEncoding = Encoding::Utf8;
  std::optional<std::string> institutionCode;       // results of another institution are refused
  std::chrono::seconds singleTimeout{300};          // single check, registration, emergency search
  std::chrono::seconds bulkTimeout{1800};           // bulk upload and download requests
  // A result that will not decode is retried until it has not changed for this long, then quarantined:
  // a file being written decodes as truncated for a moment, a broken one forever.
  std::chrono::seconds settleTime{10};
  FaceFilePolicy facePolicy = FaceFilePolicy::Leave;
  // Face files are considered only when the time stamp in their name (else their modification time) is
  // at most this old: a shared face folder may hold weeks of other readers' files.
  std::chrono::hours faceWindow{24 * 3};
  // This terminal's identity (1–6 of [0-9A-Z]), carried in every request file name we write; "" only in
  // tests of a single terminal.
  std::string terminalId;
};

// Something in the folders that ends no request by itself but must be seen by a person.
enum class FolderAnomaly {
  Refused,        // a link, non-regular file or oversized file under one of our names: left alone
  LeftBehind,     // a handled file could not be archived (read-only or full folder): left in place
  IdentityClash,  // a file carries our terminal identity but no request of ours: another terminal uses it
};
const char* toString(FolderAnomaly anomaly);  // "refused", "left_behind", "identity_clash"

struct IncomingFile {
  std::filesystem::path path;
  std::string bytes;  // exactly as read (what is stored as the raw result), never re-read from path
  std::string hash;   // SHA-256 of bytes: with the name, what makes a result unique
  DecodedMessage message;
};

class ExchangeHandler {
 public:
  virtual ~ExchangeHandler() = default;
  // A result answering one of our requests. Apply it (with a unique record of file name + hash) and
  // return; the file is then archived. Throwing leaves the file for the next poll.
  virtual void onResult(const RequestRecord& request, const IncomingFile& result) = 0;
  // A card-reader result from face. Same contract as onResult.
  virtual void onFaceResult(const IncomingFile& result) = 0;
  // A request ended without a usable answer: Failed (.err, unreadable or mismatched result) or TimedOut.
  virtual void onRequestEnded(const RequestRecord& request, RequestState state, const std::string& reason) = 0;
  // A file that could not be read: moved to quarantine (or, a face file we must leave, left in place).
  virtual void onUnreadable(const std::filesystem::path& file, const std::string& reason) = 0;
  // A result of ours that reads as empty or truncated, so probably still being written: it is read again
  // on the next poll until it decodes or settles (then onUnreadable). Called on every such poll.
  virtual void onIncomplete(const std::filesystem::path& /*file*/, const std::string& /*reason*/) {}
  // See FolderAnomaly; code is stable ("OQS-SYMLINK", "OQS-TOO-LARGE", "OQS-ARCHIVE-FAILED", …). Called
  // once per file and anomaly in the life of the exchange.
  virtual void onAnomaly(const std::filesystem::path& /*file*/, FolderAnomaly /*anomaly*/, const std::string& /*code*/,
                         const std::string& /*reason*/) {}
  // Whether a file of this name and content was stored already (a file left in res or face after a crash
  // or by the "leave" policy): it is then archived or passed over, never handed over twice.
  virtual bool isStored(const std::string& /*fileName*/, const std::string& /*hash*/) { return false; }
};

class LinkageExchange {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  LinkageExchange(ExchangeConfig config, RequestJournal& journal, Clock clock = std::chrono::system_clock::now);

  // Journals the request (Pending), calls `journaled` with it, writes <prefix><suffix>.xml into req and
  // marks it Sent. The header's ArbitraryFileIdentifier (or the body's ReceptionNumber) is what its
  // result must echo. `journaled` is where the caller records what the request is for: after it the
  // answer may arrive at once (another process of ours polling the same folders may take it). Throws
  // TransferError (the journal entry is then Failed), EncodeError, or what `journaled` throws (nothing
  // is written then and the entry stays Pending until it is resumed).
  RequestRecord submit(MessageKind kind, const XmlElement& message, const std::string& suffix,
                       const std::function<void(const RequestRecord&)>& journaled = {});

  // Withdraws a waiting request: its file is taken back from req if the linkage app has not taken it.
  bool cancel(const RequestRecord& request, const std::string& reason);

  // After a restart: a Pending request's file is written again unless it is already in req or
  // answered. Returns how many requests were resumed.
  int resume();

  // One pass over res and face, then time-outs. Calls the handler for everything found. One bad file never
  // stops the others. Throws TransferError only when a request's state cannot be recorded.
  void poll(ExchangeHandler& handler);

  // Whether a request or result file name carries this terminal's identity (its suffix is
  // yyyyMMdd + terminalId + 4 digits).
  bool carriesOurIdentity(const std::string& fileName) const;
  // Whether this terminal may touch a file of that name: it carries our identity, or none at all (written
  // before identities existed, or by a single terminal's tests).
  bool isOurs(const std::string& fileName) const;

  const ExchangeConfig& config() const { return config_; }

 private:
  std::vector<RequestRecord> ourWaitingRequests();
  void handleRefusal(const FolderEntry& errFile, std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  void handleResult(const FolderEntry& file, std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  // A result file answering no waiting request: archived when it is an answer already stored (left by a
  // crash), reported when it carries our identity but answers nothing we sent.
  void handleUnclaimed(const FolderEntry& file, ExchangeHandler& handler);
  // An answer of ours in another form than XML (the linkage app set to exchange encrypted ZIP files for
  // our prefixes): its request ends at once with the reason and the setting to change.
  void handleNotXml(const FolderEntry& file, std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  void handleFace(const FolderEntry& file, ExchangeHandler& handler);
  void checkRequestFolder(ExchangeHandler& handler);
  void expire(const std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  // Quarantines a file of ours that cannot be used, ending its request as Failed.
  void reject(const FileSnapshot& file, RequestRecord& request, const std::string& reason, ExchangeHandler& handler);
  // Moves a waiting request to `to`, from whichever waiting state it is in now; false when it had ended.
  bool end(RequestRecord& request, RequestState to, const std::string& detail, const std::string& resultFile);
  // Ends a waiting request as Failed with reason.
  void fail(RequestRecord& request, const std::string& reason, const std::string& resultFile, ExchangeHandler& handler);
  // Archives a handled file; a folder that will not let it go is reported, not thrown.
  void archive(const std::filesystem::path& dir, const FileSnapshot& file, const char* kind, ExchangeHandler& handler);
  // Reports an anomaly once per file, kind and state of the file.
  void report(const std::filesystem::path& file, const FolderEntry& entry, FolderAnomaly anomaly, const std::string& code,
              const std::string& reason, ExchangeHandler& handler);
  // Removes a request file of ours from req, only when it still is ours (it carries our identifier).
  void takeBack(const RequestRecord& request);
  bool settled(const FolderEntry& file) const;
  bool withinFaceWindow(const FolderEntry& file) const;
  std::filesystem::path archiveFor(const char* kind) const;
  std::chrono::seconds timeoutFor(MessageKind kind) const;

  ExchangeConfig config_;
  RequestJournal& journal_;
  Clock clock_;
  std::set<std::string> seenFaceFiles_;  // name|size|mtime of face files handled, left or refused
  std::set<std::string> reported_;       // anomaly|name|size|mtime already reported
};

}  // namespace rececon::linkage
