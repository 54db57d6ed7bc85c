#pragma once
// Patients and insurance records as (field, value) lists, for the change history.
// Field names match the database columns.

#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "db/change_log.h"

namespace rececon::db {

// The fields a person edits (not the last-valid numbers, which the register maintains).
FieldValues patientFieldValues(const Patient& p);

// last_valid_insurer_number, last_valid_symbol, last_valid_number, last_valid_branch.
FieldValues lastValidFieldValues(const std::optional<InsuredNumber>& lastValid);

FieldValues insuranceFieldValues(const InsuranceRecord& r);

}  // namespace rececon::db
