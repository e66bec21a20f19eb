#include "warta/boilerplate.hpp"

#include <algorithm>

#include "warta/cluster.hpp"
#include "warta/minhash.hpp"
#include "warta/validate.hpp"

namespace warta {

void BoilerplateOptions::validate() const {
  require(min_docs >= 2, "min_docs", ">= 2", min_docs);
  require(story_similarity >= 0.0 && story_similarity <= 1.0, "story_similarity", "in [0, 1]", story_similarity);
}

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

namespace {

// A story's copies are near-duplicates of one another, though one of them may have lost a
// long last paragraph; chrome sits in documents about different stories. So the sampled
// documents are grouped by similarity (single link at `story_similarity`), and the line is
// story text when one group holds more than half of them. (The median pairwise similarity,
// used before, called a three-copy story's paragraphs chrome as soon as one copy was
// trimmed, since two of its three pairs fell; "has a similar partner" alone would keep
// chrome whose first documents happen to come two copies per story.)
bool is_story_line(const LineStats::Entry& e, const LineStats::Similarity& similarity, double story_similarity) {
  UnionFind groups(e.sampled);
  for (uint32_t x = 0; x < e.sampled; ++x)
    for (uint32_t y = x + 1; y < e.sampled; ++y)
      if (groups.find(x) != groups.find(y) &&
          similarity(e.sample[x], e.sample[y]) >= story_similarity)
        groups.unite(x, y);
  size_t size[LineStats::kSamples] = {};
  size_t largest = 0;
  for (uint32_t x = 0; x < e.sampled; ++x) largest = std::max(largest, ++size[groups.find(x)]);
  return 2 * largest > e.sampled;
}

}  // namespace

std::unordered_set<uint64_t> LineStats::boilerplate(const Similarity& similarity,
                                                    const BoilerplateOptions& options) const {
  std::unordered_set<uint64_t> out;
  for (const auto& [line, e] : lines_) {
    if (e.docs < options.min_docs || e.sampled < 2) continue;
    if (!is_story_line(e, similarity, options.story_similarity)) out.insert(line);
  }
  return out;
}

}  // namespace warta
