// rececon-cli user init|add|list|lock|unlock|retire|roles|password|totp|key|events, login, logout,
// whoami: accounts and this machine's login. Passwords and codes are read from standard input (not
// echoed on a terminal), never from the command line, where the process list would show them.

#include <iostream>

#include "app/cli/cli_context.h"
#include "app/cli/command_options.h"
#include "app/cli/output.h"
#include "app/cli/secret_input.h"
#include "app/jobs/accounts.h"
#include "app/jobs/qr_code.h"
#include "app/jobs/session_file.h"
#include "app/jobs/terminal_identity.h"

namespace rececon::cli {
namespace {

std::filesystem::path dataDirOf(CliContext& c) { return c.folder().dir(); }

Accounts accountsOf(CliContext& c) { return Accounts::onThisTerminal(c.folder().database()); }

// Who this machine's CLI is logged in as.
Actor loggedIn(CliContext& c) {
  const auto token = loadSessionToken(dataDirOf(c));
  const auto actor = token ? accountsOf(c).sessionActor(*token) : std::nullopt;
  if (!actor) throw InvalidInput("ログインしていません（または期限切れです）。rececon-cli login --user ID でログインしてください。");
  return *actor;
}

Poco::JSON::Object::Ptr accountJson(const Account& a) {
  auto j = newJsonObject();
  j->set("user", a.userId);
  j->set("name", a.displayName);
  j->set("roles", rolesText(a.roles));
  j->set("state", std::string(nameOf(a.state)));
  j->set("must_change_password", a.mustChangePassword);
  j->set("failed_logins", a.failedLogins);
  j->set("updated_at", a.updatedAt);
  j->set("updated_by", a.updatedBy);
  return j;
}

std::string rolesLabel(const std::vector<Role>& roles) {
  std::string out;
  for (const Role r : roles) out += (out.empty() ? "" : "・") + std::string(roleLabel(r));
  return out;
}

int printAccount(CliContext& c, const Account& a, const std::string& said) {
  if (c.json) {
    printJson(*c.out, accountJson(a));
  } else {
    *c.out << said << a.userId << "（" << a.displayName << "） 役割: " << rolesLabel(a.roles)
           << " 状態: " << accountStateLabel(a.state) << (a.mustChangePassword ? " 初回にパスワード変更" : "") << "\n";
  }
  return 0;
}

int initCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("user", "最初の管理者のユーザーID", "ID"));
  set.addOption(valueOption("name", "氏名", "NAME"));
  auto o = parseCommandOptions(args, set, "user init --user ID --name NAME（パスワードは標準入力から）", *c.out);
  if (!o) return 0;
  const std::string password = readNewSecret("パスワード: ");
  const Account a = accountsOf(c).initFirstAdmin(o->require("user"), o->get("name").value_or(o->require("user")), password);
  return printAccount(c, a, "最初の管理者を登録しました: ");
}

int addCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("user", "ユーザーID", "ID"));
  set.addOption(valueOption("name", "氏名", "NAME"));
  set.addOption(valueOption("roles", "役割（clerk 受付, supervisor 責任者, admin 管理者, batch 夜間処理。カンマ区切り）", "ROLES"));
  auto o = parseCommandOptions(args, set, "user add --user ID --name NAME --roles ROLES（初期パスワードは標準入力から）", *c.out);
  if (!o) return 0;
  const Actor by = loggedIn(c);
  const std::vector<Role> roles = parseRoles(o->require("roles"));
  const std::string initial = readNewSecret("初期パスワード: ");
  const Account a = accountsOf(c).add(by, o->require("user"), o->require("name"), roles, initial);
  return printAccount(c, a, "登録しました（初回ログインでパスワードを変更します）: ");
}

int listCommand(CliContext& c) {
  const auto accounts = accountsOf(c).list(loggedIn(c));
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& a : accounts) list->add(accountJson(a));
    printJson(*c.out, list);
    return 0;
  }
  for (const auto& a : accounts) printAccount(c, a, "");
  return 0;
}

int eventsCommand(CliContext& c, const std::string& userId) {
  const auto events = accountsOf(c).events(loggedIn(c), userId);
  if (c.json) {
    auto list = newJsonArray();
    for (const auto& e : events) {
      auto j = newJsonObject();
      j->set("at", e.at);
      j->set("user", e.userId);
      j->set("actor", e.actor);
      j->set("terminal", e.terminal);
      j->set("kind", e.kind);
      j->set("detail", e.detail);
      list->add(j);
    }
    printJson(*c.out, list);
    return 0;
  }
  for (const auto& e : events) {
    *c.out << e.at << "  " << e.kind << "  " << e.actor << "@" << e.terminal << (e.detail.empty() ? "" : "  " + e.detail) << "\n";
  }
  return 0;
}

// The second factor enrolled by the person at this terminal: the QR code and the key for their app,
// then the first code it shows.
void enrolTotp(CliContext& c, Accounts& accounts, const std::string& userId) {
  const TotpEnrolment e = accounts.beginTotp(userId);
  *c.out << "確認コードのアプリ（Google Authenticator、Microsoft Authenticator など）で次のQRコードを読み取ってください。\n"
         << qrCodeAsText(qrCodeOf(e.uri)) << "読み取れないときは手で入力するキー: " << e.secretText
         << "（時間ベース、6桁、30秒）\n";
  accounts.confirmTotp(userId, readSecret("アプリに表示された6桁の確認コード: "));
  *c.out << "確認コードを登録しました。次のログインから、パスワードのあとに確認コードを入力します。\n";
}

int totpCommand(CliContext& c, const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "enrol") {
    Accounts accounts = accountsOf(c);
    enrolTotp(c, accounts, loggedIn(c).userId);
    return 0;
  }
  if (args.size() == 2 && args[0] == "reset") {
    return printAccount(c, accountsOf(c).resetTotp(loggedIn(c), args[1]), "確認コードを解除しました（次のログインで登録し直します）: ");
  }
  throw UsageError("使い方: user totp enrol（自分の確認コードの登録） | user totp reset ID（管理者: 解除）");
}

int keyCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("file", "鍵を書き出すファイル（新しいファイル。本人だけが読める 0600 で作ります）", "FILE"));
  auto o = parseCommandOptions(args, set, "user key ID --file FILE（夜間処理の利用者の鍵の発行）", *c.out);
  if (!o) return 0;
  if (o->positional.size() != 1) throw UsageError("使い方: user key ID --file FILE");
  const std::filesystem::path file = o->require("file");
  const std::string userId = o->positional[0];
  accountsOf(c).issueBatchKey(loggedIn(c), userId, [&](const std::string& key) { saveBatchKey(file, key); });
  *c.out << (c.json ? "{\"issued\": true}\n"
                    : "鍵を発行しました: " + file.string() + "（夜間処理は rececon-cli --key-file " + file.string() +
                          " bulk run。前の鍵は使えなくなりました）\n");
  return 0;
}

int passwordCommand(CliContext& c, const std::vector<std::string>& args) {
  if (!args.empty()) {  // an administrator gives someone a new initial password
    const Account a = accountsOf(c).resetPassword(loggedIn(c), args[0], readNewSecret("新しい初期パスワード: "));
    return printAccount(c, a, "パスワードを再設定しました（次のログインで変更します）: ");
  }
  const Actor me = loggedIn(c);
  const std::string current = readSecret("現在のパスワード: ");
  accountsOf(c).changePassword(me.userId, current, readNewSecret("新しいパスワード: "));
  *c.out << (c.json ? "{\"changed\": true}\n" : "パスワードを変更しました。\n");
  return 0;
}

}  // namespace

int runUserCommand(CliContext& c, const std::vector<std::string>& args) {
  const auto one = [&](const std::vector<std::string>& rest, const char* usage) -> std::string {
    if (rest.size() != 1 || rest[0].starts_with("-")) throw UsageError(std::string("使い方: ") + usage);
    return rest[0];
  };
  return runVerb(
      "user", args,
      {{"init", [&](const std::vector<std::string>& rest) { return initCommand(c, rest); }},
       {"add", [&](const std::vector<std::string>& rest) { return addCommand(c, rest); }},
       {"list", [&](const std::vector<std::string>&) { return listCommand(c); }},
       {"lock", [&](const std::vector<std::string>& rest) {
          return printAccount(c, accountsOf(c).lock(loggedIn(c), one(rest, "user lock ID")), "ロックしました: ");
        }},
       {"unlock", [&](const std::vector<std::string>& rest) {
          return printAccount(c, accountsOf(c).unlock(loggedIn(c), one(rest, "user unlock ID")), "ロックを解除しました: ");
        }},
       {"retire", [&](const std::vector<std::string>& rest) {
          return printAccount(c, accountsOf(c).retire(loggedIn(c), one(rest, "user retire ID")), "退職にしました: ");
        }},
       {"roles", [&](const std::vector<std::string>& rest) {
          if (rest.size() != 2) throw UsageError("使い方: user roles ID ROLES（例: clerk,supervisor）");
          return printAccount(c, accountsOf(c).setRoles(loggedIn(c), rest[0], parseRoles(rest[1])), "役割を変更しました: ");
        }},
       {"password", [&](const std::vector<std::string>& rest) { return passwordCommand(c, rest); }},
       {"totp", [&](const std::vector<std::string>& rest) { return totpCommand(c, rest); }},
       {"key", [&](const std::vector<std::string>& rest) { return keyCommand(c, rest); }},
       {"events", [&](const std::vector<std::string>& rest) { return eventsCommand(c, one(rest, "user events ID")); }}});
}

int runLoginCommand(CliContext& c, const std::vector<std::string>& args) {
  Poco::Util::OptionSet set;
  set.addOption(valueOption("user", "ユーザーID", "ID"));
  auto o = parseCommandOptions(args, set, "login --user ID（パスワードは標準入力から）", *c.out);
  if (!o) return 0;
  const std::string userId = o->require("user");
  Accounts accounts = accountsOf(c);
  const std::string password = readSecret("パスワード: ");
  std::optional<std::string> code;
  if (accounts.asksForCode(userId)) code = readSecret("確認コード（アプリの6桁）: ");
  const LoginResult result = accounts.login(userId, password, code);
  if (result.mustChangePassword) {
    // An initial password opens nothing: it is changed here, before the session starts.
    accounts.changePassword(userId, password, readNewSecret("初期パスワードです。新しいパスワード: "));
  }
  if (result.mustEnrolTotp) enrolTotp(c, accounts, userId);  // the role asks for it: before the session too
  saveSessionToken(dataDirOf(c), accounts.openSession(userId));
  return printAccount(c, result.account, "ログインしました: ");
}

int runLogoutCommand(CliContext& c, const std::vector<std::string>&) {
  if (const auto token = loadSessionToken(dataDirOf(c))) accountsOf(c).closeSession(*token);
  removeSessionToken(dataDirOf(c));
  *c.out << (c.json ? "{\"logged_out\": true}\n" : "ログアウトしました。\n");
  return 0;
}

int runWhoamiCommand(CliContext& c, const std::vector<std::string>&) {
  const Actor me = loggedIn(c);
  if (c.json) {
    auto j = newJsonObject();
    j->set("user", me.userId);
    j->set("roles", rolesText(me.roles));
    j->set("terminal", me.terminal);
    printJson(*c.out, j);
  } else {
    *c.out << me.userId << " 役割: " << rolesLabel(me.roles) << " 端末: " << me.terminal << "\n";
  }
  return 0;
}

}  // namespace rececon::cli
