// Site chrome detection. A line repeated in many documents is not enough: a press release
// republished by sixty sites repeats its paragraphs as often as a site repeats its footer.
// The difference is what surrounds the line: chrome sits in documents about different
// stories, a story's paragraph sits in copies of that story. So a line is boilerplate when
// it occurs in at least `min_docs` documents AND the documents sampled among them are
// mostly not near-duplicates of each other (median pairwise MinHash similarity of their
// full texts below `story_similarity`).
#pragma once

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace warta {

struct BoilerplateOptions {
  uint32_t min_docs = 3;
  double story_similarity = 0.5;
  void validate() const;  // min_docs >= 2, story_similarity in [0, 1]
};

class LineStats {
 public:
  static constexpr size_t kSamples = 8;

  // Counts each distinct non-zero line hash of document `doc` once. Documents must be
  // added in a fixed order (input order) so the sampled documents are deterministic.
  void add(uint32_t doc, const std::vector<uint64_t>& line_hashes);

  // The estimated Jaccard similarity of two documents added (by the numbers given to add()).
  using Similarity = std::function<double(uint32_t doc_a, uint32_t doc_b)>;
  std::unordered_set<uint64_t> boilerplate(const Similarity& similarity, const BoilerplateOptions& options) const;

  size_t size() const { return lines_.size(); }

  struct Entry {
    uint32_t docs = 0;
    uint8_t sampled = 0;
    uint32_t sample[kSamples];
  };
  const std::unordered_map<uint64_t, Entry>& entries() const { return lines_; }
  void restore(uint64_t line, const Entry& entry) { lines_[line] = entry; }

 private:
  std::unordered_map<uint64_t, Entry> lines_;
};

}  // namespace warta
