#pragma once
// What the face-recognition card reader would write for a registered patient (Shift_JIS, as many sites
// have it): the benchmarks that time a card result's way through the product start from this file.

#include <string>

#include "app/core/insurance.h"
#include "app/core/insurer_number.h"
#include "app/core/patient.h"
#include "linkage/message_codec.h"
#include "linkage/messages.h"

namespace rececon::bench {

inline std::string cardResultFileFor(const Patient& p, const InsuranceRecord& ins) {
  linkage::QualificationResult r;
  r.header.processExecutionTime = "20261121093000";
  r.header.institutionCode = "9919999999";
  r.header.referenceClassification = "1";
  r.header.segmentOfResult = "1";
  r.header.characterCode = "1";
  r.processingStatus = "1";
  r.validity = "1";
  linkage::Qualification q;
  q.name = p.name;
  q.nameKana = p.nameKana;
  q.sex1 = p.sex == Sex::Female ? "2" : "1";
  q.birthdate = toCompactString(p.birthDate);
  q.insurerNumber = padInsurerNumber(ins.insured.insurerNumber);
  q.symbol = ins.insured.symbol.empty() ? linkage::Text() : linkage::Text(ins.insured.symbol);
  q.number = ins.insured.number;
  q.insurerName = ins.insurerName;
  r.qualifications.push_back(q);
  return linkage::encodeMessage(linkage::toXml(r), linkage::Encoding::ShiftJis);
}

}  // namespace rececon::bench
