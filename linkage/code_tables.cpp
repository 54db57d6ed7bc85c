#include "linkage/code_tables.h"

#include <map>
#include <array>
#include <utility>
#include <vector>

namespace rececon::linkage {
namespace {

using Table = std::map<std::string, std::string, std::less<>>;

const Table& elementLabels() {
  static const Table labels = {
      {"XmlMsg", "電文"},
      {"MessageHeader", "ヘッダ"},
      {"MessageBody", "本体"},
      {"ProcessExecutionTime", "処理実行日時"},
      {"QualificationConfirmationDate", "資格確認日"},
      {"MedicalInstitutionCode", "医療機関コード"},
      {"ArbitraryFileIdentifier", "任意のファイル識別子"},
      {"ReferenceClassification", "照会区分"},
      {"SegmentOfResult", "処理結果区分"},
      {"ErrorCode", "エラーコード"},
      {"ErrorMessage", "エラーメッセージ"},
      {"CharacterCodeIdentifier", "文字コード識別"},
      {"ReceptionNumber", "一括照会受付番号"},
      {"ReceptionDateTime", "受付日時"},
      {"NumberOfProcessingResult", "処理件数"},
      {"NumberOfNormalProcessing", "正常件数"},
      {"NumberOfError", "エラー件数"},
      {"MedicalTreatmentFlag", "診療区分"},
      {"ProcessingResultStatus", "処理結果状況"},
      {"ProcessingResultCode", "処理結果コード"},
      {"ProcessingResultMessage", "処理結果メッセージ"},
      {"QualificationValidity", "資格有効性"},
      {"QualificationConfirmSearchInfo", "資格確認照会用情報"},
      {"QualificationConfirmationKey", "資格確認キー"},
      {"PrescriptionIssueSelect", "処方箋発行形態"},
      {"ResultList", "資格確認結果一覧"},
      {"ResultOfQualificationConfirmation", "資格確認結果"},
      {"BulkConfirmUnit", "一括照会結果（1人分）"},
      {"InsuredCardClassification", "被保険者証区分"},
      {"InsurerNumber", "保険者番号"},
      {"InsuredCardSymbol", "被保険者証記号"},
      {"InsuredIdentificationNumber", "被保険者証番号"},
      {"InsuredBranchNumber", "被保険者証枝番"},
      {"PersonalFamilyClassification", "本人・家族の別"},
      {"InsuredName", "被保険者氏名"},
      {"Name", "氏名"},
      {"NameOfOther", "氏名（その他）"},
      {"NameKana", "氏名カナ"},
      {"NameOfOtherKana", "氏名カナ（その他）"},
      {"Sex1", "性別1"},
      {"Sex2", "性別2"},
      {"Birthdate", "生年月日"},
      {"Address", "住所"},
      {"PostNumber", "郵便番号"},
      {"QualificationDate", "資格取得年月日"},
      {"DisqualificationDate", "資格喪失年月日"},
      {"InsuredCertificateIssuanceDate", "被保険者証交付年月日"},
      {"InsuredCardValidDate", "被保険者証有効開始年月日"},
      {"InsuredCardExpirationDate", "被保険者証有効終了年月日"},
      {"InsuredPartialContributionRatio", "一部負担金割合"},
      {"PreschoolClassification", "未就学区分"},
      {"ReasonOfLoss", "資格喪失事由"},
      {"InsurerName", "保険者名称"},
      // 医療扶助 (public assistance) in a qualification; reconstructed from public evidence
      // (YUKI-ENT/OQSDrug2 reads these three beside InsurerName).
      {"PublicExpenseNumber", "公費負担者番号"},
      // One person of a bulk 照会番号 registration result (reconstructed from public evidence:
      // YUKI-ENT/MynaReception reads OQSmuimm02res unit by unit).
      {"BulkRegistrationUnit", "照会番号一括登録結果（1人分）"},
      {"BeneficiaryNumber", "公費受給者番号"},
      {"WelfareOfficeName", "福祉事務所名"},
      {"ArbitraryIdentifier", "任意の識別子"},
      {"ReferenceNumber", "照会番号"},
      {"ElderlyRecipientCertificateInfo", "高齢受給者証情報"},
      {"ElderlyRecipientCertificateDate", "高齢受給者証 交付年月日"},
      {"ElderlyRecipientValidStartDate", "高齢受給者証 有効開始年月日"},
      {"ElderlyRecipientValidEndDate", "高齢受給者証 有効終了年月日"},
      {"ElderlyRecipientContributionRatio", "高齢受給者証 一部負担金割合"},
      {"LimitApplicationCertificateRelatedConsFlg", "限度額適用認定証提供同意フラグ"},
      {"LimitApplicationCertificateRelatedConsTime", "限度額適用認定証提供同意日時"},
      {"LimitApplicationCertificateRelatedInfo", "限度額適用認定証関連情報"},
      {"LimitApplicationCertificateClassification", "限度額適用認定証区分"},
      {"LimitApplicationCertificateClassificationFlag", "限度額適用認定証適用区分"},
      {"LimitApplicationCertificateDate", "限度額適用認定証 交付年月日"},
      {"LimitApplicationCertificateValidStartDate", "限度額適用認定証 有効開始年月日"},
      {"LimitApplicationCertificateValidEndDate", "限度額適用認定証 有効終了年月日"},
      {"LimitApplicationCertificateLongTermDate", "長期入院該当年月日"},
      {"LimitApplicationCertificateChanged", "限度額適用認定証情報変更有無"},
      {"SpecificDiseasesCertificateRelatedConsFlg", "特定疾病療養受療証提供同意フラグ"},
      {"SpecificDiseasesCertificateRelatedConsTime", "特定疾病療養受療証提供同意日時"},
      {"SpecificDiseasesCertificateList", "特定疾病療養受療証一覧"},
      {"SpecificDiseasesCertificateInfo", "特定疾病療養受療証情報"},
      {"SpecificDiseasesDiseaseCategory", "認定疾病区分"},
      {"SpecificDiseasesCertificateDate", "特定疾病療養受療証 交付年月日"},
      {"SpecificDiseasesValidStartDate", "特定疾病療養受療証 有効開始年月日"},
      {"SpecificDiseasesValidEndDate", "特定疾病療養受療証 有効終了年月日"},
      {"SpecificDiseasesSelfPay", "自己負担限度額"},
      {"PublicExpenseResultList", "医療扶助資格確認結果"},
      {"MedicalTicketInfo", "医療券・調剤券情報"},
      {"TicketType", "医療券・調剤券別"},
      {"MedicalTicketValidDate", "医療券 有効開始年月日"},
      {"MedicalTicketExpirationDate", "医療券 有効終了年月日"},
      {"IssueNumber", "交付番号"},
      {"MedicalTreatmentMonth", "診療年月"},
      {"DesignatedMedicalInstitutionCode", "指定医療機関コード"},
      {"DesignatedMedicalInstitutionFlag", "指定医療機関確認フラグ"},
      {"DesignatedMedicalInstitutionName", "指定医療機関名"},
      {"PrescriptionIssuerMedicalInstitutionCode", "処方箋発行医療機関コード"},
      {"PrescriptionIssuerMedicalInstitutionName", "処方箋発行医療機関名"},
      {"InjuryName1", "傷病名1"},
      {"InjuryName2", "傷病名2"},
      {"InjuryName3", "傷病名3"},
      {"MedicalTreatmentType", "診療別"},
      {"SelfPayAmount", "本人支払額"},
      {"DistrictContactName", "地区担当員名"},
      {"HandlingContactName", "取扱担当者名"},
      {"SingleOrCombinedUse", "単独・併用別"},
      {"StatusOfSocialInsurance", "社会保険状況"},
      {"ConsistencyFlag", "社会保険状況の整合性フラグ"},
      {"StatusOfInfecton", "感染症法37条の2該当状況"},
      {"StatusOfElderlyMedicalCare", "後期高齢者医療該当状況"},
      {"StatusOfPrefecturalExpenses", "都道府県費該当状況"},
      {"Remarks1", "備考1"},
      {"Remarks2", "備考2"},
      {"Remarks3", "備考3"},
      {"SpecificHealthCheckupsInfoConsFlg", "特定健診情報閲覧同意フラグ"},
      {"SpecificHealthCheckupsInfoConsTime", "特定健診情報閲覧同意日時"},
      {"SpecificHealthCheckupsInfoAvailableTime", "特定健診情報閲覧有効期限"},
      {"PharmacistsInfoConsFlg", "薬剤情報閲覧同意フラグ"},
      {"PharmacistsInfoConsTime", "薬剤情報閲覧同意日時"},
      {"PharmacistsInfoAvailableTime", "薬剤情報閲覧有効期限"},
      {"DiagnosisInfoConsFlg", "診療情報閲覧同意フラグ"},
      {"DiagnosisInfoConsTime", "診療情報閲覧同意日時"},
      {"DiagnosisInfoAvailableTime", "診療情報閲覧有効期限"},
      {"OperationInfoConsFlg", "手術情報閲覧同意フラグ"},
      {"OperationInfoConsTime", "手術情報閲覧同意日時"},
      {"OperationInfoAvailableTime", "手術情報閲覧有効期限"},
      {"ReferenceNumberRegistrationInfo", "照会番号登録情報"},
      {"EmergencySearchInfo", "救急時検索情報（暫定）"},
      {"NumberOfCandidates", "候補者数（暫定）"},
  };
  return labels;
}

const std::map<std::string, Table, std::less<>>& codeTables() {
  const Table consent = {{"0", "同意なし"}, {"1", "同意あり"}, {"2", "同意有効期限切れ"}, {"3", "同意取得困難"}};
  const Table yesNo = {{"01", "あり"}, {"02", "なし"}};
  static const std::map<std::string, Table, std::less<>> tables = {
      {"LimitApplicationCertificateRelatedConsFlg", {{"0", "未同意"}, {"1", "同意"}}},
      {"ReferenceClassification", {{"1", "マイナンバーカード"}, {"2", "被保険者証情報"}}},
      {"SegmentOfResult", {{"1", "正常終了"}, {"2", "処理中"}, {"9", "異常終了"}}},
      {"ProcessingResultStatus", {{"1", "正常終了"}, {"2", "エラー"}}},
      {"CharacterCodeIdentifier", {{"0", "UTF-8"}, {"1", "Shift_JIS"}}},
      {"QualificationValidity",
       {{"1", "有効"}, {"2", "無効"}, {"3", "無効（新しい資格あり）"}, {"4", "該当資格なし"}, {"5", "複数該当"},
        {"6", "有効（未登録）"}}},
      {"Sex1", {{"1", "男"}, {"2", "女"}, {"3", "未設定"}}},
      {"Sex2", {{"1", "男"}, {"2", "女"}, {"3", "未設定"}}},
      {"ReasonOfLoss", {{"01", "死亡"}, {"02", "生活保護受給開始"}, {"03", "医療保険等の資格取得"}, {"99", "その他"}}},
      {"PersonalFamilyClassification", {{"1", "本人"}, {"2", "家族"}}},
      {"InsuredCardClassification",
       {{"01", "被保険者証（一般）"}, {"02", "被保険者証（退職）"}, {"03", "短期被保険者証（一般）"},
        {"04", "短期被保険者証（退職）"}, {"05", "被保険者資格証明書"}, {"06", "特例退職被保険者証"},
        {"07", "自衛官診療証"}, {"A1", "医療扶助"}}},
      {"LimitApplicationCertificateClassification",
       {{"01", "限度額適用認定証"}, {"02", "限度額適用・標準負担額減額認定証"}, {"03", "標準負担額減額認定証"}}},
      {"LimitApplicationCertificateClassificationFlag",
       {{"A01", "ア"}, {"A02", "イ"}, {"A03", "ウ"}, {"A04", "エ"}, {"A05", "オ"}, {"A06", "オ（境）"},
        {"B01", "現役並みⅢ"}, {"B02", "現役並みⅡ"}, {"B03", "現役並みⅠ"}, {"B04", "一般"}, {"B05", "低所得Ⅱ"},
        {"B06", "低所得Ⅰ"}, {"B07", "低所得Ⅰ（老福）"}, {"B08", "低所得Ⅰ（境）"}, {"B09", "一般Ⅱ"}, {"B10", "一般Ⅰ"}}},
      {"SpecificDiseasesDiseaseCategory",
       {{"1", "人工透析を要する慢性腎不全"}, {"2", "先天性血液凝固因子障害"}, {"3", "血液凝固因子製剤に起因するHIV感染症"}}},
      {"LimitApplicationCertificateChanged", {{"0", "変更なし"}, {"1", "変更あり または 判定不能"}}},
      {"PreschoolClassification", {{"1", "未就学該当"}}},
      {"SpecificDiseasesCertificateRelatedConsFlg", consent},
      {"SpecificHealthCheckupsInfoConsFlg", consent},
      {"PharmacistsInfoConsFlg", consent},
      {"DiagnosisInfoConsFlg", consent},
      {"OperationInfoConsFlg", consent},
      {"PrescriptionIssueSelect", {{"1", "電子処方箋"}, {"2", "紙の処方箋"}}},
      {"TicketType", {{"01", "医療券"}, {"02", "調剤券"}}},
      {"MedicalTreatmentType", {{"01", "入院"}, {"02", "入院外"}, {"03", "歯科"}, {"04", "調剤"}, {"05", "訪問看護"}}},
      {"SingleOrCombinedUse", {{"01", "単独"}, {"02", "併用"}}},
      {"StatusOfSocialInsurance", yesNo},
      {"ConsistencyFlag", {{"1", "不整合あり"}}},
      {"StatusOfInfecton", yesNo},
      {"StatusOfElderlyMedicalCare", yesNo},
      {"StatusOfPrefecturalExpenses", yesNo},
      {"DesignatedMedicalInstitutionFlag", {{"0", "一致"}, {"1", "不一致"}}},
      {"MedicalTreatmentFlag", {{"1", "外来"}, {"2", "訪問診療等"}, {"3", "オンライン診療等"}, {"4", "救急時"}}},
  };
  return tables;
}

// The element catalog as an open-addressing table of power-of-two size, hashed on the length and a
// few sampled characters: elementInfo() runs for every element of every decoded file, and a general
// string hash with a prime-modulo bucket costs more there than the rest of the lookup.
class Catalog {
 public:
  Catalog() {
    int id = 0;
    for (const auto& [name, label] : elementLabels()) {
      const auto table = codeTables().find(name);
      const ElementInfo info{label, table == codeTables().end() ? nullptr : &table->second, id++};
      std::size_t slot = hash(name) & kMask;
      while (!slots_[slot].name.empty()) slot = (slot + 1) & kMask;
      slots_[slot] = Slot{name, info};
    }
  }

  const ElementInfo* find(std::string_view name) const {
    if (name.empty()) return nullptr;
    for (std::size_t slot = hash(name) & kMask;; slot = (slot + 1) & kMask) {
      const Slot& s = slots_[slot];
      if (s.name.empty()) return nullptr;
      if (s.name == name) return &s.info;
    }
  }

 private:
  static constexpr std::size_t kSize = 1024;  // about eight times the number of names: short probes
  static constexpr std::size_t kMask = kSize - 1;
  struct Slot {
    std::string_view name;
    ElementInfo info{};
  };

  static std::size_t hash(std::string_view n) {
    const auto at = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(n[i])); };
    const std::size_t len = n.size();
    return (len * 2654435761u) ^ (at(0) << 3) ^ (at(len - 1) << 11) ^ (at(len / 2) << 6) ^ (at(len / 3) << 1) ^
           (at(2 * len / 3) << 9);
  }

  std::array<Slot, kSize> slots_{};
};

const Catalog& catalog() {
  static const Catalog instance;
  return instance;
}

}  // namespace

const ElementInfo* elementInfo(std::string_view element) { return catalog().find(element); }

std::size_t knownElementCount() { return elementLabels().size(); }

std::optional<std::string> elementLabel(std::string_view element) {
  const auto& labels = elementLabels();
  const auto it = labels.find(element);
  if (it == labels.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> codeLabel(std::string_view element, std::string_view value) {
  const auto& tables = codeTables();
  const auto table = tables.find(element);
  if (table == tables.end()) return std::nullopt;
  const auto it = table->second.find(value);
  if (it == table->second.end()) return std::nullopt;
  return it->second;
}

bool hasCodeTable(std::string_view element) { return codeTables().count(element) > 0; }

}  // namespace rececon::linkage
