#pragma once
// How outcomes and reception states look everywhere in the window: one colour and one stock icon each,
// so that a clerk learns them once. Green is fine, amber needs a look, red needs action. UI thread only.

#include <wx/artprov.h>
#include <wx/colour.h>

#include "app/core/qualification.h"
#include "app/jobs/reception_desk.h"

namespace rececon::gui {

inline const wxColour kFineColour(0, 110, 50);
inline const wxColour kLookColour(170, 95, 0);
inline const wxColour kActionColour(176, 0, 32);
inline const wxColour kPendingColour(30, 80, 160);

inline wxColour outcomeColour(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Valid: return kFineColour;
    case CheckOutcome::NotFound:
    case CheckOutcome::Several:
    case CheckOutcome::InvalidNewerExists: return kLookColour;
    case CheckOutcome::Invalid:
    case CheckOutcome::Error: return kActionColour;
  }
  return kActionColour;
}

inline wxColour receptionColour(ReceptionState state) {
  switch (state) {
    case ReceptionState::Verified:
    case ReceptionState::Reverified: return kFineColour;
    case ReceptionState::Checking: return kPendingColour;
    case ReceptionState::Unverified: return kLookColour;
    case ReceptionState::NeedsAttention: return kActionColour;
  }
  return kLookColour;
}

// The stock icon shown beside a visit in the reception list.
// wxART_* are plain char literals, and this target allows no implicit conversion to wxString.
inline wxArtID artId(const char* id) { return wxString::FromAscii(id); }

inline wxArtID receptionIcon(ReceptionState state) {
  switch (state) {
    case ReceptionState::Verified:
    case ReceptionState::Reverified: return artId(wxART_TICK_MARK);
    case ReceptionState::Checking: return artId(wxART_INFORMATION);
    case ReceptionState::Unverified: return artId(wxART_WARNING);
    case ReceptionState::NeedsAttention: return artId(wxART_ERROR);
  }
  return artId(wxART_WARNING);
}

}  // namespace rececon::gui
