// The gazetteer: entities (people, offices, organizations, places) with their aliases,
// offices, regions and terms, and the title/abbreviation lexicon that says which words
// mean the same thing ("Wabup" = "Wakil Bupati"). Plain data; EntityLinker compiles it.
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

namespace warta {

enum class EntityType : uint8_t { Person = 0, Office = 1, Organization = 2, Place = 3 };

const char* entity_type_name(EntityType type);

// Dates are days since 1970-01-01. A term is [start, end): `end` is the day the successor
// took over. Open ends use the limits below.
constexpr int32_t kOpenStart = INT32_MIN;
constexpr int32_t kOpenEnd = INT32_MAX;

struct EntityRecord {
  std::string id;
  std::string name;
  EntityType type = EntityType::Place;
  std::vector<std::string> aliases;
  std::string office;  // person: the office held ("Wakil Bupati"); office/organization: its title or kind
  std::string region;  // the region's name as a place entity knows it ("Kabupaten Serang", "Banten")
  int32_t start = kOpenStart;
  int32_t end = kOpenEnd;
  std::string person;  // person: rows that share it are terms of one person; empty = same name and region

  bool term_contains(int32_t day) const { return start <= day && day < end; }
};

enum class LexiconKind : uint8_t {
  Title = 0,         // an office title: Gubernur, Wabup, Sekda
  Acting = 1,        // an acting prefix: Plh, Pj, Pjs, Plt
  Honorific = 2,     // Pak, Ibu
  Abbreviation = 3,  // any other short form: Pemkab, Kab., DPRD
  Subdivision = 4,   // Kecamatan, Desa, Kelurahan: the name after it is a smaller place
  GivenName = 5,     // Muhammad, Nyoman, Siti: a name word too common to stand for a person alone
};

// `form` and `canonical` are read through the Normalizer, so "Kab." and "kab" are one form.
struct LexiconEntry {
  std::string form;
  std::string canonical;
  LexiconKind kind = LexiconKind::Abbreviation;
};

struct Gazetteer {
  std::vector<EntityRecord> entities;
  std::vector<LexiconEntry> lexicon;
};

}  // namespace warta
