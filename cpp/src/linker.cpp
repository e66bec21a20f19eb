#include "warta/linker.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "warta/matcher.hpp"
#include "warta/name_index.hpp"
#include "warta/text.hpp"

namespace warta {

const char* entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::Person: return "person";
    case EntityType::Office: return "office";
    case EntityType::Organization: return "organization";
    case EntityType::Place: return "place";
  }
  return "unknown";
}

namespace {

// What separates a word from the one before it (flags of the gap before token i).
enum GapFlag : uint8_t {
  kGapHard = 1,      // comma, colon, quote, dash, line or paragraph break ...: phrases end here
  kGapOpen = 2,      // "("
  kGapClose = 4,     // ")"
  kGapSentence = 8,  // ". " "! " "? " or a new line: a title and a name do not pair across it
};

constexpr uint32_t kNone = UINT32_MAX;

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
};

struct PatternInfo {
  std::vector<AliasLink> links;
  int32_t lexicon = -1;  // a title, acting prefix or honorific of the lexicon
  uint32_t text = 0;     // alias text shown in mentions
};

struct EntityInfo {
  int32_t region = -1;    // place entity of the record's region
  int32_t province = -1;  // the province containing that region (or the region itself)
  int32_t title = -1;     // office title without acting prefix ("gubernur" for "Penjabat Gubernur")
  bool acting = false;
  uint64_t person_key = 0;  // same name in the same region: one person, several terms
  std::vector<std::string> name_words;
};

std::string ids_key(const uint32_t* ids, size_t n) {
  return std::string(reinterpret_cast<const char*>(ids), n * sizeof(uint32_t));
}
std::string ids_key(const std::vector<uint32_t>& ids) { return ids_key(ids.data(), ids.size()); }

bool is_capitalized(std::string_view utf8, uint32_t byte) {
  int32_t i = static_cast<int32_t>(byte);
  UChar32 c = 0;
  U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace

// ====================================================================== compiled gazetteer

struct EntityLinker::Compiled {
  Gazetteer gaz;
  LinkerOptions options;
  Normalizer normalizer;
  TokenVocabulary vocab;

  TokenAutomaton lexicon_automaton;
  std::vector<uint32_t> lexicon_of_pattern;         // lexicon automaton pattern -> entry
  std::vector<std::vector<uint32_t>> lexicon_canon;  // entry -> canonical word ids
  std::vector<int32_t> lexicon_title;                // entry -> title id (titles only)
  std::vector<std::vector<uint32_t>> acting_forms;   // canonical words of acting prefixes

  TokenAutomaton aliases;
  std::vector<PatternInfo> patterns;
  std::vector<std::string> alias_texts;
  std::unordered_map<std::string, int32_t> title_ids;

  std::vector<EntityInfo> info;
  std::vector<std::vector<std::string>> place_keys;  // place entity -> canonical keys of its names
  std::unordered_map<uint64_t, uint32_t> office_of;  // (title, region place) -> office entity
  std::vector<std::vector<uint32_t>> holders;        // office entity -> person entities
  FuzzyNameIndex fuzzy;                            // payload: index into fuzzy_entities
  std::vector<std::vector<uint32_t>> fuzzy_entities;  // people sharing one name form

  Compiled(Gazetteer g, LinkerOptions o) : gaz(std::move(g)), options(o) {
    compile_lexicon();
    compile_entities();
    compile_aliases();
    compile_offices();
    fuzzy.build();
  }

  std::vector<uint32_t> intern_words(std::string_view text) {
    const TokenList tokens = normalizer.tokenize(text);
    std::vector<uint32_t> ids(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) ids[i] = vocab.intern(tokens.token(i));
    return ids;
  }

  // ------------------------------------------------------------ canonical stream
  // Rewrites lexicon forms to their canonical words, leftmost-longest. With gap flags (a
  // text), phrases are separated by TokenAutomaton::kBarrier, and a title repeated as its
  // abbreviation in brackets ("Wakil Bupati (Wabup)") is read once.
  std::vector<CanonToken> canonicalize(const std::vector<uint32_t>& ids, const uint8_t* gaps) const {
    std::vector<CanonToken> out;
    out.reserve(ids.size() + 8);
    const size_t n = ids.size();
    int32_t last_entry = -1;
    size_t last_entry_begin = 0;  // index in `out` of the last expansion's first word
    bool after_merge = false;
    auto lexicon_at = [&](size_t i, size_t& end) -> int32_t {
      const uint32_t p = lexicon_automaton.longest_at(ids.data(), n, i, end);
      if (p == TokenAutomaton::kNoPattern) return -1;
      for (size_t k = i + 1; gaps && k < end; ++k)
        if (gaps[k] & kGapHard) return -1;  // a form never spans a comma or a line break
      return static_cast<int32_t>(lexicon_of_pattern[p]);
    };
    size_t i = 0;
    while (i < n) {
      if (gaps && i > 0 && (gaps[i] & kGapHard)) {
        size_t end = 0;
        const int32_t e = (gaps[i] == (kGapHard | kGapOpen) && last_entry >= 0 && out.back().src_end == i)
                              ? lexicon_at(i, end)
                              : -1;
        if (e >= 0 && lexicon_canon[e] == lexicon_canon[last_entry] &&
            (end == n || gaps[end] == (kGapHard | kGapClose))) {
          for (size_t k = last_entry_begin; k < out.size(); ++k) out[k].src_end = static_cast<uint32_t>(end);
          i = end;
          after_merge = true;
          continue;
        }
        if (!after_merge || gaps[i] != (kGapHard | kGapClose)) out.push_back({TokenAutomaton::kBarrier, kNone, kNone, -1});
      }
      after_merge = false;
      size_t end = 0;
      const int32_t e = lexicon_at(i, end);
      if (e < 0) {
        out.push_back({ids[i], static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), -1});
        last_entry = -1;
        ++i;
        continue;
      }
      last_entry = e;
      last_entry_begin = out.size();
      for (uint32_t id : lexicon_canon[e]) out.push_back({id, static_cast<uint32_t>(i), static_cast<uint32_t>(end), e});
      i = end;
    }
    return out;
  }

  std::vector<CanonToken> canonical_alias(std::string_view text) {
    return canonicalize(intern_words(text), nullptr);
  }
  static std::vector<uint32_t> ids_of(const std::vector<CanonToken>& canon, size_t from = 0) {
    std::vector<uint32_t> ids;
    for (size_t k = from; k < canon.size(); ++k) ids.push_back(canon[k].id);
    return ids;
  }

  int32_t title_id(const std::string& key) {
    auto it = title_ids.emplace(key, static_cast<int32_t>(title_ids.size())).first;
    return it->second;
  }

  // ------------------------------------------------------------ compile steps
  void compile_lexicon() {
    const auto& lex = gaz.lexicon;
    lexicon_canon.resize(lex.size());
    lexicon_title.assign(lex.size(), -1);
    for (size_t k = 0; k < lex.size(); ++k) {
      const std::vector<uint32_t> form = intern_words(lex[k].form);
      lexicon_canon[k] = intern_words(lex[k].canonical);
      if (form.empty() || lexicon_canon[k].empty())
        throw std::invalid_argument("lexicon entry " + std::to_string(k + 1) + " ('" + lex[k].form + "' -> '" +
                                    lex[k].canonical + "') has no words");
      const uint32_t p = lexicon_automaton.insert(form.data(), form.size());
      if (p == lexicon_of_pattern.size()) lexicon_of_pattern.push_back(static_cast<uint32_t>(k));
      if (lex[k].kind == LexiconKind::Title) lexicon_title[k] = title_id(ids_key(lexicon_canon[k]));
      if (lex[k].kind == LexiconKind::Acting) acting_forms.push_back(lexicon_canon[k]);
    }
    // Titles, acting prefixes and honorifics are words the linker reads on their own too.
    for (size_t k = 0; k < lex.size(); ++k) {
      if (lex[k].kind == LexiconKind::Abbreviation) continue;
      PatternInfo& p = pattern(aliases.insert(lexicon_canon[k].data(), lexicon_canon[k].size()), lex[k].canonical);
      if (p.lexicon < 0) p.lexicon = static_cast<int32_t>(k);
    }
  }

  PatternInfo& pattern(uint32_t p, std::string_view text) {
    if (p == patterns.size()) {
      patterns.emplace_back();
      patterns.back().text = static_cast<uint32_t>(alias_texts.size());
      alias_texts.emplace_back(text);
    }
    return patterns[p];
  }

  int32_t resolve_region(const std::string& region, std::unordered_map<std::string, int32_t>& cache,
                         const std::unordered_map<std::string, std::vector<uint32_t>>& by_name,
                         const std::unordered_map<std::string, std::vector<uint32_t>>& by_alias) {
    if (region.empty()) return -1;
    auto cached = cache.find(region);
    if (cached != cache.end()) return cached->second;
    const std::string key = ids_key(ids_of(canonical_alias(region)));
    int32_t found = -1;
    for (const auto* table : {&by_name, &by_alias}) {
      auto it = table->find(key);
      if (it != table->end() && it->second.size() == 1) {
        found = static_cast<int32_t>(it->second[0]);
        break;
      }
      if (it != table->end()) break;  // several places share the name: leave it unresolved
    }
    cache.emplace(region, found);
    return found;
  }

  void compile_entities() {
    const auto& ents = gaz.entities;
    info.resize(ents.size());
    place_keys.resize(ents.size());
    std::unordered_map<std::string, std::vector<uint32_t>> by_name, by_alias;
    for (uint32_t e = 0; e < ents.size(); ++e) {
      if (ents[e].type != EntityType::Place) continue;
      const std::string name_key = ids_key(ids_of(canonical_alias(ents[e].name)));
      by_name[name_key].push_back(e);
      place_keys[e].push_back(name_key);
      for (const std::string& a : ents[e].aliases) {
        const std::string key = ids_key(ids_of(canonical_alias(a)));
        if (key.empty() || key == name_key) continue;
        by_alias[key].push_back(e);
        place_keys[e].push_back(key);
      }
    }
    std::unordered_map<std::string, int32_t> cache;
    for (uint32_t e = 0; e < ents.size(); ++e) info[e].region = resolve_region(ents[e].region, cache, by_name, by_alias);
    std::unordered_map<std::string, uint32_t> name_ids;
    for (uint32_t e = 0; e < ents.size(); ++e) {
      EntityInfo& in = info[e];
      const int32_t parent = in.region >= 0 ? info[in.region].region : -1;
      in.province = parent >= 0 ? parent : in.region;
      if (!ents[e].office.empty() && ents[e].type != EntityType::Place) compile_title(ents[e].office, in);
      if (ents[e].type == EntityType::Person) {
        const TokenList words = normalizer.tokenize(ents[e].name);
        for (size_t i = 0; i < words.size(); ++i) in.name_words.emplace_back(words.token(i));
        const auto name_id = name_ids.emplace(normalizer.normalize(ents[e].name), name_ids.size()).first->second;
        in.person_key = static_cast<uint64_t>(name_id) << 32 | static_cast<uint32_t>(in.region);
      }
    }
  }

  void compile_title(const std::string& office, EntityInfo& in) {
    std::vector<uint32_t> words = ids_of(canonical_alias(office));
    bool stripped = true;
    while (stripped) {  // "Penjabat Sementara Wali Kota" -> acting + "wali kota"
      stripped = false;
      for (const auto& form : acting_forms) {
        if (form.size() < words.size() && std::equal(form.begin(), form.end(), words.begin())) {
          words.erase(words.begin(), words.begin() + static_cast<long>(form.size()));
          in.acting = stripped = true;
          break;
        }
      }
    }
    in.title = title_id(ids_key(words));
  }

  struct AliasForm {
    std::string text;
    int region_suffix = -1;  // known for generated office aliases, else computed
    bool generated_weak = false;
  };

  std::vector<AliasForm> alias_forms(uint32_t e) const {
    const EntityRecord& r = gaz.entities[e];
    std::vector<AliasForm> forms{{r.name}};
    for (const std::string& a : r.aliases) forms.push_back({a});
    const EntityInfo& in = info[e];
    if ((r.type == EntityType::Office || r.type == EntityType::Organization) && !r.office.empty() && in.region >= 0) {
      const EntityRecord& place = gaz.entities[in.region];
      std::vector<std::string> names{place.name};
      names.insert(names.end(), place.aliases.begin(), place.aliases.end());
      for (const std::string& n : names) forms.push_back({r.office + " " + n, -2});  // -2: suffix = n's length
    }
    if (r.type == EntityType::Person) {
      const auto& w = in.name_words;
      if (w.size() >= 2) forms.push_back({w[0].substr(0, 1) + " " + join(w, 1, w.size())});  // "A Dimyati Natakusumah"
      if (w.size() >= 3) {
        forms.push_back({w[0].substr(0, 1) + " " + w[1]});  // "A Dimyati"
        forms.push_back({join(w, 0, 2)});                  // "Ahmad Dimyati"
        forms.push_back({join(w, 1, w.size())});           // "Dimyati Natakusumah"
      }
      for (const std::string& word : w)
        if (word.size() >= 3 && w.size() >= 2) forms.push_back({word, -1, true});
    }
    return forms;
  }

  static std::string join(const std::vector<std::string>& w, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += (i > from ? " " : "") + w[i];
    return out;
  }

  // "Pemerintah Kabupaten Serang": the region is what follows the office or body kind
  // ("Serang"), else the longest ending that names the region.
  uint8_t region_suffix_after_kind(const std::vector<uint32_t>& ids, const std::string& kind, int32_t region) {
    if (region < 0) return 0;
    const std::vector<uint32_t> kind_ids = ids_of(canonical_alias(kind));
    if (!kind_ids.empty() && kind_ids.size() < ids.size() && std::equal(kind_ids.begin(), kind_ids.end(), ids.begin())) {
      const std::string rest = ids_key(ids.data() + kind_ids.size(), ids.size() - kind_ids.size());
      for (const std::string& k : place_keys[region])
        if (k == rest) return static_cast<uint8_t>(std::min<size_t>(ids.size() - kind_ids.size(), 255));
    }
    return region_suffix_of(ids, region);
  }

  uint8_t region_suffix_of(const std::vector<uint32_t>& ids, int32_t region) const {
    if (region < 0) return 0;
    for (size_t len = ids.size() - 1; len >= 1; --len) {  // longest suffix that names the region
      const std::string key = ids_key(ids.data() + ids.size() - len, len);
      for (const std::string& k : place_keys[region])
        if (k == key) return static_cast<uint8_t>(std::min<size_t>(len, 255));
      if (len == 1) break;
    }
    return 0;
  }

  void compile_aliases() {
    std::unordered_map<std::string, uint32_t> fuzzy_names;
    for (uint32_t e = 0; e < gaz.entities.size(); ++e) {
      const EntityRecord& r = gaz.entities[e];
      const bool person = r.type == EntityType::Person;
      const size_t name_words = info[e].name_words.size();
      for (const AliasForm& form : alias_forms(e)) {
        std::vector<CanonToken> canon = canonical_alias(form.text);
        size_t skip = 0;  // a person's alias may start with "Pak" or a title: the name is the rest
        while (person && skip < canon.size() && canon[skip].entry >= 0 &&
               gaz.lexicon[canon[skip].entry].kind != LexiconKind::Abbreviation)
          ++skip;
        const std::vector<uint32_t> ids = ids_of(canon, skip);
        if (ids.empty()) continue;
        const bool weak = person && ids.size() == 1 && (form.generated_weak || name_words > 1);
        uint8_t suffix = 0;
        if (form.region_suffix == -2) {
          const std::string place_part = form.text.substr(r.office.size() + 1);
          suffix = static_cast<uint8_t>(std::min<size_t>(canonical_alias(place_part).size(), 255));
        } else if (!person && r.type != EntityType::Place) {
          suffix = region_suffix_after_kind(ids, r.office, info[e].region);
        }
        add_link(aliases.insert(ids.data(), ids.size()), form.text, {e, weak, suffix});
        if (person && !weak && ids.size() >= 2) {
          std::string joined;
          for (uint32_t id : ids) joined += (joined.empty() ? "" : " ") + std::string(vocab.word(id));
          auto [it, added] = fuzzy_names.emplace(joined, static_cast<uint32_t>(fuzzy_entities.size()));
          if (added) {
            fuzzy.add(joined, it->second);
            fuzzy_entities.emplace_back();
          }
          auto& people = fuzzy_entities[it->second];
          if (std::find(people.begin(), people.end(), e) == people.end()) people.push_back(e);
        }
      }
    }
  }

  void add_link(uint32_t p, std::string_view text, AliasLink link) {
    PatternInfo& info_p = pattern(p, text);
    for (AliasLink& l : info_p.links) {
      if (l.entity != link.entity) continue;
      l.weak = l.weak && link.weak;
      l.region_suffix = std::max(l.region_suffix, link.region_suffix);
      return;
    }
    info_p.links.push_back(link);
  }

  static uint64_t office_key(int32_t title, int32_t region) {
    return static_cast<uint64_t>(static_cast<uint32_t>(title)) << 32 | static_cast<uint32_t>(region);
  }

  void compile_offices() {
    holders.resize(gaz.entities.size());
    for (uint32_t e = 0; e < gaz.entities.size(); ++e)
      if (gaz.entities[e].type == EntityType::Office && info[e].title >= 0 && info[e].region >= 0)
        office_of.emplace(office_key(info[e].title, info[e].region), e);
    for (uint32_t e = 0; e < gaz.entities.size(); ++e) {
      if (gaz.entities[e].type != EntityType::Person || info[e].title < 0 || info[e].region < 0) continue;
      auto it = office_of.find(office_key(info[e].title, info[e].region));
      if (it != office_of.end()) holders[it->second].push_back(e);
    }
  }

  int32_t find_office(int32_t title, int32_t region) const {
    auto it = office_of.find(office_key(title, region));
    return it == office_of.end() ? -1 : static_cast<int32_t>(it->second);
  }
};

// ====================================================================== one document

namespace {

enum class SpanKind : uint8_t { Entity, Title, Acting, Honorific, Fuzzy, Short };

struct Span {
  uint32_t tb, te;  // original words [tb, te)
  uint32_t cb, ce;  // canonical words [cb, ce) (fuzzy/short spans: none)
  SpanKind kind;
  EntityType type = EntityType::Person;
  std::vector<AliasLink> cands;
  std::string_view alias;   // stable: points into the compiled gazetteer
  std::vector<uint32_t> resolved;  // persons: the entities left after context
  int32_t title = -1;       // office title of an office span or a bare title
  bool acting = false;
  bool honorific = false;
  bool paired = false;      // a title next to it vouches for the person / the person for the office
  int32_t partner = -1;
  bool named_after = false; // an unknown capitalized name follows the title
  float score = 1.0f;
  bool dropped = false;
};

class DocumentLinker {
 public:
  using C = EntityLinker::Compiled;
  DocumentLinker(const C& c, std::string_view text, int32_t day) : c_(c), text_(text), day_(day) {}

  std::vector<Mention> run() {
    tokens_ = c_.normalizer.tokenize(text_);
    if (tokens_.empty()) return {};
    locate_words();
    const std::vector<uint32_t> ids = lookup_tokens(tokens_, c_.vocab);
    canon_ = c_.canonicalize(ids, gaps_.data());
    find_spans();
    if (c_.options.fuzzy) find_fuzzy_spans();
    std::sort(spans_.begin(), spans_.end(), [](const Span& a, const Span& b) { return a.tb < b.tb; });
    attach_prefixes();
    pair_titles_and_names();
    collect_evidence();
    resolve_people();
    find_short_forms();
    return emit();
  }

 private:
  // ---------------------------------------------------------- words and gaps
  void locate_words() {
    const size_t n = tokens_.size();
    bstart_.resize(n);
    bend_.resize(n);
    size_t byte = 0, cp = 0;
    auto advance = [&](uint32_t target) {
      while (cp < target && byte < text_.size()) {
        ++byte;
        while (byte < text_.size() && (static_cast<unsigned char>(text_[byte]) & 0xC0) == 0x80) ++byte;
        ++cp;
      }
    };
    for (size_t t = 0; t < n; ++t) {
      advance(tokens_.starts[t]);
      bstart_[t] = static_cast<uint32_t>(byte);
      advance(tokens_.ends[t]);
      bend_[t] = static_cast<uint32_t>(byte);
    }
    gaps_.assign(n + 1, 0);
    caps_.resize(n);
    for (size_t t = 0; t < n; ++t) {
      caps_[t] = is_capitalized(text_, bstart_[t]);
      if (t > 0) gaps_[t] = gap_flags(bend_[t - 1], bstart_[t], tokens_.segment[t] != tokens_.segment[t - 1]);
    }
    gaps_[n] = kGapHard | kGapSentence;
  }

  uint8_t gap_flags(size_t from, size_t to, bool new_segment) const {
    uint8_t f = new_segment ? (kGapHard | kGapSentence) : 0;
    for (size_t i = from; i < to; ++i) {
      const auto ch = static_cast<unsigned char>(text_[i]);
      switch (ch) {
        case ' ': case '\t': case '-': case '\'': case '.': case '&': case '_': break;
        case '(': f |= kGapHard | kGapOpen; break;
        case ')': f |= kGapHard | kGapClose; break;
        case '\n': case '\r': case '!': case '?': f |= kGapHard | kGapSentence; break;
        default:
          if (ch == 0xC2 && i + 1 < to && static_cast<unsigned char>(text_[i + 1]) == 0xA0) {
            ++i;  // no-break space
          } else if (ch < 0x80 || ch >= 0xC0) {
            f |= kGapHard;  // other punctuation, symbols, dashes, quotes, emoji
          }
      }
      if (ch == '.') f |= kGapSentence;  // an initial ("A. Dimyati") is told apart in sentence_gap
    }
    return f;
  }

  // "A. Dimyati", "Hj. Ratu": a dot after an initial or an honorific does not end a sentence.
  bool initial_before(uint32_t t) const {
    return t > 0 && (tokens_.ends[t - 1] - tokens_.starts[t - 1] == 1 || honorific_word_[t - 1]);
  }
  bool sentence_gap(uint32_t t) const {
    return (gaps_[t] & kGapSentence) && !((gaps_[t] & ~kGapSentence) == 0 && initial_before(t));
  }

  // ---------------------------------------------------------- candidate spans
  void find_spans() {
    std::vector<uint32_t> ids(canon_.size());
    for (size_t k = 0; k < canon_.size(); ++k) ids[k] = canon_[k].id;
    std::vector<PatternMatch> found;
    c_.aliases.find(ids.data(), ids.size(), found);
    covered_.assign(tokens_.size(), false);
    soft_.assign(tokens_.size(), false);
    honorific_word_.assign(tokens_.size(), false);
    for (const PatternMatch& m : found) {
      // Never split an expansion: "wakil" alone must not match inside "Wabup".
      if (m.begin > 0 && canon_[m.begin - 1].id != TokenAutomaton::kBarrier &&
          canon_[m.begin - 1].src_begin == canon_[m.begin].src_begin)
        continue;
      if (m.end < canon_.size() && canon_[m.end].id != TokenAutomaton::kBarrier &&
          canon_[m.end].src_begin == canon_[m.end - 1].src_begin)
        continue;
      Span s;
      s.cb = m.begin;
      s.ce = m.end;
      s.tb = canon_[m.begin].src_begin;
      s.te = canon_[m.end - 1].src_end;
      const PatternInfo& p = c_.patterns[m.pattern];
      s.alias = c_.alias_texts[p.text];
      if (!p.links.empty()) {
        s.kind = SpanKind::Entity;
        s.type = c_.gaz.entities[p.links[0].entity].type;
        for (const AliasLink& l : p.links)
          if (c_.gaz.entities[l.entity].type == s.type) s.cands.push_back(l);
        if (s.type == EntityType::Office || s.type == EntityType::Organization) s.title = c_.info[s.cands[0].entity].title;
      } else {
        const LexiconKind kind = c_.gaz.lexicon[p.lexicon].kind;
        s.kind = kind == LexiconKind::Title ? SpanKind::Title : kind == LexiconKind::Acting ? SpanKind::Acting : SpanKind::Honorific;
        s.type = EntityType::Office;
        s.title = c_.lexicon_title[p.lexicon];
      }
      if (!well_cased(s)) continue;
      const bool soft = s.kind == SpanKind::Entity && s.type == EntityType::Person && s.te - s.tb == 1 &&
                        std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; });
      for (uint32_t t = s.tb; t < s.te; ++t) {
        covered_[t] = true;
        soft_[t] = soft;
      }
      spans_.push_back(std::move(s));
    }
  }

  bool well_cased(const Span& s) const {
    switch (s.kind) {
      case SpanKind::Acting:
      case SpanKind::Honorific: return caps_[s.tb];
      case SpanKind::Title: return true;  // judged later: a lowercase title only pairs with a name
      default: break;
    }
    if (s.type == EntityType::Person) return caps_[s.tb] && caps_[s.te - 1];
    if (s.type == EntityType::Place) return caps_[s.tb];
    uint8_t suffix = 0;
    for (const AliasLink& l : s.cands) suffix = std::max(suffix, l.region_suffix);
    if (suffix == 0) return caps_[s.tb];
    const uint32_t first_region_word = canon_[s.ce - suffix].src_begin;
    return caps_[first_region_word];
  }

  // Runs of capitalized words no alias covered (or only a single word of a name, as "Andra"
  // in "Andra Sony"): a retyped name is looked up by trigram similarity, two or three words
  // at a time, longest first.
  void find_fuzzy_spans() {
    const size_t n = tokens_.size();
    auto open = [&](uint32_t t) { return (!covered_[t] || soft_[t]) && caps_[t]; };
    for (uint32_t t = 0; t < n;) {
      if (!open(t)) {
        ++t;
        continue;
      }
      uint32_t run_end = t + 1;
      while (run_end < n && open(run_end) && !(gaps_[run_end] & kGapHard) && run_end - t < 8) ++run_end;
      for (uint32_t b = t; b + 1 < run_end;) {
        bool hit = false;
        for (uint32_t len = std::min<uint32_t>(3, run_end - b); len >= 2 && !hit; --len) hit = try_fuzzy(b, b + len);
        if (hit) {
          b = spans_.back().te;
        } else {
          ++b;
        }
      }
      t = run_end;
    }
    extend_names_leftward();
  }

  // "Muhamad Najib Hamas": the alias "Najib Hamas" matched, the retyped first name did not.
  // A capitalized word just before a full name joins it when the whole reads as that name.
  void extend_names_leftward() {
    for (size_t k = 0, n = spans_.size(); k < n; ++k) {
      Span& s = spans_[k];
      if (s.dropped || s.kind != SpanKind::Entity || s.type != EntityType::Person || s.te - s.tb < 2) continue;
      const uint32_t t = s.tb - 1;
      if (s.tb == 0 || !caps_[t] || (covered_[t] && !soft_[t]) || (gaps_[s.tb] & kGapHard) ||
          tokens_.ends[t] - tokens_.starts[t] < 2)
        continue;
      std::string joined(tokens_.token(t));
      for (uint32_t w = s.tb; w < s.te; ++w) joined += " " + std::string(tokens_.token(w));
      const auto hit = c_.fuzzy.lookup(joined, c_.options.fuzzy_min_similarity);
      if (!hit) continue;
      std::vector<AliasLink> kept;
      for (const AliasLink& l : s.cands) {
        const auto& people = c_.fuzzy_entities[hit->payload];
        if (std::find(people.begin(), people.end(), l.entity) != people.end()) kept.push_back(l);
      }
      if (kept.empty()) continue;
      for (Span& other : spans_)
        if (&other != &s && other.tb == t && other.te == t + 1) other.dropped = true;
      s.cands = std::move(kept);
      s.tb = t;
      s.kind = SpanKind::Fuzzy;
      s.score = std::max(0.5f, 1.0f - 0.1f * static_cast<float>(hit->distance)) * hit->similarity;
      covered_[t] = true;
      soft_[t] = false;
    }
  }

  bool try_fuzzy(uint32_t b, uint32_t e) {
    std::string joined;
    for (uint32_t t = b; t < e; ++t) {
      if (tokens_.ends[t] - tokens_.starts[t] < 2) return false;  // initials are not evidence
      joined += (joined.empty() ? "" : " ") + std::string(tokens_.token(t));
    }
    const auto hit = c_.fuzzy.lookup(joined, c_.options.fuzzy_min_similarity);
    if (!hit || hit->distance == 0) return false;  // distance 0 would have matched exactly
    Span s;
    s.tb = b;
    s.te = e;
    s.cb = s.ce = kNone;
    s.kind = SpanKind::Fuzzy;
    s.type = EntityType::Person;
    for (uint32_t person : c_.fuzzy_entities[hit->payload]) s.cands.push_back({person, false, 0});
    s.alias = c_.gaz.entities[s.cands[0].entity].name;
    s.score = std::max(0.5f, 1.0f - 0.1f * static_cast<float>(hit->distance)) * hit->similarity;
    for (uint32_t t = b; t < e; ++t) {
      covered_[t] = true;
      soft_[t] = false;
    }
    for (Span& other : spans_)  // the single name words the fuzzy name swallowed
      if (other.tb >= b && other.te <= e) other.dropped = true;
    spans_.push_back(std::move(s));
    return true;
  }

  // ---------------------------------------------------------- structure
  // Next to each other, or with only an honorific between ("Bupati Serang Hj. Ratu ...").
  bool adjacent(const Span& a, const Span& b) const {
    uint32_t t = a.te;
    while (t < b.tb && honorific_word_[t] && !sentence_gap(t)) ++t;
    return t == b.tb && !sentence_gap(b.tb);
  }
  bool officeish(const Span& s) const {
    return s.kind == SpanKind::Title || (s.kind == SpanKind::Entity && s.type == EntityType::Office);
  }

  // "Plh" / "Pak" before a title belong to it.
  void attach_prefixes() {
    for (size_t k = spans_.size(); k-- > 0;) {
      Span& s = spans_[k];
      if (s.kind != SpanKind::Acting && s.kind != SpanKind::Honorific) continue;
      s.dropped = true;
      if (s.kind == SpanKind::Honorific)
        for (uint32_t t = s.tb; t < s.te; ++t) honorific_word_[t] = true;
      if (k + 1 < spans_.size() && officeish(spans_[k + 1]) && adjacent(s, spans_[k + 1])) {
        Span& next = spans_[k + 1];
        next.tb = s.tb;
        (s.kind == SpanKind::Acting ? next.acting : next.honorific) = true;
      }
    }
  }

  std::vector<int32_t> regions_of(const Span& s) const {
    std::vector<int32_t> out;
    if (s.kind != SpanKind::Entity) return out;
    for (const AliasLink& l : s.cands) out.push_back(c_.info[l.entity].region);
    return out;
  }

  bool try_pair(size_t office, size_t person) {
    Span& o = spans_[office];
    Span& p = spans_[person];
    if (o.title < 0 || p.paired) return false;
    const std::vector<int32_t> regions = regions_of(o);
    std::vector<AliasLink> fit;
    for (const AliasLink& l : p.cands) {
      const EntityInfo& in = c_.info[l.entity];
      if (in.title == o.title && (regions.empty() || std::count(regions.begin(), regions.end(), in.region)))
        fit.push_back(l);
    }
    if (fit.empty()) return false;
    p.cands = std::move(fit);
    p.paired = o.paired = true;
    p.partner = static_cast<int32_t>(office);
    o.partner = static_cast<int32_t>(person);
    return true;
  }

  void pair_titles_and_names() {
    for (size_t k = 0; k < spans_.size(); ++k) {
      Span& o = spans_[k];
      if (o.dropped || !officeish(o)) continue;
      const size_t next = next_live(k);
      if (next < spans_.size() && adjacent(o, spans_[next]) && spans_[next].type == EntityType::Person &&
          spans_[next].kind != SpanKind::Title && try_pair(k, next))
        continue;
      const size_t prev = prev_live(k);
      if (prev < spans_.size() && adjacent(spans_[prev], o) && spans_[prev].type == EntityType::Person &&
          spans_[prev].kind != SpanKind::Title && (gaps_[o.tb] & kGapHard) && try_pair(k, prev))
        continue;
      // "Plh Sekda Banten, Deden Apriandhi" with Deden unknown: the title names someone.
      if (o.te < tokens_.size() && (!covered_[o.te] || soft_[o.te] || honorific_word_[o.te]) && caps_[o.te] &&
          !sentence_gap(o.te))
        o.named_after = true;
    }
  }

  size_t next_live(size_t k) const {
    for (size_t j = k + 1; j < spans_.size(); ++j)
      if (!spans_[j].dropped) return j;
    return spans_.size();
  }
  size_t prev_live(size_t k) const {
    for (size_t j = k; j-- > 0;)
      if (!spans_[j].dropped) return j;
    return spans_.size();
  }

  // ---------------------------------------------------------- context
  // Which regions the document is about: every span that names one region unambiguously
  // adds to it (and a quarter to its province).
  void collect_evidence() {
    for (const Span& s : spans_) {
      if (s.dropped || s.kind != SpanKind::Entity) continue;
      bool weak_only = true;
      for (const AliasLink& l : s.cands) weak_only = weak_only && l.weak;
      if (weak_only) continue;
      int32_t region = -2;
      for (const AliasLink& l : s.cands) {
        const int32_t r = s.type == EntityType::Place ? static_cast<int32_t>(l.entity) : c_.info[l.entity].region;
        region = (region == -2 || region == r) ? r : -1;
      }
      if (region < 0) continue;
      evidence_[region] += 1.0f;
      const int32_t province = c_.info[region].province;
      if (province >= 0 && province != region) evidence_[province] += 0.25f;
    }
  }

  float evidence(int32_t place) const {
    if (place < 0) return 0;
    auto it = evidence_.find(place);
    return it == evidence_.end() ? 0 : it->second;
  }

  float entity_evidence(uint32_t e) const {
    const EntityRecord& r = c_.gaz.entities[e];
    if (r.type == EntityType::Place) return evidence(static_cast<int32_t>(e));
    const EntityInfo& in = c_.info[e];
    return evidence(in.region) + (in.province != in.region ? 0.5f * evidence(in.province) : 0.0f);
  }

  // Keeps the candidates with the most evidence, when there is any evidence at all.
  void keep_best_evidence(std::vector<uint32_t>& cands) const {
    if (cands.size() < 2) return;
    float best = 0;
    for (uint32_t e : cands) best = std::max(best, entity_evidence(e));
    if (best <= 0) return;
    cands.erase(std::remove_if(cands.begin(), cands.end(), [&](uint32_t e) { return entity_evidence(e) < best; }), cands.end());
  }

  static std::vector<uint32_t> entities_of(const std::vector<AliasLink>& links) {
    std::vector<uint32_t> out;
    for (const AliasLink& l : links) out.push_back(l.entity);
    return out;
  }

  std::vector<uint32_t> resolve_person(std::vector<uint32_t> cands) const {
    if (day_ != kNoDate && cands.size() > 1) {
      std::vector<uint32_t> in_term;
      for (uint32_t e : cands)
        if (c_.gaz.entities[e].term_contains(day_)) in_term.push_back(e);
      if (!in_term.empty()) cands = std::move(in_term);
    }
    keep_best_evidence(cands);
    return latest_term_of_one_person(std::move(cands));
  }

  // One person with several terms (rows): the latest term that is left.
  std::vector<uint32_t> latest_term_of_one_person(std::vector<uint32_t> cands) const {
    if (cands.size() < 2 || !std::all_of(cands.begin(), cands.end(), [&](uint32_t e) {
          return c_.info[e].person_key == c_.info[cands[0]].person_key;
        }))
      return cands;
    return {*std::max_element(cands.begin(), cands.end(), [&](uint32_t a, uint32_t b) {
      return c_.gaz.entities[a].start < c_.gaz.entities[b].start;
    })};
  }

  void resolve_people() {
    // Strong names first: they decide which short names ("Najib", "Ben") count.
    for (Span& s : spans_) {
      if (s.dropped || s.type != EntityType::Person || s.kind == SpanKind::Title) continue;
      const bool weak = std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; });
      if (weak && !s.paired) continue;
      s.resolved = resolve_person(entities_of(s.cands));
      if (weak) s.score = 0.9f;
      for (uint32_t e : s.resolved) doc_people_.insert(c_.info[e].person_key);
    }
    for (Span& s : spans_) {
      if (s.dropped || s.type != EntityType::Person || s.kind == SpanKind::Title || s.paired) continue;
      const bool weak = std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; });
      if (!weak) continue;
      std::vector<uint32_t> supported;
      for (const AliasLink& l : s.cands)
        if (doc_people_.count(c_.info[l.entity].person_key)) supported.push_back(l.entity);
      if (supported.empty()) {
        s.dropped = true;
        continue;
      }
      s.resolved = resolve_person(supported);
      s.score = 0.85f;
    }
  }

  // "Ben" for "Benyamin Davnie": a capitalized word that begins a name word of exactly one
  // person named in full elsewhere in the document.
  void find_short_forms() {
    std::vector<uint32_t> people;
    for (const Span& s : spans_)
      if (!s.dropped && s.type == EntityType::Person && s.kind != SpanKind::Title && s.resolved.size() == 1 &&
          std::find(people.begin(), people.end(), s.resolved[0]) == people.end())
        people.push_back(s.resolved[0]);
    if (people.empty()) return;
    for (uint32_t t = 0; t < tokens_.size(); ++t) {
      if (covered_[t] || !caps_[t]) continue;
      const std::string_view word = tokens_.token(t);
      if (word.size() < 3) continue;
      uint64_t key = 0;
      uint32_t match = kNone;
      bool several = false;
      for (uint32_t e : people) {
        for (const std::string& w : c_.info[e].name_words) {
          if (w.size() <= word.size() || w.compare(0, word.size(), word) != 0) continue;
          if (match != kNone && c_.info[e].person_key != key) several = true;
          match = e;
          key = c_.info[e].person_key;
        }
      }
      if (match == kNone || several) continue;
      Span s;
      s.tb = t;
      s.te = t + 1;
      s.cb = s.ce = kNone;
      s.kind = SpanKind::Short;
      s.type = EntityType::Person;
      s.resolved = {match};
      s.score = 0.7f;
      s.alias = c_.gaz.entities[match].name;
      short_spans_.push_back(std::move(s));
    }
  }

  // ---------------------------------------------------------- output
  std::vector<Mention> emit() {
    std::vector<Mention> out;
    for (Span& s : spans_) {
      if (s.dropped) continue;
      if (s.type == EntityType::Person && s.kind != SpanKind::Title) {
        push(out, s.tb, s.te, s.resolved, EntityType::Person, s.score, s.alias);
      } else if (officeish(s)) {
        emit_office(out, s);
      } else {
        std::vector<uint32_t> cands = entities_of(s.cands);
        keep_best_evidence(cands);
        push(out, s.tb, s.te, cands, s.type, s.score, s.alias);
        if (s.type == EntityType::Organization) emit_region(out, s, cands);
      }
    }
    for (Span& s : short_spans_) push(out, s.tb, s.te, s.resolved, EntityType::Person, s.score, s.alias);
    std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    return out;
  }

  void emit_office(std::vector<Mention>& out, Span& s) {
    std::vector<uint32_t> offices = entities_of(s.cands);
    if (s.partner >= 0) {  // the person decides the region
      const std::vector<uint32_t>& people = spans_[s.partner].resolved;
      std::vector<uint32_t> fit;
      for (uint32_t person : people) {
        const int32_t office = c_.find_office(s.title, c_.info[person].region);
        if (office >= 0 && (offices.empty() || std::count(offices.begin(), offices.end(), office)) &&
            std::find(fit.begin(), fit.end(), static_cast<uint32_t>(office)) == fit.end())
          fit.push_back(static_cast<uint32_t>(office));
      }
      if (!fit.empty() || offices.empty()) offices = fit;
    } else if (offices.empty()) {
      // A bare title ("Pak Gubernur"): the office of that title in the region the document
      // is most about.
      if (!caps_[s.tb] || s.title < 0) return;
      for (const auto& [place, weight] : evidence_) {
        const int32_t office = c_.find_office(s.title, place);
        if (office >= 0) offices.push_back(static_cast<uint32_t>(office));
      }
      std::sort(offices.begin(), offices.end());
      keep_best_evidence(offices);
      if (offices.size() != 1) return;
    }
    keep_best_evidence(offices);
    if (offices.empty()) return;
    const bool alone = s.partner < 0 && !s.named_after;
    if (alone && offices.size() == 1 && day_ != kNoDate && (caps_[s.tb] || s.honorific)) {
      const std::vector<uint32_t> holder = holder_on_day(offices[0], s.acting);
      if (holder.size() == 1) {
        push(out, s.tb, s.te, holder, EntityType::Person, 0.8f * s.score, s.alias);
        emit_region(out, s, offices);
        return;
      }
    }
    if (s.kind == SpanKind::Title && s.partner < 0 && !caps_[s.tb]) return;  // generic "bupati"
    push(out, s.tb, s.te, offices, EntityType::Office, s.score, s.alias);
    emit_region(out, s, offices);
  }

  std::vector<uint32_t> holder_on_day(uint32_t office, bool acting) const {
    std::vector<uint32_t> in_term;
    for (uint32_t p : c_.holders[office])
      if (c_.gaz.entities[p].term_contains(day_)) in_term.push_back(p);
    auto prefer = [&](auto keep) {
      std::vector<uint32_t> kept;
      std::copy_if(in_term.begin(), in_term.end(), std::back_inserter(kept), keep);
      if (!kept.empty()) in_term = std::move(kept);
    };
    prefer([&](uint32_t p) { return c_.info[p].acting == acting; });
    prefer([&](uint32_t p) { return c_.gaz.entities[p].start != kOpenStart; });
    return latest_term_of_one_person(in_term);
  }

  // The region inside an office or organization name ("Serang" in "Pemkab Serang").
  void emit_region(std::vector<Mention>& out, const Span& s, const std::vector<uint32_t>& chosen) {
    if (s.kind != SpanKind::Entity) return;
    uint8_t suffix = 0;
    std::vector<uint32_t> regions;
    for (const AliasLink& l : s.cands) {
      if (std::find(chosen.begin(), chosen.end(), l.entity) == chosen.end() || l.region_suffix == 0) continue;
      suffix = std::max(suffix, l.region_suffix);
      const int32_t r = c_.info[l.entity].region;
      if (r >= 0 && std::find(regions.begin(), regions.end(), static_cast<uint32_t>(r)) == regions.end())
        regions.push_back(static_cast<uint32_t>(r));
    }
    if (suffix == 0 || regions.empty() || suffix >= s.ce - s.cb) return;
    // A region that starts inside an expansion ("kota" of "Pemkot") is read from its next word.
    while (suffix > 1 && canon_[s.ce - suffix - 1].src_begin == canon_[s.ce - suffix].src_begin) --suffix;
    const uint32_t tb = canon_[s.ce - suffix].src_begin;
    if (tb < s.tb || canon_[s.ce - suffix - 1].src_begin == tb) return;
    push(out, tb, s.te, regions, EntityType::Place, s.score, s.alias);
  }

  void push(std::vector<Mention>& out, uint32_t tb, uint32_t te, const std::vector<uint32_t>& cands, EntityType label,
            float score, std::string_view alias) {
    if (cands.empty()) return;
    Mention m;
    m.start = tokens_.starts[tb];
    m.end = tokens_.ends[te - 1];
    m.label = label;
    m.alias = alias;
    if (cands.size() == 1) {
      m.entity = static_cast<int32_t>(cands[0]);
      m.score = score;
    } else {
      m.alternatives = cands;
      std::sort(m.alternatives.begin(), m.alternatives.end());
      m.score = score / static_cast<float>(cands.size());
    }
    out.push_back(std::move(m));
  }

  const C& c_;
  std::string_view text_;
  int32_t day_;
  TokenList tokens_;
  std::vector<uint32_t> bstart_, bend_;
  std::vector<uint8_t> gaps_;
  std::vector<bool> caps_, covered_, soft_, honorific_word_;
  std::vector<CanonToken> canon_;
  std::vector<Span> spans_, short_spans_;
  std::map<int32_t, float> evidence_;  // ordered: iteration order must not depend on hashing
  std::unordered_set<uint64_t> doc_people_;
};

}  // namespace

// ====================================================================== public API

EntityLinker::EntityLinker(Gazetteer gazetteer, LinkerOptions options)
    : compiled_(std::make_unique<const Compiled>(std::move(gazetteer), options)) {}
EntityLinker::~EntityLinker() = default;
EntityLinker::EntityLinker(EntityLinker&&) noexcept = default;

const Gazetteer& EntityLinker::gazetteer() const { return compiled_->gaz; }
size_t EntityLinker::pattern_count() const { return compiled_->aliases.pattern_count(); }

std::vector<Mention> EntityLinker::link(std::string_view utf8, int32_t day) const {
  return DocumentLinker(*compiled_, utf8, day).run();
}

std::vector<std::vector<Mention>> EntityLinker::link_batch(const std::vector<std::string_view>& texts,
                                                           const std::vector<int32_t>& days, int n_jobs,
                                                           const InterruptCheck& interrupted) const {
  if (!days.empty() && days.size() != texts.size())
    throw std::invalid_argument("link_batch: " + std::to_string(days.size()) + " dates for " +
                                std::to_string(texts.size()) + " texts");
  std::vector<std::vector<Mention>> out(texts.size());
  parallel_for(
      texts.size(), n_jobs, [&](size_t i) { out[i] = link(texts[i], days.empty() ? kNoDate : days[i]); }, interrupted,
      256);
  return out;
}

}  // namespace warta
