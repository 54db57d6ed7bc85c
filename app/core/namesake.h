#pragma once
// Who could be taken for whom at the desk. Most wrong-person linkages found nationally were between
// namesakes: people born the same day whose names read or are written alike. The rule here decides when a
// result's proposed patient is in doubt, so that a person must name the patient before anything is applied.
// Pure; any thread.

#include <string>

#include "app/core/japanese_date.h"

namespace rececon {

// The person a result describes, or a registered patient, as far as telling people apart goes.
struct PersonIdentity {
  std::string name;  // as written (kanji); spaces of either width ignored
  std::string kana;  // any kana form; compared normalised (kana.h)
  Date birthDate;
};

// Namesakes: the same birth date, and the same normalised kana or the same name. Sex is deliberately
// left out — it is what a clerk mistypes and what differs between twins of the other sex; two people
// who differ only in sex, only in the kanji of their name, or twins with the same reading and
// different given names are all namesakes.
bool areNamesakes(const PersonIdentity& a, const PersonIdentity& b);

}  // namespace rececon
