// The batch near-duplicate pipeline: tokens -> shingles -> signatures -> (boilerplate
// stripped) -> LSH candidates -> verified pairs -> clusters.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "warta/batch_statistics.hpp"
#include "warta/boilerplate.hpp"
#include "warta/cluster.hpp"
#include "warta/explain.hpp"
#include "warta/lsh.hpp"
#include "warta/minhash.hpp"
#include "warta/parallel.hpp"
#include "warta/shingle.hpp"
#include "warta/text.hpp"

namespace warta {

// What a pair's similarity is. Jaccard: |A ∩ B| / |A ∪ B| of the shingle sets, for
// near-identical copies. Story: copies of one story, trimmed or re-edited included: the
// containment |A ∩ B| / min(|A|, |B|) of the smaller text in the larger, taken when the two
// also share `min_jaccard` (else their Jaccard), and a pair whose smaller text's numbers
// (prices, dates, scores) are mostly missing from the larger is not a match: a template
// series repeats its words with other figures. A pair whose two texts open alike (each
// text's first kOpeningChars characters mostly in shingles the other has: a republished
// copy keeps the lead, a follow-up or a roundup writes its own) counts its containment
// `opening_bonus` higher, down to a Jaccard of kOpeningMinJaccard. Chosen on
// tests/data/dedup_real's tune and test halves (evaluation/dedup_real.py), reported on its
// holdout.
enum class Measure : uint8_t { Jaccard = 0, Story = 1 };

struct DedupOptions {
  double threshold = 0.8;
  Measure measure = Measure::Jaccard;
  double min_jaccard = 0.35;        // Story: the Jaccard a pair needs for its containment to count
  double number_agreement = 0.8;    // Story: share of the smaller text's numbers the larger must have
  double opening_bonus = 0.15;      // Story: added to the containment of a pair that opens alike (0: off)
  BandParams bands;             // {0, 0}: chosen by optimal_bands
  // Candidates are verified anyway, so banding favours recall: at the default threshold 0.8
  // a pair with Jaccard 0.8 becomes a candidate with probability ~0.95 (0.4 with equal weights).
  double fp_weight = 0.05;
  double fn_weight = 0.95;
  bool strip_boilerplate = true;
  BoilerplateOptions boilerplate;
  bool exact = false;           // verify with exact Jaccard of the shingle sets
  // Estimates this many standard errors (sqrt(t(1-t)/num_perm)) or less from the threshold
  // are decided by the exact Jaccard instead, where the shingles can be had (dedup()
  // re-reads the two texts). 0: decide on estimates alone.
  double refine_sigmas = 3.0;
  bool correct_typos = true;    // read one-off slips as the batch's common spelling
  Keep keep = Keep::First;
  ClusterMode cluster = ClusterMode::Connected;
  size_t max_bucket = 256;
  int n_jobs = 0;               // threads; 0 = all cores

  // Throws std::invalid_argument naming the first bad field (num_perm bounds `bands`).
  void validate(size_t num_perm) const;
};

struct VerifiedPair {
  uint32_t i, j;
  double similarity;
};

struct DedupOutput {
  Clusters clusters;
  std::vector<VerifiedPair> pairs;
  std::vector<uint8_t> empty;        // no words at all: never matches anything
  std::vector<uint32_t> stripped;    // number of boilerplate lines removed per document
  std::vector<uint64_t> boilerplate; // the batch's chrome line keys (sorted), for explaining pairs
  BandParams bands;
};

// Per-document shingles and signature, the unit both the batch and the index work on.
struct SignedDocs {
  std::vector<Shingles> shingles;
  std::vector<uint32_t> signatures;  // n * num_perm, row-major
  std::vector<uint64_t> length;      // UTF-8 bytes, for Keep::Longest
  std::vector<uint8_t> empty;
  // Distinct shingles each signature was made of (after stripping), for containment
  // estimates; empty when unknown (signatures merged from elsewhere): Story then uses Jaccard.
  std::vector<uint32_t> shingle_count;
  // XXH3-64 of each text's UTF-8 bytes (0: no words). Byte-identical texts are joined
  // whatever their signatures, which can differ when they were prepared apart (Dask
  // partitions learn their own chrome and spelling). Empty when unknown.
  std::vector<uint64_t> text_hash;
  std::shared_ptr<const SpellingMap> spelling;  // set when typos were corrected
};

// Document frequencies of the batch's words (one pass of tokenization, in parallel); with
// `words`, also hands back each text's words so they need not be tokenized again.
WordCounts count_words(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                       const Shingler& shingler, int n_jobs, const InterruptCheck& interrupted = {},
                       std::vector<WordSeq>* words = nullptr);

// Learns the batch's retyped words (one pass of tokenization, in parallel); with `words`,
// also hands back each text's words so they need not be tokenized again.
SpellingMap learn_spelling(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                           const Shingler& shingler, int n_jobs, const InterruptCheck& interrupted = {},
                           std::vector<WordSeq>* words = nullptr);

// keep_shingles=false keeps only each document's line hashes (enough for LineStats), which
// bounds memory by signatures instead of by text size.
SignedDocs sign_documents(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                          const Shingler& shingler, const MinHasher& hasher, int n_jobs,
                          const InterruptCheck& interrupted = {}, bool keep_shingles = true,
                          bool correct_typos = false);

// sign_documents with a spelling learned elsewhere (e.g. from an index's history and the
// batch; null: none). `words` (from count_words, consumed) spares a second tokenization.
SignedDocs sign_with_spelling(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                              const Shingler& shingler, const MinHasher& hasher, int n_jobs,
                              const InterruptCheck& interrupted, bool keep_shingles,
                              std::shared_ptr<const SpellingMap> spelling, std::vector<WordSeq>* words);

// Re-signs, in place, the documents that contain boilerplate lines, without those lines
// (a document made only of boilerplate keeps its full signature). Returns lines removed per doc.
std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::unordered_set<uint64_t>& boilerplate,
                                  const MinHasher& hasher, int n_jobs, const InterruptCheck& interrupted = {});

// The same for documents signed with keep_shingles=false: only the documents that contain
// boilerplate are tokenized again.
std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::vector<std::string_view>& texts,
                                  const Normalizer& normalizer, const Shingler& shingler,
                                  const std::unordered_set<uint64_t>& boilerplate, const MinHasher& hasher,
                                  int n_jobs, const InterruptCheck& interrupted = {});

// Per segment of `s`: 1 where it is boilerplate (a chrome line, or a chrome lead-in while
// the document keeps half its shingles). The caller keeps everything when all is chrome.
std::vector<uint8_t> boilerplate_segments(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate);

double exact_jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// measure=Story's number check: the share of `small`'s numbers (sorted, distinct) that
// `large` (sorted, distinct) has too; 1 when `small` has none.
double number_agreement(const std::vector<uint64_t>& small, const std::vector<uint64_t>& large);

// The same over sorted, distinct ranges of any value type (an index keeps 32-bit number hashes).
template <class T>
double number_agreement(const T* small, const T* small_end, const T* large, const T* large_end) {
  if (small == small_end) return 1.0;
  size_t common = 0;
  for (const T* s = small; s != small_end && large != large_end;) {
    if (*s < *large) ++s;
    else if (*large < *s) ++large;
    else ++common, ++s, ++large;
  }
  return static_cast<double>(common) / static_cast<double>(small_end - small);
}

// measure=Story: near-identical copies (Jaccard at or above this, what measure=Jaccard
// finds) skip the number check: sites stamp their own dates and times into a copy.
constexpr double kNearIdentical = 0.8;

// measure=Story's opening rule: two texts open alike when at least kOpeningShare of each
// one's first kOpeningChars characters lies in shingles the other has, and they share a
// Jaccard of kOpeningMinJaccard (the floor LSH is banded for then).
constexpr uint32_t kOpeningChars = 400;
constexpr double kOpeningShare = 0.4;
constexpr double kOpeningMinJaccard = 0.3;
inline bool opens_alike(double jaccard, double opening) {
  return jaccard >= kOpeningMinJaccard && opening >= kOpeningShare;
}

// |A ∩ B| / min(|A|, |B|) from the Jaccard and the two set sizes (|A ∩ B| = J (|A| + |B|) / (1 + J)).
double containment_from(double jaccard, double a, double b);

// measure=Story's similarity: the containment `c` once the Jaccard reaches `min_jaccard`;
// with `bonus` (a pair that opens alike: opening_bonus, else 0), min(1, c + bonus) from
// kOpeningMinJaccard on.
double story_similarity(double jaccard, double c, double min_jaccard, double bonus = 0.0);

// A document's shingles as its signature saw them (after typo reading and without its
// boilerplate lines), for deciding pairs whose estimate is too close to the threshold.
using ShinglesOf = std::function<std::vector<uint64_t>(uint32_t doc)>;
// The same in text order with where each shingle lies, for the opening rule.
using PlacedOf = std::function<PlacedShingles(uint32_t doc)>;

// The first half of dedup: signatures after typo reading and boilerplate stripping, learned
// from the batch or `given` (batch_statistics.hpp).
SignedDocs prepare_batch(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                         const Shingler& shingler, const MinHasher& hasher, const DedupOptions& options,
                         std::vector<uint32_t>& stripped, const InterruptCheck& interrupted = {},
                         std::unordered_set<uint64_t>* boilerplate = nullptr, const Learned* given = nullptr);

// The second half: LSH candidates, verification and clusters over prepared signatures
// (which may come from several prepare_batch calls, e.g. the partitions of a Dask frame).
// With `shingles_of`, estimates near the threshold are refined (DedupOptions::refine_sigmas);
// with `placed_of` (Story), pairs short of the threshold that may open alike are decided
// exactly with the opening rule. Without it the rule is not applied (the texts are elsewhere).
DedupOutput cluster_signed(SignedDocs& docs, size_t num_perm, const DedupOptions& options,
                           const InterruptCheck& interrupted = {}, const ShinglesOf& shingles_of = {},
                           const PlacedOf& placed_of = {});

// For batches prepared apart (the partitions of a Dask frame): the documents whose
// shingles refinement and the opening rule need (sorted), from the merged signatures ...
std::vector<uint32_t> close_documents(const SignedDocs& docs, size_t num_perm, const DedupOptions& options,
                                      const InterruptCheck& interrupted = {});
// ... and those shingles in text order with their places, from the batch the rows belong
// to, prepared again exactly as prepare_batch did.
std::vector<PlacedShingles> prepared_shingles(const std::vector<std::string_view>& texts,
                                                     const Normalizer& normalizer, const Shingler& shingler,
                                                     const MinHasher& hasher, const DedupOptions& options,
                                                     const std::vector<uint32_t>& rows,
                                                     const InterruptCheck& interrupted = {},
                                                     const Learned* given = nullptr);

// The chrome line keys prepare_batch learns from `texts` (sorted), e.g. to explain a pair.
std::vector<uint64_t> batch_boilerplate(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                                        const Shingler& shingler, const MinHasher& hasher,
                                        const DedupOptions& options, const InterruptCheck& interrupted = {});

DedupOutput dedup(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                  const Shingler& shingler, const MinHasher& hasher, const DedupOptions& options,
                  const InterruptCheck& interrupted = {});

}  // namespace warta
