#include "warta/word_counts.hpp"

#include <algorithm>
#include <utility>

namespace warta {

void WordCounts::add(uint64_t hash, uint32_t docs, std::string_view text) {
  auto [it, fresh] = counts_.try_emplace(stored_key(hash));
  Count& c = it.value();
  if (fresh) {
    c.offset = static_cast<uint32_t>(arena_.size());
    c.length = static_cast<uint32_t>(text.size());
    arena_.append(text);
  }
  c.docs += docs;
}

void WordCounts::add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes) {
  std::vector<std::pair<uint64_t, uint32_t>> distinct;
  distinct.reserve(word_hashes.size());
  for (size_t i = 0; i < word_hashes.size(); ++i) {
    const size_t length = tokens.bounds[i + 1] - tokens.bounds[i];
    if (length >= kMinWordLength && length <= kMaxWordLength)  // other words are never corrected
      distinct.emplace_back(word_hashes[i], static_cast<uint32_t>(i));
  }
  std::sort(distinct.begin(), distinct.end());
  for (size_t k = 0; k < distinct.size(); ++k)
    if (k == 0 || distinct[k - 1].first != distinct[k].first)  // once per document
      add(distinct[k].first, 1, tokens.token(distinct[k].second));
}

void WordCounts::merge(const WordCounts& other) {
  other.for_each([&](const Word& w) { add(w.hash, w.docs, w.text); });
}

}  // namespace warta
