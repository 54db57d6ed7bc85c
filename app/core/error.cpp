#include "app/core/error.h"

namespace rececon {

Cancelled::Cancelled() : Error("処理は取り消されました。") {}

}  // namespace rececon
