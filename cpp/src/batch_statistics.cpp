#include "warta/batch_statistics.hpp"

#include <stdexcept>

#include "warta/dedup.hpp"

namespace warta {

BatchLines batch_lines(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                       const Shingler& shingler, const MinHasher& hasher,
                       std::shared_ptr<const SpellingMap> spelling, int n_jobs, const InterruptCheck& interrupted) {
  SignedDocs docs = sign_with_spelling(texts, normalizer, shingler, hasher, n_jobs, interrupted,
                                       /*keep_shingles=*/false, std::move(spelling), nullptr);
  BatchLines out;
  out.signatures = std::move(docs.signatures);
  for (const Shingles& sh : docs.shingles) {
    const std::vector<uint64_t> keys = sh.line_keys();
    out.lines.insert(out.lines.end(), keys.begin(), keys.end());
    out.offsets.push_back(out.lines.size());
  }
  return out;
}

std::unordered_set<uint64_t> chrome_lines(LineBatch lines, const uint32_t* signatures, size_t num_perm,
                                          const BoilerplateOptions& options) {
  const auto signature = [&](uint32_t d) { return signatures + static_cast<size_t>(d) * num_perm; };
  return LineStats(std::move(lines)).boilerplate(
      [&](uint32_t a, uint32_t b) { return estimate_jaccard(signature(a), signature(b), num_perm); }, options);
}

std::unordered_set<uint64_t> chrome_lines(const BatchLines& all, size_t num_perm, const BoilerplateOptions& options) {
  if (all.offsets.empty()) throw std::invalid_argument("chrome_lines: offsets need n + 1 entries");
  const size_t n = all.offsets.size() - 1;
  if ( all.signatures.size() != n * num_perm || all.offsets.back() != all.lines.size())
    throw std::invalid_argument("chrome_lines: needs one signature and one run of lines per document");
  LineBatch batch;
  std::vector<uint64_t> keys;
  for (size_t d = 0; d < n; ++d) {
    if (all.offsets[d] > all.offsets[d + 1]) throw std::invalid_argument("chrome_lines: offsets must not decrease");
    keys.assign(all.lines.begin() + static_cast<std::ptrdiff_t>(all.offsets[d]),
                all.lines.begin() + static_cast<std::ptrdiff_t>(all.offsets[d + 1]));
    batch.add(static_cast<uint32_t>(d), keys);
  }
  return chrome_lines(std::move(batch), all.signatures.data(), num_perm, options);
}

}  // namespace warta
