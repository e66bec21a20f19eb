// The gazetteer compiled for linking: a vocabulary of normalized words, the lexicon as a
// rewriting automaton (forms -> canonical words), every alias of every entity in one token
// automaton, and the indexes the linker asks (regions, office titles, holders of offices,
// the fuzzy name index). Built once per EntityLinker; read-only and thread-safe afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "warta/gazetteer.hpp"
#include "warta/linker.hpp"
#include "warta/token_automaton.hpp"
#include "warta/token_vocabulary.hpp"
#include "warta/name_index.hpp"
#include "warta/text.hpp"

namespace warta {

// What separates a word from the one before it (flags of the gap before token i).
enum GapFlag : uint8_t {
  kGapHard = 1,      // comma, colon, quote, dash, line or paragraph break ...: phrases end here
  kGapOpen = 2,      // "("
  kGapClose = 4,     // ")"
  kGapSentence = 8,  // ". " "! " "? " or a new line: a title and a name do not pair across it
};

constexpr uint32_t kNoToken = UINT32_MAX;  // "no word": a barrier's source, a span without canonical words

// A word of the canonical stream: abbreviations expanded ("wabup" -> "wakil", "bupati"),
// each canonical word remembering which original words [src_begin, src_end) it came from.
struct CanonToken {
  uint32_t id;
  uint32_t src_begin;
  uint32_t src_end;
  int32_t entry;  // lexicon entry that produced it, or -1
};

struct AliasLink {
  uint32_t entity;
  bool weak;              // a single word of a longer name: counts only with support (see link)
  uint8_t region_suffix;  // the alias ends with this many canonical words naming the region
  bool partial = false;   // a person's name form made here from part of the name ("Zainal Arifin")
  bool listed = false;    // a one-word alias the gazetteer lists: its region supports it
};

struct PatternInfo {
  std::vector<AliasLink> links;
  int32_t lexicon = -1;  // a title, acting prefix or honorific of the lexicon
  int32_t body = -1;     // the kind of an organization said alone ("DPRD", "Pemprov"): its title id
  uint32_t text = 0;     // alias text shown in mentions
};

struct EntityInfo {
  int32_t region = -1;    // place entity of the record's region
  int32_t province = -1;  // the province containing that region (or the region itself)
  int32_t title = -1;     // office title without acting prefix ("gubernur" for "Penjabat Gubernur")
  bool acting = false;
  uint64_t person_key = 0;  // same name in the same region: one person, several terms
  int32_t term_start = kOpenStart;  // start, or an assumed one (see assumed_term_start)
  std::vector<std::string> name_words;
};

struct CompiledGazetteer {
  Gazetteer gaz;
  LinkerOptions options;
  Normalizer normalizer{NormalizerOptions::for_linking()};
  TokenVocabulary vocab;

  TokenAutomaton lexicon_automaton;
  std::vector<uint32_t> lexicon_of_pattern;         // lexicon automaton pattern -> entry
  std::vector<std::vector<uint32_t>> lexicon_canon;  // entry -> canonical word ids
  std::vector<int32_t> lexicon_title;                // entry -> title id (titles only)
  std::vector<std::vector<uint32_t>> acting_forms;   // canonical words of acting prefixes
  std::unordered_set<std::string> given_names;       // normalized: never a person's name alone
  std::unordered_set<std::string> title_first_words;  // normalized first words of titles and office names
  // Words around a title that change what it refers to (normalized forms).
  std::unordered_set<std::string> former_words{"mantan", "eks", "bekas", "former"};  // before: a past holder
  // before: a thing ("surat presiden"), or someone who is not the holder ("calon wali kota").
  std::unordered_set<std::string> document_words{"surat", "peraturan", "keputusan", "instruksi", "perpres",
                                                 "keppres", "inpres", "istana", "kantor", "rumah",
                                                 "dinas", "calon", "kandidat"};
  // before: the title as a role someone holds ("menjabat sebagai Menpora", "Pak Jokowi selaku
  // Presiden") or once held ("pernah menjadi Ketua DPR"): the office itself, not a reference
  // to its holder.
  std::unordered_set<std::string> role_words{"sebagai", "selaku", "menjabat", "jabatan", "menjadi", "menduduki"};
  std::unordered_set<std::string> list_words{"dan", "serta", "atau"};  // between: items of a list
  std::unordered_set<std::string> demonstrative_words{"ini", "itu", "tersebut"};  // after: someone named before
  std::unordered_set<std::string> ordinal_words{"pertama", "kedua", "ketiga", "keempat", "kelima", "keenam",
                                                "ketujuh", "kedelapan", "ke"};  // after: "Presiden ke-3": a past holder
  std::unordered_set<std::string> region_kind_words{"kota", "kabupaten", "kab", "provinsi", "prov"};
  std::unordered_set<std::string> calendar_words{"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
                                                 "januari", "februari", "maret", "april", "mei", "juni", "juli",
                                                 "agustus", "september", "oktober", "november", "desember"};

  TokenAutomaton aliases;
  std::vector<PatternInfo> patterns;
  std::vector<std::string> alias_texts;
  std::unordered_map<std::string, int32_t> title_ids;

  std::vector<EntityInfo> info;
  std::vector<std::vector<std::string>> place_keys;  // place entity -> canonical keys of its names
  std::unordered_map<uint64_t, uint32_t> office_of;  // (title, region place) -> office entity
  std::vector<std::vector<uint32_t>> holders;        // office entity -> person entities
  std::unordered_map<uint64_t, std::vector<uint32_t>> person_terms;  // person_key -> its rows
  const std::vector<uint32_t>& terms_of(uint32_t person) const { return person_terms.at(info[person].person_key); }
  FuzzyNameIndex fuzzy;                            // payload: index into fuzzy_entities
  std::vector<std::vector<uint32_t>> fuzzy_entities;  // people sharing one name form

  CompiledGazetteer(Gazetteer gazetteer, LinkerOptions options);

  std::vector<uint32_t> intern_words(std::string_view text);

  // ------------------------------------------------------------ canonical stream
  // Rewrites lexicon forms to their canonical words, leftmost-longest. With gap flags (a
  // text), phrases are separated by TokenAutomaton::kBarrier, and a title repeated as its
  // abbreviation in brackets ("Wakil Bupati (Wabup)") is read once.
  std::vector<CanonToken> canonicalize(const std::vector<uint32_t>& ids, const uint8_t* gaps) const;

  std::vector<CanonToken> canonical_alias(std::string_view text);
  static std::vector<uint32_t> ids_of(const std::vector<CanonToken>& canon, size_t from = 0);

  int32_t title_id(const std::string& key);

  // ------------------------------------------------------------ compile steps
  void compile_lexicon();

  PatternInfo& pattern(uint32_t p, std::string_view text);

  int32_t resolve_region(const std::string& region, std::unordered_map<std::string, int32_t>& cache,
                         const std::unordered_map<std::string, std::vector<uint32_t>>& by_name,
                         const std::unordered_map<std::string, std::vector<uint32_t>>& by_alias);

  void compile_entities();

  // A term whose start is unknown but whose end is known did not last forever: assume at most
  // a full five-year term (two years for an acting official, whose appointments are yearly)
  // before its end, so an article from long before does not land on it.
  static int32_t assumed_term_start(const EntityRecord& r, bool acting);

  bool in_term(uint32_t e, int32_t day) const { return info[e].term_start <= day && day < gaz.entities[e].end; }

  void compile_title(const std::string& office, EntityInfo& in);

  struct AliasForm {
    std::string text;
    int region_suffix = -1;  // known for generated office aliases, else computed
    bool partial = false;    // part of a person's name, not the name or a listed alias
    bool nickname = false;   // a listed one-word alias that is no word of the name
    bool listed = false;     // a one-word alias the gazetteer lists
  };

  std::vector<AliasForm> alias_forms(uint32_t e) const;

  void add_first_word(std::unordered_set<std::string>& to, const std::string& text) const;
  bool coined_nickname(const std::string& key, const std::vector<std::string>& name_words) const;

  static std::string join(const std::vector<std::string>& w, size_t from, size_t to);

  // "Pemerintah Kabupaten Serang": the region is what follows the office or body kind
  // ("Serang"), else the longest ending that names the region.
  uint8_t region_suffix_after_kind(const std::vector<uint32_t>& ids, const std::string& kind, int32_t region);

  uint8_t region_suffix_of(const std::vector<uint32_t>& ids, int32_t region) const;

  void compile_aliases();

  void add_link(uint32_t p, std::string_view text, AliasLink link);

  static uint64_t office_key(int32_t title, int32_t region);

  void compile_offices();

  int32_t find_office(int32_t title, int32_t region) const;
};

}  // namespace warta
