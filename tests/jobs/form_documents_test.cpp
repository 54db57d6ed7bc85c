// The forms filled from a real register (a migrated SQLite database in a temp folder) and saved as PDF.
#include <catch2/catch.hpp>

#include <fstream>

#include "app/core/error.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/fallback_reception.h"
#include "app/jobs/form_documents.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/site_settings.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

namespace {

struct Clinic {
  test::TempDir dir;
  DataFolder folder{dir.path() / "data"};
  db::Database& db = folder.database();
  std::int64_t patient = 0;

  Clinic() {
    SiteSettings(db).set("institution_name", "見本内科クリニック", "admin");
    PatientRegister reg(db, "clerk1");
    patient = reg.addPatient({"山田　花子", "ヤマダ ハナコ", "2", "S50.4.1", "999-0001", "見本県見本市1-2-3", "", ""},
                             std::nullopt, "受付")
                  .number;
    InsuranceFields f;
    f.insurerNumber = "06993877";
    f.symbol = "見本";
    f.number = "1234";
    f.branch = "01";
    f.relationship = "本人";
    reg.addInsurance(patient, f, "保険証から");
  }
};

// The text of the first run of a field on any page ("" when there is none).
std::string fieldText(const forms::Document& doc, const std::string& field) {
  for (const auto& page : doc.pages) {
    for (const auto& run : page.texts) {
      if (run.field == field) return run.text;
    }
  }
  return "";
}

std::string fileStart(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  return head;
}

}  // namespace

TEST_CASE_METHOD(Clinic, "karte1 from the register: current insurance with 枝番 and the first visit in 和暦", "[forms]") {
  using namespace std::chrono;
  FallbackReception reception(db, "clerk1");
  reception.registerVisit({patient, std::nullopt, Date{year{2020}, month{1}, day{15}}});
  reception.registerVisit({patient, std::nullopt, Date{year{2024}, month{6}, day{3}}});
  const auto doc = karte1Document(db, patient, Date{year{2026}, month{11}, day{21}});
  REQUIRE(doc.pages.size() == 1);
  CHECK(fieldText(doc, "patient.name") == "山田　花子");
  CHECK(fieldText(doc, "patient.birth") == "昭和50年4月1日生（51歳）");
  CHECK(fieldText(doc, "insurance.branch") == "01");
  CHECK(fieldText(doc, "insurance.relationship") == "本人");
  CHECK(fieldText(doc, "first_visit") == "令和2年1月15日");
  CHECK(fieldText(doc, "footer.institution") == "見本内科クリニック");
  CHECK_THROWS_AS(karte1Document(db, 999999, Date{year{2026}, month{11}, day{21}}), NotFound);
}

TEST_CASE_METHOD(Clinic, "outage sheet lists the pending 4-item captures", "[forms]") {
  FallbackReception reception(db, "clerk1");
  reception.enter("連携停止");
  reception.capture({"鈴木　一郎", "スズキ イチロウ", "1", "H1.1.8", "見本県見本市4-5-6", "全国健康保険協会"}, std::nullopt);
  const auto doc = outageSheetDocument(db, today());
  CHECK(fieldText(doc, "name") == "鈴木　一郎");
  CHECK(fieldText(doc, "sex") == "男");
  CHECK(fieldText(doc, "birth_date").rfind("平成元年1月8日生", 0) == 0);
  CHECK(fieldText(doc, "call_center").find(kCallCenterNumber) != std::string::npos);
}

TEST_CASE_METHOD(Clinic, "a worklist for a date without a bulk run says nobody needs attention", "[forms]") {
  using namespace std::chrono;
  const auto doc = worklistDocument(db, Date{year{2026}, month{11}, day{24}}, false, today());
  REQUIRE(doc.pages.size() == 1);
  CHECK(fieldText(doc, "empty") == "要対応の患者はいません。");
}

TEST_CASE_METHOD(Clinic, "saving a form: whole file or nothing, a clear message for a missing folder", "[forms]") {
  const auto doc = karte1Document(db, patient, today());
  const auto target = dir / "帳票" / "カルテ.pdf";
  REQUIRE_THROWS_WITH(saveFormPdf(doc, target), Catch::Contains("保存先のフォルダ") && Catch::Contains("ありません"));
  std::filesystem::create_directories(target.parent_path());
  {
    std::ofstream old(target);
    old << "an older file";
  }
  const SavedForm saved = saveFormPdf(doc, target);
  CHECK(saved.pages == 1);
  CHECK(saved.overflows.empty());
  CHECK(fileStart(target) == "%PDF-");
  // Only the PDF is left in the folder: the temporary file was renamed, not copied.
  CHECK(std::distance(std::filesystem::directory_iterator(target.parent_path()), std::filesystem::directory_iterator()) == 1);
}
