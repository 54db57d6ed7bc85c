#pragma once
// Wraps a label to a width in pixels the way Japanese is set: between any two characters, after a space
// where there is one, never before 、。）」. wxStaticText::Wrap breaks only at spaces, so a Japanese
// sentence without any stays one line and runs off the window.

class wxStaticText;

namespace rececon::gui {

// Wraps the label's current text to `width` pixels of its own font: set the text first, then wrap it.
void wrapLabel(wxStaticText* label, int width);

}  // namespace rececon::gui
