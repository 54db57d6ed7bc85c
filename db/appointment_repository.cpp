#include "db/appointment_repository.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "db/change_log.h"
#include "db/sqlite_errors.h"

namespace rececon::db {

std::optional<std::int64_t> AppointmentRepository::add(const StoredAppointment& a) {
  return guarded("予約の記録", [&]() -> std::optional<std::int64_t> {
    auto cached = db_.prepare(
        "INSERT OR IGNORE INTO appointment (appointment_date, appointment_time, patient_number, department, doctor,"
        " memo, source, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& q = cached.get();
    q.bind(1, a.date);
    q.bind(2, a.time);
    q.bind(3, a.patientNumber);
    q.bind(4, a.department);
    q.bind(5, a.doctor);
    q.bind(6, a.memo);
    q.bind(7, a.source);
    q.bind(8, a.operatorId);
    q.bind(9, nowTimestamp());
    if (q.exec() == 0) return std::nullopt;
    return db_.sql().getLastInsertRowid();
  });
}

std::vector<StoredAppointment> AppointmentRepository::onDate(const std::string& isoDate) {
  return guarded("予約の読み込み", [&] {
    auto cached = db_.prepare(
        "SELECT id, appointment_date, appointment_time, patient_number, department, doctor, memo, source, operator,"
        " created_at FROM appointment WHERE appointment_date = ? ORDER BY appointment_time, patient_number, id");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    std::vector<StoredAppointment> out;
    while (q.executeStep()) {
      StoredAppointment a;
      a.id = q.getColumn(0).getInt64();
      a.date = q.getColumn(1).getString();
      a.time = q.getColumn(2).getString();
      a.patientNumber = q.getColumn(3).getInt64();
      a.department = q.getColumn(4).getString();
      a.doctor = q.getColumn(5).getString();
      a.memo = q.getColumn(6).getString();
      a.source = q.getColumn(7).getString();
      a.operatorId = q.getColumn(8).getString();
      a.createdAt = q.getColumn(9).getString();
      out.push_back(std::move(a));
    }
    return out;
  });
}

std::vector<std::int64_t> AppointmentRepository::patientsOnDate(const std::string& isoDate) {
  return guarded("予約の読み込み", [&] {
    auto cached = db_.prepare(
        "SELECT DISTINCT patient_number FROM appointment WHERE appointment_date = ? ORDER BY patient_number");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    std::vector<std::int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

std::string AppointmentRepository::firstTime(const std::string& isoDate, std::int64_t patientNumber) {
  return guarded("予約の読み込み", [&] {
    auto cached = db_.prepare(
        "SELECT MIN(appointment_time) FROM appointment WHERE appointment_date = ? AND patient_number = ?");
    SQLite::Statement& q = cached.get();
    q.bind(1, isoDate);
    q.bind(2, patientNumber);
    return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString() : std::string();
  });
}

}  // namespace rececon::db
