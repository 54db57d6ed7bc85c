#include "app/core/error.h"

#include "app/core/error_catalog.h"

namespace rececon {

Error::Error(std::string code, ErrorParams params)
    : std::runtime_error(errorSentence(code, params, "ja")), code_(std::move(code)), params_(std::move(params)) {}

Cancelled::Cancelled() : Error("処理は取り消されました。") {}

}  // namespace rececon
