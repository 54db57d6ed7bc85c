#include "db/sqlite_errors.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace rececon::db {

void rethrowTranslated(const char* what) {
  try {
    throw;
  } catch (const rececon::Error&) {
    throw;
  } catch (const SQLite::Exception& e) {
    const std::string detail = std::string("（") + what + "、SQLite: " + e.what() + "）";
    switch (e.getErrorCode()) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        throw EnvironmentError(
            "データベースが他の処理で使用中のため書き込めませんでした。少し待ってからもう一度実行してくださ"
            "い" +
            detail);
      case SQLITE_FULL:
        throw EnvironmentError(
            "ディスクの空き容量が足りないためデータベースに書き込めませんでした。空き容量を確保してください。"
            "変更は保存されていません" +
            detail);
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        throw EnvironmentError(
            "データベースファイルを開けないか、書き込みが許可されていません。データフォルダの場所と権限を確認"
            "してください" +
            detail);
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        throw EnvironmentError(
            "データベースファイルが壊れているか、データベースではありません。バックアップから復元してくださ"
            "い" +
            detail);
      case SQLITE_IOERR:
        throw EnvironmentError(
            "データベースの読み書き中に入出力エラーが起きました。ディスクを確認してください" + detail);
      case SQLITE_CONSTRAINT:
        throw InternalError("データベースの整合性制約に違反しました" + detail);
      default:
        throw EnvironmentError("データベースの操作に失敗しました" + detail);
    }
  } catch (const std::exception& e) {
    throw InternalError(std::string(what) + ": " + e.what());
  }
}

}  // namespace rececon::db
