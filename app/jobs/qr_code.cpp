#include "app/jobs/qr_code.h"

#include <qrencode.h>

#include <memory>

#include "app/core/error.h"

namespace rececon {

QrCode qrCodeOf(const std::string& text) {
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> encoded(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!encoded) throw InternalError("QR encoding failed for a text of " + std::to_string(text.size()) + " bytes");
  QrCode code;
  code.width = encoded->width;
  code.dark.resize(static_cast<std::size_t>(code.width) * code.width);
  for (std::size_t i = 0; i < code.dark.size(); ++i) code.dark[i] = (encoded->data[i] & 1) != 0;
  return code;
}

std::string qrCodeAsText(const QrCode& code) {
  constexpr int quiet = 4;
  // Light modules are printed as blocks: a terminal's text is light on dark or dark on light, and
  // printing the light parts keeps the code readable as long as the background is the darker one.
  const auto light = [&](int x, int y) { return !code.at(x - quiet, y - quiet); };
  const int side = code.width + 2 * quiet;
  std::string out;
  for (int y = 0; y < side; y += 2) {
    for (int x = 0; x < side; ++x) {
      const bool top = light(x, y), bottom = y + 1 < side && light(x, y + 1);
      out += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
    }
    out += '\n';
  }
  return out;
}

}  // namespace rececon
