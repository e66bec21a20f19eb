// Retyped words in a batch. Republished copies carry slips ("meresmkan", "Andra Sony"),
// and each slip changes every word n-gram that covers it. Within a batch the intended
// spelling is usually the one the other copies use, so a word that occurs in a single
// document and is one edit (substitution, insertion, deletion or adjacent swap) away from a
// word used by several documents is read as that word when shingling.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "warta/text.hpp"

namespace warta {

// Document frequencies of the words of (part of) a batch, keyed by word hash.
class WordCounts {
 public:
  void add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes);
  void merge(const WordCounts& other);
  size_t size() const { return words_.size(); }

  struct Entry {
    std::string text;
    uint32_t docs = 0;
  };
  const std::unordered_map<uint64_t, Entry>& words() const { return words_; }

 private:
  std::unordered_map<uint64_t, Entry> words_;
};

class SpellingMap {
 public:
  // Words shorter than `min_length` bytes are never corrected (too many true neighbours).
  static SpellingMap build(const WordCounts& counts, size_t min_length = 4);

  // The hash of the word `word_hash` stands for: itself unless it is a known slip.
  uint64_t canonical(uint64_t word_hash) const {
    auto it = map_.find(word_hash);
    return it == map_.end() ? word_hash : it->second;
  }
  size_t size() const { return map_.size(); }

 private:
  std::unordered_map<uint64_t, uint64_t> map_;
};

// True when a and b differ by exactly one substitution, insertion, deletion or swap of
// adjacent bytes.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace warta
