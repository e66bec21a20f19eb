#include "warta/spelling.hpp"

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

void WordCounts::add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes) {
  std::vector<size_t> order(word_hashes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return word_hashes[x] < word_hashes[y]; });
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    if (k > 0 && word_hashes[order[k - 1]] == word_hashes[i]) continue;  // once per document
    Entry& e = words_[word_hashes[i]];
    if (e.docs++ == 0) e.text = std::string(tokens.token(i));
  }
}

void WordCounts::merge(const WordCounts& other) {
  for (const auto& [hash, entry] : other.words_) {
    Entry& e = words_[hash];
    if (e.docs == 0) e.text = entry.text;
    e.docs += entry.docs;
  }
}

SpellingMap SpellingMap::build(const WordCounts& counts, size_t min_length) {
  // Deletion keys of the words several documents agree on.
  std::unordered_map<uint64_t, std::vector<uint64_t>> by_key;
  for (const auto& [hash, e] : counts.words())
    if (e.docs >= 2 && e.text.size() >= min_length)
      for (uint64_t key : deletion_keys(e.text)) by_key[key].push_back(hash);

  SpellingMap out;
  for (const auto& [hash, e] : counts.words()) {
    if (e.docs != 1 || e.text.size() < min_length) continue;
    uint64_t best = 0;
    uint32_t best_docs = 0;
    for (uint64_t key : deletion_keys(e.text)) {
      auto it = by_key.find(key);
      if (it == by_key.end()) continue;
      for (uint64_t candidate : it->second) {
        const auto& c = counts.words().at(candidate);
        // the most common neighbour wins; ties go to the smaller hash, so the map does not
        // depend on hash-table order
        const bool better = c.docs > best_docs || (c.docs == best_docs && candidate < best);
        if (better && one_edit_apart(e.text, c.text)) {
          best = candidate;
          best_docs = c.docs;
        }
      }
    }
    if (best_docs) out.map_.emplace(hash, best);
  }
  return out;
}

}  // namespace warta
