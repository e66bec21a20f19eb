// MinHash signatures. Three schemes:
//  - OnePermutation (default): one hash per shingle picks a bin and a value; empty bins are
//    filled by optimal densification (Shrivastava 2017). O(shingles + num_perm) per document
//    instead of O(shingles * num_perm), and an unbiased Jaccard estimator.
//  - DatasketchLegacy: ((a*h + b) mod (2^61-1)) & 0xFFFFFFFF with a*h+b wrapping in uint64,
//    bit-identical to datasketch.MinHash(scheme="legacy") for the same 32-bit inputs.
//  - Affine32: datasketch 2.x's default: fmix32 pre-mix, then a*h+b mod 2^32 with odd a.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "warta/parallel.hpp"

namespace warta {

enum class Scheme : uint8_t { OnePermutation = 0, DatasketchLegacy = 1, Affine32 = 2 };

constexpr uint32_t kEmptyHash = 0xFFFFFFFFu;
constexpr size_t kMaxNumPerm = 8192;

class MinHasher {
 public:
  // a and b are the permutation parameters (drawn by the caller exactly as datasketch draws
  // them); OnePermutation ignores them and uses `seed`.
  MinHasher(Scheme scheme, size_t num_perm, uint64_t seed, std::vector<uint64_t> a = {},
            std::vector<uint64_t> b = {});

  // Signature of a set of 64-bit shingle hashes. The datasketch schemes see their low 32 bits.
  void sign64(const uint64_t* hashes, size_t n, uint32_t* out) const;
  // Signature of a set given as 32-bit hash values (datasketch's input domain).
  void sign32(const uint32_t* hashes, size_t n, uint32_t* out) const;

  size_t num_perm() const { return num_perm_; }
  Scheme scheme() const { return scheme_; }
  uint64_t seed() const { return seed_; }

 private:
  template <class H>
  void sign(const H* hashes, size_t n, uint32_t* out) const;
  void sign_one_permutation(const uint64_t* hashes, size_t n, uint32_t* out) const;
  size_t probe(size_t bin, uint64_t attempt) const;  // densification step `attempt` of `bin`

  static constexpr size_t kProbes = 8;

  Scheme scheme_;
  size_t num_perm_;
  uint64_t seed_;
  std::vector<uint64_t> a64_, b64_;
  std::vector<uint32_t> a32_, b32_;
  uint64_t salt_ = 0;
  std::vector<uint16_t> probes_;  // the first kProbes densification steps of every bin
};

// Fraction of equal positions: the MinHash estimate of Jaccard similarity (of full values,
// or of the low bits an index stores).
double estimate_jaccard(const uint32_t* x, const uint32_t* y, size_t num_perm);
double estimate_jaccard(const uint16_t* x, const uint16_t* y, size_t num_perm);

// One hashed set held by the caller: 64-bit shingle hashes (wide) or 32-bit values.
struct HashSetView {
  const void* data;
  size_t size;
  bool wide;
};

// Signatures of many sets on n_jobs threads, row i of `out` (num_perm values each) for sets[i].
void sign_sets(const MinHasher& hasher, const std::vector<HashSetView>& sets, uint32_t* out, int n_jobs,
               const InterruptCheck& interrupted = {});

}  // namespace warta
