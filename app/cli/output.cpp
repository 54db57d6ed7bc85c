#include "app/cli/output.h"

#include <ostream>

namespace rececon::cli {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

void setOptionalDate(Object& o, const char* key, const std::optional<Date>& d) {
  if (d) o.set(key, toIsoString(*d)); else o.set(key, Poco::Dynamic::Var());
}

void setOptionalInt(Object& o, const char* key, const std::optional<int>& v) {
  if (v) o.set(key, *v); else o.set(key, Poco::Dynamic::Var());
}

std::string dateText(const std::optional<Date>& d) { return d ? formatWareki(*d) : "—"; }

std::string orDash(const std::string& s) { return s.empty() ? "—" : s; }

}  // namespace

Object::Ptr insuredJson(const InsuredNumber& n) {
  auto o = newJsonObject();
  o->set("insurer_number", n.insurerNumber);
  o->set("symbol", n.symbol);
  o->set("number", n.number);
  o->set("branch", n.branch);
  return o;
}

Object::Ptr newJsonObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Array::Ptr newJsonArray() { return new Array(); }

Object::Ptr toJson(const Patient& p, const std::optional<InsuranceRecord>& current) {
  auto o = newJsonObject();
  o->set("number", static_cast<Poco::Int64>(p.number));
  o->set("name", p.name);
  o->set("name_kana", p.nameKana);
  o->set("sex", static_cast<int>(p.sex));
  o->set("sex_label", sexLabel(p.sex));
  o->set("birth_date", toIsoString(p.birthDate));
  o->set("birth_date_wareki", formatWareki(p.birthDate));
  o->set("postal_code", p.postalCode);
  o->set("address", p.address);
  o->set("phone", p.phone);
  o->set("notes", p.notes);
  if (p.lastValid) o->set("last_valid", insuredJson(*p.lastValid)); else o->set("last_valid", Poco::Dynamic::Var());
  if (current) o->set("current_insurance", toJson(*current));
  o->set("version", static_cast<Poco::Int64>(p.version.number));
  o->set("changed_on", p.version.changedOn);
  return o;
}

Object::Ptr toJson(const InsuranceRecord& r) {
  auto o = newJsonObject();
  o->set("id", static_cast<Poco::Int64>(r.id));
  o->set("patient_number", static_cast<Poco::Int64>(r.patientNumber));
  o->set("state", toString(r.state));
  o->set("insurer_number", r.insured.insurerNumber);
  o->set("symbol", r.insured.symbol);
  o->set("number", r.insured.number);
  o->set("branch", r.insured.branch);
  if (r.relationship) o->set("relationship", static_cast<int>(*r.relationship)); else o->set("relationship", Poco::Dynamic::Var());
  o->set("insured_name", r.insuredName);
  setOptionalDate(*o, "qualification_date", r.qualificationDate);
  setOptionalDate(*o, "valid_from", r.validFrom);
  setOptionalDate(*o, "valid_to", r.validTo);
  o->set("card_classification", r.cardClassification);
  setOptionalInt(*o, "copay_percent", r.copayPercent);
  setOptionalInt(*o, "elderly_copay_percent", r.elderlyCopayPercent);
  setOptionalDate(*o, "elderly_valid_from", r.elderlyValidFrom);
  setOptionalDate(*o, "elderly_valid_to", r.elderlyValidTo);
  o->set("insurer_name", r.insurerName);
  o->set("created_at", r.createdAt);
  o->set("updated_at", r.updatedAt);
  return o;
}

Object::Ptr toJson(const ChangeEntry& e) {
  auto o = newJsonObject();
  o->set("id", static_cast<Poco::Int64>(e.id));
  o->set("entity", e.entity);
  o->set("entity_id", static_cast<Poco::Int64>(e.entityId));
  o->set("action", e.action);
  o->set("operator", e.operatorId);
  o->set("changed_at", e.changedAt);
  o->set("reason", e.reason);
  auto fields = newJsonArray();
  for (const auto& f : e.fields) {
    auto fo = newJsonObject();
    fo->set("field", f.field);
    fo->set("old", f.oldValue ? Poco::Dynamic::Var(*f.oldValue) : Poco::Dynamic::Var());
    fo->set("new", f.newValue ? Poco::Dynamic::Var(*f.newValue) : Poco::Dynamic::Var());
    fields->add(fo);
  }
  o->set("fields", fields);
  return o;
}

Object::Ptr toJson(const SettingValue& s) {
  auto o = newJsonObject();
  o->set("key", s.spec->key);
  o->set("label", s.spec->label);
  o->set("value", s.value);
  o->set("default", s.isDefault);
  o->set("scope", std::string(settingScopeId(s.spec->scope)));
  return o;
}

void printJson(std::ostream& out, const Object::Ptr& value) {
  value->stringify(out, 2);
  out << "\n";
}

void printJson(std::ostream& out, const Array::Ptr& value) {
  value->stringify(out, 2);
  out << "\n";
}

std::string insuredNumberText(const InsuredNumber& n) {
  std::string s = n.insurerNumber;
  if (!n.symbol.empty()) s += " 記号 " + n.symbol;
  s += " 番号 " + n.number;
  s += " 枝番 " + (n.branch.empty() ? std::string("なし") : n.branch);
  return s;
}

void printPatientDetail(std::ostream& out, const Patient& p, const std::optional<InsuranceRecord>& current) {
  out << "患者番号: " << p.number << "\n"
      << "氏名: " << p.name << "（" << p.nameKana << "）\n"
      << "性別: " << sexLabel(p.sex) << "\n"
      << "生年月日: " << formatWareki(p.birthDate) << "（" << toIsoString(p.birthDate) << "、"
      << ageOn(p.birthDate, today()) << "歳）\n"
      << "郵便番号: " << orDash(p.postalCode) << "\n"
      << "住所: " << orDash(p.address) << "\n"
      << "電話番号: " << orDash(p.phone) << "\n";
  if (!p.notes.empty()) out << "備考: " << p.notes << "\n";
  out << "直近有効な被保険者番号等: " << (p.lastValid ? insuredNumberText(*p.lastValid) : "なし") << "\n";
  if (current) {
    out << "現在の保険: ";
    printInsurance(out, *current);
  } else {
    out << "現在の保険: 登録なし\n";
  }
}

void printPatientTable(std::ostream& out, const std::vector<Patient>& patients) {
  if (patients.empty()) {
    out << "該当する患者はいません。\n";
    return;
  }
  out << "患者番号\t氏名\tカナ\t性別\t生年月日\n";
  for (const auto& p : patients) {
    out << p.number << "\t" << p.name << "\t" << p.nameKana << "\t" << sexLabel(p.sex) << "\t"
        << formatWareki(p.birthDate) << "\n";
  }
  out << patients.size() << "件\n";
}

void printInsurance(std::ostream& out, const InsuranceRecord& r) {
  out << "[保険ID " << r.id << "] " << insuranceStateLabel(r.state) << " 保険者番号 " << insuredNumberText(r.insured);
  if (r.relationship) out << " " << relationshipLabel(*r.relationship);
  out << "\n";
  out << "    保険者名称: " << orDash(r.insurerName) << "  被保険者氏名: " << orDash(r.insuredName) << "\n";
  out << "    資格取得日: " << dateText(r.qualificationDate) << "  有効期間: " << dateText(r.validFrom) << " 〜 "
      << dateText(r.validTo) << "\n";
  std::string card = orDash(r.cardClassification);
  if (auto label = cardClassificationLabel(r.cardClassification)) card += " " + *label;
  out << "    被保険者証区分: " << card << "  負担割合: "
      << (r.copayPercent ? std::to_string(*r.copayPercent) + "%" : "—") << "\n";
  if (r.elderlyCopayPercent || r.elderlyValidFrom || r.elderlyValidTo) {
    out << "    高齢受給者: 負担割合 " << (r.elderlyCopayPercent ? std::to_string(*r.elderlyCopayPercent) + "%" : "—")
        << "  有効期間 " << dateText(r.elderlyValidFrom) << " 〜 " << dateText(r.elderlyValidTo) << "\n";
  }
}

void printChange(std::ostream& out, const ChangeEntry& e) {
  const char* what = e.entity == "patient" ? "患者" : "保険";
  const char* action = e.action == "create" ? "登録" : "変更";
  out << e.changedAt << "  " << what << action;
  if (e.entity == "insurance") out << "（保険ID " << e.entityId << "）";
  out << "  操作者: " << e.operatorId << "  理由: " << orDash(e.reason) << "\n";
  for (const auto& f : e.fields) {
    out << "    " << f.field << ": " << (f.oldValue ? "「" + *f.oldValue + "」" : "(なし)") << " → "
        << (f.newValue ? "「" + *f.newValue + "」" : "(なし)") << "\n";
  }
}

std::string trailVerdictText(const TrailVerdict& v) {
  if (!v.intact) return "監査証跡: 問題があります。\n" + v.finding + "\n";
  return "監査証跡: 改ざんはありません（" + std::to_string(v.links) + " 件）。\n" + (v.note.empty() ? "" : "注意: " + v.note + "\n");
}

}  // namespace rececon::cli
