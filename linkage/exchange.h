#pragma once
// The conversation with the linkage app through its folders (oqs-interface.md §1): requests written
// atomically into req and journaled before they exist; results in res matched to their request by
// file name and ArbitraryFileIdentifier (and ReceptionNumber for bulk downloads); .err refusals;
// card-reader results from face; time-outs. Files are read only when stable and decodable; each
// handled file goes to the archive, an unreadable one of ours to quarantine with a reason file.
// Files that are not ours (results of another client's requests, del*.txt) are never touched.
// One thread calls poll()/submit() at a time; the handler runs on that thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>

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
  FaceFilePolicy facePolicy = FaceFilePolicy::Archive;
};

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
};

class LinkageExchange {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  LinkageExchange(ExchangeConfig config, RequestJournal& journal, Clock clock = std::chrono::system_clock::now);

  // Journals the request (Pending), writes <prefix><suffix>.xml into req and marks it Sent. The header's
  // ArbitraryFileIdentifier (or the body's ReceptionNumber) is what its result must echo. Throws
  // TransferError (the journal entry is then Failed) or EncodeError.
  RequestRecord submit(MessageKind kind, const XmlElement& message, const std::string& suffix);

  // Withdraws a waiting request: its file is taken back from req if the linkage app has not taken it.
  bool cancel(const RequestRecord& request, const std::string& reason);

  // After a restart: a Pending request's file is written again unless it is already in req or
  // answered. Returns how many requests were resumed.
  int resume();

  // One pass over res and face, then time-outs. Calls the handler for everything found.
  void poll(ExchangeHandler& handler);

  const ExchangeConfig& config() const { return config_; }

 private:
  void handleRefusal(const std::filesystem::path& errFile, std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  void handleResult(const std::filesystem::path& file, std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  void handleFace(const std::filesystem::path& file, ExchangeHandler& handler);
  void expire(const std::vector<RequestRecord>& waiting, ExchangeHandler& handler);
  // Quarantines a file of ours that cannot be used, ending its request as Failed.
  void reject(const std::filesystem::path& file, const RequestRecord& request, const std::string& reason,
              ExchangeHandler& handler);
  bool settled(const std::filesystem::path& file) const;
  std::filesystem::path archiveFor(const char* kind) const;
  std::chrono::seconds timeoutFor(MessageKind kind) const;

  ExchangeConfig config_;
  RequestJournal& journal_;
  Clock clock_;
  std::set<std::string> leftFaceFiles_;  // name|size|mtime of face files handled but left in place
};

}  // namespace rececon::linkage
