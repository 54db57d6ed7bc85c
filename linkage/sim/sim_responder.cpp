#include "linkage/sim/sim_responder.h"

#include "linkage/message_codec.h"

namespace rececon::sim {
namespace {

using linkage::Qualification;
using linkage::QualificationResult;
using linkage::Text;

Text opt(const std::string& s) { return s.empty() ? Text() : Text(s); }

std::string padded(const std::string& insurer) {
  return insurer.size() < 8 ? std::string(8 - insurer.size(), ' ') + insurer : insurer;
}

linkage::ResultHeader header(const SimContext& ctx, const Text& confirmationDate, const Text& fileIdentifier,
                             const char* referenceClassification) {
  linkage::ResultHeader h;
  h.processExecutionTime = ctx.now;
  h.confirmationDate = confirmationDate;
  h.institutionCode = ctx.institutionCode;
  h.fileIdentifier = fileIdentifier;
  if (referenceClassification) h.referenceClassification = referenceClassification;
  h.segmentOfResult = "1";
  h.characterCode = ctx.characterCode;
  return h;
}

// The person's qualification as OQS holds it; `newer` gives the card that replaced the old one.
Qualification qualificationOf(const SimPerson& p, bool newer, bool withLimitCertificate, const SimContext& ctx) {
  Qualification q;
  q.cardClassification = opt(p.get("card_classification"));
  q.insurerNumber = padded(newer ? p.get("new_insurer_number") : p.get("insurer_number"));
  q.symbol = opt(newer ? p.get("new_symbol") : p.get("symbol"));
  q.number = newer ? p.get("new_number") : p.get("number");
  q.branch = opt(newer ? p.get("new_branch") : p.get("branch"));
  q.personalFamily = opt(p.get("relation"));
  q.insuredName = opt(p.get("insured_name"));
  q.name = p.get("name");
  q.nameKana = p.get("name_kana");
  q.sex1 = p.get("sex");
  q.birthdate = p.get("birthdate");
  q.address = opt(p.get("address"));
  q.postNumber = opt(p.get("post_number"));
  q.insurerName = newer ? p.get("new_insurer_name") : p.get("insurer_name");
  q.qualificationDate = newer ? Text("20260401") : opt(p.get("qualification_date"));
  q.cardValidDate = newer ? Text("20260401") : opt(p.get("valid_from"));
  if (!newer) {
    q.disqualificationDate = opt(p.get("disqualification_date"));
    q.reasonOfLoss = opt(p.get("reason_of_loss"));
    q.cardExpirationDate = opt(p.get("valid_to"));
  }
  q.partialContributionRatio = opt(p.get("copay_ratio"));
  if (!p.get("elderly_ratio").empty()) {
    q.elderly = linkage::ElderlyRecipient{Text("20260715"), opt(p.get("elderly_start")), opt(p.get("elderly_end")),
                                          opt(p.get("elderly_ratio"))};
  }
  if (withLimitCertificate && !p.get("limit_flag").empty()) {
    q.limitConsent = "1";
    q.limitConsentTime = ctx.now;
    q.limitCertificate = linkage::LimitCertificate{opt(p.get("limit_classification")), opt(p.get("limit_flag")),
                                                   Text("20260715"), opt(p.get("limit_start")), opt(p.get("limit_end")),
                                                   Text()};
  }
  if (!p.get("specific_disease").empty()) {
    q.specificDiseases.push_back(linkage::SpecificDisease{opt(p.get("specific_disease")), Text("20250401"),
                                                          Text("20250401"), Text(), Text("10000")});
  }
  const std::string key = qualificationKey(*q.insurerNumber, q.symbol.value_or(""), *q.number, q.branch.value_or(""));
  q.referenceNumber = ctx.state.referenceFor(key);
  return q;
}

void notFound(QualificationResult& r) {
  r.processingStatus = "2";
  r.processingCode = "SIMERR0004";
  r.processingMessage = "（シミュレータ）該当する資格情報が見つかりません。";
  r.validity = "4";
}

void severalFound(QualificationResult& r) {
  r.processingStatus = "2";
  r.processingCode = "SIMERR0005";
  r.processingMessage = "（シミュレータ）複数の資格情報が該当しました。枝番を指定してください。";
  r.validity = "5";
}

// Fills validity and the qualification for the hits of one search key.
void resolve(const linkage::SearchKey& key, const SimContext& ctx, QualificationResult& r) {
  const auto hits = ctx.data.find(key.insurerNumber.value_or(""), key.symbol.value_or(""), key.number.value_or(""),
                                  key.branch.value_or(""), key.birthdate.value_or(""));
  if (hits.empty()) return notFound(r);
  if (hits.size() > 1) return severalFound(r);
  const SimPerson& p = *hits[0];
  const bool askedForNewer = sim::trimmed(key.insurerNumber.value_or("")) == p.get("new_insurer_number") &&
                             key.number.value_or("") == p.get("new_number");
  r.processingStatus = "1";
  r.validity = askedForNewer ? "1" : p.get("validity");
  r.qualifications.push_back(qualificationOf(p, askedForNewer, key.limitConsent == Text("1"), ctx));
}

}  // namespace

linkage::ResultHeader systemErrorHeader(const SimContext& ctx, const Text& fileIdentifier) {
  linkage::ResultHeader h = header(ctx, Text(), fileIdentifier, nullptr);
  h.segmentOfResult = "9";
  h.errorCode = "SIMERR9001";
  h.errorMessage = "（シミュレータ）オンライン資格確認等システムに接続できません。";
  return h;
}

QualificationResult answerSingleCheck(const linkage::SingleCheckRequest& request, const SimContext& ctx) {
  QualificationResult r;
  r.header = header(ctx, request.header.confirmationDate, request.header.fileIdentifier, "2");
  r.searchInfo = request.key;
  resolve(request.key, ctx, r);
  return r;
}

linkage::AcceptResult acceptBulkCheck(const linkage::BulkCheckRequest& request, const SimContext& ctx,
                                      std::int64_t readyAtMs) {
  const std::string reception = ctx.state.newReceptionNumber();
  linkage::BulkResult result;
  result.header = header(ctx, request.header.confirmationDate, request.header.fileIdentifier, nullptr);
  result.header.receptionNumber = reception;
  int normal = 0;
  for (const auto& key : request.keys) {
    // Bulk results say only whether the 限度額適用認定証 data changed, never the data: look it up as if
    // consented, report the flag, drop the rest.
    linkage::SearchKey lookup = key;
    lookup.limitConsent = "1";
    QualificationResult one;
    resolve(lookup, ctx, one);
    linkage::BulkUnit unit;
    unit.searchInfo = key;
    unit.processingStatus = one.processingStatus;
    unit.processingCode = one.processingCode;
    unit.processingMessage = one.processingMessage;
    unit.validity = one.validity;
    if (!one.qualifications.empty()) {
      Qualification q = one.qualifications[0];
      unit.referenceNumber = q.referenceNumber;
      q.referenceNumber.reset();  // bulk results carry it at the unit level
      q.limitConsent.reset();
      q.limitConsentTime.reset();
      q.limitCertificateChanged = q.limitCertificate ? "1" : "0";
      q.limitCertificate.reset();
      unit.qualification = q;
    }
    normal += one.processingStatus == Text("1") ? 1 : 0;
    result.units.push_back(std::move(unit));
  }
  result.header.processedCount = std::to_string(request.keys.size());
  result.header.normalCount = std::to_string(normal);
  result.header.errorCount = std::to_string(request.keys.size() - static_cast<std::size_t>(normal));
  ctx.state.addBulkJob(reception, BulkJob{readyAtMs, linkage::encodeMessage(linkage::toXml(result), linkage::Encoding::Utf8)});

  linkage::AcceptResult accept;
  accept.header = header(ctx, request.header.confirmationDate, request.header.fileIdentifier, nullptr);
  accept.receptionNumber = reception;
  accept.receptionDateTime = ctx.now;
  accept.processingStatus = "1";
  return accept;
}

linkage::BulkResult answerBulkDownload(const linkage::DownloadRequest& request, const SimContext& ctx,
                                       std::int64_t nowMs) {
  const std::optional<BulkJob> job = ctx.state.bulkJob(request.receptionNumber.value_or(""));
  linkage::BulkResult r;
  if (!job) {
    r.header = systemErrorHeader(ctx, Text());
    r.header.receptionNumber = request.receptionNumber;
    r.header.errorCode = "SIMERR9002";
    r.header.errorMessage = "（シミュレータ）一括照会受付番号が見つかりません。";
    return r;
  }
  if (nowMs < job->readyAtMs) {
    r.header = header(ctx, Text(), Text(), nullptr);
    r.header.receptionNumber = request.receptionNumber;
    r.header.segmentOfResult = "2";
    return r;
  }
  r = linkage::readBulkResult(linkage::decodeMessage(job->resultXml, "OQSmuquc02res_sim.xml").root());
  r.header.processExecutionTime = ctx.now;
  r.header.characterCode = ctx.characterCode;
  return r;
}

linkage::RegistrationResult answerReferenceRegistration(const linkage::ReferenceRegistrationRequest& request,
                                                        const SimContext& ctx) {
  linkage::RegistrationResult r;
  r.header = header(ctx, Text(), request.header.fileIdentifier, nullptr);
  for (const auto& e : request.entries) {
    const std::string key = qualificationKey(e.insurerNumber.value_or(""), e.symbol.value_or(""),
                                             e.number.value_or(""), e.branch.value_or(""));
    if (!e.referenceNumber || e.referenceNumber->empty() || e.referenceNumber->size() > 50) {
      r.processingStatus = "2";
      r.processingCode = "SIMERR0101";
      r.processingMessage = "（シミュレータ）照会番号が正しくありません。";
      return r;
    }
    ctx.state.registerReference(key, *e.referenceNumber);
  }
  r.processingStatus = "1";
  return r;
}

// Whether OQS knows a card with these numbers (insurer compared without padding).
bool knownCard(const SimDataset& data, const linkage::ReferenceRegistration& e) {
  const auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(' '));
    return s;
  };
  for (const auto& p : data.persons()) {
    if (p.knownToOqs() && trim(p.get("insurer_number")) == trim(e.insurerNumber.value_or("")) &&
        p.get("symbol") == e.symbol.value_or("") && p.get("number") == e.number.value_or("") &&
        (!e.branch || p.get("branch") == *e.branch)) {
      return true;
    }
  }
  return false;
}

linkage::RegistrationResult perUnitRegistration(const linkage::ReferenceRegistrationRequest& request, const SimContext& ctx) {
  linkage::RegistrationResult r;
  r.header = header(ctx, Text(), request.header.fileIdentifier, nullptr);
  for (const auto& e : request.entries) {
    linkage::RegistrationUnit& u = r.units.emplace_back();
    u.entry = e;
    if (!knownCard(ctx.data, e)) {
      u.processingStatus = "2";
      u.processingCode = "SIMERR0102";
      u.processingMessage = "（シミュレータ）この保険証の資格が見つかりません。";
      continue;
    }
    ctx.state.registerReference(qualificationKey(e.insurerNumber.value_or(""), e.symbol.value_or(""), e.number.value_or(""),
                                                 e.branch.value_or("")),
                                *e.referenceNumber);
    u.processingStatus = "1";
  }
  return r;
}

linkage::AcceptResult acceptBulkRegistration(const linkage::ReferenceRegistrationRequest& request,
                                             const SimContext& ctx, bool perUnit, std::int64_t readyAtMs) {
  const std::string reception = ctx.state.newReceptionNumber();
  linkage::RegistrationResult result = perUnit ? perUnitRegistration(request, ctx) : answerReferenceRegistration(request, ctx);
  result.header.receptionNumber = reception;
  ctx.state.addBulkJob(reception, BulkJob{readyAtMs, linkage::encodeMessage(linkage::toXml(result), linkage::Encoding::Utf8)});
  linkage::AcceptResult accept;
  accept.header = header(ctx, Text(), request.header.fileIdentifier, nullptr);
  accept.receptionNumber = reception;
  accept.receptionDateTime = ctx.now;
  accept.processingStatus = "1";
  return accept;
}

linkage::RegistrationResult answerBulkRegistrationDownload(const linkage::DownloadRequest& request,
                                                           const SimContext& ctx, std::int64_t nowMs) {
  const std::optional<BulkJob> job = ctx.state.bulkJob(request.receptionNumber.value_or(""));
  linkage::RegistrationResult r;
  if (!job || nowMs < job->readyAtMs) {
    r.header = job ? header(ctx, Text(), Text(), nullptr) : systemErrorHeader(ctx, Text());
    r.header.receptionNumber = request.receptionNumber;
    if (job) r.header.segmentOfResult = "2";
    else r.header.errorMessage = "（シミュレータ）一括登録の受付番号が見つかりません。";
    return r;
  }
  r = linkage::readRegistrationResult(linkage::decodeMessage(job->resultXml, "OQSmuimm02res_sim.xml").root());
  r.header.processExecutionTime = ctx.now;
  r.header.characterCode = ctx.characterCode;
  return r;
}

QualificationResult answerEmergencySearch(const linkage::EmergencySearchRequest& request, const SimContext& ctx) {
  QualificationResult r;
  r.header = header(ctx, request.header.confirmationDate, request.header.fileIdentifier, "2");
  std::vector<const SimPerson*> hits;
  for (const auto& p : ctx.data.persons()) {
    if (!p.knownToOqs() || p.get("birthdate") != request.search.birthdate.value_or("") ||
        p.get("sex") != request.search.sex.value_or("")) {
      continue;
    }
    const bool name = p.get("name") == request.search.name.value_or("-");
    const bool place = (request.search.address && p.get("address").rfind(*request.search.address, 0) == 0) ||
                       (request.search.insurerName && p.get("insurer_name") == *request.search.insurerName);
    if (name && place) hits.push_back(&p);
  }
  r.numberOfCandidates = std::to_string(hits.size());
  if (hits.empty() || hits.size() >= 6) {  // 0 or 6+: error only (MHLW guide table 2.2.5-2)
    r.processingStatus = "2";
    r.processingCode = hits.empty() ? "SIMERR0201" : "SIMERR0202";
    r.processingMessage = hits.empty() ? "（シミュレータ）該当者がいません。条件を変えて再度検索してください。"
                                       : "（シミュレータ）該当者が多すぎます。条件を変えて再度検索してください。";
    return r;
  }
  r.processingStatus = "1";
  for (const SimPerson* p : hits) r.qualifications.push_back(qualificationOf(*p, false, false, ctx));
  return r;
}

QualificationResult faceResultFor(const SimPerson& person, const SimContext& ctx) {
  QualificationResult r;
  r.header = header(ctx, Text(ctx.now.substr(0, 8)), Text("SimFace" + person.get("id") + "="), "1");
  r.processingStatus = "1";
  if (!person.knownToOqs()) {
    notFound(r);
    return r;
  }
  // The card leads to the person's current qualification: the newer one when the old card was replaced.
  const bool newer = !person.get("new_insurer_number").empty();
  r.validity = newer ? "1" : person.get("validity");
  r.qualifications.push_back(qualificationOf(person, newer, true, ctx));
  r.prescriptionIssueSelect = "1";
  return r;
}

}  // namespace rececon::sim
