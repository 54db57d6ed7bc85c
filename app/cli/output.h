#pragma once
// How the CLI shows things: Japanese text for people, UTF-8 JSON (non-ASCII not escaped) for scripts.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <optional>
#include <vector>

#include "app/core/insurance.h"
#include "app/core/patient.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/patient_register.h"
#include "app/jobs/trail_check.h"

namespace rececon::cli {

Poco::JSON::Object::Ptr toJson(const Patient& p, const std::optional<InsuranceRecord>& current);
Poco::JSON::Object::Ptr toJson(const InsuranceRecord& r);
// insurer_number, symbol, number, branch.
Poco::JSON::Object::Ptr insuredJson(const InsuredNumber& n);
Poco::JSON::Object::Ptr toJson(const ChangeEntry& e);
Poco::JSON::Object::Ptr toJson(const SettingValue& s);
Poco::JSON::Object::Ptr newJsonObject();
Poco::JSON::Array::Ptr newJsonArray();

// Writes indented JSON and a newline.
void printJson(std::ostream& out, const Poco::JSON::Object::Ptr& value);
void printJson(std::ostream& out, const Poco::JSON::Array::Ptr& value);

void printPatientDetail(std::ostream& out, const Patient& p, const std::optional<InsuranceRecord>& current);
// One line per patient under a header; says so when the list is empty.
void printPatientTable(std::ostream& out, const std::vector<Patient>& patients);
void printInsurance(std::ostream& out, const InsuranceRecord& r);
void printChange(std::ostream& out, const ChangeEntry& e);

// "06139992 記号 123 番号 4567 枝番 01"
std::string insuredNumberText(const InsuredNumber& n);

// The audit trail's verdict for people, one line or more ending in a newline: intact with its links and
// any note, or the first break (audit verify, db check, the nightly run).
std::string trailVerdictText(const TrailVerdict& v);

}  // namespace rececon::cli
