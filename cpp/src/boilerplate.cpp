#include "warta/boilerplate.hpp"

#include <algorithm>

#include "warta/minhash.hpp"

namespace warta {

void LineStats::add(uint32_t doc, const std::vector<uint64_t>& line_hashes) {
  std::vector<uint64_t> distinct;
  distinct.reserve(line_hashes.size());
  for (uint64_t h : line_hashes)
    if (h) distinct.push_back(h);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (uint64_t h : distinct) {
    Entry& e = lines_[h];
    ++e.docs;
    if (e.sampled < kSamples) e.sample[e.sampled++] = doc;
  }
}

std::unordered_set<uint64_t> LineStats::boilerplate(const SignatureOf& signature, size_t num_perm,
                                                    const BoilerplateOptions& options) const {
  std::unordered_set<uint64_t> out;
  std::vector<double> sims;
  for (const auto& [line, e] : lines_) {
    if (e.docs < options.min_docs || e.sampled < 2) continue;
    sims.clear();
    for (size_t x = 0; x < e.sampled; ++x)
      for (size_t y = x + 1; y < e.sampled; ++y)
        sims.push_back(estimate_jaccard(signature(e.sample[x]), signature(e.sample[y]), num_perm));
    std::nth_element(sims.begin(), sims.begin() + sims.size() / 2, sims.end());
    if (sims[sims.size() / 2] < options.story_similarity) out.insert(line);
  }
  return out;
}

}  // namespace warta
