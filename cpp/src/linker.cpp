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

#include "compiled_gazetteer.hpp"
#include "warta/validate.hpp"

namespace warta {

// Candidates weighed per mention: an alias shared by more entities (a pathological
// gazetteer: 100,000 "Budi Santoso") is decided among the first this many in gazetteer
// order, so linking stays linear in the text whatever the gazetteer.
constexpr size_t kMaxCandidates = 256;

namespace {

bool is_capitalized(std::string_view utf8, uint32_t byte) {
  int32_t i = static_cast<int32_t>(byte);
  UChar32 c = 0;
  U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// ====================================================================== one document

enum class SpanKind : uint8_t { Entity, Title, Acting, Honorific, Subdivision, Fuzzy, Short };

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
  bool name_continues = false;  // a single name word followed by an unknown capitalized word
  float score = 1.0f;
  bool dropped = false;
};

class DocumentLinker {
 public:
  using C = CompiledGazetteer;
  DocumentLinker(const C& c, std::string_view text, int32_t day) : c_(c), text_(text), day_(day) {}

  std::vector<Mention> run() {
    tokens_ = c_.normalizer.tokenize(text_);
    if (tokens_.empty()) return {};
    locate_words();
    const std::vector<uint32_t> ids = lookup_tokens(tokens_, c_.vocab);
    canon_ = c_.canonicalize(ids, gaps_.data());
    find_spans();
    drop_words_inside_longer_names();
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
        for (const AliasLink& l : p.links) {
          if (s.cands.size() == kMaxCandidates) break;
          if (c_.gaz.entities[l.entity].type == s.type) s.cands.push_back(l);
        }
        if (s.type == EntityType::Office || s.type == EntityType::Organization) s.title = c_.info[s.cands[0].entity].title;
      } else {
        const LexiconKind kind = c_.gaz.lexicon[p.lexicon].kind;
        s.kind = kind == LexiconKind::Title       ? SpanKind::Title
                 : kind == LexiconKind::Acting    ? SpanKind::Acting
                 : kind == LexiconKind::Honorific ? SpanKind::Honorific
                                                  : SpanKind::Subdivision;
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
      case SpanKind::Subdivision: return true;
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

  // "Metro" in "Polda Metro Jaya", "Muhammad" in "Wakil Bupati Muhammad Saal": a one-word
  // place or single name word followed by an unknown capitalized word is most likely part of
  // a longer name.
  void drop_words_inside_longer_names() {
    // "Kecamatan Ponorogo", "Desa Serang": a district or village, not the regency or city.
    for (size_t k = 0; k + 1 < spans_.size(); ++k) {
      Span& s = spans_[k];
      if (s.kind != SpanKind::Subdivision) continue;
      s.dropped = true;
      Span& next = spans_[k + 1];
      if (next.kind == SpanKind::Entity && next.type == EntityType::Place && next.tb == s.te && !(gaps_[next.tb] & kGapHard)) {
        next.dropped = true;
        for (uint32_t t = next.tb; t < next.te; ++t) covered_[t] = false;
      }
    }
    if (!spans_.empty() && spans_.back().kind == SpanKind::Subdivision) spans_.back().dropped = true;
    for (Span& s : spans_) {
      if (s.kind != SpanKind::Entity || s.te - s.tb != 1 || s.te >= tokens_.size()) continue;
      const bool weak_name = s.type == EntityType::Person &&
                             std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; });
      if (s.type != EntityType::Place && !weak_name) continue;
      const uint32_t next = s.te;
      if (covered_[next] || !caps_[next] || (gaps_[next] & kGapHard) || sentence_gap(next)) continue;
      if (weak_name) {
        s.name_continues = true;  // no title vouches for it; the full name elsewhere still may
      } else {
        s.dropped = true;
        covered_[s.tb] = false;
      }
    }
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
      // A short run is one name or none ("FX Hadi Rudyatmo" is not "Fajar Hadi" plus a word);
      // a longer run is likely a title-case headline, read two or three words at a time.
      const bool whole_run_only = run_end - t <= 3;
      for (uint32_t b = t; b + 1 < run_end;) {
        bool hit = false;
        if (whole_run_only) {
          hit = try_fuzzy(t, run_end);
          if (!hit) break;
        }
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
        const auto& people = c_.fuzzy_entities[hit->payload];  // ascending: compiled in entity order
        if (std::binary_search(people.begin(), people.end(), l.entity)) kept.push_back(l);
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
    s.cb = s.ce = kNoToken;
    s.kind = SpanKind::Fuzzy;
    s.type = EntityType::Person;
    for (uint32_t person : c_.fuzzy_entities[hit->payload]) {
      if (s.cands.size() == kMaxCandidates) break;
      s.cands.push_back({person, false, 0});
    }
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
    if (o.title < 0 || p.paired || p.name_continues) return false;
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
      // A retyped name next to a title that does not fit it is someone else's name.
      if (next < spans_.size() && adjacent(o, spans_[next]) && spans_[next].kind == SpanKind::Fuzzy) spans_[next].dropped = true;
      if (prev < spans_.size() && adjacent(spans_[prev], o) && spans_[prev].kind == SpanKind::Fuzzy) spans_[prev].dropped = true;
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
      const int32_t region = single_region(s);
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
        if (c_.in_term(e, day_)) in_term.push_back(e);
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
      uint32_t match = kNoToken;
      bool several = false;
      for (uint32_t e : people) {
        // Nicknames cut the first name short ("Ben" for Benyamin); "Kami" is not Ridwan Kamil.
        const auto& words = c_.info[e].name_words;
        if (words.empty() || words[0].size() < word.size() + 2 || words[0].compare(0, word.size(), word) != 0) continue;
        if (match != kNoToken && c_.info[e].person_key != key) several = true;
        match = e;
        key = c_.info[e].person_key;
      }
      if (match == kNoToken || several) continue;
      Span s;
      s.tb = t;
      s.te = t + 1;
      s.cb = s.ce = kNoToken;
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
      // A bare title ("Pak Gubernur"): the office of that title in the region named nearest
      // to it in the same paragraph, else in the region the document is most about.
      if (!caps_[s.tb] || s.title < 0) return;
      const int32_t nearest = office_in_nearest_region(s);
      if (nearest >= 0) {
        offices.push_back(static_cast<uint32_t>(nearest));
      } else {
        for (const auto& [place, weight] : evidence_) {
          const int32_t office = c_.find_office(s.title, place);
          if (office >= 0) offices.push_back(static_cast<uint32_t>(office));
        }
        std::sort(offices.begin(), offices.end());
        keep_best_evidence(offices);
        if (offices.size() != 1) return;
      }
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

  // The office with the title of `s` in the region (or its province) that the span nearest
  // to `s` in its paragraph names unambiguously; -1 when no such span.
  int32_t office_in_nearest_region(const Span& s) const {
    int32_t best = -1;
    uint32_t best_distance = UINT32_MAX;
    for (const Span& other : spans_) {
      if (other.dropped || other.kind != SpanKind::Entity || &other == &s ||
          tokens_.segment[other.tb] != tokens_.segment[s.tb])
        continue;
      const int32_t region = single_region(other);
      if (region < 0) continue;
      int32_t office = c_.find_office(s.title, region);
      if (office < 0 && c_.info[region].province >= 0) office = c_.find_office(s.title, c_.info[region].province);
      const uint32_t distance = other.tb > s.tb ? other.tb - s.tb : s.tb - other.tb;
      if (office >= 0 && distance < best_distance) {
        best = office;
        best_distance = distance;
      }
    }
    return best;
  }

  // The one region a span names (a place, or the region of every candidate), or -1.
  int32_t single_region(const Span& s) const {
    int32_t region = -2;
    for (const AliasLink& l : s.cands) {
      const int32_t r = s.type == EntityType::Place ? static_cast<int32_t>(l.entity) : c_.info[l.entity].region;
      region = (region == -2 || region == r) ? r : -1;
    }
    return region < 0 ? -1 : region;
  }

  std::vector<uint32_t> holder_on_day(uint32_t office, bool acting) const {
    std::vector<uint32_t> in_term;
    for (uint32_t p : c_.holders[office])
      if (c_.in_term(p, day_)) in_term.push_back(p);
    auto prefer = [&](auto keep) {
      std::vector<uint32_t> kept;
      std::copy_if(in_term.begin(), in_term.end(), std::back_inserter(kept), keep);
      if (!kept.empty()) in_term = std::move(kept);
    };
    // A term with no known date says nothing about the article's day.
    in_term.erase(std::remove_if(in_term.begin(), in_term.end(), [&](uint32_t p) {
                    return c_.gaz.entities[p].start == kOpenStart && c_.gaz.entities[p].end == kOpenEnd;
                  }),
                  in_term.end());
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

void LinkerOptions::validate() const {
  require(fuzzy_min_similarity > 0.0f && fuzzy_min_similarity <= 1.0f, "fuzzy_min_similarity", "in (0, 1]",
          fuzzy_min_similarity);
}

EntityLinker::EntityLinker(Gazetteer gazetteer, LinkerOptions options) {
  options.validate();
  compiled_ = std::make_unique<const CompiledGazetteer>(std::move(gazetteer), options);
}
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
