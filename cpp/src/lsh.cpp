#include "warta/lsh.hpp"
#include "warta/validate.hpp"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <xxhash.h>

namespace warta {
namespace {

// Composite Simpson's rule; the integrands are smooth polynomials in s.
template <class F>
double integrate(F f, double lo, double hi, int intervals = 200) {
  if (hi <= lo) return 0.0;
  const double h = (hi - lo) / intervals;
  double sum = f(lo) + f(hi);
  for (int i = 1; i < intervals; ++i) sum += f(lo + i * h) * (i % 2 ? 4.0 : 2.0);
  return sum * h / 3.0;
}

double false_positive_area(double threshold, int b, int r) {
  return integrate([&](double s) { return 1.0 - std::pow(1.0 - std::pow(s, r), b); }, 0.0, threshold);
}

double false_negative_area(double threshold, int b, int r) {
  return integrate([&](double s) { return std::pow(1.0 - std::pow(s, r), b); }, threshold, 1.0);
}

}  // namespace

namespace {

BandParams search_bands(double threshold, int num_perm, double fp_weight, double fn_weight) {
  BandParams best;
  double best_error = std::numeric_limits<double>::infinity();
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; r <= num_perm / b; ++r) {
      const double error = fp_weight * false_positive_area(threshold, b, r) +
                           fn_weight * false_negative_area(threshold, b, r);
      if (error < best_error) {
        best_error = error;
        best = {b, r};
      }
    }
  }
  return best;
}

}  // namespace

void BandParams::validate(size_t num_perm, bool allow_automatic) const {
  if (allow_automatic && automatic()) return;
  if (bands >= 1 && rows >= 1 && static_cast<size_t>(bands) * static_cast<size_t>(rows) <= num_perm) return;
  invalid_option("bands", "(b, r) with b >= 1, r >= 1 and b*r <= num_perm=" + std::to_string(num_perm),
                 "(" + std::to_string(bands) + ", " + std::to_string(rows) + ")");
}

void check_weights(double fp_weight, double fn_weight) {
  if (fp_weight >= 0 && fn_weight >= 0 && fp_weight + fn_weight > 0) return;
  invalid_option("weights", "(false positive, false negative) weights >= 0, not both 0",
                 "(" + format_value(fp_weight) + ", " + format_value(fn_weight) + ")");
}

BandParams optimal_bands(double threshold, int num_perm, double fp_weight, double fn_weight) {
  require(threshold > 0.0 && threshold <= 1.0, "threshold", "in (0, 1]", threshold);
  require(num_perm >= 1, "num_perm", ">= 1", num_perm);
  check_weights(fp_weight, fn_weight);
  // The search integrates both areas for every (b, r): ~6 ms at num_perm=128, most of a
  // small batch's time. Callers ask for the same few settings over and over.
  using Key = std::tuple<double, int, double, double>;
  static std::mutex mutex;
  static std::map<Key, BandParams> known;
  const Key key{threshold, num_perm, fp_weight, fn_weight};
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = known.find(key);
    if (it != known.end()) return it->second;
  }
  const BandParams best = search_bands(threshold, num_perm, fp_weight, fn_weight);
  std::lock_guard<std::mutex> lock(mutex);
  if (known.size() >= 256) known.clear();  // a bound for callers sweeping thresholds
  known.emplace(key, best);
  return best;
}

uint64_t band_key(const uint32_t* signature, BandParams params, int band) {
  return XXH3_64bits_withSeed(signature + static_cast<size_t>(band) * params.rows,
                              sizeof(uint32_t) * static_cast<size_t>(params.rows), static_cast<uint64_t>(band));
}

namespace {

// One band's pairs, sorted: documents whose band keys are equal (a bucket of more than
// max_bucket documents pairs each member with its first hub_count only).
std::vector<DocPair> band_pairs(const uint32_t* signatures, size_t n, size_t num_perm, const std::vector<uint8_t>& skip,
                                const CandidateOptions& options, int band) {
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  keys.reserve(n);
  for (size_t i = 0; i < n; ++i)
    if (skip.empty() || !skip[i])
      keys.emplace_back(band_key(signatures + i * num_perm, options.params, band), static_cast<uint32_t>(i));
  std::sort(keys.begin(), keys.end());
  std::vector<DocPair> out;
  for (size_t lo = 0; lo < keys.size();) {
    size_t hi = lo + 1;
    while (hi < keys.size() && keys[hi].first == keys[lo].first) ++hi;
    const size_t size = hi - lo;
    const size_t hubs = size > options.max_bucket ? std::min(options.hub_count, size) : size;
    for (size_t x = lo; x < lo + hubs; ++x)
      for (size_t y = x + 1; y < hi; ++y) out.emplace_back(keys[x].second, keys[y].second);
    lo = hi;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<DocPair> candidate_pairs(const uint32_t* signatures, size_t n, size_t num_perm,
                                     const std::vector<uint8_t>& skip, const CandidateOptions& options,
                                     const InterruptCheck& interrupted) {
  const BandParams params = options.params;
  params.validate(num_perm);
  if (n > std::numeric_limits<uint32_t>::max()) throw std::length_error("too many documents for one batch");

  // Copies of one story share most bands, so the bands' pair lists are mostly the same pairs:
  // they are folded into one sorted, distinct set a few bands at a time (as many as threads)
  // rather than all held at once, which bounds memory by the distinct pairs plus a few
  // bands' worth instead of bands x pairs (7 GB at 1M texts in clusters of 45, before).
  const size_t bands = static_cast<size_t>(params.bands);
  const size_t group = std::min(bands, resolve_threads(options.n_jobs));
  std::vector<DocPair> all, merged;
  for (size_t first = 0; first < bands; first += group) {
    const size_t count = std::min(group, bands - first);
    std::vector<std::vector<DocPair>> fresh(count);
    parallel_for(
        count, options.n_jobs,
        [&](size_t g) {
          fresh[g] = band_pairs(signatures, n, num_perm, skip, options, static_cast<int>(first + g));
        },
        interrupted, 1);
    for (auto& pairs : fresh) {
      merged.clear();
      merged.reserve(all.size() + pairs.size());
      std::set_union(all.begin(), all.end(), pairs.begin(), pairs.end(), std::back_inserter(merged));
      all.swap(merged);
      std::vector<DocPair>().swap(pairs);
    }
  }
  return all;
}

}  // namespace warta
