#include "linkage/exchange.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>

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

// Regular files of a folder, by name; a folder that cannot be listed yields none (the watchdog reports it).
std::vector<std::filesystem::path> filesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code typeError;
    if (it->is_regular_file(typeError)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
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

// Moves a handled file into the archive. Another exchange of ours on the same data (the reception window
// and a command run beside it) may have handled and moved the same file a moment earlier: a file that is
// gone is then already archived, not an error.
void archiveHandled(const std::filesystem::path& file, const std::filesystem::path& archive) {
  try {
    moveInto(file, archive);
  } catch (const TransferError&) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec) || ec) throw;
  }
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

RequestRecord LinkageExchange::submit(MessageKind kind, const XmlElement& message, const std::string& suffix) {
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
  try {
    writeFileAtomically(config_.reqDir, r.fileName, r.requestBytes);
  } catch (const TransferError& e) {
    journal_.transition(r.id, RequestState::Pending, RequestState::Failed, e.what(), "");
    throw;
  }
  journal_.transition(r.id, RequestState::Pending, RequestState::Sent, "", "");
  r.state = RequestState::Sent;
  return r;
}

bool LinkageExchange::cancel(const RequestRecord& request, const std::string& reason) {
  const RequestState from = request.state;
  if (from != RequestState::Pending && from != RequestState::Sent) return false;
  if (!journal_.transition(request.id, from, RequestState::Cancelled, reason, "")) return false;
  std::error_code ec;
  std::filesystem::remove(config_.reqDir / request.fileName, ec);  // ours, if the linkage app has not taken it
  return true;
}

int LinkageExchange::resume() {
  int resumed = 0;
  for (const RequestRecord& r : journal_.waiting()) {
    if (r.state != RequestState::Pending) continue;
    std::error_code ec;
    const bool inReq = std::filesystem::exists(config_.reqDir / r.fileName, ec);
    const auto resultName = resultFileNameFor(r.fileName);
    const bool answered = resultName && std::filesystem::exists(config_.resDir / *resultName, ec);
    if (!inReq && !answered) writeFileAtomically(config_.reqDir, r.fileName, r.requestBytes);
    journal_.transition(r.id, RequestState::Pending, RequestState::Sent, "再起動後に再開", "");
    ++resumed;
  }
  return resumed;
}

bool LinkageExchange::settled(const std::filesystem::path& file) const {
  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(file, ec);
  if (ec) return false;
  const auto age = std::filesystem::file_time_type::clock::now() - modified;
  return age >= config_.settleTime;
}

void LinkageExchange::reject(const std::filesystem::path& file, const RequestRecord& request, const std::string& reason,
                             ExchangeHandler& handler) {
  quarantine(file, config_.quarantineDir, reason + "\n要求: " + request.fileName);
  if (journal_.transition(request.id, request.state, RequestState::Failed, reason, file.filename().string())) {
    handler.onRequestEnded(request, RequestState::Failed, reason);
  }
  handler.onUnreadable(file, reason);
}

void LinkageExchange::handleRefusal(const std::filesystem::path& errFile, std::vector<RequestRecord>& waiting,
                                    ExchangeHandler& handler) {
  const std::string requestName = errFile.stem().string() + ".xml";
  RequestRecord* request = findByFileName(waiting, requestName);
  if (!request) return;  // another client's refusal
  const auto snapshot = readStable(errFile);
  if (!snapshot) return;
  const std::string reason = "連携アプリが要求を受け付けませんでした: " + trimmed(errText(snapshot->bytes));
  const std::filesystem::path archive = archiveFor("refused");
  archiveHandled(errFile, archive);
  std::error_code ec;
  if (std::filesystem::exists(config_.resDir / requestName, ec)) archiveHandled(config_.resDir / requestName, archive);
  if (journal_.transition(request->id, request->state, RequestState::Failed, reason, errFile.filename().string())) {
    handler.onRequestEnded(*request, RequestState::Failed, reason);
  }
  request->state = RequestState::Failed;
}

void LinkageExchange::handleResult(const std::filesystem::path& file, std::vector<RequestRecord>& waiting,
                                   ExchangeHandler& handler) {
  const std::string name = file.filename().string();
  const auto it = std::find_if(waiting.begin(), waiting.end(), [&](const RequestRecord& r) {
    return r.state != RequestState::Failed && resultFileNameFor(r.fileName) == name;
  });
  if (it == waiting.end()) return;  // not the answer to any request of ours: not ours to touch
  RequestRecord& request = *it;
  const auto snapshot = readStable(file);
  if (!snapshot) return;  // still being written
  IncomingFile incoming{file, std::move(snapshot->bytes), "", {}};
  incoming.hash = contentHash(incoming.bytes);
  DecodeOptions options;
  options.institutionCode = config_.institutionCode;
  try {
    incoming.message = decodeMessage(incoming.bytes, name, options);
  } catch (const DecodeError& e) {
    const std::string reason = std::string("[") + errorCodeName(e.code()) + "] " + e.what();
    const bool mayGrow = e.code() == DecodeErrorCode::Empty || e.code() == DecodeErrorCode::Truncated;
    if (settled(file)) reject(file, request, reason, handler);
    else if (mayGrow) handler.onIncomplete(file, reason);
    return;
  }
  const XmlNode header = incoming.message.header();
  const std::string echoedId = header.value("ArbitraryFileIdentifier").value_or("");
  if (!request.fileIdentifier.empty() && echoedId != request.fileIdentifier) {
    reject(file, request, "結果の任意のファイル識別子「" + echoedId + "」が要求の「" + request.fileIdentifier +
                              "」と一致しません。別の要求の結果の可能性があります。",
           handler);
    return;
  }
  const auto echoedReception = header.value("ReceptionNumber");
  if (!request.receptionNumber.empty() && echoedReception && *echoedReception != request.receptionNumber) {
    reject(file, request, "結果の一括照会受付番号「" + *echoedReception + "」が要求の「" + request.receptionNumber +
                              "」と一致しません。",
           handler);
    return;
  }
  handler.onResult(request, incoming);
  const std::string detail = request.state == RequestState::TimedOut ? "時間切れの後に応答を受信" : "";
  journal_.transition(request.id, request.state, RequestState::Answered, detail, name);
  request.state = RequestState::Answered;
  archiveHandled(file, archiveFor("res"));
}

void LinkageExchange::handleFace(const std::filesystem::path& file, ExchangeHandler& handler) {
  const auto snapshot = readStable(file);
  if (!snapshot) return;
  const std::string seenKey = file.filename().string() + "|" + std::to_string(snapshot->size) + "|" +
                              std::to_string(snapshot->modified.time_since_epoch().count());
  if (leftFaceFiles_.count(seenKey)) return;
  IncomingFile incoming{file, std::move(snapshot->bytes), "", {}};
  incoming.hash = contentHash(incoming.bytes);
  DecodeOptions options;
  options.institutionCode = config_.institutionCode;
  try {
    incoming.message = decodeMessage(incoming.bytes, file.filename().string(), options);
  } catch (const DecodeError& e) {
    if (!settled(file)) return;
    const std::string reason = std::string("[") + errorCodeName(e.code()) + "] " + e.what();
    if (config_.facePolicy == FaceFilePolicy::Archive) {
      quarantine(file, config_.quarantineDir, reason);
    } else {
      leftFaceFiles_.insert(seenKey);
    }
    handler.onUnreadable(file, reason);
    return;
  }
  handler.onFaceResult(incoming);
  if (config_.facePolicy == FaceFilePolicy::Archive) {
    archiveHandled(file, archiveFor("face"));
  } else {
    leftFaceFiles_.insert(seenKey);
  }
}

void LinkageExchange::expire(const std::vector<RequestRecord>& waiting, ExchangeHandler& handler) {
  const std::int64_t now = seconds(clock_());
  for (const RequestRecord& r : waiting) {
    if (r.state != RequestState::Sent || r.deadline > now) continue;
    std::error_code ec;
    const std::filesystem::path requestFile = config_.reqDir / r.fileName;
    const bool notTaken = std::filesystem::exists(requestFile, ec);
    std::string reason;
    if (notTaken) {
      std::filesystem::remove(requestFile, ec);  // ours: taken back so that it is not processed late
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
  std::vector<RequestRecord> waiting = journal_.waiting();
  const auto resFiles = filesIn(config_.resDir);
  for (const auto& f : resFiles) {
    if (endsWith(f.filename().string(), ".err")) handleRefusal(f, waiting, handler);
  }
  for (const auto& f : resFiles) {
    const std::string name = f.filename().string();
    const auto kind = kindFromFileName(name);
    if (!endsWith(name, ".xml") || !kind || kindInfo(*kind).request) continue;  // del*.txt, .tmp, bounced requests
    handleResult(f, waiting, handler);
  }
  for (const auto& f : filesIn(config_.faceDir)) {
    if (kindFromFileName(f.filename().string()) == MessageKind::FaceResult && endsWith(f.filename().string(), ".xml")) {
      handleFace(f, handler);
    }
  }
  expire(waiting, handler);
}

}  // namespace rececon::linkage
