#pragma once
// The rules of a qualification check (資格確認), independent of how the answer arrived (MHLW guide table
// 4.1.1-1 (2)(3), domain.md §2, oqs-interface.md §7.2): what the outcome means in words, how the returned
// data compares with what we hold, and what the register may do with it. Pure; any thread.

#include <optional>
#include <string>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/patient.h"

namespace rececon {

enum class CheckOutcome {
  Valid,               // 有効
  Invalid,             // 無効
  InvalidNewerExists,  // 無効（新しい資格あり）
  NotFound,            // 該当資格なし
  Several,             // 複数該当
  Error,               // the check itself failed (file-level or person-level error)
};

// 有効 / 無効 / 無効（新しい資格あり） / 該当資格なし / 複数該当 / エラー
const char* outcomeWords(CheckOutcome outcome);
// What the clerk should do next, in Japanese (e.g. for NotFound: check the numbers, or use the card).
const char* outcomeAdvice(CheckOutcome outcome);

// A person's data as OQS returned it, in domain terms.
// 医療扶助 (public assistance under the livelihood protection system) as a qualification carries it.
struct PublicAssistance {
  std::string payerNumber;        // 公費負担者番号 (PublicExpenseNumber)
  std::string beneficiaryNumber;  // 公費受給者番号 (BeneficiaryNumber)
  std::string welfareOfficeName;  // 福祉事務所名 (WelfareOfficeName)
};

struct ReturnedQualification {
  std::string name;
  std::string nameKana;
  std::optional<Sex> sex;
  std::optional<Date> birthDate;
  std::string address;
  std::string postalCode;
  InsuranceRecord insurance;  // id, patientNumber and state unset
  std::optional<PublicAssistance> publicAssistance;  // when any of its elements was present
};

struct FieldComparison {
  std::string field;     // stable key: "branch"
  std::string label;     // 枝番
  std::string held;      // as we hold it ("" when we hold nothing): ISO dates, codes, percents
  std::string returned;  // as OQS returned it ("" when it returned nothing)
  // The same as a clerk reads them: 和暦 dates, 3割, 被保険者証（一般）; "—" for nothing. For display only;
  // decisions compare held and returned.
  std::string heldShown, returnedShown;
  bool identity = false;  // who the person is (name, kana, sex, birth date): never changed without an explicit accept
  bool insuredNumber = false;  // 保険者番号・記号・番号・枝番: likewise
  bool differs() const { return held != returned; }
};

// Field by field, what we hold against what was returned; fields OQS did not return are left out
// (their absence says nothing). `held` is the patient's current insurance record, if any.
std::vector<FieldComparison> compareWithRegister(const Patient& patient, const std::optional<InsuranceRecord>& held,
                                                 const ReturnedQualification& returned);

// Which fields a clerk is offered ticked by default: everything that differs except identity fields
// and the insured numbers, which a person must tick explicitly.
bool tickedByDefault(const FieldComparison& c);

enum class RegisterAction {
  MakeCurrent,            // valid: the accepted data becomes the current insurance; the old record is kept
  RecordInvalidAsCurrent,  // invalid, and no last valid number held: store it, flagged invalid, as the key
                           // for a later emergency lookup
  KeepInHistoryOnly,      // invalid, and a last valid number is held: keep that, store the result only
  NoChange,               // not found, several, error
};

// Table 4.1.1-1 (2)(3): what the register may do with a check's outcome.
RegisterAction registerActionFor(CheckOutcome outcome, bool patientHasLastValid);

}  // namespace rececon
