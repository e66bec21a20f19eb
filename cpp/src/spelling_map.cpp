#include "warta/spelling_map.hpp"

#include <algorithm>
#include <xxhash.h>

namespace warta {
namespace {

uint64_t key_of(std::string_view s) { return XXH3_64bits_withSeed(s.data(), s.size(), 0x5EC7); }

// The word and each string made by deleting one byte of it: two words one edit apart
// always share one of these keys.
std::vector<uint64_t> deletion_keys(std::string_view w) {
  std::vector<uint64_t> keys{key_of(w)};
  std::string buf;
  for (size_t i = 0; i < w.size(); ++i) {
    buf.assign(w.substr(0, i));
    buf.append(w.substr(i + 1));
    keys.push_back(key_of(buf));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() != b.size()) return a.substr(i) == b.substr(i + 1);  // one insertion
  if (i == a.size()) return false;                                   // identical
  if (a.substr(i + 1) == b.substr(i + 1)) return true;               // one substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

SpellingMap SpellingMap::build(const WordCounts& counts, size_t min_length) {
  struct Word {
    uint64_t hash;
    uint32_t docs;
    std::string_view text;
  };
  std::vector<Word> common, rare;
  counts.for_each([&](const WordCounts::Word& w) {
    if (w.text.size() < min_length || w.text.size() > kMaxWordLength) return;
    if (w.docs >= 2) common.push_back({w.hash, w.docs, w.text});
    else rare.push_back({w.hash, w.docs, w.text});
  });
  // (deletion key, common word) pairs, sorted so each key's words form one run.
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(common.size() * 9);
  for (uint32_t w = 0; w < common.size(); ++w)
    for (uint64_t key : deletion_keys(common[w].text)) keyed.emplace_back(key, w);
  std::sort(keyed.begin(), keyed.end());

  SpellingMap out;
  for (const Word& r : rare) {
    const Word* best = nullptr;
    for (uint64_t key : deletion_keys(r.text)) {
      auto lo = std::lower_bound(keyed.begin(), keyed.end(), std::make_pair(key, uint32_t{0}));
      for (auto it = lo; it != keyed.end() && it->first == key; ++it) {
        const Word& c = common[it->second];
        // the most common neighbour wins; ties go to the smaller hash, so the map does not
        // depend on hash-table order
        const bool better = !best || c.docs > best->docs || (c.docs == best->docs && c.hash < best->hash);
        if (better && one_edit_apart(r.text, c.text)) best = &c;
      }
    }
    if (best) out.set(r.hash, best->hash);
  }
  return out;
}

}  // namespace warta
