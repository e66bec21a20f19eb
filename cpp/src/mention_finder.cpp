// Finding mentions: which spans of words may name an entity, and which belong together.
#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "document_linker.hpp"

namespace warta::linking {

void DocumentLinker::locate_words() {
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

uint8_t DocumentLinker::gap_flags(size_t from, size_t to, bool new_segment) const {
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
        } else if (const size_t n = mojibake_space(i, to)) {
          i += n - 1;  // a no-break space read in the wrong encoding ("Ridwan¬†Kamil")
        } else if (ch < 0x80 || ch >= 0xC0) {
          f |= kGapHard;  // other punctuation, symbols, dashes, quotes, emoji
        }
    }
    if (ch == '.') f |= kGapSentence;  // an initial ("A. Dimyati") is told apart in sentence_gap
  }
  return f;
}

// Bytes of a UTF-8 no-break space decoded as Mac Roman ("¬†") or Latin-1 ("Â" +
// no-break space) and encoded again, as scrapers leave them: a space between words.
size_t DocumentLinker::mojibake_space(size_t i, size_t to) const {
  static constexpr std::string_view kMacRoman = "\xC2\xAC\xE2\x80\xA0", kLatin1 = "\xC3\x82\xC2\xA0";
  const std::string_view rest = text_.substr(i, to - i);
  for (std::string_view form : {kMacRoman, kLatin1})
    if (rest.substr(0, form.size()) == form) return form.size();
  return 0;
}

// "A. Dimyati", "Hj. Ratu": a dot after an initial or an honorific does not end a sentence.
bool DocumentLinker::initial_before(uint32_t t) const {
  return t > 0 && (tokens_.ends[t - 1] - tokens_.starts[t - 1] == 1 || honorific_word_[t - 1]);
}

bool DocumentLinker::sentence_gap(uint32_t t) const {
  return (gaps_[t] & kGapSentence) && !((gaps_[t] & ~kGapSentence) == 0 && initial_before(t));
}

void DocumentLinker::find_spans() {
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
    } else if (p.lexicon < 0) {
      s.kind = SpanKind::Body;
      s.type = EntityType::Organization;
      s.title = p.body;
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

bool DocumentLinker::well_cased(const Span& s) const {
  switch (s.kind) {
    case SpanKind::Acting:
    case SpanKind::Honorific: return caps_[s.tb];
    case SpanKind::Subdivision: return true;
    case SpanKind::Title: return true;  // judged later: a lowercase title only pairs with a name
    default: break;
  }
  if (s.type == EntityType::Person) return caps_[s.tb] && caps_[s.te - 1];
  if (s.type == EntityType::Place) {  // "kota Sorong": the name after a lower-case kind word
    uint32_t t = s.tb;
    while (t + 1 < s.te && !caps_[t] && c_.region_kind_words.count(std::string(tokens_.token(t)))) ++t;
    return caps_[t];
  }
  uint8_t suffix = 0;
  for (const AliasLink& l : s.cands) suffix = std::max(suffix, l.region_suffix);
  if (suffix == 0) return s.type == EntityType::Office || caps_[s.tb];  // a lower-case title: see emit_office
  uint32_t first_region_word = canon_[s.ce - suffix].src_begin;
  // "DPRD kota Sorong": a lower-case kind word before the region's name.
  while (first_region_word + 1 < s.te && !caps_[first_region_word] && c_.region_kind_words.count(std::string(tokens_.token(first_region_word))))
    ++first_region_word;
  return caps_[first_region_word];
}

// "Metro" in "Polda Metro Jaya", "Muhammad" in "Wakil Bupati Muhammad Saal": a one-word
// place or single name word followed by an unknown capitalized word is most likely part of
// a longer name.
void DocumentLinker::drop_words_inside_longer_names() {
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
  // "Zainal Arifin Mochtar": part of a known name followed by another capitalized word is
  // someone else's longer name (a weekday or month after a name is not).
  for (Span& s : spans_) {
    if (s.kind != SpanKind::Entity || s.type != EntityType::Person || s.te - s.tb < 2 || s.te >= tokens_.size() ||
        !std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.partial; }))
      continue;
    const uint32_t next = s.te;
    if ((covered_[next] && !soft_[next]) || !caps_[next] || (gaps_[next] & kGapHard) || sentence_gap(next) ||
        c_.calendar_words.count(std::string(tokens_.token(next))))
      continue;
    s.dropped = true;
    for (uint32_t t = s.tb; t < s.te; ++t) covered_[t] = false;
  }
  for (Span& s : spans_) {
    if (s.kind != SpanKind::Entity || s.te - s.tb != 1 || s.te >= tokens_.size()) continue;
    const bool weak_name = s.type == EntityType::Person &&
                           std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; });
    if (s.type == EntityType::Person && after_name_word(s)) {  // "Iriana Jokowi", "Relawan Jokowi"
      s.dropped = true;
      covered_[s.tb] = false;
      continue;
    }
    if (s.type != EntityType::Place && s.type != EntityType::Person) continue;
    const uint32_t next = s.te;
    if (s.type == EntityType::Place &&
        (inside_acronymed_name(s) || (!coined_short_name(s) && ends_longer_name(s)))) {
      s.dropped = true;
      covered_[s.tb] = false;
      continue;
    }
    if (s.type == EntityType::Place && coined_short_name(s)) continue;
    if ((covered_[next] && !soft_[next]) || !caps_[next] || (gaps_[next] & kGapHard) || sentence_gap(next)) continue;
    // "Khofifah Senin (16/9) mengatakan": a weekday or month after a name does not extend it.
    if (s.type == EntityType::Person && c_.calendar_words.count(std::string(tokens_.token(next)))) continue;
    // "Bunda Suci", "Jalan Panglima Polim": a listed nickname too may start someone's longer
    // name, unless a title vouches for it ("Staf Khusus Presiden Jokowi Bidang Papua").
    if (s.type == EntityType::Person && title_case_segment(s.tb)) {
      continue;  // "Ben Minta ASN Disiplin": in a headline every word is capitalized
    } else if (s.type == EntityType::Person && !weak_name) {
      s.needs_support = true;
    } else if (weak_name) {
      s.name_continues = true;  // no title vouches for it; the full name elsewhere still may
    } else {
      s.dropped = true;
      covered_[s.tb] = false;
    }
  }
}

// A line or paragraph of three or more words, four in five of them capitalized: a headline,
// where a capital says nothing about names.
bool DocumentLinker::title_case_segment(uint32_t t) const {
  if (headline_.empty()) {
    std::vector<uint32_t> words(tokens_.segment_count + 1), capitalized(tokens_.segment_count + 1);
    for (uint32_t u = 0; u < tokens_.size(); ++u) {
      ++words[tokens_.segment[u]];
      capitalized[tokens_.segment[u]] += caps_[u];
    }
    headline_.resize(words.size());
    for (size_t g = 0; g < words.size(); ++g) headline_[g] = words[g] >= 3 && 5 * capitalized[g] >= 4 * words[g];
  }
  return headline_[tokens_.segment[t]];
}

// "Jatim", "Tangsel", "RI": a one-word short name coined for a region (no word of its name)
// names the region even inside a longer name or before another capitalized word ("Polda
// Jatim", "Jatim Expo", "Presiden ketiga RI BJ Habibie"), unlike a word of the name itself
// ("Metro" in "Polda Metro Jaya").
bool DocumentLinker::coined_short_name(const Span& s) const {
  if (s.te - s.tb != 1) return false;
  const std::string word(tokens_.token(s.tb));
  return std::all_of(s.cands.begin(), s.cands.end(), [&](const AliasLink& l) {
    const auto& words = c_.info[l.entity].name_words;
    return std::find(words.begin(), words.end(), word) == words.end();
  });
}

// "KSP (Kantor Staf Presiden)": an all-capitals alias the text spells out in brackets right
// after it as words whose initials make it, none of them a name of its entity, is that other
// thing here, wherever it recurs ("Kepala Staf Kepresidenan" is also "KSP").
void DocumentLinker::drop_acronyms_spelled_out_otherwise() {
  std::unordered_set<std::string> redefined;
  for (const Span& s : spans_) {
    const uint32_t t = s.te;
    if (s.dropped || s.kind != SpanKind::Entity || s.te - s.tb != 1 || t >= tokens_.size() || !(gaps_[t] & kGapOpen))
      continue;
    const std::string_view acronym = text_.substr(bstart_[s.tb], bend_[s.tb] - bstart_[s.tb]);
    if (acronym.size() < 2 || !std::all_of(acronym.begin(), acronym.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      continue;
    std::string initials;
    uint32_t u = t;
    for (; u < tokens_.size() && (u == t || !(gaps_[u] & (kGapOpen | kGapClose | kGapSentence))); ++u)
      if (caps_[u]) initials += text_[bstart_[u]];
    if (u >= tokens_.size() || !(gaps_[u] & kGapClose) || initials != acronym) continue;
    const bool confirms = std::any_of(spans_.begin(), spans_.end(), [&](const Span& o) {
      return !o.dropped && o.tb >= t && o.te <= u && std::any_of(o.cands.begin(), o.cands.end(), [&](const AliasLink& a) {
               return std::any_of(s.cands.begin(), s.cands.end(), [&](const AliasLink& b) { return a.entity == b.entity; });
             });
    });
    if (!confirms) redefined.emplace(tokens_.token(s.tb));
  }
  if (redefined.empty()) return;
  for (Span& s : spans_)
    if (s.kind == SpanKind::Entity && s.te - s.tb == 1 && redefined.count(std::string(tokens_.token(s.tb)))) {
      s.dropped = true;
      covered_[s.tb] = false;
    }
}

// "Majelis Ulama Indonesia (MUI)", "Persaudaraan Islam Tionghoa Indonesia (PITI)": a place
// word that ends a capitalized name spelled out before its acronym is part of that name.
bool DocumentLinker::inside_acronymed_name(const Span& s) const {
  if (s.tb == 0 || s.te >= tokens_.size() || !(gaps_[s.te] & kGapOpen)) return false;
  const uint32_t prev = s.tb - 1;
  if (!caps_[prev] || (covered_[prev] && !soft_[prev]) || (gaps_[s.tb] & kGapHard)) return false;
  const std::string_view next = text_.substr(bstart_[s.te], bend_[s.te] - bstart_[s.te]);
  return next.size() >= 2 && std::all_of(next.begin(), next.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "Masjid Agung Al Ikhlas Ketapang", "Poros Revolusi Mahasiswa Bandung": a one-word place
// after two or more capitalized words that no alias covers (acronyms aside: "Polres Tangsel",
// "KPK Jakarta" name the place) ends the name of something else.
bool DocumentLinker::ends_longer_name(const Span& s) const {
  uint32_t words = 0;
  for (uint32_t t = s.tb; t > 0 && words < 2; --t) {
    const uint32_t prev = t - 1;
    if ((gaps_[t] & kGapHard) || sentence_gap(t) || !caps_[prev] || (covered_[prev] && !soft_[prev]) ||
        honorific_word_[prev])
      break;
    const std::string_view word = text_.substr(bstart_[prev], bend_[prev] - bstart_[prev]);
    if (!std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) break;
    ++words;
  }
  return words >= 2;
}

// "Iriana Jokowi", "Aliansi Relawan Jokowi": a one-word name right after a capitalized word
// that no title, honorific or alias (not even part of a name) covers, inside its sentence, is the end of
// someone's (or something's) longer name. A sentence's first word is not evidence: it is
// capitalized anyway.
bool DocumentLinker::after_name_word(const Span& s) const {
  if (s.tb == 0) return false;
  const uint32_t prev = s.tb - 1;
  if ((gaps_[s.tb] & kGapHard) || sentence_gap(s.tb) || !caps_[prev] || covered_[prev] || honorific_word_[prev])
    return false;
  // A comma or quote before it does not ("Presiden ke-3, Bacharuddin Jusuf Habibie"); a
  // sentence or paragraph start does (scraped paragraphs joined by ".," are sentence gaps).
  if (prev == 0 || sentence_gap(prev) || (gaps_[prev] & (kGapOpen | kGapClose))) return false;
  const std::string_view word = text_.substr(bstart_[prev], bend_[prev] - bstart_[prev]);
  return std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "BobbyNasution": two capitalized words a scraper glued together are read as the name
// they spell, when that is a person's full name (or a listed alias) of the gazetteer.
void DocumentLinker::find_glued_names() {
  for (uint32_t t = 0; t < tokens_.size(); ++t) {
    if (covered_[t] || !caps_[t]) continue;
    const std::string_view word = text_.substr(bstart_[t], bend_[t] - bstart_[t]);
    std::vector<uint32_t> ids;
    size_t from = 0;
    for (size_t i = 1; i <= word.size(); ++i) {
      const bool cut = i == word.size() || (word[i] >= 'A' && word[i] <= 'Z' && word[i - 1] >= 'a' && word[i - 1] <= 'z');
      if (!cut) continue;
      const uint32_t id = c_.vocab.find(c_.normalizer.normalize(word.substr(from, i - from)));
      if (id == kUnknownToken) break;
      ids.push_back(id);
      from = i;
    }
    if (ids.size() < 2 || from != word.size()) continue;
    size_t end = 0;
    const uint32_t p = c_.aliases.longest_at(ids.data(), ids.size(), 0, end);
    if (p == TokenAutomaton::kNoPattern || end != ids.size()) continue;
    const PatternInfo& info = c_.patterns[p];
    Span s;
    s.tb = t;
    s.te = t + 1;
    s.cb = s.ce = kNoToken;
    s.kind = SpanKind::Fuzzy;
    s.type = EntityType::Person;
    for (const AliasLink& l : info.links)
      if (c_.gaz.entities[l.entity].type == EntityType::Person && !l.weak && !l.partial && s.cands.size() < kMaxCandidates)
        s.cands.push_back(l);
    if (s.cands.empty()) continue;
    s.alias = c_.alias_texts[info.text];
    s.score = 0.9f;
    covered_[t] = true;
    spans_.push_back(std::move(s));
  }
}

// Between words a and b (a < b) nothing but spaces and quotes: "Munafri 'Appi' Arifuddin".
bool DocumentLinker::only_quotes_between(uint32_t a, uint32_t b) const {
  bool quote = false;
  for (uint32_t t = a + 1; t <= b; ++t) {
    const std::string_view gap = text_.substr(bend_[t - 1], bstart_[t] - bend_[t - 1]);
    for (size_t i = 0; i < gap.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(gap[i]);
      if (c == '\'' || c == '"') {
        quote = true;
      } else if (c == 0xE2 && i + 2 < gap.size() && static_cast<unsigned char>(gap[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(gap[i + 2]) >= 0x98 && static_cast<unsigned char>(gap[i + 2]) <= 0x9D)) {
        quote = true;  // curly quotes
        i += 2;
      } else if (c != ' ') {
        return false;
      }
    }
  }
  return quote;
}

// "Munafri 'Appi' Arifuddin": a quoted word between two parts of one person's name is that
// person's nickname: one mention for the whole, and the nickname counts wherever it recurs.
void DocumentLinker::join_quoted_nicknames() {
  for (size_t k = 0; k < spans_.size(); ++k) {
    Span& first = spans_[k];
    if (first.dropped || first.type != EntityType::Person || first.kind != SpanKind::Entity) continue;
    const size_t n = next_live(k);
    if (n >= spans_.size()) continue;
    size_t last = n;
    if (spans_[n].tb == first.te && spans_[n].te == first.te + 1) last = next_live(n);  // the nickname matched too
    if (last >= spans_.size()) continue;
    Span& second = spans_[last];
    if (second.type != EntityType::Person || second.kind != SpanKind::Entity || second.tb != first.te + 1 ||
        !only_quotes_between(first.te - 1, second.tb))
      continue;
    std::vector<AliasLink> both;
    for (const AliasLink& a : first.cands)
      for (const AliasLink& b : second.cands)
        if (c_.info[a.entity].person_key == c_.info[b.entity].person_key) both.push_back({a.entity, false, 0, false});
    if (both.empty()) continue;
    nicknames_.emplace_back(std::string(tokens_.token(first.te)), static_cast<uint32_t>(k));
    if (last != n) spans_[n].dropped = true;
    second.dropped = true;
    first.te = second.te;
    first.cands = std::move(both);
    for (uint32_t t = first.tb; t < first.te; ++t) covered_[t] = true;
  }
}

// "Kuningan, Jakarta Selatan": a regency's name followed by a city of another province is
// a district or street of that city.
void DocumentLinker::drop_districts_named_with_their_city() {
  for (size_t k = 0; k + 1 < spans_.size(); ++k) {
    Span& s = spans_[k];
    const size_t n = next_live(k);
    if (s.dropped || n >= spans_.size() || s.kind != SpanKind::Entity || s.type != EntityType::Place) continue;
    const Span& city = spans_[n];
    if (city.kind != SpanKind::Entity || city.type != EntityType::Place || city.tb != s.te ||
        (gaps_[city.tb] & ~kGapHard) != 0 || !(gaps_[city.tb] & kGapHard))
      continue;
    auto province = [&](uint32_t e) { return c_.info[e].province; };
    bool other = true;
    for (const AliasLink& a : s.cands)
      for (const AliasLink& b : city.cands)
        other = other && c_.info[a.entity].region >= 0 && c_.info[b.entity].region >= 0 &&
                province(a.entity) != province(b.entity);
    if (other) s.dropped = true;
  }
}

// Runs of capitalized words no alias covered (or only a single word of a name, as "Andra"
// in "Andra Sony"): a retyped name is looked up by trigram similarity, two or three words
// at a time, longest first.
void DocumentLinker::find_fuzzy_spans() {
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
void DocumentLinker::extend_names_leftward() {
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

bool DocumentLinker::try_fuzzy(uint32_t b, uint32_t e) {
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

// Next to each other, or with only an honorific between ("Bupati Serang Hj. Ratu ...").
bool DocumentLinker::adjacent(const Span& a, const Span& b) const {
  uint32_t t = a.te;
  while (t < b.tb && honorific_word_[t] && !sentence_gap(t)) ++t;
  return t == b.tb && !sentence_gap(b.tb);
}

bool DocumentLinker::officeish(const Span& s) const {
  return s.kind == SpanKind::Title || (s.kind == SpanKind::Entity && s.type == EntityType::Office);
}

// "Kepala Staf TNI Angkatan Darat (KSAD)", "Menteri Pemuda dan Olahraga (Menpora)": an office
// repeated as its short form in brackets right after it is one mention, not a second one.
void DocumentLinker::drop_bracketed_repeats() {
  for (size_t k = 1; k < spans_.size(); ++k) {
    Span& s = spans_[k];
    const size_t prev = prev_live(k);
    if (s.dropped || prev >= spans_.size() || !officeish(s) || !officeish(spans_[prev])) continue;
    const Span& p = spans_[prev];
    if (p.te != s.tb || !(gaps_[s.tb] & kGapOpen) || s.te >= tokens_.size() || !(gaps_[s.te] & kGapClose)) continue;
    const bool same = std::any_of(s.cands.begin(), s.cands.end(), [&](const AliasLink& a) {
      return std::any_of(p.cands.begin(), p.cands.end(), [&](const AliasLink& b) { return a.entity == b.entity; });
    });
    if (same || (s.title >= 0 && s.title == p.title)) s.dropped = true;
  }
}

// "Plh" / "Pak" before a title belong to it.
void DocumentLinker::attach_prefixes() {
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

std::vector<int32_t> DocumentLinker::regions_of(const Span& s) const {
  std::vector<int32_t> out;
  if (s.kind != SpanKind::Entity) return out;
  for (const AliasLink& l : s.cands) out.push_back(c_.info[l.entity].region);
  return out;
}

bool DocumentLinker::try_pair(size_t office, size_t person) {
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

bool DocumentLinker::shares_region(const Span& office, const Span& person) const {
  const std::vector<int32_t> regions = regions_of(office);
  for (const AliasLink& l : person.cands) {
    const EntityInfo& in = c_.info[l.entity];
    if (in.region >= 0 && std::count(regions.begin(), regions.end(), in.region)) return true;
  }
  return false;
}

void DocumentLinker::pair_titles_and_names() {
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
    // A known name next to a title or rank that fits none of its people ("Kombes Muhammad
    // Iqbal", "Kapolda ... Irjen X"): evidence against the link (unless another title fits).
    // An office of the person's own region is likely a term the gazetteer lacks (a deputy
    // who became mayor): no evidence against.
    if (next < spans_.size() && adjacent(o, spans_[next]) && spans_[next].kind == SpanKind::Entity &&
        spans_[next].type == EntityType::Person && !shares_region(o, spans_[next]))
      spans_[next].contradicted = true;
    // A retyped name next to a title that does not fit it is someone else's name.
    if (next < spans_.size() && adjacent(o, spans_[next]) && spans_[next].kind == SpanKind::Fuzzy) spans_[next].dropped = true;
    if (prev < spans_.size() && adjacent(spans_[prev], o) && spans_[prev].kind == SpanKind::Fuzzy) spans_[prev].dropped = true;
    // "Plh Sekda Banten, Deden Apriandhi" with Deden unknown: the title names someone.
    if (o.te < tokens_.size() && (!covered_[o.te] || soft_[o.te] || honorific_word_[o.te]) && caps_[o.te] &&
        !sentence_gap(o.te) && !(gaps_[o.te] & kGapOpen) &&  // "(Menperin)" abbreviates the title
        !opens_quotation(o.te))                                // 'gubernur Papua Barat, "Untuk ...': a quotation
      o.named_after = true;
  }
}

size_t DocumentLinker::next_live(size_t k) const {
  for (size_t j = k + 1; j < spans_.size(); ++j)
    if (!spans_[j].dropped) return j;
  return spans_.size();
}

size_t DocumentLinker::prev_live(size_t k) const {
  for (size_t j = k; j-- > 0;)
    if (!spans_[j].dropped) return j;
  return spans_.size();
}

}  // namespace warta::linking
