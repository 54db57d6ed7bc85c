#include <catch2/catch.hpp>

#include <fstream>

#include "app/core/field_errors.h"
#include "app/jobs/appointment_book.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/patient_register.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

namespace {

const Date kDay = std::chrono::year(2026) / 11 / 24;

// A register with two patients (1 and 2) and the appointment book over it.
struct Booking {
  test::TempDir dir;
  DataFolder folder{dir.path() / "データ"};
  db::Database& db = folder.database();
  AppointmentBook book{db, "clerk1"};

  Booking() {
    PatientRegister reg(db, "clerk1");
    reg.addPatient({"山田　花子", "ヤマダ ハナコ", "2", "S50.4.1", "", "", "", ""}, std::nullopt, "受付");
    reg.addPatient({"見本　太郎", "ミホン タロウ", "1", "S22.3.10", "", "", "", ""}, std::nullopt, "受付");
  }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir.path() / "予約" / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // The message importCsv refuses a file with ("" when it imports it).
  std::string refusal(const std::string& text) {
    try {
      book.importCsv(write("refused.csv", text));
    } catch (const InvalidInput& e) {
      return e.what();
    }
    return "";
  }

  std::size_t stored() { return book.onDate(kDay).size(); }
};

const std::string kHeader = "予約日,時刻,患者番号,メモ\r\n";
const std::string kGoodRows = "2026-11-24,09:30,1,\"2階, 内科\"\r\n2026-11-24,10:00,2,\r\n";

}  // namespace

TEST_CASE_METHOD(Booking, "A quoted comma is one field of an appointment row", "[appointment][csv]") {
  const auto summary = book.importCsv(write("予約.csv", kHeader + kGoodRows));
  CHECK(summary.added == 2);
  const auto booked = book.onDate(kDay);
  REQUIRE(booked.size() == 2);
  CHECK(booked[0].memo == "2階, 内科");
}

TEST_CASE_METHOD(Booking,
                 "A quoted line break is one field, and a wrong row is named by the line it starts on",
                 "[appointment][csv]") {
  // Row 2 spans lines 2-3 (its memo holds a line break); the unknown patient is on line 5, not "row 4".
  const std::string text = kHeader + "2026-11-24,09:30,1,\"紹介状\r\nあり\"\r\n\r\n2026-11-24,11:00,999,\r\n";
  try {
    book.importCsv(write("予約.csv", text));
    FAIL("expected ValidationFailed");
  } catch (const ValidationFailed& e) {
    REQUIRE(e.errors().size() == 2);
    CHECK(e.errors()[0].label == "2行目 メモ");  // read as one field; a memo is one line in the register
    CHECK(e.errors()[1].label == "5行目 患者番号");
  }
  CHECK(stored() == 0);
}

TEST_CASE_METHOD(Booking, "An unclosed quote is refused naming its line, and nothing is stored",
                 "[appointment][csv]") {
  const std::string why =
      refusal(kHeader + kGoodRows + "2026-11-24,12:00,1,\"閉じていない\r\n2026-11-24,13:00,2,\r\n");
  CHECK(why.find("refused.csv") != std::string::npos);
  CHECK(why.find("4行目で始まる") != std::string::npos);
  CHECK(stored() == 0);
}

TEST_CASE_METHOD(Booking, "A quote after a closing quote is refused, not read as abc", "[appointment][csv]") {
  const std::string why = refusal(kHeader + kGoodRows + "2026-11-24,12:00,1,\"a\"b\"c\r\n");
  CHECK(why.find("4行目") != std::string::npos);
  CHECK(stored() == 0);
}

TEST_CASE_METHOD(Booking, "A column given twice, by its name or an alias, is refused with its name",
                 "[appointment][csv]") {
  const std::string alias = refusal("予約日,患者番号,patient\r\n2026-11-24,1,2\r\n");
  CHECK(alias.find("「患者番号」と「patient」は同じ列") != std::string::npos);
  CHECK(refusal("date,予約日,患者番号\r\n2026-11-24,2026-11-25,1\r\n").find("「予約日」の列が2つ") !=
        std::string::npos);
  CHECK(refusal("予約日,患者番号,患者番号\r\n2026-11-24,1,2\r\n").find("列「患者番号」が2回") !=
        std::string::npos);
  CHECK(refusal("予約日,患者番号,メモ,memo\r\n2026-11-24,1,a,b\r\n").find("「メモ」と「memo」") !=
        std::string::npos);
  CHECK(stored() == 0);
}

TEST_CASE_METHOD(Booking, "A refused import leaves the stored appointments as they were",
                 "[appointment][csv]") {
  REQUIRE(book.importCsv(write("first.csv", kHeader + "2026-11-24,08:30,1,\r\n")).added == 1);
  // A bad field count on the last line: every row before it was fine, and still none is stored.
  CHECK(refusal(kHeader + kGoodRows + "2026-11-24,12:00\r\n").find("4行目の項目数") != std::string::npos);
  // A wrong row among good ones: ValidationFailed, and nothing of the file is stored either.
  CHECK_THROWS_AS(book.importCsv(write("second.csv", kHeader + kGoodRows + "2026-11-24,25:00,1,\r\n")),
                  ValidationFailed);
  const auto booked = book.onDate(kDay);
  REQUIRE(booked.size() == 1);
  CHECK(booked[0].time == "08:30");
}
