#pragma once
// A qualification record as OQS returned it (single check, card result or bulk result), in the
// register's terms, and how one returned field is taken into the register. Pure; any thread.

#include <optional>
#include <string>

#include "app/core/patient.h"
#include "app/core/qualification.h"
#include "linkage/messages.h"

namespace rececon {

ReturnedQualification returnedFrom(const linkage::Qualification& q);

// Takes one returned field (a FieldComparison key) into the patient or the insurance record; false for
// an unknown key.
bool takeField(const std::string& field, const ReturnedQualification& from, Patient& p, InsuranceRecord& r);

// name, name_kana, sex, birth_date, address, postal_code: fields of the patient, not of the insurance.
bool isPatientField(const std::string& field);

}  // namespace rececon
