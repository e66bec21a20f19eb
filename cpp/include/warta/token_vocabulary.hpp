// Normalized words as dense ids, so phrases can be matched over numbers instead of bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "warta/flat_map.hpp"
#include "warta/text.hpp"

namespace warta {

// Id of a word that no pattern uses: it has no transitions, so it ends every walk.
constexpr uint32_t kUnknownToken = 0;

// Interns normalized words as dense ids 1, 2, ...
class TokenVocabulary {
 public:
  uint32_t intern(std::string_view word) { return words_.intern(word) + 1; }
  uint32_t find(std::string_view word) const { return words_.find(word) + 1; }  // kUnknownToken when absent
  // find() for every word of a text, all words hashed first so the lookups do not wait on
  // the hashing.
  void find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const;
  size_t size() const { return words_.size() + 1; }  // ids in use, plus the unknown id
  std::string_view word(uint32_t id) const { return id == kUnknownToken ? std::string_view() : words_[id - 1]; }
  size_t memory_bytes() const { return words_.memory_bytes(); }

 private:
  static_assert(StringTable::kMissing + 1 == kUnknownToken, "a missing word is the unknown id");
  StringTable words_;  // id - 1 -> word
};

// Token ids of a text's words; words outside the vocabulary get kUnknownToken.
std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary);

}  // namespace warta
