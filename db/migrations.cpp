#include "db/migrations.h"

#include <string>

#include "app/core/error.h"
#include "db/sql_dialect.h"

namespace rececon::db {
namespace {

// Step 1: the patient register with insurance history and the change log.
constexpr const char* kStep1 = R"SQL(
CREATE TABLE patient (
  number        INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 9999999999),
  name          TEXT NOT NULL,
  name_kana     TEXT NOT NULL,
  kana_key      TEXT NOT NULL,                       -- normalizeKana(name_kana)
  sex           INTEGER NOT NULL CHECK (sex IN (1, 2)),
  birth_date    TEXT NOT NULL,                       -- YYYY-MM-DD
  postal_code   TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  -- 直近有効であった被保険者番号等: copied from the last record that was current (valid).
  last_valid_insurer_number TEXT,
  last_valid_symbol         TEXT,
  last_valid_number         TEXT,
  last_valid_branch         TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX patient_kana_key ON patient (kana_key);
CREATE INDEX patient_birth_date ON patient (birth_date);

CREATE TABLE insurance (
  id                   INTEGER PRIMARY KEY,
  patient_number       INTEGER NOT NULL REFERENCES patient (number),
  insurer_number       TEXT NOT NULL,
  symbol               TEXT NOT NULL DEFAULT '',
  number               TEXT NOT NULL,
  branch               TEXT NOT NULL DEFAULT '',
  relationship         INTEGER CHECK (relationship IN (1, 2)),
  insured_name         TEXT NOT NULL DEFAULT '',
  qualification_date   TEXT,
  valid_from           TEXT,
  valid_to             TEXT,
  card_classification  TEXT NOT NULL DEFAULT '',
  copay_percent        INTEGER CHECK (copay_percent BETWEEN 0 AND 100),
  elderly_copay_percent INTEGER CHECK (elderly_copay_percent BETWEEN 0 AND 100),
  elderly_valid_from   TEXT,
  elderly_valid_to     TEXT,
  insurer_name         TEXT NOT NULL DEFAULT '',
  state                TEXT NOT NULL CHECK (state IN ('current', 'superseded', 'invalid')),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX insurance_patient ON insurance (patient_number, id);
CREATE INDEX insurance_numbers ON insurance (insurer_number, number);

-- One row per change to a patient or an insurance record; the old and new values are in change_field.
CREATE TABLE change_log (
  id             INTEGER PRIMARY KEY,
  patient_number INTEGER NOT NULL,
  entity         TEXT NOT NULL CHECK (entity IN ('patient', 'insurance')),
  entity_id      INTEGER NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('create', 'update')),
  operator       TEXT NOT NULL,
  changed_at     TEXT NOT NULL,
  reason         TEXT NOT NULL
);
CREATE INDEX change_log_patient ON change_log (patient_number, id);

CREATE TABLE change_field (
  change_id  INTEGER NOT NULL REFERENCES change_log (id),
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT,
  PRIMARY KEY (change_id, field)
) WITHOUT ROWID;

CREATE TABLE setting (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  operator    TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;
)SQL";

// Step 2: the journal of requests to the linkage app, and the daily counter for request file names.
constexpr const char* kStep2 = R"SQL(
CREATE TABLE linkage_request (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,                 -- file-name prefix, e.g. OQSsiquc01req_
  file_name         TEXT NOT NULL UNIQUE,
  file_identifier   TEXT NOT NULL DEFAULT '',
  reception_number  TEXT NOT NULL DEFAULT '',
  request_bytes     BLOB NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'answered', 'failed', 'timed_out', 'cancelled')),
  created_at        INTEGER NOT NULL,              -- seconds since the epoch
  deadline          INTEGER NOT NULL,
  result_file       TEXT NOT NULL DEFAULT '',
  detail            TEXT NOT NULL DEFAULT '',
  updated_at        TEXT NOT NULL
);
CREATE INDEX linkage_request_state ON linkage_request (state, deadline);

CREATE TABLE linkage_counter (
  day   TEXT PRIMARY KEY,                          -- YYYYMMDD
  last  INTEGER NOT NULL
) WITHOUT ROWID;
)SQL";

// Step 3: qualification checks asked for, and every result received (with its raw file).
constexpr const char* kStep3 = R"SQL(
CREATE TABLE qualification_check (
  id                INTEGER PRIMARY KEY,
  request_id        INTEGER NOT NULL UNIQUE REFERENCES linkage_request (id),
  patient_number    INTEGER REFERENCES patient (number),   -- NULL for a person not registered yet
  insurance_id      INTEGER REFERENCES insurance (id),
  insurer_number    TEXT NOT NULL,
  symbol            TEXT NOT NULL DEFAULT '',
  number            TEXT NOT NULL,
  branch            TEXT NOT NULL DEFAULT '',
  birth_date        TEXT NOT NULL,
  check_date        TEXT NOT NULL,
  limit_consent     INTEGER NOT NULL CHECK (limit_consent IN (0, 1)),
  consent_recorded_by TEXT NOT NULL DEFAULT '',              -- who recorded the patient's consent, and when
  consent_recorded_at TEXT NOT NULL DEFAULT '',
  operator          TEXT NOT NULL,
  terminal          TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL
);
CREATE INDEX qualification_check_patient ON qualification_check (patient_number);

CREATE TABLE qualification_result (
  id                 INTEGER PRIMARY KEY,
  source             TEXT NOT NULL CHECK (source IN ('check', 'face')),
  check_id           INTEGER REFERENCES qualification_check (id),
  file_name          TEXT NOT NULL,
  content_hash       TEXT NOT NULL,
  raw                BLOB NOT NULL,
  received_at        TEXT NOT NULL,
  segment            TEXT NOT NULL DEFAULT '',
  processing_status  TEXT NOT NULL DEFAULT '',
  processing_code    TEXT NOT NULL DEFAULT '',
  processing_message TEXT NOT NULL DEFAULT '',
  validity           TEXT NOT NULL DEFAULT '',
  error_code         TEXT NOT NULL DEFAULT '',
  error_message      TEXT NOT NULL DEFAULT '',
  outcome            TEXT NOT NULL,                          -- valid / invalid / invalid_newer / not_found / several / error
  state              TEXT NOT NULL CHECK (state IN ('arrived', 'applied', 'rejected', 'no_change')),
  decided_by         TEXT NOT NULL DEFAULT '',
  decided_at         TEXT NOT NULL DEFAULT '',
  decision_detail    TEXT NOT NULL DEFAULT '',
  UNIQUE (file_name, content_hash)
);
CREATE INDEX qualification_result_state ON qualification_result (state, id);
)SQL";

// Step 4: reference numbers (照会番号) registered with OQS for a patient's qualification.
constexpr const char* kStep4 = R"SQL(
CREATE TABLE reference_registration (
  id                INTEGER PRIMARY KEY,
  patient_number    INTEGER NOT NULL REFERENCES patient (number),
  insurance_id      INTEGER NOT NULL REFERENCES insurance (id),
  reference_number  TEXT NOT NULL,
  insurer_number    TEXT NOT NULL,
  symbol            TEXT NOT NULL DEFAULT '',
  number            TEXT NOT NULL,
  branch            TEXT NOT NULL DEFAULT '',
  request_id        INTEGER REFERENCES linkage_request (id),
  state             TEXT NOT NULL CHECK (state IN ('sent', 'registered', 'failed')),
  detail            TEXT NOT NULL DEFAULT '',
  operator          TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX reference_registration_patient ON reference_registration (patient_number, id);

-- The answer to any request that is not a qualification check (registrations, bulk acceptances, …).
CREATE TABLE linkage_answer (
  request_id    INTEGER PRIMARY KEY REFERENCES linkage_request (id),
  file_name     TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  raw           BLOB NOT NULL,
  received_at   TEXT NOT NULL
);
)SQL";

// Step 5: limit-application certificates (限度額適用認定証) taken into the register from results.
constexpr const char* kStep5 = R"SQL(
CREATE TABLE limit_certificate (
  id              INTEGER PRIMARY KEY,
  patient_number  INTEGER NOT NULL REFERENCES patient (number),
  insurance_id    INTEGER REFERENCES insurance (id),
  result_id       INTEGER NOT NULL REFERENCES qualification_result (id),
  classification  TEXT NOT NULL DEFAULT '',   -- 限度額適用認定証区分 (01–03)
  flag            TEXT NOT NULL DEFAULT '',   -- 適用区分 (A01–B10)
  issue_date      TEXT NOT NULL DEFAULT '',
  valid_start     TEXT NOT NULL DEFAULT '',
  valid_end       TEXT NOT NULL DEFAULT '',
  long_term_date  TEXT NOT NULL DEFAULT '',
  operator        TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX limit_certificate_patient ON limit_certificate (patient_number, id);
)SQL";

// Step 6: reception visits (受付), stand-alone periods, 4-item captures for the call-center route, the
// audit log of reception in stand-alone mode, and anomalies the linkage exchange saw.
constexpr const char* kStep6 = R"SQL(
CREATE TABLE fallback_period (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  started_by  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  ended_at    TEXT,                                   -- NULL while reception runs stand-alone
  ended_by    TEXT NOT NULL DEFAULT '',
  end_reason  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE visit (
  id                  INTEGER PRIMARY KEY,
  visit_date          TEXT NOT NULL,                  -- YYYY-MM-DD
  arrived_at          TEXT NOT NULL,
  patient_number      INTEGER REFERENCES patient (number),  -- NULL: known only from a 4-item capture
  insurance_id        INTEGER REFERENCES insurance (id),    -- the record the visit was received on
  fallback_period_id  INTEGER REFERENCES fallback_period (id),
  -- verified: checked online at reception; unverified: received stand-alone, not checked yet;
  -- checking: a re-verification request is out; reverified: checked afterwards, nothing to do;
  -- needs_attention: checked afterwards (or impossible to check) and a person must decide.
  verification        TEXT NOT NULL CHECK (verification IN
                        ('verified', 'unverified', 'checking', 'reverified', 'needs_attention')),
  check_id            INTEGER REFERENCES qualification_check (id),
  result_id           INTEGER REFERENCES qualification_result (id),
  verification_detail TEXT NOT NULL DEFAULT '',
  verified_at         TEXT NOT NULL DEFAULT '',
  operator            TEXT NOT NULL,
  created_at          TEXT NOT NULL
);
CREATE INDEX visit_date ON visit (visit_date, id);
CREATE INDEX visit_verification ON visit (verification, id);

CREATE TABLE card_face_capture (                      -- the 4 items on the face of a My Number card
  id            INTEGER PRIMARY KEY,
  visit_id      INTEGER NOT NULL UNIQUE REFERENCES visit (id),
  name          TEXT NOT NULL,
  name_kana     TEXT NOT NULL DEFAULT '',
  sex           INTEGER NOT NULL CHECK (sex IN (1, 2)),
  birth_date    TEXT NOT NULL,                        -- YYYY-MM-DD
  address       TEXT NOT NULL,
  insurer_name  TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL CHECK (state IN ('pending', 'confirmed')),
  confirmed_by  TEXT NOT NULL DEFAULT '',
  confirmed_at  TEXT NOT NULL DEFAULT '',
  confirmation  TEXT NOT NULL DEFAULT '',             -- what the call center or the emergency lookup said
  operator      TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX card_face_capture_state ON card_face_capture (state, id);

CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  operator        TEXT NOT NULL,
  action          TEXT NOT NULL,                      -- fallback.on, visit.register, visit.reverify, …
  visit_id        INTEGER REFERENCES visit (id),
  patient_number  INTEGER,
  detail          TEXT NOT NULL
);
CREATE INDEX audit_log_visit ON audit_log (visit_id);

CREATE TABLE linkage_event (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,                        -- seconds since the epoch
  kind       TEXT NOT NULL CHECK (kind IN ('unreadable', 'incomplete')),
  file_name  TEXT NOT NULL,
  detail     TEXT NOT NULL,
  UNIQUE (kind, file_name)
);
)SQL";

// Step 7: appointments (予約) and the nightly bulk pre-check (一括照会): one run per check date, the
// request files it was sent in (each with its reception number) and one entry per patient.
constexpr const char* kStep7 = R"SQL(
CREATE TABLE appointment (
  id                INTEGER PRIMARY KEY,
  appointment_date  TEXT NOT NULL,                    -- YYYY-MM-DD
  appointment_time  TEXT NOT NULL DEFAULT '',         -- HH:MM; '' when no time was given
  patient_number    INTEGER NOT NULL REFERENCES patient (number),
  department        TEXT NOT NULL DEFAULT '',
  doctor            TEXT NOT NULL DEFAULT '',
  memo              TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL,                    -- entered / cli / csv:<file name>
  operator          TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  UNIQUE (appointment_date, patient_number, appointment_time, department)
);
CREATE INDEX appointment_patient ON appointment (patient_number);

CREATE TABLE bulk_run (
  id           INTEGER PRIMARY KEY,
  check_date   TEXT NOT NULL UNIQUE,                  -- YYYY-MM-DD, the QualificationConfirmationDate
  state        TEXT NOT NULL CHECK (state IN
                 ('created', 'submitted', 'accepted', 'waiting', 'received', 'reconciled', 'done', 'failed')),
  host         TEXT NOT NULL DEFAULT '',              -- the machine that drives (or last drove) it
  pid          INTEGER NOT NULL DEFAULT 0,
  lease_until  INTEGER NOT NULL DEFAULT 0,            -- seconds since the epoch; another driver waits until then
  operator     TEXT NOT NULL,
  detail       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE bulk_file (
  id                   INTEGER PRIMARY KEY,
  run_id               INTEGER NOT NULL REFERENCES bulk_run (id),
  seq                  INTEGER NOT NULL,
  state                TEXT NOT NULL CHECK (state IN
                         ('created', 'submitted', 'accepted', 'waiting', 'received', 'reconciled', 'failed')),
  upload_file          TEXT NOT NULL DEFAULT '',      -- request file name, reserved before it is written
  upload_request_id    INTEGER REFERENCES linkage_request (id),
  reception_number     TEXT NOT NULL DEFAULT '',      -- 一括照会受付番号
  reception_time       TEXT NOT NULL DEFAULT '',
  accepted_at          INTEGER NOT NULL DEFAULT 0,    -- seconds since the epoch
  download_file        TEXT NOT NULL DEFAULT '',
  download_request_id  INTEGER REFERENCES linkage_request (id),
  downloads            INTEGER NOT NULL DEFAULT 0,
  download_errors      INTEGER NOT NULL DEFAULT 0,    -- failed downloads in a row
  next_download_at     INTEGER NOT NULL DEFAULT 0,
  result_request_id    INTEGER REFERENCES linkage_request (id),  -- the download whose answer holds the results
  detail               TEXT NOT NULL DEFAULT '',
  updated_at           TEXT NOT NULL,
  UNIQUE (run_id, seq)
);

CREATE TABLE bulk_entry (
  id                  INTEGER PRIMARY KEY,
  run_id              INTEGER NOT NULL REFERENCES bulk_run (id),
  file_id             INTEGER REFERENCES bulk_file (id),   -- NULL: not sent (no usable insurance data)
  patient_number      INTEGER NOT NULL REFERENCES patient (number),
  insurance_id        INTEGER REFERENCES insurance (id),
  identifier          TEXT NOT NULL UNIQUE,               -- ArbitraryIdentifier of the request entry
  insurer_number      TEXT NOT NULL DEFAULT '',
  symbol              TEXT NOT NULL DEFAULT '',
  number              TEXT NOT NULL DEFAULT '',
  branch              TEXT NOT NULL DEFAULT '',
  birth_date          TEXT NOT NULL,                      -- YYYYMMDD as sent
  state               TEXT NOT NULL CHECK (state IN ('pending', 'reconciled')),
  outcome             TEXT NOT NULL DEFAULT '',
  limit_changed       INTEGER NOT NULL DEFAULT 0,
  processing_code     TEXT NOT NULL DEFAULT '',
  processing_message  TEXT NOT NULL DEFAULT '',
  reference_number    TEXT NOT NULL DEFAULT '',
  comparison          TEXT NOT NULL DEFAULT '',           -- differing fields, one "label: held → returned" per line
  changed_fields      TEXT NOT NULL DEFAULT '',           -- what a safe update took, comma-separated
  new_insurance_id    INTEGER REFERENCES insurance (id),
  detail              TEXT NOT NULL DEFAULT '',
  reconciled_at       TEXT NOT NULL DEFAULT '',
  needs_attention     INTEGER NOT NULL DEFAULT 0,
  done_by             TEXT NOT NULL DEFAULT '',
  done_at             TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, patient_number)
);
CREATE INDEX bulk_entry_file ON bulk_entry (file_id, id);
)SQL";

// Step 8: the linkage folders are untrusted — the exchange also records files it refused unread (links,
// FIFOs, oversized files), handled files it could not archive, and files carrying this terminal's identity
// that it never wrote. SQLite cannot widen a CHECK constraint in place: the table is made anew.
constexpr const char* kStep8 = R"SQL(
CREATE TABLE linkage_event_new (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,                        -- seconds since the epoch
  kind       TEXT NOT NULL CHECK (kind IN ('unreadable', 'incomplete', 'refused', 'left_behind', 'identity_clash')),
  file_name  TEXT NOT NULL,
  detail     TEXT NOT NULL,
  UNIQUE (kind, file_name)
);
INSERT INTO linkage_event_new (id, at, kind, file_name, detail) SELECT id, at, kind, file_name, detail FROM linkage_event;
DROP TABLE linkage_event;
ALTER TABLE linkage_event_new RENAME TO linkage_event;
)SQL";

// Step 9: several terminals on one register. Each patient and insurance record carries a version (+1 with
// every change) and the terminal of its newest change, so that a save made on an older view is refused
// and the person is told which terminal changed it.
constexpr const char* kStep9 = R"SQL(
ALTER TABLE patient ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE patient ADD COLUMN updated_on TEXT NOT NULL DEFAULT '';
ALTER TABLE insurance ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE insurance ADD COLUMN updated_on TEXT NOT NULL DEFAULT '';
)SQL";

// Step 10: work done once per site, whichever terminal starts it (the automatic re-verification after an
// outage): the terminal doing it holds a lease until a time, and gives it back when done.
constexpr const char* kStep10 = R"SQL(
CREATE TABLE site_lease (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,          -- terminal and process
  lease_until INTEGER NOT NULL        -- seconds since the epoch; free after that (the holder died)
);
)SQL";

// Step 11: accounts. Passwords only as salted memory-hard hashes (argon2id, libsodium's own string form);
// a session only as the SHA-256 of its token (the token is in the user's file, not here); every login,
// failure, lock and account change in account_event.
constexpr const char* kStep11 = R"SQL(
CREATE TABLE account (
  user_id              TEXT PRIMARY KEY,
  display_name         TEXT NOT NULL,
  roles                TEXT NOT NULL,          -- clerk,supervisor,admin,batch
  state                TEXT NOT NULL CHECK (state IN ('active', 'locked', 'retired')),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL
);

CREATE TABLE account_session (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES account (user_id),
  terminal    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,               -- seconds since the epoch
  expires_at  INTEGER NOT NULL
);
CREATE INDEX account_session_user ON account_session (user_id);

CREATE TABLE account_event (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   TEXT NOT NULL,                    -- whose account
  actor     TEXT NOT NULL,                    -- who did it (the user themselves for a login)
  terminal  TEXT NOT NULL,
  kind      TEXT NOT NULL,                    -- login, login_failed, locked, logout, created, …
  detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_event_user ON account_event (user_id, id);
)SQL";

// Step 12: the tamper-evident trail. Each link seals a range of rows of one append-only table (change_log
// with its change_field rows, audit_log, account_event) by their digest, chained to the link before it by
// HMAC-SHA-256 under the site's key, which is kept outside the register (trail.key in the data folder).
constexpr const char* kStep12 = R"SQL(
CREATE TABLE trail_link (
  seq       INTEGER PRIMARY KEY,
  source    TEXT NOT NULL,
  first_id  INTEGER NOT NULL,
  last_id   INTEGER NOT NULL,
  digest    TEXT NOT NULL,                  -- SHA-256 of the rows, hex
  at        TEXT NOT NULL,
  mac       TEXT NOT NULL                   -- HMAC-SHA-256(key, previous mac, this link), hex
);
CREATE INDEX trail_link_source ON trail_link (source, first_id);
)SQL";

// Step 13: the second factor and the nightly run's key on accounts, and the access log: who saw or did
// what to which patient, when, from which terminal (sealed into the trail like the other logs).
constexpr const char* kStep13 = R"SQL(
ALTER TABLE account ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';        -- sealed (app/jobs/sealed_secret.h); '' = none
ALTER TABLE account ADD COLUMN totp_confirmed INTEGER NOT NULL DEFAULT 0;   -- the first code from the app was right
ALTER TABLE account ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;   -- steps up to this one are spent
ALTER TABLE account ADD COLUMN key_hash TEXT NOT NULL DEFAULT '';           -- SHA-256 of a batch account's key file

CREATE TABLE access_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  terminal        TEXT NOT NULL,
  action          TEXT NOT NULL,                  -- view, change, decision, print, export
  patient_number  INTEGER,                        -- none for a list or export of many
  detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_patient ON access_log (patient_number, id);
)SQL";

// Step 14, PostgreSQL only: the patient and insurance columns in the engine's own small types — dates
// as DATE (4 bytes, not 11 of text), codes and percentages as SMALLINT, versions as INTEGER (SQLite
// stores each in as few bytes as its value needs already) —, the insurance records' patient index on
// the patient alone (SQLite's indexes end with the rowid anyway), their numbers' index on the insured
// number alone (near-unique; the one query by it also names the insurer, checked on the row), and the
// indexes whose keys only grow
// (identities, patient numbers) filled to their pages' end, as they are never split in the middle. A
// million patients' migration then takes about a tenth less room. Values read back exactly as before:
// a DATE reads as YYYY-MM-DD, which each connection asks for (DateStyle ISO). Every terminal is
// restarted after the update (README): a connection that prepared its statements before it would be
// told their result types changed.
constexpr const char* kStep14Postgres = R"SQL(
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM patient WHERE birth_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
     OR EXISTS (SELECT 1 FROM insurance
                WHERE qualification_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR valid_from !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                   OR valid_to !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR elderly_valid_from !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                   OR elderly_valid_to !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') THEN
    RAISE EXCEPTION 'スキーマ14への更新を中止しました: 患者または保険情報に YYYY-MM-DD の形でない日付があります。変更していません。';
  END IF;
END $$;
-- The fill factors first: the type changes below rebuild these tables' indexes with them.
ALTER INDEX patient_pkey SET (fillfactor = 100);
ALTER INDEX insurance_pkey SET (fillfactor = 100);
ALTER INDEX change_log_pkey SET (fillfactor = 100);
ALTER INDEX change_log_patient SET (fillfactor = 100);
ALTER TABLE patient
  ALTER COLUMN sex TYPE SMALLINT,
  ALTER COLUMN birth_date TYPE DATE USING CAST(birth_date AS DATE),
  ALTER COLUMN version TYPE INTEGER;
ALTER TABLE insurance
  ALTER COLUMN relationship TYPE SMALLINT,
  ALTER COLUMN copay_percent TYPE SMALLINT,
  ALTER COLUMN elderly_copay_percent TYPE SMALLINT,
  ALTER COLUMN version TYPE INTEGER,
  ALTER COLUMN qualification_date TYPE DATE USING CAST(qualification_date AS DATE),
  ALTER COLUMN valid_from TYPE DATE USING CAST(valid_from AS DATE),
  ALTER COLUMN valid_to TYPE DATE USING CAST(valid_to AS DATE),
  ALTER COLUMN elderly_valid_from TYPE DATE USING CAST(elderly_valid_from AS DATE),
  ALTER COLUMN elderly_valid_to TYPE DATE USING CAST(elderly_valid_to AS DATE);
DROP INDEX insurance_patient;
CREATE INDEX insurance_patient ON insurance (patient_number) WITH (fillfactor = 100);
DROP INDEX insurance_numbers;
CREATE INDEX insurance_numbers ON insurance (number);
)SQL";

// A step: its DDL for both engines (in SQLite's words, translated for PostgreSQL), or for PostgreSQL only.
struct Step {
  const char* both;
  const char* postgresOnly;
};

const Step kSteps[] = {{kStep1, nullptr},  {kStep2, nullptr},  {kStep3, nullptr},  {kStep4, nullptr},  {kStep5, nullptr},
                       {kStep6, nullptr},  {kStep7, nullptr},  {kStep8, nullptr},  {kStep9, nullptr},  {kStep10, nullptr},
                       {kStep11, nullptr}, {kStep12, nullptr}, {kStep13, nullptr}, {nullptr, kStep14Postgres}};

// The schema version is kept where each engine keeps such things: SQLite's user_version in the file
// header, PostgreSQL's rececon_meta table (made when the connection claimed the database).
int readVersion(SqlConnection& c) {
  const bool sqlite = c.dialect() == Dialect::Sqlite;
  const auto q = c.prepare(sqlite ? "PRAGMA user_version"
                                  : "SELECT CAST(value AS BIGINT) AS user_version FROM rececon_meta WHERE key = 'schema_version'");
  return q->next() ? static_cast<int>(q->int64("user_version")) : 0;
}

void writeVersion(SqlConnection& c, int version) {
  if (c.dialect() == Dialect::Sqlite) {
    c.execScript("PRAGMA user_version = " + std::to_string(version));
  } else {
    c.execScript("UPDATE rececon_meta SET value = '" + std::to_string(version) + "' WHERE key = 'schema_version'");
  }
}

}  // namespace

int latestSchemaVersion() { return static_cast<int>(std::size(kSteps)); }

int schemaVersion(SqlConnection& connection) { return readVersion(connection); }

void migrate(SqlConnection& connection) {
  const int current = readVersion(connection);
  if (current > latestSchemaVersion()) {
    throw EnvironmentError("このデータベースは新しいバージョンのプログラム（スキーマ " +
                           std::to_string(current) + "）で作られています。このプログラムはスキーマ " +
                           std::to_string(latestSchemaVersion()) +
                           " までしか扱えません。プログラムを更新してください。データは変更していません。");
  }
  for (int step = current + 1; step <= latestSchemaVersion(); ++step) {
    connection.beginWrite();
    try {
      // Re-read inside the writer's turn: another process may have migrated meanwhile.
      if (readVersion(connection) < step) {
        const Step& s = kSteps[step - 1];
        const bool postgres = connection.dialect() == Dialect::Postgres;
        if (s.both) connection.execScript(postgres ? postgresDdl(s.both) : s.both);
        if (s.postgresOnly && postgres) connection.execScript(s.postgresOnly);
        writeVersion(connection, step);
      }
      connection.commit();
    } catch (...) {
      connection.rollback();
      throw;
    }
  }
}

}  // namespace rececon::db
