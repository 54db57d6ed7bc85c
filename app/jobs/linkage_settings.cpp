#include "app/jobs/linkage_settings.h"

#include <map>

#include "app/core/field_errors.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"

namespace rececon {

linkage::ExchangeConfig exchangeConfigFromSettings(db::Database& db, const std::filesystem::path& dataDir) {
  // Every setting in one read (the register once, this terminal's terminal.conf once), not one per key:
  // an exchange is configured at every check.
  std::map<std::string, SettingValue> settings;
  for (SettingValue& v : SiteSettings(db).all()) settings.emplace(v.spec->key, std::move(v));
  const auto value = [&](const char* key) { return settings.at(key).value; };
  FieldErrors missing;
  const auto required = [&](const char* key) {
    const SettingValue& v = settings.at(key);
    if (v.value.empty()) missing.add(key, v.spec->label, std::string("設定されていません（config set ") + key + " …）。");
    return v.value;
  };
  linkage::ExchangeConfig c;
  c.institutionCode = required("institution_code");
  c.reqDir = required("linkage.req_dir");
  c.resDir = required("linkage.res_dir");
  c.faceDir = required("linkage.face_dir");
  missing.throwIfAny();
  c.terminalId = terminalIdentity(dataDir).id;
  c.archiveDir = dataDir / "linkage" / "archive";
  c.quarantineDir = dataDir / "linkage" / "quarantine";
  c.requestEncoding = value("linkage.request_encoding") == "shift_jis" ? linkage::Encoding::ShiftJis
                                                                           : linkage::Encoding::Utf8;
  c.singleTimeout = std::chrono::seconds(std::stol(value("linkage.single_timeout_seconds")));
  c.bulkTimeout = std::chrono::seconds(std::stol(value("linkage.bulk_timeout_seconds")));
  c.settleTime = std::chrono::seconds(std::stol(value("linkage.settle_seconds")));
  c.facePolicy = value("linkage.face_file_policy") == "archive" ? linkage::FaceFilePolicy::Archive
                                                                     : linkage::FaceFilePolicy::Leave;
  c.faceWindow = std::chrono::hours(24 * std::stol(value("linkage.face_days")));
  return c;
}

}  // namespace rececon
