#pragma once
// A QR code as a square of dark and light modules (libqrencode, error correction M), for the window to
// draw and the CLI to print. Any thread.

#include <string>
#include <vector>

namespace rececon {

struct QrCode {
  int width = 0;              // modules per side, without the quiet zone
  std::vector<bool> dark;     // row by row
  bool at(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < width && dark[y * width + x]; }
};

// Throws InternalError when the text cannot be encoded (far longer than an otpauth:// address).
QrCode qrCodeOf(const std::string& text);

// The code drawn with half-block characters, two rows a line, with its 4-module quiet zone. The light
// modules are the printed ones: most terminals are light text on a dark background.
std::string qrCodeAsText(const QrCode& code);

}  // namespace rececon
