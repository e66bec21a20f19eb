// SpellingMap's open-addressing table against std::unordered_map under random sets and
// erases, with key ranges small enough to force long probe runs (backward-shift deletion).
#include <cstdint>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "warta/spelling_map.hpp"

namespace {

bool agrees(const warta::SpellingMap& m, const std::unordered_map<uint64_t, uint64_t>& ref, uint64_t key) {
  auto it = ref.find(key);
  return m.canonical(key) == (it == ref.end() ? key : it->second);
}

}  // namespace

int main() {
  std::mt19937_64 rng(1);
  for (int round = 0; round < 200; ++round) {
    warta::SpellingMap m;
    std::unordered_map<uint64_t, uint64_t> ref;
    const uint64_t range = 1 + rng() % 300;
    auto key = [&] {
      const uint64_t k = 1 + rng() % range;
      return rng() % 3 == 0 ? k << 32 : k;  // keys whose home slots coincide
    };
    for (int op = 0; op < 5000; ++op) {
      const uint64_t k = key();
      if (rng() % 2) {
        const uint64_t v = rng();
        m.set(k, v);
        ref[k] = v;
      } else {
        m.erase(k);
        ref.erase(k);
      }
      if (m.size() != ref.size() || !agrees(m, ref, k)) {
        std::printf("round %d op %d: table and reference differ\n", round, op);
        return 1;
      }
    }
    for (uint64_t k = 0; k <= range; ++k)
      if (!agrees(m, ref, k) || !agrees(m, ref, k << 32)) {
        std::printf("round %d: lookup of %llu differs\n", round, static_cast<unsigned long long>(k));
        return 1;
      }
    size_t seen = 0;
    bool same = true;
    m.for_each([&](uint64_t a, uint64_t b) {
      ++seen;
      same = same && ref.count(a) && ref.at(a) == b;
    });
    if (!same || seen != ref.size()) {
      std::printf("round %d: for_each differs\n", round);
      return 1;
    }
  }
  std::printf("ok\n");
  return 0;
}
