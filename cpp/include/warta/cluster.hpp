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

// How verified pairs become clusters. Connected: connected components (union-find), so a
// chain A~B~C groups A with C however far apart they are. Star: texts are taken in keep
// order (input order, or longest first with Keep::Longest) and each joins the first
// representative it has a verified pair with, else becomes one: every member is verified
// against its own kept copy, and clusters do not chain.
enum class ClusterMode : uint8_t { Connected = 0, Star = 1 };

struct Clusters {
  std::vector<int64_t> cluster_id;    // 0.. in order of each cluster's first member
  std::vector<int64_t> duplicate_of;  // -1 for the kept copy, else the kept copy's index
};

// `length` is used with Keep::Longest (ties go to the earlier document).
Clusters make_clusters(size_t n, const std::vector<DocPair>& pairs, Keep keep, const std::vector<uint64_t>& length);

// Star clusters (see ClusterMode::Star); the kept copy of each cluster is its representative.
Clusters star_clusters(size_t n, const std::vector<DocPair>& pairs, Keep keep, const std::vector<uint64_t>& length);

}  // namespace warta
