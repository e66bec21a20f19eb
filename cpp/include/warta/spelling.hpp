// Retyped words in a batch. Republished copies carry slips ("meresmkan", "Andra Sony"),
// and each slip changes every word n-gram that covers it. Within a batch the intended
// spelling is usually the one the other copies use, so a word that occurs in a single
// document and is one edit (substitution, insertion, deletion or adjacent swap) away from a
// word used by several documents is read as that word when shingling.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warta/flat_map.hpp"
#include "warta/text.hpp"

namespace warta {

// Shorter words are never corrected: too many of them are one edit from each other.
constexpr size_t kMinWordLength = 4;

// Document frequencies of the words of (part of) a batch, keyed by word hash, their text in
// one arena: counting runs once per distinct word of every document, and node-based maps
// spent most of the pass chasing pointers.
class WordCounts {
 public:
  void add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes);
  void merge(const WordCounts& other);
  // Counts `text` (hash `hash`) `docs` more times (restoring or filtering counts).
  void add(uint64_t hash, uint32_t docs, std::string_view text);
  size_t size() const { return counts_.size(); }
  // Documents counted for the word `hash` (0: never seen).
  uint32_t docs(uint64_t hash) const {
    const auto it = counts_.find(stored_key(hash));
    return it == counts_.end() ? 0 : it->second.docs;
  }
  size_t memory_bytes() const { return table_bytes(counts_) + arena_.capacity(); }

  struct Word {
    uint64_t hash;
    uint32_t docs;
    std::string_view text;
  };
  // Calls fn(Word) for every counted word, in no particular order.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const auto& [hash, c] : counts_) fn(Word{hash, c.docs, std::string_view(arena_).substr(c.offset, c.length)});
  }

 private:
  struct Count {
    uint32_t docs = 0;
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  // Saved indexes reject hash 0, so a word hashing to 0 (one in 2^64) is counted as 1.
  static uint64_t stored_key(uint64_t hash) { return hash ? hash : 1; }

  FlatMap<Count> counts_;
  std::string arena_;
};

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
    for (const auto& [word, canonical] : readings_) fn(word, canonical);
  }

 private:
  FlatMap<uint64_t> readings_;
};

// True when a and b differ by exactly one substitution, insertion, deletion or swap of
// adjacent bytes.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace warta
