// What a batch learns from all of its texts, computed in parts. dedup reads a retyped word as
// the spelling the batch's other documents use, and strips the lines the batch shows to be
// site chrome: both are statistics of the whole batch. The partitions of a Dask frame count
// their words and lines where they live, the counts are merged in partition order, and every
// partition is then prepared with what the whole frame taught, so a text's signature does not
// depend on the partition it is in.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "warta/boilerplate.hpp"
#include "warta/minhash.hpp"
#include "warta/parallel.hpp"
#include "warta/shingle.hpp"
#include "warta/spelling_map.hpp"
#include "warta/text.hpp"

namespace warta {

// Given to prepare_batch (and prepared_shingles) instead of learning from the batch itself.
// A null member is learned from the batch as usual.
struct Learned {
  std::shared_ptr<const SpellingMap> spelling;                     // read when correct_typos
  std::shared_ptr<const std::unordered_set<uint64_t>> boilerplate;  // read when strip_boilerplate
};

// Each document's distinct line hashes (documents in order: lines[offsets[d], offsets[d+1]))
// and its signature before any line is stripped: what chrome detection reads.
struct BatchLines {
  std::vector<uint32_t> signatures;  // n * num_perm
  std::vector<uint64_t> lines;
  std::vector<uint64_t> offsets{0};
};

// The lines and unstripped signatures of `texts`, read with `spelling` (null: words as written).
BatchLines batch_lines(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                       const Shingler& shingler, const MinHasher& hasher,
                       std::shared_ptr<const SpellingMap> spelling, int n_jobs, const InterruptCheck& interrupted = {});

// The chrome lines of a batch: its documents' lines (added in document order) and their
// unstripped signatures (num_perm values per document, by the numbers given to add()).
std::unordered_set<uint64_t> chrome_lines(LineBatch lines, const uint32_t* signatures, size_t num_perm,
                                          const BoilerplateOptions& options);
// The same for the documents of `all` (batches' lines concatenated in order): what
// prepare_batch finds in one batch of the same documents.
std::unordered_set<uint64_t> chrome_lines(const BatchLines& all, size_t num_perm, const BoilerplateOptions& options);

}  // namespace warta
