// Linking one document (private to the linker): the spans of words that may name an
// entity (mention_finder.cpp: aliases, titles, retyped and short names, what belongs
// together) and the choice of entity for each (disambiguation.cpp: titles, dates, the
// regions and people the document names, evidence against a link). EntityLinker
// (linker.cpp) runs one DocumentLinker per text.
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "compiled_gazetteer.hpp"
#include "warta/linker.hpp"

namespace warta::linking {

// Candidates weighed per mention: an alias shared by more entities (a pathological
// gazetteer: 100,000 "Budi Santoso") is decided among the first this many in gazetteer
// order, so linking stays linear in the text whatever the gazetteer.
constexpr size_t kMaxCandidates = 256;


inline bool is_capitalized(std::string_view utf8, uint32_t byte) {
  int32_t i = static_cast<int32_t>(byte);
  UChar32 c = 0;
  U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}



enum class SpanKind : uint8_t { Entity, Title, Acting, Honorific, Subdivision, Fuzzy, Short, Body };

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
  bool needs_support = false;   // a single name word, or a nickname written in lower case too or
                                // followed by an unknown capitalized word
  bool contradicted = false;    // a title or rank next to the name fits none of its candidates
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
    find_glued_names();
    drop_words_inside_longer_names();
    if (c_.options.fuzzy) find_fuzzy_spans();
    std::sort(spans_.begin(), spans_.end(), [](const Span& a, const Span& b) { return a.tb < b.tb; });
    drop_districts_named_with_their_city();
    drop_acronyms_spelled_out_otherwise();
    join_quoted_nicknames();
    attach_prefixes();
    drop_bracketed_repeats();
    pair_titles_and_names();
    collect_evidence();
    resolve_people();
    find_defined_short_forms();
    find_short_forms();
    return emit();
  }

 private:
  // ---------------------------------------------------------- words and gaps
  void locate_words();

  uint8_t gap_flags(size_t from, size_t to, bool new_segment) const;

  size_t mojibake_space(size_t i, size_t to) const;

  bool initial_before(uint32_t t) const;
  bool sentence_gap(uint32_t t) const;
  bool after_name_word(const Span& s) const;
  bool title_case_segment(uint32_t t) const;

  // ---------------------------------------------------------- candidate spans
  void find_spans();

  bool well_cased(const Span& s) const;

  void drop_words_inside_longer_names();

  bool inside_acronymed_name(const Span& s) const;
  bool ends_longer_name(const Span& s) const;
  bool coined_short_name(const Span& s) const;
  void find_glued_names();
  void join_quoted_nicknames();
  bool only_quotes_between(uint32_t a, uint32_t b) const;

  void drop_districts_named_with_their_city();
  void drop_acronyms_spelled_out_otherwise();

  void find_fuzzy_spans();

  void extend_names_leftward();

  bool try_fuzzy(uint32_t b, uint32_t e);

  // ---------------------------------------------------------- structure
  bool adjacent(const Span& a, const Span& b) const;
  bool officeish(const Span& s) const;

  void attach_prefixes();
  void drop_bracketed_repeats();

  std::vector<int32_t> regions_of(const Span& s) const;

  bool try_pair(size_t office, size_t person);

  void pair_titles_and_names();
  bool shares_region(const Span& office, const Span& person) const;

  size_t next_live(size_t k) const;
  size_t prev_live(size_t k) const;

  // ---------------------------------------------------------- context
  void collect_evidence();

  float evidence(int32_t place) const;

  float entity_evidence(uint32_t e) const;

  void keep_best_evidence(std::vector<uint32_t>& cands) const;

  static std::vector<uint32_t> entities_of(const std::vector<AliasLink>& links);

  std::vector<uint32_t> resolve_person(std::vector<uint32_t> cands) const;

  std::vector<uint32_t> latest_term_of_one_person(std::vector<uint32_t> cands) const;

  void resolve_people();
  bool written_lower_case(const Span& s) const;
  bool needs_support(const Span& s) const;
  bool name_retyped_after(const Span& s, uint32_t e) const;

  bool holds_named_office(uint32_t term) const;

  void find_defined_short_forms();

  void find_short_forms();
  void add_short_span(uint32_t t, uint32_t person, float score);

  // ---------------------------------------------------------- output
  std::vector<Mention> emit();

  void emit_office(std::vector<Mention>& out, Span& s);

  void emit_body(std::vector<Mention>& out, const Span& s);

  bool names_region(const Span& s) const;

  bool name_follows(const Span& s) const;
  bool opens_quotation(uint32_t t) const;
  size_t titles_listed_with(size_t k) const;
  bool refers_back(const Span& s) const;

  int32_t holder_named_before(const Span& s, const std::vector<uint32_t>& offices) const;

  std::vector<uint32_t> former_holder(uint32_t office) const;

  int32_t office_in_nearest_region(const Span& s) const;

  int32_t single_region(const Span& s) const;

  std::vector<uint32_t> holder_on_day(uint32_t office, bool acting) const;

  void emit_region(std::vector<Mention>& out, const Span& s, const std::vector<uint32_t>& chosen);

  void push(std::vector<Mention>& out, uint32_t tb, uint32_t te, const std::vector<uint32_t>& cands, EntityType label, float score, std::string_view alias, bool abstain = false);

  const C& c_;
  std::string_view text_;
  int32_t day_;
  TokenList tokens_;
  std::vector<uint32_t> bstart_, bend_;
  std::vector<uint8_t> gaps_;
  std::vector<bool> caps_, covered_, soft_, honorific_word_;
  mutable std::vector<uint8_t> headline_;  // per segment: a title-case headline (filled on first use)
  std::vector<CanonToken> canon_;
  std::vector<Span> spans_, short_spans_;
  std::map<int32_t, float> evidence_;  // ordered: iteration order must not depend on hashing
  std::unordered_set<uint64_t> doc_people_;
  bool former_ = false;   // the office span being emitted follows "mantan" ("former") or takes an ordinal
  std::vector<std::pair<std::string, uint32_t>> nicknames_;  // quoted inside a name: word, span index
  bool ordinal_ = false;  // "Presiden ke-3": which past holder is not known here
  bool role_ = false;     // the office span being emitted follows "sebagai" / "selaku": a role
};

}  // namespace warta::linking
