#pragma once
// The linkage exchange as this site has configured it (config set linkage.req_dir …).

#include <filesystem>

#include "db/database.h"
#include "linkage/exchange.h"

namespace rececon {

// Folders, request encoding, time-outs and face-file policy from the site settings; this machine's
// terminal identity (terminal_identity.h); archive and quarantine folders inside the data folder (local disk). Throws ValidationFailed naming every
// setting that is missing (institution_code, linkage.req_dir, linkage.res_dir, linkage.face_dir).
linkage::ExchangeConfig exchangeConfigFromSettings(db::Database& db, const std::filesystem::path& dataDir);

}  // namespace rececon
