// Document frequencies of the words of a batch (or of everything an index has seen): what
// the spelling map learns which words are slips from.
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
// Nor longer ones: finding a word's one-edit neighbours costs the square of its length, and
// a scraped page can hold a megabyte-long token (a hex blob, an inlined image). Indonesian
// words stay far below this ("mempertanggungjawabkan" has 22 letters).
constexpr size_t kMaxWordLength = 40;

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

}  // namespace warta
