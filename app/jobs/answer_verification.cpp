#include "app/jobs/answer_verification.h"

#include <algorithm>

#include "app/core/insurer_number.h"
#include "app/core/japanese_date.h"
#include "linkage/codes.h"

namespace rececon {
namespace {

using linkage::Text;

bool digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Findings {
  std::vector<ResultFinding> list;

  void invalid(const char* element, const std::string& value, const std::string& expected) {
    list.push_back({"invalid_value", element, value,
                    std::string(element) + " の値「" + value + "」は" + expected + "ではありません。"});
  }
  // A date element, when present, must be a real yyyyMMdd day (20250231 is not).
  void date(const char* element, const Text& t) {
    if (t && !t->empty() && !fromCompactString(*t)) invalid(element, *t, "実在する日付（yyyyMMdd）");
  }
};

void checkFormats(const linkage::Qualification& q, Findings& f) {
  if (q.branch && !q.branch->empty() && !(q.branch->size() == 2 && digits(*q.branch))) {
    f.invalid("InsuredBranchNumber", *q.branch, "2桁の数字の枝番");
  }
  if (q.sex1 && !q.sex1->empty() && *q.sex1 != "1" && *q.sex1 != "2") f.invalid("Sex1", *q.sex1, "性別コード（1 または 2）");
  if (q.partialContributionRatio && !q.partialContributionRatio->empty() && !digits(*q.partialContributionRatio)) {
    f.invalid("InsuredPartialContributionRatio", *q.partialContributionRatio, "数字の負担割合");
  }
  f.date("Birthdate", q.birthdate);
  f.date("QualificationDate", q.qualificationDate);
  f.date("InsuredCardValidDate", q.cardValidDate);
  f.date("InsuredCardExpirationDate", q.cardExpirationDate);
  if (q.elderly) {
    f.date("ElderlyRecipientValidStartDate", q.elderly->validStart);
    f.date("ElderlyRecipientValidEndDate", q.elderly->validEnd);
  }
  if (q.limitCertificate) {
    f.date("LimitApplicationCertificateDate", q.limitCertificate->issueDate);
    f.date("LimitApplicationCertificateValidStartDate", q.limitCertificate->validStart);
    f.date("LimitApplicationCertificateValidEndDate", q.limitCertificate->validEnd);
  }
}

// The echoed search keys against what was sent; insurer numbers compared without their padding.
void checkEcho(const linkage::SearchKey& echo, const db::StoredCheck& asked, Findings& f) {
  const auto differs = [&](const char* element, const Text& echoed, const std::string& sent, bool insurer = false) {
    if (!echoed) return;
    const std::string got = insurer ? normalizeInsurerNumber(*echoed) : *echoed;
    const std::string want = insurer ? normalizeInsurerNumber(sent) : sent;
    if (got == want) return;
    f.list.push_back({"search_key_mismatch", element, *echoed,
                      std::string("結果に返された照会条件の ") + element + "「" + *echoed + "」が、送った「" + sent +
                          "」と一致しません。別の人の結果の可能性があります。"});
  };
  differs("InsurerNumber", echo.insurerNumber, asked.insurerNumber, true);
  differs("InsuredCardSymbol", echo.symbol, asked.symbol);
  differs("InsuredIdentificationNumber", echo.number, asked.number);
  if (!asked.branch.empty()) differs("InsuredBranchNumber", echo.branch, asked.branch);
  differs("Birthdate", echo.birthdate, asked.birthDate);
}

}  // namespace

std::vector<ResultFinding> verifyAnswer(const linkage::QualificationResult& result,
                                        const std::optional<db::StoredCheck>& asked) {
  Findings f;
  if (result.validity && !result.validity->empty() && !linkage::qualificationValidity(*result.validity)) {
    f.list.push_back({"unknown_code", "QualificationValidity", *result.validity,
                      "資格有効性のコード「" + *result.validity + "」は知られていない値です。該当資格なしとは扱わず、人が確認します。"});
  }
  for (const auto& q : result.qualifications) checkFormats(q, f);
  if (asked) {
    if (result.searchInfo) checkEcho(*result.searchInfo, *asked, f);
    for (const auto& q : result.qualifications) {
      const std::string returned = q.birthdate.value_or("");
      if (returned == asked->birthDate) continue;
      f.list.push_back({"birth_date_mismatch", "Birthdate", returned,
                        returned.empty() ? "返された資格に生年月日がありません。照会した " + asked->birthDate + " と照らし合わせられません。"
                                         : "返された生年月日「" + returned + "」が、照会した「" + asked->birthDate +
                                               "」と一致しません。別の人の結果の可能性があります。"});
    }
  }
  return f.list;
}

}  // namespace rececon
