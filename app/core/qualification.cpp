#include "app/core/qualification.h"

namespace rececon {
namespace {

std::string dateText(const std::optional<Date>& d) { return d ? toIsoString(*d) : std::string(); }
std::string percentText(const std::optional<int>& p) { return p ? std::to_string(*p) : std::string(); }

// How a stored value reads for a person.
using Shown = std::string (*)(const std::string&);
std::string asIs(const std::string& value) { return value; }
std::string dateShown(const std::string& iso) {
  const auto date = fromIsoString(iso);
  return date ? formatWareki(*date) : iso;
}
std::string percentShown(const std::string& percent) {
  // 一部負担金割合 is held in percent; the desk and the card say 割 (30 → 3割; 15 stays 15%).
  if (percent.size() >= 2 && percent.back() == '0' && percent.find_first_not_of("0123456789") == std::string::npos)
    return std::to_string(std::stoi(percent) / 10) + "割";
  return percent + "%";
}
std::string classificationShown(const std::string& code) {
  const auto label = cardClassificationLabel(code);
  return label ? *label + "（" + code + "）" : code;
}

struct Comparer {
  std::vector<FieldComparison> out;

  void add(const char* field, const char* label, std::string held, std::string returned, bool identity = false,
           bool insuredNumber = false, Shown shown = asIs) {
    if (returned.empty()) return;  // not returned: nothing to compare
    const auto show = [shown](const std::string& v) { return v.empty() ? std::string("—") : shown(v); };
    FieldComparison c{field, label, std::move(held), std::move(returned), "", "", identity, insuredNumber};
    c.heldShown = show(c.held);
    c.returnedShown = show(c.returned);
    out.push_back(std::move(c));
  }
};

}  // namespace

const char* outcomeWords(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Valid: return "有効";
    case CheckOutcome::Invalid: return "無効";
    case CheckOutcome::InvalidNewerExists: return "無効（新しい資格あり）";
    case CheckOutcome::NotFound: return "該当資格なし";
    case CheckOutcome::Several: return "複数該当";
    case CheckOutcome::Error: return "エラー";
  }
  return "エラー";
}

const char* outcomeAdvice(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Valid: return "内容を確認し、変更があれば反映してください。";
    case CheckOutcome::Invalid:
      return "この資格は無効です。新しい保険証・資格確認書かマイナンバーカードで確認してください。";
    case CheckOutcome::InvalidNewerExists:
      return "新しい資格があります。新しい保険証・資格確認書かマイナンバーカードでもう一度確認してください。";
    case CheckOutcome::NotFound:
      return "該当する資格がありません。保険者番号・記号・番号・枝番・生年月日を確かめるか、マイナンバーカードで確認してください。";
    case CheckOutcome::Several:
      return "複数の資格が該当しました。枝番を入力してもう一度確認してください。";
    case CheckOutcome::Error: return "確認できませんでした。エラーの内容を控え、保険証・資格確認書で受付を続けてください（後で再確認）。";
  }
  return "";
}

std::vector<FieldComparison> compareWithRegister(const Patient& patient, const std::optional<InsuranceRecord>& held,
                                                 const ReturnedQualification& r) {
  Comparer c;
  c.add("name", "氏名", patient.name, r.name, true);
  c.add("name_kana", "氏名カナ", patient.nameKana, r.nameKana, true);
  c.add("sex", "性別", sexLabel(patient.sex), r.sex ? sexLabel(*r.sex) : "", true);
  c.add("birth_date", "生年月日", toIsoString(patient.birthDate), dateText(r.birthDate), true, false, dateShown);
  c.add("address", "住所", patient.address, r.address);
  c.add("postal_code", "郵便番号", patient.postalCode, r.postalCode);
  const InsuranceRecord none;
  const InsuranceRecord& h = held ? *held : none;
  const InsuranceRecord& n = r.insurance;
  c.add("insurer_number", "保険者番号", h.insured.insurerNumber, n.insured.insurerNumber, false, true);
  c.add("symbol", "記号", h.insured.symbol, n.insured.symbol, false, true);
  c.add("number", "番号", h.insured.number, n.insured.number, false, true);
  c.add("branch", "枝番", h.insured.branch, n.insured.branch, false, true);
  c.add("relationship", "本人・家族", h.relationship ? relationshipLabel(*h.relationship) : "",
        n.relationship ? relationshipLabel(*n.relationship) : "");
  c.add("insured_name", "被保険者氏名", h.insuredName, n.insuredName);
  c.add("qualification_date", "資格取得日", dateText(h.qualificationDate), dateText(n.qualificationDate), false, false, dateShown);
  c.add("valid_from", "有効開始日", dateText(h.validFrom), dateText(n.validFrom), false, false, dateShown);
  c.add("valid_to", "有効終了日", dateText(h.validTo), dateText(n.validTo), false, false, dateShown);
  c.add("card_classification", "被保険者証区分", h.cardClassification, n.cardClassification, false, false, classificationShown);
  c.add("copay_percent", "負担割合", percentText(h.copayPercent), percentText(n.copayPercent), false, false, percentShown);
  c.add("elderly_copay_percent", "高齢受給者 負担割合", percentText(h.elderlyCopayPercent), percentText(n.elderlyCopayPercent), false, false,
        percentShown);
  c.add("elderly_valid_from", "高齢受給者 有効開始日", dateText(h.elderlyValidFrom), dateText(n.elderlyValidFrom), false, false,
        dateShown);
  c.add("elderly_valid_to", "高齢受給者 有効終了日", dateText(h.elderlyValidTo), dateText(n.elderlyValidTo), false, false,
        dateShown);
  c.add("insurer_name", "保険者名称", h.insurerName, n.insurerName);
  return c.out;
}

bool tickedByDefault(const FieldComparison& c) { return c.differs() && !c.identity && !c.insuredNumber; }

RegisterAction registerActionFor(CheckOutcome outcome, bool patientHasLastValid) {
  switch (outcome) {
    case CheckOutcome::Valid: return RegisterAction::MakeCurrent;
    case CheckOutcome::Invalid:
    case CheckOutcome::InvalidNewerExists:
      return patientHasLastValid ? RegisterAction::KeepInHistoryOnly : RegisterAction::RecordInvalidAsCurrent;
    default: return RegisterAction::NoChange;
  }
}

}  // namespace rececon
