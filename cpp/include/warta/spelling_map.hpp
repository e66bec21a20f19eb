// Retyped words in a batch. Republished copies carry slips ("meresmkan", "Andra Sony"),
// and each slip changes every word n-gram that covers it. Within a batch the intended
// spelling is usually the one the other copies use, so a word that occurs in a single
// document and is one edit (substitution, insertion, deletion or adjacent swap) away from a
// word used by several documents is read as that word when shingling.
#pragma once

#include <cstdint>
#include <string_view>

#include "warta/flat_map.hpp"
#include "warta/word_counts.hpp"

namespace warta {

// Looked up for every word of every text while shingling: a node-based map spent a tenth
// of a whole dedup on its divisions and pointer chasing.
class SpellingMap {
 public:
  static SpellingMap build(const WordCounts& counts, size_t min_length = kMinWordLength);

  // The hash of the word `word_hash` stands for: itself unless it is a known slip.
  uint64_t canonical(uint64_t word_hash) const {
    if (readings_.empty()) return word_hash;
    const auto it = readings_.find(word_hash);
    return it == readings_.end() ? word_hash : it->second;
  }
  size_t size() const { return readings_.size(); }

  // Editing a learned map (an index keeps the readings it used before). A word whose hash
  // is 0 (one in 2^64) cannot get a reading: saved indexes reject it.
  void set(uint64_t word_hash, uint64_t canonical_hash) {
    if (word_hash != 0) readings_[word_hash] = canonical_hash;
  }
  void erase(uint64_t word_hash) { readings_.erase(word_hash); }
  template <class Fn>
  void for_each(Fn&& fn) const {  // fn(word_hash, canonical_hash), in no particular order
    for (const auto& [word, reading] : readings_) fn(word, reading);
  }

 private:
  FlatMap<uint64_t> readings_;
};

// True when a and b differ by exactly one substitution, insertion, deletion or swap of
// adjacent bytes.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace warta
