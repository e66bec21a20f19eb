#include "warta/cluster.hpp"

#include <algorithm>
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

namespace {

// The order in which texts may become representatives: input order, or longest first
// (ties to the earlier text) with Keep::Longest.
std::vector<uint32_t> keep_order(size_t n, Keep keep, const std::vector<uint64_t>& length) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  if (keep == Keep::Longest)
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return length[a] > length[b]; });
  return order;
}

// Neighbours of each text in CSR form: neighbour[first[d], first[d + 1]).
void adjacency(size_t n, const std::vector<DocPair>& pairs, std::vector<size_t>& first, std::vector<uint32_t>& neighbour) {
  first.assign(n + 1, 0);
  for (const auto& [a, b] : pairs) ++first[a + 1], ++first[b + 1];
  for (size_t d = 0; d < n; ++d) first[d + 1] += first[d];
  neighbour.resize(first[n]);
  std::vector<size_t> fill(first.begin(), first.end() - 1);
  for (const auto& [a, b] : pairs) {
    neighbour[fill[a]++] = b;
    neighbour[fill[b]++] = a;
  }
}

}  // namespace

Clusters star_clusters(size_t n, const std::vector<DocPair>& pairs, Keep keep, const std::vector<uint64_t>& length) {
  const std::vector<uint32_t> order = keep_order(n, keep, length);
  std::vector<uint32_t> rank(n);
  for (uint32_t r = 0; r < n; ++r) rank[order[r]] = r;
  std::vector<size_t> first;
  std::vector<uint32_t> neighbour;
  adjacency(n, pairs, first, neighbour);

  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> rep(n, kNone);  // rep[d] == d: d is a representative
  for (const uint32_t d : order) {
    uint32_t best = kNone;
    for (size_t e = first[d]; e < first[d + 1]; ++e) {
      const uint32_t r = neighbour[e];
      if (rep[r] == r && (best == kNone || rank[r] < rank[best])) best = r;
    }
    rep[d] = best == kNone ? d : best;
  }

  Clusters out;
  out.cluster_id.assign(n, -1);
  out.duplicate_of.assign(n, -1);
  std::vector<int64_t> id_of_rep(n, -1);
  int64_t next_id = 0;
  for (size_t i = 0; i < n; ++i) {
    if (id_of_rep[rep[i]] < 0) id_of_rep[rep[i]] = next_id++;
    out.cluster_id[i] = id_of_rep[rep[i]];
    if (rep[i] != i) out.duplicate_of[i] = rep[i];
  }
  return out;
}

}  // namespace warta
