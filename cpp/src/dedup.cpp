#include "warta/dedup.hpp"
#include "warta/validate.hpp"

#include "warta/flat_map.hpp"
#include "warta/scraper_markers.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <xxhash.h>

namespace warta {
namespace {

// One text's tokens with the scraper's markers, in this thread's reused TokenList: dedup
// reads each text's tokens once and drops them, so their nine vectors are not allocated
// anew for every text. Valid until the thread's next call. A list grown past kKeptChars by
// one huge text is given back rather than held for the thread's life.
const TokenList& scraped_tokens(std::string_view text, const Normalizer& normalizer) {
  constexpr size_t kKeptChars = size_t{1} << 22;
  thread_local TokenList tokens;
  if (tokens.chars.capacity() > kKeptChars) tokens = TokenList();
  normalizer.tokenize(text, tokens, &scraper_markers());
  return tokens;
}

}  // namespace

WordCounts count_words(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                       const Shingler& shingler, int n_jobs, const InterruptCheck& interrupted,
                       std::vector<WordSeq>* words) {
  // Contiguous parts, each counted on its own and merged in order: no shared state.
  const size_t n = texts.size();
  const size_t parts = std::min(n, resolve_threads(n_jobs) * 4);
  std::vector<WordCounts> counts(parts);
  if (words) words->resize(n);
  parallel_for(
      parts, n_jobs,
      [&](size_t p) {
        for (size_t i = n * p / parts; i < n * (p + 1) / parts; ++i) {
          const TokenList& tokens = scraped_tokens(texts[i], normalizer);
          WordSeq seq = shingler.words(tokens);
          counts[p].add_document(tokens, seq.words);
          if (words) (*words)[i] = std::move(seq);
        }
      },
      interrupted, 1);
  for (size_t p = 1; p < parts; ++p) {
    counts[0].merge(counts[p]);
    counts[p] = WordCounts();  // free as we go
  }
  return parts ? std::move(counts[0]) : WordCounts();
}

SpellingMap learn_spelling(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                           const Shingler& shingler, int n_jobs, const InterruptCheck& interrupted,
                           std::vector<WordSeq>* words) {
  return SpellingMap::build(count_words(texts, normalizer, shingler, n_jobs, interrupted, words));
}

namespace {

std::vector<uint64_t> sorted_set(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Distinct values among shingle hashes. Sorting a copy was an eighth of signing from raw
// text; a set needs no order, so the hashes go into an open-addressed table of at least
// twice their number, cleared over the slots used. A thread keeps its table between
// documents unless it grew past kKeptSlots (one huge text does not pin its memory).
uint32_t distinct_count(const std::vector<uint64_t>& v) {
  constexpr size_t kKeptSlots = size_t{1} << 16;
  thread_local std::vector<uint64_t> kept;
  size_t size = 16;
  while (size < 2 * v.size()) size <<= 1;
  std::vector<uint64_t> own;
  std::vector<uint64_t>& slots = size <= kKeptSlots ? kept : own;
  if (slots.size() < size) slots.resize(size);
  std::fill(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(size), 0);
  const size_t mask = size - 1;
  uint32_t count = 0;
  bool zero = false;  // 0 marks an empty slot, so a zero hash is counted aside
  for (const uint64_t h : v) {
    if (h == 0) {
      zero = true;
      continue;
    }
    size_t i = KeyMix{}(h) & mask;
    while (slots[i] != 0 && slots[i] != h) i = (i + 1) & mask;
    if (slots[i] == 0) {
      slots[i] = h;
      ++count;
    }
  }
  return count + zero;
}

}  // namespace

SignedDocs sign_documents(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                          const Shingler& shingler, const MinHasher& hasher, int n_jobs,
                          const InterruptCheck& interrupted, bool keep_shingles, bool correct_typos) {
  // With typo correction the words are read once to learn the spelling and kept, so the
  // texts are not tokenized a second time.
  std::vector<WordSeq> words;
  std::shared_ptr<const SpellingMap> spelling;
  if (correct_typos)
    spelling = std::make_shared<const SpellingMap>(learn_spelling(texts, normalizer, shingler, n_jobs, interrupted, &words));
  return sign_with_spelling(texts, normalizer, shingler, hasher, n_jobs, interrupted, keep_shingles, std::move(spelling),
                            correct_typos ? &words : nullptr);
}

SignedDocs sign_with_spelling(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                              const Shingler& shingler, const MinHasher& hasher, int n_jobs,
                              const InterruptCheck& interrupted, bool keep_shingles,
                              std::shared_ptr<const SpellingMap> spelling_map, std::vector<WordSeq>* words) {
  const size_t n = texts.size();
  const size_t k = hasher.num_perm();
  SignedDocs docs;
  docs.spelling = std::move(spelling_map);
  const SpellingMap* spelling = docs.spelling.get();
  const bool have_words = words && words->size() == n;
  docs.shingles.resize(n);
  docs.signatures.resize(n * k);
  docs.length.resize(n);
  docs.empty.resize(n);
  docs.shingle_count.resize(n);
  docs.text_hash.resize(n);
  parallel_for(
      n, n_jobs,
      [&](size_t i) {
        if (have_words) {
          docs.shingles[i] = shingler.shingle(std::move((*words)[i]), spelling);
        } else {
          docs.shingles[i] = shingler.shingle(scraped_tokens(texts[i], normalizer), spelling);
        }
        const auto& h = docs.shingles[i].hashes;
        hasher.sign64(h.data(), h.size(), &docs.signatures[i * k]);
        docs.length[i] = texts[i].size();
        docs.empty[i] = h.empty();
        docs.shingle_count[i] = distinct_count(h);
        docs.text_hash[i] = h.empty() ? 0 : XXH3_64bits(texts[i].data(), texts[i].size());
        if (!keep_shingles) {
          std::vector<uint64_t>().swap(docs.shingles[i].hashes);
          std::vector<uint32_t>().swap(docs.shingles[i].segment_begin);
        }
      },
      interrupted);
  return docs;
}

// Which segments of a document are boilerplate: whole repeated lines always; lines that
// only share a chrome lead-in ("Baca juga: ...") while the document keeps at least half of
// its shingles, so a short item whose own text starts like others is not emptied.
std::vector<uint8_t> boilerplate_segments(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate) {
  const size_t segments = s.segment_hash.size();
  std::vector<uint8_t> drop(segments, 0);
  auto size_of = [&](size_t seg) { return s.segment_begin.empty() ? 0 : s.segment_begin[seg + 1] - s.segment_begin[seg]; };
  size_t total = 0, dropped = 0, lead_in = 0;
  for (size_t seg = 0; seg < segments; ++seg) {
    total += size_of(seg);
    if (s.segment_hash[seg] && boilerplate.count(s.segment_hash[seg])) {
      drop[seg] = 1;
      dropped += size_of(seg);
    }
  }
  std::vector<size_t> templated;
  for (size_t seg = 0; seg < segments; ++seg) {
    if (!drop[seg] && s.segment_prefix[seg] && boilerplate.count(s.segment_prefix[seg])) {
      templated.push_back(seg);
      lead_in += size_of(seg);
    }
  }
  if (s.segment_begin.empty() || 2 * (total - dropped - lead_in) >= total)
    for (size_t seg : templated) drop[seg] = 1;
  return drop;
}

namespace {

size_t count_boilerplate(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate) {
  size_t lines = 0;
  for (uint8_t d : boilerplate_segments(s, boilerplate)) lines += d;
  return lines;
}

// Sizes of two sorted distinct sets and of their intersection.
struct Overlap {
  size_t a, b, common;
};

Overlap overlap_of_sets(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  size_t common = 0;
  for (size_t p = 0, q = 0; p < x.size() && q < y.size();) {
    if (x[p] == y[q]) ++common, ++p, ++q;
    else if (x[p] < y[q]) ++p;
    else ++q;
  }
  return {x.size(), y.size(), common};
}

double jaccard_of_sets(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  if (x.empty() && y.empty()) return 0.0;
  const Overlap o = overlap_of_sets(x, y);
  return static_cast<double>(o.common) / static_cast<double>(o.a + o.b - o.common);
}

// The shingles of the segments that are not boilerplate; `lines` gets how many were dropped.
std::vector<uint64_t> kept_shingles(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate,
                                    uint32_t& lines) {
  const std::vector<uint8_t> drop = boilerplate_segments(s, boilerplate);
  std::vector<uint64_t> kept;
  lines = 0;
  for (size_t seg = 0; seg < drop.size(); ++seg) {
    if (drop[seg]) ++lines;
    else kept.insert(kept.end(), s.hashes.begin() + s.segment_begin[seg], s.hashes.begin() + s.segment_begin[seg + 1]);
  }
  return kept;
}

uint32_t* count_of(SignedDocs& docs, size_t i) {
  return docs.shingle_count.size() == docs.empty.size() ? &docs.shingle_count[i] : nullptr;
}

// Re-signs one document without its boilerplate lines; returns the number removed. A
// document made only of boilerplate keeps everything.
uint32_t strip_document(Shingles& s, const std::unordered_set<uint64_t>& boilerplate, const MinHasher& hasher,
                        uint32_t* signature, uint32_t* count) {
  uint32_t lines = 0;
  std::vector<uint64_t> kept = kept_shingles(s, boilerplate, lines);
  if (lines == 0 || kept.empty()) return 0;
  hasher.sign64(kept.data(), kept.size(), signature);
  if (count) *count = distinct_count(kept);
  s.hashes.swap(kept);
  s.segment_begin.clear();  // segments no longer index into hashes
  s.segment_hash.clear();
  s.segment_prefix.clear();
  return lines;
}

}  // namespace

std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::unordered_set<uint64_t>& boilerplate,
                                  const MinHasher& hasher, int n_jobs, const InterruptCheck& interrupted) {
  const size_t k = hasher.num_perm();
  std::vector<uint32_t> removed(docs.shingles.size(), 0);
  if (boilerplate.empty()) return removed;
  parallel_for(
      docs.shingles.size(), n_jobs,
      [&](size_t i) {
        removed[i] = strip_document(docs.shingles[i], boilerplate, hasher, &docs.signatures[i * k], count_of(docs, i));
      },
      interrupted);
  return removed;
}

std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::vector<std::string_view>& texts,
                                  const Normalizer& normalizer, const Shingler& shingler,
                                  const std::unordered_set<uint64_t>& boilerplate, const MinHasher& hasher,
                                  int n_jobs, const InterruptCheck& interrupted) {
  const size_t k = hasher.num_perm();
  std::vector<uint32_t> removed(docs.shingles.size(), 0);
  if (boilerplate.empty()) return removed;
  parallel_for(
      docs.shingles.size(), n_jobs,
      [&](size_t i) {
        if (count_boilerplate(docs.shingles[i], boilerplate) == 0) return;
        Shingles full = shingler.shingle(scraped_tokens(texts[i], normalizer), docs.spelling.get());
        removed[i] = strip_document(full, boilerplate, hasher, &docs.signatures[i * k], count_of(docs, i));
      },
      interrupted);
  return removed;
}

double exact_jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  return jaccard_of_sets(sorted_set(a), sorted_set(b));
}

double number_agreement(const std::vector<uint64_t>& small, const std::vector<uint64_t>& large) {
  return number_agreement(small.data(), small.data() + small.size(), large.data(), large.data() + large.size());
}

double containment_from(double j, double a, double b) {
  const double small = std::min(a, b);
  if (small <= 0) return j;
  return std::min(1.0, j * (a + b) / ((1.0 + j) * small));
}

double story_similarity(double j, double c, double min_jaccard, double bonus) {
  if (bonus > 0.0 && j >= kOpeningMinJaccard) return std::min(1.0, std::max(j, c) + bonus);
  return j >= min_jaccard ? std::max(j, c) : j;
}

namespace {

std::unordered_set<uint64_t> find_boilerplate(const SignedDocs& docs, size_t k, const BoilerplateOptions& options) {
  LineBatch lines;
  for (size_t i = 0; i < docs.shingles.size(); ++i) lines.add(static_cast<uint32_t>(i), docs.shingles[i].line_keys());
  return chrome_lines(std::move(lines), docs.signatures.data(), k, options);
}

// A pair's scores: its Jaccard and the similarity the measure decides on (the Jaccard
// itself, or Story's containment).
struct Scores {
  std::vector<double> jaccard, similarity;
};


// The standard error of an estimate J from k permutations, sqrt(J(1-J)/k), times the
// options' sigmas, plus one position's worth.
double margin_at(double t, size_t k, const DedupOptions& options) {
  return options.refine_sigmas * std::sqrt(t * (1.0 - t) / static_cast<double>(k)) + 1.0 / static_cast<double>(k);
}

// An estimate from k permutations has a standard error of sqrt(J(1-J)/k): at k=128 and
// J=0.8 that is 0.035, so a pair at exactly 0.83 falls below 0.8 one time in five. Pairs
// whose estimate is that close to the threshold are decided by their exact similarity. A
// containment estimate divides by the smaller set, so it gets twice the margin, and Story
// also decides exactly the pairs near its Jaccard floor. A close pair whose two documents
// are already joined by pairs well above the threshold cannot change a connected cluster
// and keeps its estimate: in a batch of many copies per story that spares most rebuilds.
// Returns the candidates to decide exactly.
std::vector<size_t> close_to_threshold(const std::vector<DocPair>& candidates, const Scores& scores, size_t k,
                                       size_t n_docs, const DedupOptions& options) {
  const double t = options.threshold;
  const bool story = options.measure == Measure::Story;
  const double margin = margin_at(t, k, options) * (story ? 2.0 : 1.0);
  const double floor_margin = margin_at(options.min_jaccard, k, options);
  auto near_floor = [&](size_t c) {
    return story && std::abs(scores.jaccard[c] - options.min_jaccard) <= floor_margin;
  };
  // Star clusters check each member against its representative: there every close pair counts.
  const bool shortcut = options.cluster == ClusterMode::Connected;
  UnionFind sure(n_docs);
  for (size_t c = 0; shortcut && c < candidates.size(); ++c)
    if (scores.similarity[c] > t + margin && !near_floor(c)) sure.unite(candidates[c].first, candidates[c].second);
  std::vector<size_t> close;
  for (size_t c = 0; c < candidates.size(); ++c) {
    const double sim = scores.similarity[c];
    const bool undecided = std::abs(sim - t) <= margin || (near_floor(c) && sim >= t - margin);
    if (undecided && sure.find(candidates[c].first) != sure.find(candidates[c].second)) close.push_back(c);
  }
  return close;
}

std::vector<uint32_t> documents_of(const std::vector<DocPair>& candidates, const std::vector<size_t>& close) {
  std::vector<uint32_t> docs;
  docs.reserve(2 * close.size());
  for (size_t c : close) {
    docs.push_back(candidates[c].first);
    docs.push_back(candidates[c].second);
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  return docs;
}

// Both scores of a pair from its exact overlap.
void score_exactly(const Overlap& o, const DedupOptions& options, double& jaccard, double& similarity) {
  const size_t all = o.a + o.b - o.common;
  jaccard = all ? static_cast<double>(o.common) / static_cast<double>(all) : 0.0;
  const size_t small = std::min(o.a, o.b);
  const double c = small ? static_cast<double>(o.common) / static_cast<double>(small) : 0.0;
  similarity = options.measure == Measure::Story ? story_similarity(jaccard, c, options.min_jaccard) : jaccard;
}

// The exact scores of the close candidates; each document's shingles are rebuilt once.
void refine_near_threshold(const std::vector<DocPair>& candidates, Scores& scores, size_t k, size_t n_docs,
                           const DedupOptions& options, const ShinglesOf& shingles_of,
                           const InterruptCheck& interrupted) {
  const std::vector<size_t> close = close_to_threshold(candidates, scores, k, n_docs, options);
  if (close.empty()) return;
  const std::vector<uint32_t> docs = documents_of(candidates, close);
  std::vector<std::vector<uint64_t>> sets(docs.size());
  parallel_for(docs.size(), options.n_jobs, [&](size_t d) { sets[d] = sorted_set(shingles_of(docs[d])); }, interrupted);
  auto set_of = [&](uint32_t doc) -> const std::vector<uint64_t>& {
    return sets[std::lower_bound(docs.begin(), docs.end(), doc) - docs.begin()];
  };
  parallel_for(
      close.size(), options.n_jobs,
      [&](size_t x) {
        const auto [i, j] = candidates[close[x]];
        score_exactly(overlap_of_sets(set_of(i), set_of(j)), options, scores.jaccard[close[x]],
                      scores.similarity[close[x]]);
      },
      interrupted, 1 << 12);
}

Scores estimates(const SignedDocs& docs, const std::vector<DocPair>& candidates, size_t k,
                 const DedupOptions& options, const InterruptCheck& interrupted) {
  Scores scores{std::vector<double>(candidates.size()), std::vector<double>(candidates.size())};
  const bool sized = docs.shingle_count.size() == docs.empty.size();
  const bool story = options.measure == Measure::Story;
  parallel_for(
      candidates.size(), options.n_jobs,
      [&](size_t c) {
        const auto [i, j] = candidates[c];
        if (options.exact) {
          score_exactly(overlap_of_sets(sorted_set(docs.shingles[i].hashes), sorted_set(docs.shingles[j].hashes)),
                        options, scores.jaccard[c], scores.similarity[c]);
          return;
        }
        const double jac = estimate_jaccard(&docs.signatures[i * k], &docs.signatures[j * k], k);
        scores.jaccard[c] = jac;
        scores.similarity[c] =
            story && sized
                ? story_similarity(jac, containment_from(jac, docs.shingle_count[i], docs.shingle_count[j]),
                                   options.min_jaccard)
                : jac;
      },
      interrupted, 1 << 16);
  return scores;
}

// Story: the share of the smaller text's numbers that the larger has too (1 when it has
// none, or when the numbers are not known).
double pair_number_agreement(const SignedDocs& docs, uint32_t i, uint32_t j) {
  if (docs.shingles.size() != docs.empty.size()) return 1.0;
  const bool sized = docs.shingle_count.size() == docs.empty.size();
  const bool i_smaller = sized ? docs.shingle_count[i] <= docs.shingle_count[j] : docs.length[i] <= docs.length[j];
  return number_agreement(docs.shingles[i_smaller ? i : j].numbers, docs.shingles[i_smaller ? j : i].numbers);
}

// The candidates Story's opening rule decides: short of the threshold, with a Jaccard near or
// above its floor and a containment the bonus could carry over the threshold (estimates:
// within the refinement margins).
std::vector<size_t> opening_candidates(const SignedDocs& docs, const std::vector<DocPair>& candidates,
                                       const Scores& scores, size_t k, const DedupOptions& options) {
  const bool sized = docs.shingle_count.size() == docs.empty.size();
  std::vector<size_t> open;
  if (options.measure != Measure::Story || options.opening_bonus <= 0.0 || !sized) return open;
  const double t = options.threshold;
  const double margin = 2.0 * margin_at(t, k, options), floor_margin = margin_at(kOpeningMinJaccard, k, options);
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (scores.similarity[c] >= t) continue;
    const auto [i, j] = candidates[c];
    const double jac = scores.jaccard[c];
    const double with_bonus = containment_from(jac, docs.shingle_count[i], docs.shingle_count[j]) + options.opening_bonus;
    if (jac >= kOpeningMinJaccard - floor_margin && with_bonus >= t - margin) open.push_back(c);
  }
  return open;
}

// Story's opening rule: candidates short of the threshold whose containment plus the bonus
// might reach it (within the refinement margin) are decided exactly: both texts placed
// again, their exact overlap and how alike they open. A republished copy keeps the lead of
// its source; a follow-up, a reaction or a roundup that reuses a story's paragraphs as
// background opens with its own. Few candidates qualify (most are far below the threshold).
void apply_opening_rule(const SignedDocs& docs, const std::vector<DocPair>& candidates, Scores& scores, size_t k,
                        const DedupOptions& options, const PlacedOf& placed_of, const InterruptCheck& interrupted) {
  if (!placed_of) return;
  const std::vector<size_t> open = opening_candidates(docs, candidates, scores, k, options);
  if (open.empty()) return;
  const std::vector<uint32_t> ids = documents_of(candidates, open);
  std::vector<PlacedShingles> placed(ids.size());
  std::vector<std::vector<uint64_t>> sets(ids.size());
  parallel_for(
      ids.size(), options.n_jobs,
      [&](size_t d) {
        placed[d] = placed_of(ids[d]);
        sets[d] = sorted_set(placed[d].hashes);
      },
      interrupted);
  auto at = [&](uint32_t doc) { return static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), doc) - ids.begin()); };
  parallel_for(
      open.size(), options.n_jobs,
      [&](size_t x) {
        const size_t c = open[x];
        const size_t a = at(candidates[c].first), b = at(candidates[c].second);
        const Overlap o = overlap_of_sets(sets[a], sets[b]);
        double jac = 0.0, sim = 0.0;
        score_exactly(o, options, jac, sim);
        const size_t small = std::min(o.a, o.b);
        const double contained = small ? static_cast<double>(o.common) / static_cast<double>(small) : 0.0;
        const double opening = std::min(opening_shared(placed[a], sets[b]), opening_shared(placed[b], sets[a]));
        if (opens_alike(jac, opening))
          sim = std::max(sim, story_similarity(jac, contained, options.min_jaccard, options.opening_bonus));
        scores.jaccard[c] = jac;
        scores.similarity[c] = sim;
      },
      interrupted, 1 << 10);
}

std::vector<VerifiedPair> verify(const SignedDocs& docs, const std::vector<DocPair>& candidates, size_t k,
                                 const DedupOptions& options, const InterruptCheck& interrupted,
                                 const ShinglesOf& shingles_of, const PlacedOf& placed_of) {
  Scores scores = estimates(docs, candidates, k, options, interrupted);
  if (!options.exact && options.refine_sigmas > 0 && shingles_of)
    refine_near_threshold(candidates, scores, k, docs.empty.size(), options, shingles_of, interrupted);
  apply_opening_rule(docs, candidates, scores, k, options, placed_of, interrupted);
  const bool story = options.measure == Measure::Story;
  std::vector<VerifiedPair> out;
  for (size_t c = 0; c < candidates.size(); ++c) {
    const auto [i, j] = candidates[c];
    if (scores.similarity[c] < options.threshold) continue;
    // Near-identical copies (Jaccard >= 0.8, what measure=jaccard finds) need no number check:
    // sites stamp their own dates and times into a copy (okezone -> sindonews).
    if (story && scores.jaccard[c] < kNearIdentical && pair_number_agreement(docs, i, j) < options.number_agreement)
      continue;
    out.push_back({i, j, scores.similarity[c]});
  }
  return out;
}

// Adds (first copy, copy) with similarity 1 for byte-identical texts not already paired,
// keeping `pairs` sorted by (i, j). Linear after one sort of the hashes.
void join_identical(const SignedDocs& docs, std::vector<VerifiedPair>& pairs) {
  if (docs.text_hash.size() != docs.empty.size()) return;
  std::vector<std::pair<uint64_t, uint32_t>> by_hash;
  for (uint32_t d = 0; d < docs.text_hash.size(); ++d)
    if (docs.text_hash[d] && !docs.empty[d]) by_hash.emplace_back(docs.text_hash[d], d);
  std::sort(by_hash.begin(), by_hash.end());
  const auto before = pairs.size();
  for (size_t a = 0, b = 1; b < by_hash.size(); ++b) {
    if (by_hash[b].first != by_hash[a].first) a = b;
    else pairs.push_back({by_hash[a].second, by_hash[b].second, 1.0});
  }
  if (pairs.size() == before) return;
  const auto by_docs = [](const VerifiedPair& x, const VerifiedPair& y) {
    return x.i != y.i ? x.i < y.i : x.j < y.j;
  };
  std::stable_sort(pairs.begin(), pairs.end(), by_docs);  // a verified pair stays before its exact twin
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const VerifiedPair& x, const VerifiedPair& y) { return x.i == y.i && x.j == y.j; }),
              pairs.end());
}

// Rebuilds a document's shingles exactly as prepare_batch signed them.
ShinglesOf rebuild_shingles(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                            const Shingler& shingler, const SignedDocs& docs,
                            const std::unordered_set<uint64_t>& boilerplate) {
  return [&texts, &normalizer, &shingler, &docs, &boilerplate](uint32_t doc) {
    const Shingles full = shingler.shingle(scraped_tokens(texts[doc], normalizer), docs.spelling.get());
    uint32_t lines = 0;
    std::vector<uint64_t> kept = kept_shingles(full, boilerplate, lines);
    return lines == 0 || kept.empty() ? full.hashes : kept;
  };
}

CandidateOptions candidate_options(const DedupOptions& options, BandParams bands) {
  CandidateOptions cand;
  cand.params = bands;
  cand.max_bucket = options.max_bucket;
  cand.n_jobs = options.n_jobs;
  return cand;
}

BandParams bands_for(const DedupOptions& options, size_t num_perm) {
  // Story's pairs may have a Jaccard as low as its floor: banding has to find those.
  double t = options.threshold;
  if (options.measure == Measure::Story) {
    t = std::min(t, options.min_jaccard);
    if (options.opening_bonus > 0.0) t = std::min(t, kOpeningMinJaccard);
  }
  return options.bands.bands > 0 ? options.bands
                                 : optimal_bands(t, static_cast<int>(num_perm), options.fp_weight, options.fn_weight);
}

}  // namespace

void DedupOptions::validate(size_t num_perm) const {
  require(threshold > 0.0 && threshold <= 1.0, "threshold", "in (0, 1]", threshold);
  bands.validate(num_perm, /*allow_automatic=*/true);
  check_weights(fp_weight, fn_weight);
  boilerplate.validate();
  require(refine_sigmas >= 0.0, "refine_sigmas", ">= 0", refine_sigmas);
  // A bucket of one or two members expands into at most one pair: capping below that is meaningless.
  require(max_bucket >= 2, "max_bucket", ">= 2", static_cast<double>(max_bucket));
  require(n_jobs >= 0, "n_jobs", ">= 0 (0 = all cores)", n_jobs);
  require(min_jaccard >= 0.0 && min_jaccard <= 1.0, "min_jaccard", "in [0, 1]", min_jaccard);
  require(number_agreement >= 0.0 && number_agreement <= 1.0, "number_agreement", "in [0, 1]", number_agreement);
  require(opening_bonus >= 0.0 && opening_bonus <= 1.0, "opening_bonus", "in [0, 1]", opening_bonus);
  if (measure != Measure::Jaccard && measure != Measure::Story)
    invalid_option("measure", "'jaccard' or 'story'", std::to_string(static_cast<int>(measure)));
  if (cluster != ClusterMode::Connected && cluster != ClusterMode::Star)
    invalid_option("cluster", "'connected' or 'star'", std::to_string(static_cast<int>(cluster)));
}

SignedDocs prepare_batch(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                         const Shingler& shingler, const MinHasher& hasher, const DedupOptions& options,
                         std::vector<uint32_t>& stripped, const InterruptCheck& interrupted,
                         std::unordered_set<uint64_t>* boilerplate_out, const Learned* given) {
  const size_t k = hasher.num_perm();
  options.validate(k);
  const bool spelling_given = given && given->spelling && options.correct_typos;
  SignedDocs docs = spelling_given
                        ? sign_with_spelling(texts, normalizer, shingler, hasher, options.n_jobs, interrupted,
                                             options.exact, given->spelling, nullptr)
                        : sign_documents(texts, normalizer, shingler, hasher, options.n_jobs, interrupted,
                                         options.exact, options.correct_typos);
  stripped.assign(texts.size(), 0);
  if (options.strip_boilerplate) {
    const auto boilerplate =
        given && given->boilerplate ? *given->boilerplate : find_boilerplate(docs, k, options.boilerplate);
    stripped = options.exact ? strip_lines(docs, boilerplate, hasher, options.n_jobs, interrupted)
                             : strip_lines(docs, texts, normalizer, shingler, boilerplate, hasher, options.n_jobs,
                                           interrupted);
    if (boilerplate_out) *boilerplate_out = std::move(boilerplate);
  }
  return docs;
}

DedupOutput cluster_signed(SignedDocs& docs, size_t num_perm, const DedupOptions& options,
                           const InterruptCheck& interrupted, const ShinglesOf& shingles_of,
                           const PlacedOf& placed_of) {
  options.validate(num_perm);
  const size_t n = docs.empty.size();
  if (docs.signatures.size() != n * num_perm) throw std::invalid_argument("signatures must be n * num_perm values");
  if (options.exact && docs.shingles.size() != n)
    throw std::invalid_argument("exact verification needs the documents' shingles");
  DedupOutput out;
  out.bands = bands_for(options, num_perm);
  const std::vector<DocPair> candidates =
      candidate_pairs(docs.signatures.data(), n, num_perm, docs.empty, candidate_options(options, out.bands), interrupted);
  out.pairs = verify(docs, candidates, num_perm, options, interrupted, shingles_of, placed_of);
  join_identical(docs, out.pairs);

  std::vector<DocPair> kept;
  kept.reserve(out.pairs.size());
  for (const auto& p : out.pairs) kept.emplace_back(p.i, p.j);
  out.clusters = options.cluster == ClusterMode::Star ? star_clusters(n, kept, options.keep, docs.length)
                                                      : make_clusters(n, kept, options.keep, docs.length);
  out.empty = docs.empty;
  return out;
}

DedupOutput dedup(const std::vector<std::string_view>& texts, const Normalizer& normalizer, const Shingler& shingler,
                  const MinHasher& hasher, const DedupOptions& options, const InterruptCheck& interrupted) {
  std::vector<uint32_t> stripped;
  std::unordered_set<uint64_t> boilerplate;
  SignedDocs docs = prepare_batch(texts, normalizer, shingler, hasher, options, stripped, interrupted, &boilerplate);
  const ShinglesOf shingles_of = rebuild_shingles(texts, normalizer, shingler, docs, boilerplate);
  const PlacedOf placed_of = [&](uint32_t doc) {
    return place_shingles(texts[doc], normalizer, shingler, boilerplate, docs.spelling.get());
  };
  DedupOutput out = cluster_signed(docs, hasher.num_perm(), options, interrupted, shingles_of, placed_of);
  out.stripped = std::move(stripped);
  out.boilerplate.assign(boilerplate.begin(), boilerplate.end());
  std::sort(out.boilerplate.begin(), out.boilerplate.end());
  return out;
}

std::vector<uint64_t> batch_boilerplate(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                                        const Shingler& shingler, const MinHasher& hasher,
                                        const DedupOptions& options, const InterruptCheck& interrupted) {
  DedupOptions prepared = options;
  prepared.exact = false;
  std::vector<uint32_t> stripped;
  std::unordered_set<uint64_t> boilerplate;
  prepare_batch(texts, normalizer, shingler, hasher, prepared, stripped, interrupted, &boilerplate);
  std::vector<uint64_t> keys(boilerplate.begin(), boilerplate.end());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<uint32_t> close_documents(const SignedDocs& docs, size_t num_perm, const DedupOptions& options,
                                      const InterruptCheck& interrupted) {
  options.validate(num_perm);
  const size_t n = docs.empty.size();
  if (docs.signatures.size() != n * num_perm) throw std::invalid_argument("signatures must be n * num_perm values");
  const bool opening = options.measure == Measure::Story && options.opening_bonus > 0.0;
  if (options.refine_sigmas <= 0 && !opening) return {};
  const std::vector<DocPair> candidates = candidate_pairs(docs.signatures.data(), n, num_perm, docs.empty,
                                                          candidate_options(options, bands_for(options, num_perm)),
                                                          interrupted);
  DedupOptions estimated = options;
  estimated.exact = false;
  const Scores scores = estimates(docs, candidates, num_perm, estimated, interrupted);
  // A pair refinement decides keeps its documents here; the others are chosen for the opening
  // rule on the same estimates, as verify() chooses them.
  std::vector<size_t> needed;
  if (options.refine_sigmas > 0) needed = close_to_threshold(candidates, scores, num_perm, n, options);
  const std::vector<size_t> open = opening_candidates(docs, candidates, scores, num_perm, options);
  needed.insert(needed.end(), open.begin(), open.end());
  return documents_of(candidates, needed);
}

std::vector<PlacedShingles> prepared_shingles(const std::vector<std::string_view>& texts,
                                              const Normalizer& normalizer, const Shingler& shingler,
                                              const MinHasher& hasher, const DedupOptions& options,
                                              const std::vector<uint32_t>& rows, const InterruptCheck& interrupted,
                                              const Learned* given) {
  for (uint32_t r : rows)
    if (r >= texts.size()) throw std::out_of_range("row " + std::to_string(r) + " is not in the batch");
  // What the batch learned: given whole (no need to prepare the batch again), else relearned.
  std::unordered_set<uint64_t> boilerplate;
  std::shared_ptr<const SpellingMap> spelling;
  const bool complete = given && (given->spelling || !options.correct_typos) &&
                        (given->boilerplate || !options.strip_boilerplate);
  if (complete) {
    if (options.strip_boilerplate) boilerplate = *given->boilerplate;
    if (options.correct_typos) spelling = given->spelling;
  } else {
    DedupOptions prepared = options;
    prepared.exact = false;
    std::vector<uint32_t> stripped;
    spelling = prepare_batch(texts, normalizer, shingler, hasher, prepared, stripped, interrupted, &boilerplate, given)
                   .spelling;
  }
  std::vector<PlacedShingles> out(rows.size());
  parallel_for(
      rows.size(), options.n_jobs,
      [&](size_t x) { out[x] = place_shingles(texts[rows[x]], normalizer, shingler, boilerplate, spelling.get()); },
      interrupted);
  return out;
}

}  // namespace warta
