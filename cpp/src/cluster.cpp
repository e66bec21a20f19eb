#include "warta/cluster.hpp"

#include <numeric>

namespace warta {

UnionFind::UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

uint32_t UnionFind::find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // path halving
    x = parent_[x];
  }
  return x;
}

void UnionFind::unite(uint32_t a, uint32_t b) {
  a = find(a);
  b = find(b);
  if (a == b) return;
  if (a < b) parent_[b] = a;
  else parent_[a] = b;
}

Clusters make_clusters(size_t n, const std::vector<DocPair>& pairs, Keep keep, const std::vector<uint64_t>& length) {
  UnionFind uf(n);
  for (const auto& [a, b] : pairs) uf.unite(a, b);

  Clusters out;
  out.cluster_id.assign(n, -1);
  out.duplicate_of.assign(n, -1);
  std::vector<int64_t> id_of_root(n, -1);
  std::vector<uint32_t> kept_of_root(n);
  int64_t next_id = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t root = uf.find(static_cast<uint32_t>(i));
    if (id_of_root[root] < 0) {
      id_of_root[root] = next_id++;
      kept_of_root[root] = root;
    } else if (keep == Keep::Longest && length[i] > length[kept_of_root[root]]) {
      kept_of_root[root] = static_cast<uint32_t>(i);
    }
    out.cluster_id[i] = id_of_root[root];
  }
  for (size_t i = 0; i < n; ++i) {
    const uint32_t kept = kept_of_root[uf.find(static_cast<uint32_t>(i))];
    if (kept != i) out.duplicate_of[i] = kept;
  }
  return out;
}

}  // namespace warta
