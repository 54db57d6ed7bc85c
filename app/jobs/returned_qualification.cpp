#include "app/jobs/returned_qualification.h"

#include "app/core/insurer_number.h"
#include "app/core/japanese_date.h"
#include "app/core/kana.h"
#include "app/core/utf8.h"

namespace rececon {
namespace {

using linkage::Text;

std::optional<Date> fromYyyymmdd(const Text& t) { return t ? fromCompactString(*t) : std::nullopt; }

std::optional<int> ratioPercent(const Text& t) {  // "030" -> 30
  if (!t || t->empty() || t->find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(*t);
}

// OQS returns half-width katakana; the register holds full-width (toFullWidthKatakana). In the register's
// form, an unchanged reading compares equal, a taken reading is stored like a typed one, and lists do not mix
// widths. The message's own form stays in the stored XML. A kana the register would not accept is kept as
// returned, so that it shows as a difference instead of vanishing.
std::string registerKana(const std::string& returned) {
  if (!utf8::isValid(returned)) return returned;
  return toFullWidthKatakana(returned).value_or(returned);
}

}  // namespace

ReturnedQualification returnedFrom(const linkage::Qualification& q) {
  ReturnedQualification r;
  r.name = q.name.value_or("");
  r.nameKana = registerKana(q.nameKana.value_or(""));
  if (q.sex1 == Text("1")) r.sex = Sex::Male;
  if (q.sex1 == Text("2")) r.sex = Sex::Female;
  r.birthDate = fromYyyymmdd(q.birthdate);
  r.address = q.address.value_or("");
  r.postalCode = q.postNumber.value_or("");
  InsuranceRecord& i = r.insurance;
  i.insured = {normalizeInsurerNumber(q.insurerNumber.value_or("")), q.symbol.value_or(""), q.number.value_or(""),
               q.branch.value_or("")};
  if (q.personalFamily == Text("1")) i.relationship = Relationship::Self;
  if (q.personalFamily == Text("2")) i.relationship = Relationship::Family;
  i.insuredName = q.insuredName.value_or("");
  i.qualificationDate = fromYyyymmdd(q.qualificationDate);
  i.validFrom = fromYyyymmdd(q.cardValidDate);
  i.validTo = fromYyyymmdd(q.cardExpirationDate);
  i.cardClassification = q.cardClassification.value_or("");
  i.copayPercent = ratioPercent(q.partialContributionRatio);
  i.insurerName = q.insurerName.value_or("");
  if (q.publicExpenseNumber || q.beneficiaryNumber || q.welfareOfficeName) {
    r.publicAssistance = PublicAssistance{q.publicExpenseNumber.value_or(""), q.beneficiaryNumber.value_or(""),
                                          q.welfareOfficeName.value_or("")};
  }
  if (q.elderly) {
    i.elderlyCopayPercent = ratioPercent(q.elderly->contributionRatio);
    i.elderlyValidFrom = fromYyyymmdd(q.elderly->validStart);
    i.elderlyValidTo = fromYyyymmdd(q.elderly->validEnd);
  }
  return r;
}

bool takeField(const std::string& field, const ReturnedQualification& from, Patient& p, InsuranceRecord& r) {
  const InsuranceRecord& n = from.insurance;
  if (field == "name") p.name = from.name;
  else if (field == "name_kana") p.nameKana = from.nameKana;
  else if (field == "sex" && from.sex) p.sex = *from.sex;
  else if (field == "birth_date" && from.birthDate) p.birthDate = *from.birthDate;
  else if (field == "address") p.address = from.address;
  else if (field == "postal_code") p.postalCode = from.postalCode;
  else if (field == "insurer_number") r.insured.insurerNumber = n.insured.insurerNumber;
  else if (field == "symbol") r.insured.symbol = n.insured.symbol;
  else if (field == "number") r.insured.number = n.insured.number;
  else if (field == "branch") r.insured.branch = n.insured.branch;
  else if (field == "relationship") r.relationship = n.relationship;
  else if (field == "insured_name") r.insuredName = n.insuredName;
  else if (field == "qualification_date") r.qualificationDate = n.qualificationDate;
  else if (field == "valid_from") r.validFrom = n.validFrom;
  else if (field == "valid_to") r.validTo = n.validTo;
  else if (field == "card_classification") r.cardClassification = n.cardClassification;
  else if (field == "copay_percent") r.copayPercent = n.copayPercent;
  else if (field == "elderly_copay_percent") r.elderlyCopayPercent = n.elderlyCopayPercent;
  else if (field == "elderly_valid_from") r.elderlyValidFrom = n.elderlyValidFrom;
  else if (field == "elderly_valid_to") r.elderlyValidTo = n.elderlyValidTo;
  else if (field == "insurer_name") r.insurerName = n.insurerName;
  else return false;
  return true;
}

bool isPatientField(const std::string& f) {
  return f == "name" || f == "name_kana" || f == "sex" || f == "birth_date" || f == "address" || f == "postal_code";
}

}  // namespace rececon
