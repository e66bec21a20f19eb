#include "compiled_gazetteer.hpp"

#include <algorithm>
#include <stdexcept>

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

std::string ids_key(const uint32_t* ids, size_t n) {
  return std::string(reinterpret_cast<const char*>(ids), n * sizeof(uint32_t));
}
std::string ids_key(const std::vector<uint32_t>& ids) { return ids_key(ids.data(), ids.size()); }

}  // namespace

CompiledGazetteer::CompiledGazetteer(Gazetteer g, LinkerOptions o) : gaz(std::move(g)), options(o) {
  compile_lexicon();
  compile_entities();
  compile_aliases();
  compile_offices();
  fuzzy.build();
}

std::vector<uint32_t> CompiledGazetteer::intern_words(std::string_view text) {
  const TokenList tokens = normalizer.tokenize(text);
  std::vector<uint32_t> ids(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) ids[i] = vocab.intern(tokens.token(i));
  return ids;
}

std::vector<CanonToken> CompiledGazetteer::canonicalize(const std::vector<uint32_t>& ids, const uint8_t* gaps) const {
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
      if (!after_merge || gaps[i] != (kGapHard | kGapClose)) out.push_back({TokenAutomaton::kBarrier, kNoToken, kNoToken, -1});
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

std::vector<CanonToken> CompiledGazetteer::canonical_alias(std::string_view text) {
  return canonicalize(intern_words(text), nullptr);
}

std::vector<uint32_t> CompiledGazetteer::ids_of(const std::vector<CanonToken>& canon, size_t from) {
  std::vector<uint32_t> ids;
  for (size_t k = from; k < canon.size(); ++k) ids.push_back(canon[k].id);
  return ids;
}

int32_t CompiledGazetteer::title_id(const std::string& key) {
  auto it = title_ids.emplace(key, static_cast<int32_t>(title_ids.size())).first;
  return it->second;
}

void CompiledGazetteer::compile_lexicon() {
  const auto& lex = gaz.lexicon;
  lexicon_canon.resize(lex.size());
  lexicon_title.assign(lex.size(), -1);
  for (size_t k = 0; k < lex.size(); ++k) {
    if (lex[k].kind == LexiconKind::GivenName) {  // not a form to rewrite: a word to distrust alone
      given_names.insert(normalizer.normalize(lex[k].form));
      continue;
    }
    const std::vector<uint32_t> form = intern_words(lex[k].form);
    lexicon_canon[k] = intern_words(lex[k].canonical);
    if (form.empty() || lexicon_canon[k].empty())
      throw std::invalid_argument("lexicon entry " + std::to_string(k + 1) + " ('" + lex[k].form + "' -> '" +
                                  lex[k].canonical + "') has no words");
    const uint32_t p = lexicon_automaton.insert(form.data(), form.size());
    if (p == lexicon_of_pattern.size()) lexicon_of_pattern.push_back(static_cast<uint32_t>(k));
    if (lex[k].kind == LexiconKind::Title) lexicon_title[k] = title_id(ids_key(lexicon_canon[k]));
    if (lex[k].kind == LexiconKind::Title) add_first_word(title_first_words, lex[k].form);
    if (lex[k].kind == LexiconKind::Acting) acting_forms.push_back(lexicon_canon[k]);
  }
  // Titles, acting prefixes, honorifics and subdivision words are read on their own too.
  for (size_t k = 0; k < lex.size(); ++k) {
    if (lex[k].kind == LexiconKind::Abbreviation || lex[k].kind == LexiconKind::GivenName) continue;
    PatternInfo& p = pattern(aliases.insert(lexicon_canon[k].data(), lexicon_canon[k].size()), lex[k].canonical);
    if (p.lexicon < 0) p.lexicon = static_cast<int32_t>(k);
  }
}

PatternInfo& CompiledGazetteer::pattern(uint32_t p, std::string_view text) {
  if (p == patterns.size()) {
    patterns.emplace_back();
    patterns.back().text = static_cast<uint32_t>(alias_texts.size());
    alias_texts.emplace_back(text);
  }
  return patterns[p];
}

int32_t CompiledGazetteer::resolve_region(const std::string& region, std::unordered_map<std::string, int32_t>& cache,
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

void CompiledGazetteer::compile_entities() {
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
    in.term_start = assumed_term_start(ents[e], in.acting);
    if (ents[e].type == EntityType::Person || ents[e].type == EntityType::Place) {
      const TokenList words = normalizer.tokenize(ents[e].name);
      for (size_t i = 0; i < words.size(); ++i) in.name_words.emplace_back(words.token(i));
    }
    if (ents[e].type == EntityType::Person) {
      if (!ents[e].person.empty()) {  // the gazetteer says which rows are one person
        const auto person_id = name_ids.emplace("\x01" + ents[e].person, name_ids.size()).first->second;
        in.person_key = static_cast<uint64_t>(person_id) << 32 | 0xFFFFFFFFu;
      } else {
        const auto name_id = name_ids.emplace(normalizer.normalize(ents[e].name), name_ids.size()).first->second;
        in.person_key = static_cast<uint64_t>(name_id) << 32 | static_cast<uint32_t>(in.region);
      }
      person_terms[in.person_key].push_back(e);
    }
  }
}

int32_t CompiledGazetteer::assumed_term_start(const EntityRecord& r, bool acting) {
  if (r.start != kOpenStart || r.end == kOpenEnd) return r.start;
  const int32_t span = acting ? 2 * 366 : 5 * 366;
  return r.end > kOpenStart + span ? r.end - span : kOpenStart;
}

void CompiledGazetteer::compile_title(const std::string& office, EntityInfo& in) {
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

std::vector<CompiledGazetteer::AliasForm> CompiledGazetteer::alias_forms(uint32_t e) const {
  const EntityRecord& r = gaz.entities[e];
  std::vector<AliasForm> forms{{r.name}};
  for (const std::string& a : r.aliases) {
    forms.push_back({a});
    // "Jokowi", "Ahok": a listed one-word alias that is not a word of the name is a nickname
    // the gazetteer vouches for. One that is a word of the name ("Subadri", "Emil" of Emil
    // Dardak) stays weak, but the region it belongs to is support enough (see resolve_people).
    const std::string key = normalizer.normalize(a);
    const bool one_word = r.type == EntityType::Person && key.find(' ') == std::string::npos && !given_names.count(key);
    forms.back().nickname = one_word && key.size() >= 3 && coined_nickname(key, info[e].name_words);
    forms.back().listed = one_word;
  }
  const EntityInfo& in = info[e];
  if ((r.type == EntityType::Office || r.type == EntityType::Organization) && !r.office.empty() && in.region >= 0) {
    const EntityRecord& place = gaz.entities[in.region];
    std::vector<std::string> names{place.name};
    names.insert(names.end(), place.aliases.begin(), place.aliases.end());
    for (const std::string& n : names) forms.push_back({r.office + " " + n, -2});  // -2: suffix = n's length
  }
  if (r.type == EntityType::Person) {
    const auto& w = in.name_words;
    // Initial forms only from a real first name: "I Nyoman Giri Prasta" gives no "I Nyoman".
    const bool first_is_name = !w.empty() && w[0].size() >= 3;
    if (w.size() >= 2 && first_is_name) forms.push_back({w[0].substr(0, 1) + " " + join(w, 1, w.size()), -1, true});  // "A Dimyati Natakusumah"
    if (w.size() >= 3 && first_is_name && w[1].size() >= 3) {
      forms.push_back({w[0].substr(0, 1) + " " + w[1], -1, true});  // "A Dimyati"
      forms.push_back({join(w, 0, 2), -1, true});                  // "Ahmad Dimyati"
      forms.push_back({join(w, 1, w.size()), -1, true});           // "Dimyati Natakusumah"
    }
    if (w.size() >= 3 && first_is_name && !given_names.count(w[0]))
      forms.push_back({w[0] + " " + w.back(), -1, true});  // "Yasonna Laoly" for Yasonna Hamonangan Laoly
    for (const std::string& word : w)
      // Two letters are a name too ("Uu" of Uu Ruzhanul Ulum); particles are given names.
      if (word.size() >= 2 && w.size() >= 2 && !given_names.count(word)) forms.push_back({word, -1, true});
  }
  return forms;
}

// "Jokowi", "Bamsoet": a coined word is the person's own. A listed alias cut from a word of the
// name ("Mirza" of Mirzani, "Dayat" of Hidayat) is as common as a given name, and one that
// starts a title of the lexicon ("Panglima" of "Panglima TNI") names the title's holders:
// both need support like a single word of the name.
bool CompiledGazetteer::coined_nickname(const std::string& key, const std::vector<std::string>& name_words) const {
  for (const std::string& w : name_words)
    if (w.find(key) != std::string::npos) return false;
  return !title_first_words.count(key);
}

std::string CompiledGazetteer::join(const std::vector<std::string>& w, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (i > from ? " " : "") + w[i];
  return out;
}

uint8_t CompiledGazetteer::region_suffix_after_kind(const std::vector<uint32_t>& ids, const std::string& kind, int32_t region) {
  if (region < 0) return 0;
  const std::vector<uint32_t> kind_ids = ids_of(canonical_alias(kind));
  // "Gubernur Bank Indonesia", "Panglima Tentara Nasional Indonesia": a title that has the
  // region's name inside it names no place.
  if (kind_ids == ids) return 0;
  if (!kind_ids.empty() && kind_ids.size() < ids.size() && std::equal(kind_ids.begin(), kind_ids.end(), ids.begin())) {
    const std::string rest = ids_key(ids.data() + kind_ids.size(), ids.size() - kind_ids.size());
    for (const std::string& k : place_keys[region])
      if (k == rest) return static_cast<uint8_t>(std::min<size_t>(ids.size() - kind_ids.size(), 255));
  }
  return region_suffix_of(ids, region);
}

uint8_t CompiledGazetteer::region_suffix_of(const std::vector<uint32_t>& ids, int32_t region) const {
  if (region < 0) return 0;
  for (size_t len = ids.size() - 1; len >= 1; --len) {  // longest suffix that names the region
    const std::string key = ids_key(ids.data() + ids.size() - len, len);
    for (const std::string& k : place_keys[region])
      if (k == key) return static_cast<uint8_t>(std::min<size_t>(len, 255));
    if (len == 1) break;
  }
  return 0;
}

void CompiledGazetteer::add_first_word(std::unordered_set<std::string>& to, const std::string& text) const {
  const std::string words = normalizer.normalize(text);
  if (!words.empty()) to.insert(words.substr(0, words.find(' ')));
}

void CompiledGazetteer::compile_aliases() {
  for (const EntityRecord& r : gaz.entities) {  // "Panglima TNI": its first word is a title too
    if (r.type != EntityType::Office) continue;
    add_first_word(title_first_words, r.name);
    for (const std::string& a : r.aliases) add_first_word(title_first_words, a);
  }
  std::unordered_map<std::string, uint32_t> fuzzy_names;
  for (uint32_t e = 0; e < gaz.entities.size(); ++e) {
    const EntityRecord& r = gaz.entities[e];
    const bool person = r.type == EntityType::Person;
    for (const AliasForm& form : alias_forms(e)) {
      std::vector<CanonToken> canon = canonical_alias(form.text);
      size_t skip = 0;  // a person's alias may start with "Pak" or a title: the name is the rest
      while (person && skip < canon.size() && canon[skip].entry >= 0 &&
             gaz.lexicon[canon[skip].entry].kind != LexiconKind::Abbreviation)
        ++skip;
      const std::vector<uint32_t> ids = ids_of(canon, skip);
      if (ids.empty()) continue;
      // One word ("Najib", "Surya", "Erwin") is too common to stand alone: it needs the full
      // name in the document or a matching title next to it.
      const bool weak = person && ids.size() == 1 && !form.nickname;
      uint8_t suffix = 0;
      if (form.region_suffix == -2) {
        const std::string place_part = form.text.substr(r.office.size() + 1);
        suffix = static_cast<uint8_t>(std::min<size_t>(canonical_alias(place_part).size(), 255));
      } else if (!person && r.type != EntityType::Place) {
        suffix = region_suffix_after_kind(ids, r.office, info[e].region);
      }
      add_link(aliases.insert(ids.data(), ids.size()), form.text, {e, weak, suffix, form.partial, form.listed});
      const bool has_initial = std::any_of(ids.begin(), ids.end(), [&](uint32_t id) { return vocab.word(id).size() < 2; });
      if (person && !weak && ids.size() >= 2 && !has_initial) {  // "F Hadi" would match any "FX Hadi"
        std::string joined;
        for (uint32_t id : ids) joined += (joined.empty() ? "" : " ") + std::string(vocab.word(id));
        auto [it, added] = fuzzy_names.emplace(joined, static_cast<uint32_t>(fuzzy_entities.size()));
        if (added) {
          fuzzy.add(joined, it->second);
          fuzzy_entities.emplace_back();
        }
        auto& people = fuzzy_entities[it->second];
        if (people.empty() || people.back() != e) people.push_back(e);  // entities come in order
      }
    }
  }
}

void CompiledGazetteer::add_link(uint32_t p, std::string_view text, AliasLink link) {
  PatternInfo& info_p = pattern(p, text);
  // Entities are compiled in order, so an earlier link of this entity can only be the last
  // one: checking it alone keeps an alias shared by 100,000 entities linear to build.
  if (!info_p.links.empty() && info_p.links.back().entity == link.entity) {
    AliasLink& l = info_p.links.back();
    l.weak = l.weak && link.weak;
    l.partial = l.partial && link.partial;
    l.listed = l.listed || link.listed;
    l.region_suffix = std::max(l.region_suffix, link.region_suffix);
    return;
  }
  info_p.links.push_back(link);
}

uint64_t CompiledGazetteer::office_key(int32_t title, int32_t region) {
  return static_cast<uint64_t>(static_cast<uint32_t>(title)) << 32 | static_cast<uint32_t>(region);
}

void CompiledGazetteer::compile_offices() {
  holders.resize(gaz.entities.size());
  for (uint32_t e = 0; e < gaz.entities.size(); ++e)
    if (gaz.entities[e].type == EntityType::Office && info[e].title >= 0 && info[e].region >= 0)
      office_of.emplace(office_key(info[e].title, info[e].region), e);
  for (uint32_t e = 0; e < gaz.entities.size(); ++e) {
    if (gaz.entities[e].type != EntityType::Person || info[e].title < 0 || info[e].region < 0) continue;
    auto it = office_of.find(office_key(info[e].title, info[e].region));
    if (it != office_of.end()) holders[it->second].push_back(e);
  }
  // A regional government or council is found by its kind and region like an office, and
  // its kind alone ("DPRD", "Pemprov") is read as a word of its own (see emit_body).
  for (uint32_t e = 0; e < gaz.entities.size(); ++e) {
    const EntityRecord& r = gaz.entities[e];
    if (r.type != EntityType::Organization || info[e].title < 0 || info[e].region < 0 || r.office.empty()) continue;
    office_of.emplace(office_key(info[e].title, info[e].region), e);
    const std::vector<uint32_t> ids = ids_of(canonical_alias(r.office));
    if (ids.empty()) continue;
    PatternInfo& p = pattern(aliases.insert(ids.data(), ids.size()), r.office);
    if (p.links.empty() && p.lexicon < 0) p.body = info[e].title;
  }
}

int32_t CompiledGazetteer::find_office(int32_t title, int32_t region) const {
  auto it = office_of.find(office_key(title, region));
  return it == office_of.end() ? -1 : static_cast<int32_t>(it->second);
}

}  // namespace warta
