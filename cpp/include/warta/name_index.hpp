// Fuzzy lookup of names: character trigram vectors compared by cosine similarity (an Eigen
// sparse matrix times the query's sparse vector), confirmed by a bounded edit distance.
#pragma once

#include <Eigen/SparseCore>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

// Levenshtein distance over bytes of normalized (case-folded, accent-free) text, or
// max_distance + 1 as soon as it is known to exceed max_distance.
int bounded_edit_distance(std::string_view a, std::string_view b, int max_distance);

// How many single-character edits a name of this many bytes may carry and still be the same
// name: one up to 14 characters ("Andra Sony" for "Andra Soni"), then one more per 10.
int allowed_typos(size_t length);

class FuzzyNameIndex {
 public:
  struct Hit {
    uint32_t payload;
    float similarity;  // trigram cosine
    int distance;      // edit distance
  };

  void add(std::string_view normalized_name, uint32_t payload);
  void build();  // call once after the last add()
  size_t size() const { return names_.size(); }

  // The closest name within the typo bound whose cosine is at least min_similarity, or none;
  // none as well when two different payloads tie for closest (the caller cannot choose).
  std::optional<Hit> lookup(std::string_view normalized, float min_similarity) const;

 private:
  static constexpr int kDims = 1 << 18;  // hashed trigram space; collisions only blur cosines
  Eigen::SparseVector<float> trigrams(std::string_view text) const;

  std::vector<std::string> names_;
  std::vector<uint32_t> payloads_;
  Eigen::SparseMatrix<float, Eigen::RowMajor> matrix_;  // rows = trigram dims, cols = names (unit length)
};

}  // namespace warta
