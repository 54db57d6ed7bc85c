#include "db/appointment_repository.h"

#include "db/change_log.h"
#include "db/database_errors.h"

namespace rececon::db {

std::optional<std::int64_t> AppointmentRepository::add(const StoredAppointment& a) {
  return guarded("予約の記録", [&]() -> std::optional<std::int64_t> {
    Statement q = db_.prepare(
        "INSERT INTO appointment (appointment_date, appointment_time, patient_number, department, doctor,"
        " memo, source, operator, created_at) VALUES (:appointment_date, :appointment_time, :patient_number,"
        " :department, :doctor, :memo, :source, :operator, :created_at) ON CONFLICT DO NOTHING RETURNING id");
    q.bind("appointment_date", a.date);
    q.bind("appointment_time", a.time);
    q.bind("patient_number", a.patientNumber);
    q.bind("department", a.department);
    q.bind("doctor", a.doctor);
    q.bind("memo", a.memo);
    q.bind("source", a.source);
    q.bind("operator", a.operatorId);
    q.bind("created_at", nowTimestamp());
    // A duplicate is left alone and returns no row.
    if (!q.next()) return std::nullopt;
    return q.int64("id");
  });
}

std::vector<StoredAppointment> AppointmentRepository::onDate(const std::string& isoDate) {
  return guarded("予約の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT id, appointment_date, appointment_time, patient_number, department, doctor, memo, source, operator,"
        " created_at FROM appointment WHERE appointment_date = :appointment_date"
        " ORDER BY appointment_time, patient_number, id");
    q.bind("appointment_date", isoDate);
    std::vector<StoredAppointment> out;
    while (q.next()) {
      StoredAppointment a;
      a.id = q.int64("id");
      a.date = q.text("appointment_date");
      a.time = q.text("appointment_time");
      a.patientNumber = q.int64("patient_number");
      a.department = q.text("department");
      a.doctor = q.text("doctor");
      a.memo = q.text("memo");
      a.source = q.text("source");
      a.operatorId = q.text("operator");
      a.createdAt = q.text("created_at");
      out.push_back(std::move(a));
    }
    return out;
  });
}

std::vector<std::int64_t> AppointmentRepository::patientsOnDate(const std::string& isoDate) {
  return guarded("予約の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT DISTINCT patient_number FROM appointment WHERE appointment_date = :appointment_date"
        " ORDER BY patient_number");
    q.bind("appointment_date", isoDate);
    std::vector<std::int64_t> out;
    while (q.next()) out.push_back(q.int64("patient_number"));
    return out;
  });
}

std::string AppointmentRepository::firstTime(const std::string& isoDate, std::int64_t patientNumber) {
  return guarded("予約の読み込み", [&] {
    Statement q = db_.prepare(
        "SELECT MIN(appointment_time) AS first_time FROM appointment"
        " WHERE appointment_date = :appointment_date AND patient_number = :patient_number");
    q.bind("appointment_date", isoDate);
    q.bind("patient_number", patientNumber);
    return q.next() && !q.isNull("first_time") ? q.text("first_time") : std::string();
  });
}

}  // namespace rececon::db
