#include "app/jobs/linkage_settings.h"

#include "app/core/field_errors.h"
#include "app/jobs/site_settings.h"
#include "app/jobs/terminal_identity.h"

namespace rececon {

linkage::ExchangeConfig exchangeConfigFromSettings(db::Database& db, const std::filesystem::path& dataDir) {
  SiteSettings settings(db);
  FieldErrors missing;
  const auto required = [&](const char* key) {
    const SettingValue v = settings.get(key);
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
  c.requestEncoding = settings.get("linkage.request_encoding").value == "shift_jis" ? linkage::Encoding::ShiftJis
                                                                           : linkage::Encoding::Utf8;
  c.singleTimeout = std::chrono::seconds(std::stol(settings.get("linkage.single_timeout_seconds").value));
  c.bulkTimeout = std::chrono::seconds(std::stol(settings.get("linkage.bulk_timeout_seconds").value));
  c.settleTime = std::chrono::seconds(std::stol(settings.get("linkage.settle_seconds").value));
  c.facePolicy = settings.get("linkage.face_file_policy").value == "archive" ? linkage::FaceFilePolicy::Archive
                                                                     : linkage::FaceFilePolicy::Leave;
  c.faceWindow = std::chrono::hours(24 * std::stol(settings.get("linkage.face_days").value));
  return c;
}

}  // namespace rececon
