#include "linkage/exchange.h"

#include <algorithm>
#include <ctime>

#include "linkage/decode_error.h"
#include "linkage/file_transfer.h"
#include "linkage/text_encoding.h"

namespace rececon::linkage {
namespace {

std::int64_t seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The entries of a folder, by name; a folder that cannot be listed yields none (the watchdog reports it).
std::vector<FolderEntry> entriesIn(const std::filesystem::path& dir) {
  try {
    return listFolder(dir);
  } catch (const TransferError&) {
    return {};
  }
}

std::string entryKey(const FolderEntry& e) {
  return e.name + "|" + std::to_string(static_cast<int>(e.type)) + "|" + std::to_string(e.size) + "|" +
         std::to_string(e.modified.time_since_epoch().count());
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The yyyyMMddHHmmss stamp at the end of a face file's name (oqs-interface.md §1.3) as local time.
std::optional<std::chrono::system_clock::time_point> faceStamp(const std::string& name) {
  if (!endsWith(name, ".xml") || name.size() < 19 || name[name.size() - 19] != '_') return std::nullopt;
  const std::string digits = name.substr(name.size() - 18, 14);
  if (!allDigits(digits)) return std::nullopt;
  std::tm t{};
  t.tm_year = std::stoi(digits.substr(0, 4)) - 1900;
  t.tm_mon = std::stoi(digits.substr(4, 2)) - 1;
  t.tm_mday = std::stoi(digits.substr(6, 2));
  t.tm_hour = std::stoi(digits.substr(8, 2));
  t.tm_min = std::stoi(digits.substr(10, 2));
  t.tm_sec = std::stoi(digits.substr(12, 2));
  t.tm_isdst = -1;
  const std::time_t when = std::mktime(&t);
  if (when == -1) return std::nullopt;
  return std::chrono::system_clock::from_time_t(when);
}

// An .err file's text, for a person: UTF-8 if it is, else CP932, else its bytes shown as hex.
std::string errText(const std::string& bytes) {
  if (isValidUtf8(bytes)) return bytes;
  try {
    return decodeToUtf8(bytes, DetectedEncoding{Encoding::ShiftJis, false, "Shift_JIS"});
  } catch (const DecodeError&) {
    return "（読めない文字を含む " + std::to_string(bytes.size()) + " バイト）";
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

RequestRecord* findByFileName(std::vector<RequestRecord>& waiting, const std::string& name) {
  const auto it = std::find_if(waiting.begin(), waiting.end(), [&](const RequestRecord& r) { return r.fileName == name; });
  return it == waiting.end() ? nullptr : &*it;
}

}  // namespace

LinkageExchange::LinkageExchange(ExchangeConfig config, RequestJournal& journal, Clock clock)
    : config_(std::move(config)), journal_(journal), clock_(std::move(clock)) {}

std::chrono::seconds LinkageExchange::timeoutFor(MessageKind kind) const {
  switch (kind) {
    case MessageKind::BulkCheckRequest:
    case MessageKind::BulkCheckDownloadRequest:
    case MessageKind::BulkReferenceRequest:
    case MessageKind::BulkReferenceDownloadRequest: return config_.bulkTimeout;
    default: return config_.singleTimeout;
  }
}

std::filesystem::path LinkageExchange::archiveFor(const char* kind) const {
  const std::time_t now = std::chrono::system_clock::to_time_t(clock_());
  std::tm local{};
  localtime_r(&now, &local);
  char day[16];
  std::strftime(day, sizeof day, "%Y%m%d", &local);
  return config_.archiveDir / day / kind;
}

const char* toString(FolderAnomaly anomaly) {
  switch (anomaly) {
    case FolderAnomaly::Refused: return "refused";
    case FolderAnomaly::LeftBehind: return "left_behind";
    case FolderAnomaly::IdentityClash: return "identity_clash";
  }
  return "refused";
}

bool LinkageExchange::carriesOurIdentity(const std::string& fileName) const {
  return !config_.terminalId.empty() && terminalIdOfFileName(fileName) == config_.terminalId;
}

bool LinkageExchange::isOurs(const std::string& fileName) const {
  if (config_.terminalId.empty()) return true;
  const auto terminal = terminalIdOfFileName(fileName);
  return !terminal || *terminal == config_.terminalId;  // no identity: written before identities existed
}

std::vector<RequestRecord> LinkageExchange::ourWaitingRequests() {
  std::vector<RequestRecord> waiting = journal_.waiting();
  std::erase_if(waiting, [&](const RequestRecord& r) { return !isOurs(r.fileName); });
  return waiting;
}

RequestRecord LinkageExchange::submit(MessageKind kind, const XmlElement& message, const std::string& suffix,
                                      const std::function<void(const RequestRecord&)>& journaled) {
  RequestRecord r;
  r.kind = kind;
  r.fileName = std::string(kindInfo(kind).prefix) + suffix + ".xml";
  for (const XmlElement& section : message.children) {
    if (section.name == "MessageHeader") r.fileIdentifier = section.value("ArbitraryFileIdentifier").value_or("");
    if (section.name == "MessageBody") r.receptionNumber = section.value("ReceptionNumber").value_or("");
  }
  r.requestBytes = encodeMessage(message, config_.requestEncoding);
  r.createdAt = seconds(clock_());
  r.deadline = r.createdAt + timeoutFor(kind).count();
  r.id = journal_.add(r);
  if (journaled) {
    try {
      journaled(r);
    } catch (...) {
      // Nothing was written: the entry must not be sent later by resume() without what it was for.
      journal_.transition(r.id, RequestState::Pending, RequestState::Failed, "要求の記録に失敗したため送っていません", "");
      throw;
    }
  }
  try {
    // Refuse: a file already under our name is another terminal's (an identity used twice) or planted.
    writeFileAtomically(config_.reqDir, r.fileName, r.requestBytes, FileAccess::Shared, ExistingFile::Refuse);
  } catch (const TransferError& e) {
    journal_.transition(r.id, RequestState::Pending, RequestState::Failed, e.what(), "");
    throw;
  }
  journal_.transition(r.id, RequestState::Pending, RequestState::Sent, "", "");
  r.state = RequestState::Sent;
  return r;
}

void LinkageExchange::takeBack(const RequestRecord& request) {
  if (!isOurs(request.fileName)) return;  // another terminal's file
  const ReadOutcome read = readBounded(config_.reqDir, request.fileName, kindInfo(request.kind).maxBytes);
  if (read.status != ReadStatus::Ok) return;
  // Ours only if it carries the identifier we sent (ASCII, so a byte search works in UTF-8 and CP932).
  const std::string mark = "<ArbitraryFileIdentifier>" + request.fileIdentifier + "</ArbitraryFileIdentifier>";
  if (!request.fileIdentifier.empty() && read.snapshot.bytes.find(mark) == std::string::npos) return;
  removeIfUnchanged(config_.reqDir, read.snapshot);
}

bool LinkageExchange::cancel(const RequestRecord& request, const std::string& reason) {
  if (!isOurs(request.fileName)) return false;  // another terminal's request in a shared register
  const RequestState from = request.state;
  if (from != RequestState::Pending && from != RequestState::Sent) return false;
  if (!journal_.transition(request.id, from, RequestState::Cancelled, reason, "")) return false;
  takeBack(request);  // if the linkage app has not taken it
  return true;
}

int LinkageExchange::resume() {
  int resumed = 0;
  for (const RequestRecord& r : ourWaitingRequests()) {
    if (r.state != RequestState::Pending) continue;
    std::error_code ec;
    const bool nameTaken = std::filesystem::exists(std::filesystem::symlink_status(config_.reqDir / r.fileName, ec));
    const ReadOutcome present = readBounded(config_.reqDir, r.fileName, kindInfo(r.kind).maxBytes);
    const bool inReq = present.status == ReadStatus::Ok && present.snapshot.bytes == r.requestBytes;
    if (nameTaken && !inReq) {  // something else under our name: never written over, never taken for ours
      journal_.transition(r.id, RequestState::Pending, RequestState::Failed,
                          "要求ファイルの名前に別のファイルがあるため、再開できませんでした。", "");
      continue;
    }
    const auto resultName = resultFileNameFor(r.fileName);
    const bool answered =
        resultName && std::filesystem::exists(std::filesystem::symlink_status(config_.resDir / *resultName, ec));
    if (!inReq && !answered) {
      writeFileAtomically(config_.reqDir, r.fileName, r.requestBytes, FileAccess::Shared, ExistingFile::Refuse);
    }
    journal_.transition(r.id, RequestState::Pending, RequestState::Sent, "再起動後に再開", "");
    ++resumed;
  }
  return resumed;
}

bool LinkageExchange::settled(const FolderEntry& file) const {
  const auto age = std::filesystem::file_time_type::clock::now() - file.modified;
  return age >= config_.settleTime;
}

bool LinkageExchange::withinFaceWindow(const FolderEntry& file) const {
  const auto stamp = faceStamp(file.name);
  const auto when = stamp ? *stamp : std::chrono::file_clock::to_sys(file.modified);
  return when >= clock_() - config_.faceWindow;
}

void LinkageExchange::report(const std::filesystem::path& file, const FolderEntry& entry, FolderAnomaly anomaly,
                             const std::string& code, const std::string& reason, ExchangeHandler& handler) {
  if (!reported_.insert(std::string(toString(anomaly)) + "|" + entryKey(entry)).second) return;
  handler.onAnomaly(file, anomaly, code, reason);
}

bool LinkageExchange::end(RequestRecord& request, RequestState to, const std::string& detail,
                          const std::string& resultFile) {
  if (request.state == RequestState::Answered || request.state == RequestState::Failed ||
      request.state == RequestState::Cancelled) {
    return false;  // ended already (earlier in this pass)
  }
  // The state read at the start of this pass may be behind: another process of ours (a command beside the
  // window) may have moved the request from Pending to Sent, or timed it out, meanwhile.
  bool moved = false;
  for (const RequestState from : {request.state, RequestState::Sent, RequestState::Pending, RequestState::TimedOut}) {
    if ((moved = journal_.transition(request.id, from, to, detail, resultFile))) break;
  }
  request.state = to;
  return moved;
}

void LinkageExchange::fail(RequestRecord& request, const std::string& reason, const std::string& resultFile,
                           ExchangeHandler& handler) {
  if (end(request, RequestState::Failed, reason, resultFile)) handler.onRequestEnded(request, RequestState::Failed, reason);
}

void LinkageExchange::archive(const std::filesystem::path& dir, const FileSnapshot& file, const char* kind,
                              ExchangeHandler& handler) {
  try {
    moveRead(dir, file, archiveFor(kind));
  } catch (const TransferError& e) {
    // Stored already; only the clean-up failed (a read-only or full folder, or another program of ours
    // took it a moment earlier). The next pass recognises the file as stored and tries again.
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(dir / file.name, ec))) return;
    const FolderEntry entry{file.name, EntryType::Regular, file.size, file.modified};
    report(dir / file.name, entry, FolderAnomaly::LeftBehind, "OQS-ARCHIVE-FAILED",
           std::string(e.what()) + " 取り込みは済んでいます。フォルダの権限と空き容量を確認してください。", handler);
  }
}

void LinkageExchange::reject(const FileSnapshot& file, RequestRecord& request, const std::string& reason,
                             ExchangeHandler& handler) {
  const std::filesystem::path path = config_.resDir / file.name;
  try {
    quarantine(config_.resDir, file, config_.quarantineDir, reason + "\n要求: " + request.fileName);
  } catch (const TransferError& e) {
    handler.onAnomaly(path, FolderAnomaly::LeftBehind, "OQS-QUARANTINE-FAILED", e.what());
  }
  fail(request, reason, file.name, handler);
  handler.onUnreadable(path, reason);
}

void LinkageExchange::handleRefusal(const FolderEntry& errFile, std::vector<RequestRecord>& waiting,
                                    ExchangeHandler& handler) {
  const std::string requestName = errFile.name.substr(0, errFile.name.size() - 4) + ".xml";
  RequestRecord* request = findByFileName(waiting, requestName);
  if (!request || request->state == RequestState::Failed) return;  // another terminal's refusal
  const ReadOutcome read = readBounded(config_.resDir, errFile.name, kRefusalFileMaxBytes);
  if (read.status == ReadStatus::Changing || read.status == ReadStatus::Gone) return;
  if (read.status == ReadStatus::Refused) {
    report(config_.resDir / errFile.name, errFile, FolderAnomaly::Refused, errorCodeName(read.refusal), read.reason, handler);
    fail(*request, "連携アプリが要求を受け付けませんでした（理由のファイルは読めません: " + read.reason + "）",
         errFile.name, handler);
    return;
  }
  const std::string reason = "連携アプリが要求を受け付けませんでした: " + trimmed(errText(read.snapshot.bytes));
  archive(config_.resDir, read.snapshot, "refused", handler);
  // The bounced request beside it is ours: archived too when it is a plain file.
  const ReadOutcome bounced = readBounded(config_.resDir, requestName, kindInfo(request->kind).maxBytes);
  if (bounced.status == ReadStatus::Ok) archive(config_.resDir, bounced.snapshot, "refused", handler);
  fail(*request, reason, errFile.name, handler);
}

void LinkageExchange::handleUnclaimed(const FolderEntry& file, ExchangeHandler& handler) {
  const auto requestName = requestFileNameFor(file.name);
  const auto known = requestName ? journal_.findByFileName(*requestName) : std::nullopt;
  const std::filesystem::path path = config_.resDir / file.name;
  if (!known) {
    if (carriesOurIdentity(file.name)) {
      report(path, file, FolderAnomaly::IdentityClash, "OQS-TERMINAL-CLASH",
             "結果ファイル「" + file.name + "」はこの端末の識別子「" + config_.terminalId +
                 "」を含みますが、この端末の要求の結果ではありません。別の端末が同じ識別子を使っています。",
             handler);
    }
    return;  // another terminal's: not ours to touch
  }
  if (known->state != RequestState::Answered || file.type != EntryType::Regular || !isOurs(file.name)) return;
  const auto kind = kindFromFileName(file.name);
  const ReadOutcome read = readBounded(config_.resDir, file.name, kind ? kindInfo(*kind).maxBytes : kRefusalFileMaxBytes);
  if (read.status != ReadStatus::Ok) return;
  // The answer stored before a crash (or a read-only folder) kept it from the archive: archive it now.
  if (handler.isStored(file.name, contentHash(read.snapshot.bytes))) archive(config_.resDir, read.snapshot, "res", handler);
}

void LinkageExchange::handleResult(const FolderEntry& file, std::vector<RequestRecord>& waiting,
                                   ExchangeHandler& handler) {
  const std::string& name = file.name;
  const auto it = std::find_if(waiting.begin(), waiting.end(), [&](const RequestRecord& r) {
    return r.state != RequestState::Failed && resultFileNameFor(r.fileName) == name;
  });
  if (it == waiting.end()) return handleUnclaimed(file, handler);
  RequestRecord& request = *it;
  const std::filesystem::path path = config_.resDir / name;
  const ReadOutcome read = readBounded(config_.resDir, name, kindInfo(*kindFromFileName(name)).maxBytes);
  if (read.status == ReadStatus::Changing || read.status == ReadStatus::Gone) return;  // still being written
  if (read.status == ReadStatus::Refused) {
    // Under our result's name but not a result we can read: left where it is, the request ends now
    // instead of waiting out its time-out.
    const std::string code = errorCodeName(read.refusal);
    report(path, file, FolderAnomaly::Refused, code, read.reason, handler);
    fail(request, "[" + code + "] " + read.reason, name, handler);
    return;
  }
  IncomingFile incoming{path, read.snapshot.bytes, contentHash(read.snapshot.bytes), {}};
  DecodeOptions options;
  options.institutionCode = config_.institutionCode;
  try {
    incoming.message = decodeMessage(incoming.bytes, name, options);
  } catch (const DecodeError& e) {
    const std::string reason = std::string("[") + errorCodeName(e.code()) + "] " + e.what();
    const bool mayGrow = e.code() == DecodeErrorCode::Empty || e.code() == DecodeErrorCode::Truncated;
    if (settled(file)) reject(read.snapshot, request, reason, handler);
    else if (mayGrow) handler.onIncomplete(path, reason);
    return;
  }
  const XmlNode header = incoming.message.header();
  const std::string echoedId = header.value("ArbitraryFileIdentifier").value_or("");
  // A file-level error (ErrorCode, no echo) names our request by its file name alone: it is that request's
  // answer, so that the person sees the error instead of a quarantined file.
  const bool fileLevelError = echoedId.empty() && header.value("ErrorCode").value_or("") != "";
  if (!request.fileIdentifier.empty() && echoedId != request.fileIdentifier && !fileLevelError) {
    reject(read.snapshot, request,
           "結果の任意のファイル識別子「" + echoedId + "」が要求の「" + request.fileIdentifier +
               "」と一致しません。別の要求の結果の可能性があります。",
           handler);
    return;
  }
  const auto echoedReception = header.value("ReceptionNumber");
  if (!request.receptionNumber.empty() && echoedReception && *echoedReception != request.receptionNumber) {
    reject(read.snapshot, request,
           "結果の一括照会受付番号「" + *echoedReception + "」が要求の「" + request.receptionNumber + "」と一致しません。",
           handler);
    return;
  }
  handler.onResult(request, incoming);
  const std::string detail = request.state == RequestState::TimedOut ? "時間切れの後に応答を受信" : "";
  end(request, RequestState::Answered, detail, name);
  archive(config_.resDir, read.snapshot, "res", handler);
}

void LinkageExchange::handleNotXml(const FolderEntry& file, std::vector<RequestRecord>& waiting, ExchangeHandler& handler) {
  const std::size_t dot = file.name.rfind('.');
  if (dot == std::string::npos || endsWith(file.name, ".err")) return;
  const std::string extension = file.name.substr(dot);
  if (extension == ".tmp" || extension == ".part" || extension == ".TMP") return;  // a writer's own temporary name
  const std::string asXml = file.name.substr(0, dot) + ".xml";
  const auto it = std::find_if(waiting.begin(), waiting.end(), [&](const RequestRecord& r) {
    return r.state != RequestState::Failed && r.state != RequestState::Answered && resultFileNameFor(r.fileName) == asXml;
  });
  if (it == waiting.end()) return;  // not the answer to a request of ours
  const bool zip = endsWith(file.name, ".zip") || endsWith(file.name, ".ZIP");
  const std::string code = zip ? "OQS-ENCRYPTED" : "OQS-NOT-XML";
  const std::string reason =
      zip ? "連携アプリが結果を暗号化ZIP（" + file.name + "）で返しました。このレセコンは平文のXMLでやりとりします。"
            "資格確認端末の encrypt.conf で、このレセコンが使うファイル名の接頭辞（" + std::string(kindInfo(it->kind).prefix) +
            " など）を n（平文）にしてください。"
          : "連携アプリの結果「" + file.name + "」はXMLファイルではありません。連携アプリの出力設定を確認してください。";
  report(config_.resDir / file.name, file, FolderAnomaly::Refused, code, reason, handler);
  fail(*it, "[" + code + "] " + reason, file.name, handler);  // at once, not after the time-out
}

void LinkageExchange::handleFace(const FolderEntry& file, ExchangeHandler& handler) {
  if (!withinFaceWindow(file)) return;
  const std::string seenKey = entryKey(file);
  if (seenFaceFiles_.count(seenKey)) return;
  const std::filesystem::path path = config_.faceDir / file.name;
  const ReadOutcome read = readBounded(config_.faceDir, file.name, kindInfo(MessageKind::FaceResult).maxBytes);
  if (read.status == ReadStatus::Changing || read.status == ReadStatus::Gone) return;
  if (read.status == ReadStatus::Refused) {
    report(path, file, FolderAnomaly::Refused, errorCodeName(read.refusal), read.reason, handler);
    seenFaceFiles_.insert(seenKey);
    return;
  }
  IncomingFile incoming{path, read.snapshot.bytes, contentHash(read.snapshot.bytes), {}};
  const bool archiving = config_.facePolicy == FaceFilePolicy::Archive;
  if (handler.isStored(file.name, incoming.hash)) {  // handled before (left in place, or a crash before archiving)
    if (archiving) archive(config_.faceDir, read.snapshot, "face", handler);
    seenFaceFiles_.insert(seenKey);
    return;
  }
  DecodeOptions options;
  options.institutionCode = config_.institutionCode;
  try {
    incoming.message = decodeMessage(incoming.bytes, file.name, options);
  } catch (const DecodeError& e) {
    if (!settled(file)) return;
    const std::string reason = std::string("[") + errorCodeName(e.code()) + "] " + e.what();
    if (archiving) {
      try {
        quarantine(config_.faceDir, read.snapshot, config_.quarantineDir, reason);
      } catch (const TransferError& q) {
        handler.onAnomaly(path, FolderAnomaly::LeftBehind, "OQS-QUARANTINE-FAILED", q.what());
      }
    }
    seenFaceFiles_.insert(seenKey);
    handler.onUnreadable(path, reason);
    return;
  }
  handler.onFaceResult(incoming);
  if (archiving) archive(config_.faceDir, read.snapshot, "face", handler);
  seenFaceFiles_.insert(seenKey);
}

void LinkageExchange::checkRequestFolder(ExchangeHandler& handler) {
  if (config_.terminalId.empty()) return;
  for (const FolderEntry& e : entriesIn(config_.reqDir)) {
    if (!carriesOurIdentity(e.name) || journal_.findByFileName(e.name)) continue;
    report(config_.reqDir / e.name, e, FolderAnomaly::IdentityClash, "OQS-TERMINAL-CLASH",
           "要求ファイル「" + e.name + "」はこの端末の識別子「" + config_.terminalId +
               "」を含みますが、この端末が書いたものではありません。別の端末が同じ識別子を使っています。",
           handler);
  }
}

void LinkageExchange::expire(const std::vector<RequestRecord>& waiting, ExchangeHandler& handler) {
  const std::int64_t now = seconds(clock_());
  for (const RequestRecord& r : waiting) {
    if (r.state != RequestState::Sent || r.deadline > now) continue;
    std::error_code ec;
    const bool notTaken = std::filesystem::exists(std::filesystem::symlink_status(config_.reqDir / r.fileName, ec));
    std::string reason;
    if (notTaken) {
      takeBack(r);  // so that it is not processed late
      reason = "連携アプリが要求ファイルを取り込みませんでした（" + std::to_string(timeoutFor(r.kind).count()) +
               "秒）。資格確認端末と連携アプリが動いているか確認してください。";
    } else {
      reason = "連携アプリから" + std::to_string(timeoutFor(r.kind).count()) + "秒以内に応答がありませんでした。";
    }
    if (journal_.transition(r.id, RequestState::Sent, RequestState::TimedOut, reason, "")) {
      handler.onRequestEnded(r, RequestState::TimedOut, reason);
    }
  }
}

void LinkageExchange::poll(ExchangeHandler& handler) {
  // With a register shared by several terminals the journal holds every terminal's requests: each
  // terminal takes, times out and resends only its own.
  std::vector<RequestRecord> waiting = ourWaitingRequests();
  const auto resEntries = entriesIn(config_.resDir);
  for (const auto& e : resEntries) {
    if (endsWith(e.name, ".err")) handleRefusal(e, waiting, handler);
  }
  for (const auto& e : resEntries) {
    const auto kind = kindFromFileName(e.name);
    if (!kind || kindInfo(*kind).request) continue;  // del*.txt, .tmp, bounced requests
    if (endsWith(e.name, ".xml")) handleResult(e, waiting, handler);
    else handleNotXml(e, waiting, handler);
  }
  for (const auto& e : entriesIn(config_.faceDir)) {
    if (kindFromFileName(e.name) == MessageKind::FaceResult && endsWith(e.name, ".xml")) handleFace(e, handler);
  }
  checkRequestFolder(handler);
  expire(waiting, handler);
}

}  // namespace rececon::linkage
