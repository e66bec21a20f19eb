// Clusters from verified pairs: union-find, then one kept copy per cluster.
#pragma once

#include <cstdint>
#include <vector>

#include "warta/lsh.hpp"

namespace warta {

class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t find(uint32_t x);
  // The smaller index becomes the root, so a root is always its cluster's first member.
  void unite(uint32_t a, uint32_t b);
  size_t size() const { return parent_.size(); }

 private:
  std::vector<uint32_t> parent_;
};

enum class Keep : uint8_t { First = 0, Longest = 1 };

struct Clusters {
  std::vector<int64_t> cluster_id;    // 0.. in order of each cluster's first member
  std::vector<int64_t> duplicate_of;  // -1 for the kept copy, else the kept copy's index
};

// `length` is used with Keep::Longest (ties go to the earlier document).
Clusters make_clusters(size_t n, const std::vector<DocPair>& pairs, Keep keep, const std::vector<uint64_t>& length);

}  // namespace warta
