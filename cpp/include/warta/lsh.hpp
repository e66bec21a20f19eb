// LSH banding over MinHash signatures: band parameters from a threshold, and candidate
// pairs from sorted band keys (never all pairs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "warta/parallel.hpp"

namespace warta {

struct BandParams {
  int bands = 0;
  int rows = 0;
  bool automatic() const { return bands == 0 && rows == 0; }  // chosen by optimal_bands
  // Throws unless 1 <= bands, 1 <= rows and bands * rows <= num_perm (or automatic() where allowed).
  void validate(size_t num_perm, bool allow_automatic = false) const;
};

// Minimizes fp_weight * P(false positive) + fn_weight * P(false negative), the areas under
// the S-curve below and above the threshold (datasketch's criterion), over bands*rows <= num_perm.
BandParams optimal_bands(double threshold, int num_perm, double fp_weight = 0.5, double fn_weight = 0.5);

// Throws unless both weights are >= 0 and not both 0.
void check_weights(double fp_weight, double fn_weight);

// 64-bit key of band `band` of a signature.
uint64_t band_key(const uint32_t* signature, BandParams params, int band);

struct CandidateOptions {
  BandParams params;
  // A bucket larger than this is not expanded into all its pairs: each member is paired
  // with the bucket's first `hub_count` members instead, which keeps a huge group of
  // identical documents connected in linear time; other bands still pair the rest.
  size_t max_bucket = 256;
  size_t hub_count = 8;
  int n_jobs = 0;
};

using DocPair = std::pair<uint32_t, uint32_t>;  // first < second

// Pairs of documents that agree on at least one band, sorted and unique. Documents with
// skip[i] set (empty texts) take part in no pair.
std::vector<DocPair> candidate_pairs(const uint32_t* signatures, size_t n, size_t num_perm,
                                     const std::vector<uint8_t>& skip, const CandidateOptions& options,
                                     const InterruptCheck& interrupted = {});

}  // namespace warta
