#pragma once
// How a new patient and a new insurance record fill their tables: one column table per row type and one
// function binding a record's values, for the single INSERT (a Statement) and a bulk load (a BulkInsert)
// alike — so the two can never drift apart. db-internal.

#include <optional>
#include <string>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/kana.h"
#include "app/core/patient.h"
#include "db/bulk_insert.h"
#include "db/change_log.h"

namespace rececon::db {

// patient: number, the fields a person edits, and when/where the row was written.
inline const std::vector<InsertColumn>& patientInsertColumns() {
  static const std::vector<InsertColumn> columns = {
      {"number", "number"},       {"name", "name"},       {"name_kana", "kana"},     {"kana_key", "key"},
      {"sex", "sex"},             {"birth_date", "birth"}, {"postal_code", "postal"}, {"address", "address"},
      {"phone", "phone"},         {"notes", "notes"},     {"created_at", "now"},     {"updated_at", "now"},
      {"updated_on", "terminal"}};
  return columns;
}

// The last valid insured number, which a bulk load writes with the patient (a single registration
// records it when the first current record is added).
inline const std::vector<InsertColumn>& lastValidColumns() {
  static const std::vector<InsertColumn> columns = {{"last_valid_insurer_number", "insurer"},
                                                    {"last_valid_symbol", "symbol"},
                                                    {"last_valid_number", "insured_number"},
                                                    {"last_valid_branch", "branch"}};
  return columns;
}

inline const std::vector<InsertColumn>& insuranceInsertColumns() {
  static const std::vector<InsertColumn> columns = {
      {"patient_number", "patient"},
      {"insurer_number", "insurer"},
      {"symbol", "symbol"},
      {"number", "number"},
      {"branch", "branch"},
      {"relationship", "relationship"},
      {"insured_name", "insuredName"},
      {"qualification_date", "qualification"},
      {"valid_from", "validFrom"},
      {"valid_to", "validTo"},
      {"card_classification", "card"},
      {"copay_percent", "copay"},
      {"elderly_copay_percent", "elderlyCopay"},
      {"elderly_valid_from", "elderlyFrom"},
      {"elderly_valid_to", "elderlyTo"},
      {"insurer_name", "insurerName"},
      {"state", "state"},
      {"created_at", "now"},
      {"updated_at", "now"},
      {"updated_on", "terminal"}};
  return columns;
}

// change_log: one entry of a patient's history (the fields changed go to change_field).
inline const std::vector<InsertColumn>& changeLogColumns() {
  static const std::vector<InsertColumn> columns = {
      {"patient_number", "patient_number"}, {"entity", "entity"},   {"entity_id", "entity_id"},
      {"action", "action"},                 {"operator", "operator"}, {"changed_at", "changed_at"},
      {"reason", "reason"}};
  return columns;
}

template <typename Target>
void bindChangeEntry(Target& q, std::int64_t patientNumber, const char* entity, std::int64_t entityId,
                     const char* action, const ChangeContext& context, const std::string& changedAt) {
  q.bind("patient_number", patientNumber);
  q.bind("entity", entity);
  q.bind("entity_id", entityId);
  q.bind("action", action);
  q.bind("operator", context.operatorId);
  q.bind("changed_at", changedAt);
  q.bind("reason", context.reason);
}

template <typename Target>
void bindOptionalDate(Target& q, const char* name, const std::optional<Date>& d) {
  if (d) q.bind(name, toIsoString(*d));
  else q.bindNull(name);
}

template <typename Target>
void bindOptionalInt(Target& q, const char* name, const std::optional<int>& v) {
  if (v) q.bind(name, *v);
  else q.bindNull(name);
}

// The fields a person edits (INSERT and UPDATE name them alike).
template <typename Target>
void bindPatientFields(Target& q, const Patient& p) {
  q.bind("name", p.name);
  q.bind("kana", p.nameKana);
  q.bind("key", normalizeKana(p.nameKana));
  q.bind("sex", static_cast<int>(p.sex));
  q.bind("birth", toIsoString(p.birthDate));
  q.bind("postal", p.postalCode);
  q.bind("address", p.address);
  q.bind("phone", p.phone);
  q.bind("notes", p.notes);
}

template <typename Target>
void bindLastValid(Target& q, const InsuredNumber& insured) {
  q.bind("insurer", insured.insurerNumber);
  q.bind("symbol", insured.symbol);
  q.bind("insured_number", insured.number);
  q.bind("branch", insured.branch);
}

// The record's fields and state (INSERT and UPDATE name them alike); `now` is the time written.
template <typename Target>
void bindInsuranceFields(Target& q, const InsuranceRecord& r, const std::string& now) {
  q.bind("insurer", r.insured.insurerNumber);
  q.bind("symbol", r.insured.symbol);
  q.bind("number", r.insured.number);
  q.bind("branch", r.insured.branch);
  if (r.relationship) q.bind("relationship", static_cast<int>(*r.relationship));
  else q.bindNull("relationship");
  q.bind("insuredName", r.insuredName);
  bindOptionalDate(q, "qualification", r.qualificationDate);
  bindOptionalDate(q, "validFrom", r.validFrom);
  bindOptionalDate(q, "validTo", r.validTo);
  q.bind("card", r.cardClassification);
  bindOptionalInt(q, "copay", r.copayPercent);
  bindOptionalInt(q, "elderlyCopay", r.elderlyCopayPercent);
  bindOptionalDate(q, "elderlyFrom", r.elderlyValidFrom);
  bindOptionalDate(q, "elderlyTo", r.elderlyValidTo);
  q.bind("insurerName", r.insurerName);
  q.bind("state", toString(r.state));
  q.bind("now", now);
}

}  // namespace rececon::db
