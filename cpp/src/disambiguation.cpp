// Disambiguation: which entity each mention means, from titles, the date, the regions and
// people the document names, and the evidence against a link.
#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>

#include "document_linker.hpp"

namespace warta::linking {

// Which regions the document is about: every span that names one region unambiguously
// adds to it (and a quarter to its province). A one-word name does not: it is what needs the
// evidence ("Bunda", a mayor's listed nickname, would vouch for itself).
void DocumentLinker::collect_evidence() {
  for (const Span& s : spans_) {
    if (s.dropped || s.kind != SpanKind::Entity || (s.type == EntityType::Person && s.te - s.tb == 1)) continue;
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

float DocumentLinker::evidence(int32_t place) const {
  if (place < 0) return 0;
  auto it = evidence_.find(place);
  return it == evidence_.end() ? 0 : it->second;
}

float DocumentLinker::entity_evidence(uint32_t e) const {
  const EntityRecord& r = c_.gaz.entities[e];
  if (r.type == EntityType::Place) return evidence(static_cast<int32_t>(e));
  const EntityInfo& in = c_.info[e];
  return evidence(in.region) + (in.province != in.region ? 0.5f * evidence(in.province) : 0.0f);
}

// Keeps the candidates with the most evidence, when there is any evidence at all.
void DocumentLinker::keep_best_evidence(std::vector<uint32_t>& cands) const {
  if (cands.size() < 2) return;
  float best = 0;
  for (uint32_t e : cands) best = std::max(best, entity_evidence(e));
  if (best <= 0) return;
  cands.erase(std::remove_if(cands.begin(), cands.end(), [&](uint32_t e) { return entity_evidence(e) < best; }), cands.end());
}

std::vector<uint32_t> DocumentLinker::entities_of(const std::vector<AliasLink>& links) {
  std::vector<uint32_t> out;
  for (const AliasLink& l : links) out.push_back(l.entity);
  return out;
}

std::vector<uint32_t> DocumentLinker::resolve_person(std::vector<uint32_t> cands) const {
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
std::vector<uint32_t> DocumentLinker::latest_term_of_one_person(std::vector<uint32_t> cands) const {
  if (cands.size() < 2 || !std::all_of(cands.begin(), cands.end(), [&](uint32_t e) {
        return c_.info[e].person_key == c_.info[cands[0]].person_key;
      }))
    return cands;
  return {*std::max_element(cands.begin(), cands.end(), [&](uint32_t a, uint32_t b) {
    return c_.gaz.entities[a].start < c_.gaz.entities[b].start;
  })};
}

// "kalo bunda kan ... Bunda di rumah": a one-word name the document also writes in lower case
// is a word of the language here, whatever nickname the gazetteer lists it as.
bool DocumentLinker::written_lower_case(const Span& s) const {
  if (s.te - s.tb != 1) return false;
  const std::string_view word = tokens_.token(s.tb);
  for (uint32_t t = 0; t < tokens_.size(); ++t)
    if (!caps_[t] && tokens_.token(t) == word) return true;
  return false;
}

// "Andra Sony" after "Andra Soni", "Rini M Soemarno": the word after a single name word is
// another word of the person's name, retyped (same first three letters), or an initial, not
// the start of someone else's name.
bool DocumentLinker::name_retyped_after(const Span& s, uint32_t e) const {
  const std::string_view next = tokens_.token(s.te);
  if (next.size() == 1) return true;
  if (next.size() < 3) return false;
  for (const std::string& w : c_.info[e].name_words)
    if (w.size() >= 3 && w.compare(0, 3, next.substr(0, 3)) == 0 && w != tokens_.token(s.tb)) return true;
  return false;
}

bool DocumentLinker::needs_support(const Span& s) const {
  return std::all_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.weak; }) ||
         written_lower_case(s);
}

void DocumentLinker::resolve_people() {
  // Strong names first: they decide which short names ("Najib", "Ben") count.
  for (Span& s : spans_) {
    if (s.dropped || s.type != EntityType::Person || s.kind == SpanKind::Title) continue;
    s.needs_support = s.needs_support || needs_support(s);
    const bool weak = s.needs_support;
    if (weak && !s.paired) continue;
    s.resolved = resolve_person(entities_of(s.cands));
    if (weak) s.score = 0.9f;
    for (uint32_t e : s.resolved) doc_people_.insert(c_.info[e].person_key);
  }
  for (Span& s : spans_) {
    if (s.dropped || s.type != EntityType::Person || s.kind == SpanKind::Title || s.paired || !s.needs_support) continue;
    std::vector<uint32_t> supported;
    for (const AliasLink& l : s.cands)
      // "Bobby Afif Nasution ... Afif Abdillah": a word of a name named in full that goes on
      // with another capitalized word is someone else's name.
      if ((l.listed && entity_evidence(l.entity) > 0) ||
          ((!s.name_continues || name_retyped_after(s, l.entity)) &&
           (doc_people_.count(c_.info[l.entity].person_key) || holds_named_office(l.entity))))
        supported.push_back(l.entity);
    if (supported.empty()) {
      s.dropped = true;
      continue;
    }
    s.resolved = resolve_person(supported);
    s.score = 0.85f;
  }
}

// "Gubernur Kalimantan Timur ... kata Isran": a single name word of the person who holds, on
// the article's day, an office the document names with its region (the holder the title
// alone refers to) is that person, as if the full name had been written.
bool DocumentLinker::holds_named_office(uint32_t term) const {
  const EntityInfo& in = c_.info[term];
  if (in.title < 0 || in.region < 0 || (day_ != kNoDate && !c_.in_term(term, day_))) return false;
  const int32_t office = c_.find_office(in.title, in.region);
  if (office < 0) return false;
  return std::any_of(spans_.begin(), spans_.end(), [&](const Span& o) {
    return !o.dropped && o.kind == SpanKind::Entity && o.type == EntityType::Office && o.cands.size() == 1 &&
           o.cands[0].entity == static_cast<uint32_t>(office);
  });
}

// "Joko Widodo (Jokowi)", "Ridwan Kamil (RK)": a word in brackets right after a linked
// name is defined by the text as that person's short form, here and wherever it recurs.
void DocumentLinker::find_defined_short_forms() {
  std::unordered_map<std::string, uint32_t> defined;
  for (const Span& s : spans_) {
    const uint32_t t = s.te;
    if (s.dropped || s.type != EntityType::Person || s.kind == SpanKind::Title || s.resolved.size() != 1 ||
        t >= tokens_.size() || covered_[t] || !caps_[t] || gaps_[t] != (kGapHard | kGapOpen) ||
        !(gaps_[t + 1] & kGapClose))
      continue;
    defined.emplace(std::string(tokens_.token(t)), s.resolved[0]);
  }
  for (const auto& [word, k] : nicknames_)
    if (spans_[k].resolved.size() == 1) defined.emplace(word, spans_[k].resolved[0]);
  if (defined.empty()) return;
  for (uint32_t t = 0; t < tokens_.size(); ++t) {
    if (covered_[t] || !caps_[t]) continue;
    auto it = defined.find(std::string(tokens_.token(t)));
    if (it == defined.end()) continue;
    add_short_span(t, it->second, 0.85f);
    covered_[t] = true;
  }
}

void DocumentLinker::add_short_span(uint32_t t, uint32_t person, float score) {
  Span s;
  s.tb = t;
  s.te = t + 1;
  s.cb = s.ce = kNoToken;
  s.kind = SpanKind::Short;
  s.type = EntityType::Person;
  s.resolved = {person};
  s.score = score;
  s.alias = c_.gaz.entities[person].name;
  short_spans_.push_back(std::move(s));
}

// "Ben" for "Benyamin Davnie": a capitalized word that begins a name word of exactly one
// person named in full elsewhere in the document.
void DocumentLinker::find_short_forms() {
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
      if (words.empty() || words[0].size() < word.size() + 2 || words[0].compare(0, word.size(), word) != 0 ||
          c_.given_names.count(words[0]))
        continue;
      if (match != kNoToken && c_.info[e].person_key != key) several = true;
      match = e;
      key = c_.info[e].person_key;
    }
    if (match == kNoToken || several) continue;
    add_short_span(t, match, 0.7f);
  }
}

std::vector<Mention> DocumentLinker::emit() {
  std::vector<Mention> out;
  for (Span& s : spans_) {
    if (s.dropped) continue;
    if (s.type == EntityType::Person && s.kind != SpanKind::Title) {
      if (s.contradicted && !s.paired) {  // reported, with its candidates, but not linked
        push(out, s.tb, s.te, s.resolved, EntityType::Person, s.score, s.alias, true);
        continue;
      }
      push(out, s.tb, s.te, s.resolved, EntityType::Person, s.score, s.alias);
    } else if (s.kind == SpanKind::Body) {
      emit_body(out, s);
    } else if (officeish(s)) {
      const std::string before = s.tb > 0 && !sentence_gap(s.tb) ? std::string(tokens_.token(s.tb - 1)) : "";
      // "Surat Presiden", "Kantor Gubernur"; "Kantor Staf Presiden", "Bakal Calon Wali Kota
      // Tangerang Selatan": a title after a document word, or ending a longer capitalized name
      // (as a place can), is not its holder.
      if (s.partner < 0 && (c_.document_words.count(before) || ends_longer_name(s))) {
        // But the region it names is still a place ("Kantor Gubernur Kaltim").
        std::vector<uint32_t> offices = entities_of(s.cands);
        keep_best_evidence(offices);
        emit_region(out, s, offices);
        continue;
      }
      const bool ordinal = s.te < tokens_.size() && !(gaps_[s.te] & kGapHard) &&
                           c_.ordinal_words.count(std::string(tokens_.token(s.te)));
      former_ = c_.former_words.count(before) || ordinal;
      ordinal_ = ordinal;
      role_ = c_.role_words.count(before) > 0;
      emit_office(out, s);
    } else {
      std::vector<uint32_t> cands = entities_of(s.cands);
      keep_best_evidence(cands);
      push(out, s.tb, s.te, cands, s.type, s.score, s.alias);
      if (s.type == EntityType::Organization) emit_region(out, s, cands);
    }
  }
  for (const Span& s : short_spans_) push(out, s.tb, s.te, s.resolved, EntityType::Person, s.score, s.alias);
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return out;
}

void DocumentLinker::emit_office(std::vector<Mention>& out, Span& s) {
  std::vector<uint32_t> offices = entities_of(s.cands);
  bool explained = false;  // a bracket right after the bare title names its office
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
    // A bare title ("Pak Gubernur", "gubernur"): the holder the document already named
    // with that title; else (capitalized only) the office of that title in the region
    // named nearest to it in the same paragraph, else in the region the document is most
    // about.
    if (s.title < 0) return;
    // "Gubernur, Bupati, Walikota": bare titles listed three or more together address every
    // holder, not one.
    const size_t k = static_cast<size_t>(&s - spans_.data());
    if (titles_listed_with(k) >= 3) return;
    // "arahan gubernur (Gubernur Riau, Syamsuar)": the bracket says which office it is.
    const size_t next = next_live(k);
    if (next < spans_.size() && spans_[next].tb == s.te && (gaps_[s.te] & kGapOpen) &&
        spans_[next].kind == SpanKind::Entity && spans_[next].type == EntityType::Office &&
        spans_[next].title == s.title) {
      offices = entities_of(spans_[next].cands);
      explained = true;
    }
  }
  if (s.partner < 0 && offices.empty()) {
    if (!s.named_after && !ordinal_ && !role_) {
      const int32_t named = holder_named_before(s, {});
      if (named >= 0) {
        push(out, s.tb, s.te, {static_cast<uint32_t>(named)}, EntityType::Person, 0.8f * s.score, s.alias);
        return;
      }
    }
    if (!caps_[s.tb]) return;
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
  const bool alone = s.partner < 0 && !s.named_after && !role_;
  if (alone && !ordinal_) {
    const int32_t named = holder_named_before(s, offices);
    if (named >= 0) {
      push(out, s.tb, s.te, {static_cast<uint32_t>(named)}, EntityType::Person, 0.8f * s.score, s.alias);
      emit_region(out, s, offices);
      return;
    }
  }
  // A lower-case title that names no region and no one ("presiden", "bupati") is generic.
  if (s.partner < 0 && !caps_[s.tb] && !s.honorific && !names_region(s) && !explained) return;
  if (alone && offices.size() == 1 && day_ != kNoDate) {
    const std::vector<uint32_t> holder =
        ordinal_ || (former_ && refers_back(s)) ? std::vector<uint32_t>{}
        : former_                               ? former_holder(offices[0])
                                                : holder_on_day(offices[0], s.acting);
    if (holder.size() == 1) {
      push(out, s.tb, s.te, holder, EntityType::Person, 0.8f * s.score, s.alias);
      emit_region(out, s, offices);
      return;
    }
    // A title alone names a person, not the office ("Menpora ditetapkan sebagai
    // tersangka"): when the gazetteer knows no one, or several, holding it that day, the
    // holder is unknown and linking the office would name the wrong kind of thing.
    if (!ordinal_ && !name_follows(s)) {
      if (holder.size() > 1) push(out, s.tb, s.te, holder, EntityType::Person, 0.8f * s.score, s.alias);
      emit_region(out, s, offices);
      return;
    }
  }
  push(out, s.tb, s.te, offices, EntityType::Office, s.score, s.alias);
  emit_region(out, s, offices);
}

// "mantan Kepala Staf TNI Angkatan Darat (KSAD) ini", "mantan Gubernur BI itu": a former
// title with a demonstrative after it points back at someone the text is about (found by
// holder_named_before when named), not at whoever left the office last.
bool DocumentLinker::refers_back(const Span& s) const {
  uint32_t t = s.te;
  if (t < tokens_.size() && (gaps_[t] & kGapOpen))
    while (t < tokens_.size() && !(gaps_[t] & kGapClose) && !sentence_gap(t)) ++t;
  return t < tokens_.size() && !sentence_gap(t) && c_.demonstrative_words.count(std::string(tokens_.token(t)));
}

// "DPRD", "Pemprov" alone: the council or government of the region named nearest to it in
// its paragraph (its province's, for a province's body). Unlike a title alone, no guess from
// the document as a whole: "MPR, DPR, DPD dan DPRD" in a Jakarta-datelined story is every
// council. Followed by a capitalized word it names a body this gazetteer lacks, by a
// lower-case kind word a level ("DPRD kabupaten/kota"): no link.
void DocumentLinker::emit_body(std::vector<Mention>& out, const Span& s) {
  if (s.title < 0) return;
  if (s.te < tokens_.size() && !(gaps_[s.te] & kGapHard) && !sentence_gap(s.te) &&
      (caps_[s.te] || c_.region_kind_words.count(std::string(tokens_.token(s.te)))))
    return;
  const int32_t nearest = office_in_nearest_region(s);
  if (nearest >= 0)
    push(out, s.tb, s.te, {static_cast<uint32_t>(nearest)}, EntityType::Organization, 0.8f * s.score, s.alias);
}

// How many bare titles (no region) form a list with spans_[k]: next to each other (a comma or
// a stray quote between), or joined by "dan" / "serta" / "atau".
size_t DocumentLinker::titles_listed_with(size_t k) const {
  auto bare = [&](size_t j) { return j < spans_.size() && spans_[j].kind == SpanKind::Title && spans_[j].title >= 0; };
  auto joined = [&](size_t a, size_t b) {
    const Span& x = spans_[a];
    const Span& y = spans_[b];
    if (sentence_gap(y.tb)) return false;
    if (y.tb == x.te) return !(gaps_[y.tb] & (kGapOpen | kGapClose));  // "Gubernur, Bupati", "Gubernur' Bupati"
    return y.tb == x.te + 1 && !sentence_gap(x.te) && c_.list_words.count(std::string(tokens_.token(x.te))) > 0;
  };
  size_t n = 1;
  for (size_t j = k, p = prev_live(j); bare(p) && joined(p, j); j = p, p = prev_live(j)) ++n;
  for (size_t j = k, q = next_live(j); bare(q) && joined(j, q); j = q, q = next_live(j)) ++n;
  return n;
}

// A double quote (straight, curly, or curly read in the wrong encoding) right before word t:
// a capitalized word there opens a quotation, not a name.
bool DocumentLinker::opens_quotation(uint32_t t) const {
  if (t == 0) return false;
  const std::string_view gap = text_.substr(bend_[t - 1], bstart_[t] - bend_[t - 1]);
  for (std::string_view q : {std::string_view("\""), std::string_view("\xE2\x80\x9C"), std::string_view("\xE2\x80\x9D"),
                             std::string_view("\xE2\x80\x9A\xC3\x84\xC3\xBA")})
    if (gap.find(q) != std::string_view::npos) return true;
  return false;
}

// A capitalized word after the title in its sentence, past a bracketed short form ("Menteri
// Pemuda dan Olahraga (Menpora) Imam ...", "Panglima TNI Marsekal Hadi ..."): the title
// introduces a name, known to the gazetteer for another term or not at all.
bool DocumentLinker::name_follows(const Span& s) const {
  uint32_t t = s.te;
  if (t < tokens_.size() && (gaps_[t] & kGapOpen))
    while (t < tokens_.size() && !(gaps_[t] & kGapClose) && !sentence_gap(t)) ++t;
  return t < tokens_.size() && caps_[t] && !sentence_gap(t) && !(gaps_[t] & kGapOpen) && !opens_quotation(t);
}

// The term, with the title of the bare title `s`, of the person the document named last
// before it ("Gubernur Banten Andra Soni ... Pak Gubernur"), or -1.
bool DocumentLinker::names_region(const Span& s) const {
  return s.kind == SpanKind::Entity &&
         std::any_of(s.cands.begin(), s.cands.end(), [](const AliasLink& l) { return l.region_suffix > 0; });
}

// `offices` (when not empty): the term must be of one of them.
int32_t DocumentLinker::holder_named_before(const Span& s, const std::vector<uint32_t>& offices) const {
  for (size_t k = spans_.size(); k-- > 0;) {
    const Span& p = spans_[k];
    if (p.tb >= s.tb || p.dropped || p.type != EntityType::Person || p.kind == SpanKind::Title ||
        p.resolved.size() != 1)
      continue;
    int32_t best = -1;
    for (uint32_t term : c_.terms_of(p.resolved[0])) {
      if (c_.info[term].title != s.title) continue;
      if (!offices.empty() && !std::count(offices.begin(), offices.end(),
                                          static_cast<uint32_t>(c_.find_office(s.title, c_.info[term].region))))
        continue;
      // On a dated article the named person must hold the office that day ("mantan": have
      // held it before); a term of another time is someone else's title.
      if (day_ != kNoDate && !(former_ ? c_.gaz.entities[term].end <= day_ : c_.in_term(term, day_))) continue;
      best = static_cast<int32_t>(term);
    }
    if (best >= 0) return best;
  }
  return -1;
}

// "mantan Bupati Bogor": the holder whose term ended last before the article's day.
std::vector<uint32_t> DocumentLinker::former_holder(uint32_t office) const {
  int32_t best = -1;
  for (uint32_t p : c_.holders[office]) {
    const int32_t end = c_.gaz.entities[p].end;
    if (end == kOpenEnd || end > day_) continue;
    if (best < 0 || end > c_.gaz.entities[static_cast<uint32_t>(best)].end) best = static_cast<int32_t>(p);
  }
  if (best < 0) return {};
  return {static_cast<uint32_t>(best)};
}

// The office with the title of `s` in the region (or its province) that the span nearest
// to `s` in its paragraph names unambiguously; -1 when no such span.
int32_t DocumentLinker::office_in_nearest_region(const Span& s) const {
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
int32_t DocumentLinker::single_region(const Span& s) const {
  int32_t region = -2;
  for (const AliasLink& l : s.cands) {
    const int32_t r = s.type == EntityType::Place ? static_cast<int32_t>(l.entity) : c_.info[l.entity].region;
    region = (region == -2 || region == r) ? r : -1;
  }
  return region < 0 ? -1 : region;
}

std::vector<uint32_t> DocumentLinker::holder_on_day(uint32_t office, bool acting) const {
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
void DocumentLinker::emit_region(std::vector<Mention>& out, const Span& s, const std::vector<uint32_t>& chosen) {
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

void DocumentLinker::push(std::vector<Mention>& out, uint32_t tb, uint32_t te, const std::vector<uint32_t>& cands, EntityType label, float score, std::string_view alias, bool abstain) {
  if (cands.empty()) return;
  Mention m;
  m.start = tokens_.starts[tb];
  m.end = tokens_.ends[te - 1];
  m.label = label;
  m.alias = alias;
  if (cands.size() == 1 && !abstain) {
    m.entity = static_cast<int32_t>(cands[0]);
    m.score = score;
  } else {
    m.alternatives = cands;
    std::sort(m.alternatives.begin(), m.alternatives.end());
    m.score = score / static_cast<float>(cands.size());
  }
  out.push_back(std::move(m));
}

}  // namespace warta::linking
