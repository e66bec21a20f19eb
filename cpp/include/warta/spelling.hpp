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
#include <string_view>
#include <vector>

#include "warta/text.hpp"

namespace warta {

// Shorter words are never corrected: too many of them are one edit from each other.
constexpr size_t kMinWordLength = 4;

// Document frequencies of the words of (part of) a batch, keyed by word hash. An
// open-addressing table over one text arena: counting runs once per distinct word of every
// document, and node-based maps spent most of the pass chasing pointers.
class WordCounts {
 public:
  WordCounts();
  void add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes);
  void merge(const WordCounts& other);
  // Counts `text` (hash `hash`) `docs` more times (restoring or filtering counts).
  void add(uint64_t hash, uint32_t docs, std::string_view text);
  size_t size() const { return used_; }
  // Documents counted for the word `hash` (0: never seen).
  uint32_t docs(uint64_t hash) const;
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot) + arena_.capacity(); }

  struct Word {
    uint64_t hash;
    uint32_t docs;
    std::string_view text;
  };
  // Calls fn(Word) for every counted word.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Slot& s : slots_)
      if (s.hash) fn(Word{s.hash, s.docs, std::string_view(arena_).substr(s.offset, s.length)});
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0 = empty (a word hashing to 0 is stored as 1)
    uint32_t docs = 0;
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  void grow();

  std::vector<Slot> slots_;
  std::string arena_;
  size_t used_ = 0;
};

// Looked up for every word of every text while shingling, so it is a flat open-addressing
// table (linear probing, power-of-two size, at most half full): a node-based map spent a
// tenth of a whole dedup on its divisions and pointer chasing.
class SpellingMap {
 public:
  static SpellingMap build(const WordCounts& counts, size_t min_length = kMinWordLength);

  // The hash of the word `word_hash` stands for: itself unless it is a known slip.
  uint64_t canonical(uint64_t word_hash) const {
    if (used_ == 0 || word_hash == kFree) return word_hash;
    for (size_t i = home(word_hash);; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.word == word_hash) return e.canonical;
      if (e.word == kFree) return word_hash;
    }
  }
  size_t size() const { return used_; }

  // Editing a learned map (an index keeps the readings it used before). A word whose hash
  // is 0 (one in 2^64) cannot get a reading.
  void set(uint64_t word_hash, uint64_t canonical_hash);
  void erase(uint64_t word_hash);
  template <class Fn>
  void for_each(Fn&& fn) const {  // fn(word_hash, canonical_hash), in no particular order
    for (const Entry& e : slots_)
      if (e.word != kFree) fn(e.word, e.canonical);
  }

 private:
  static constexpr uint64_t kFree = 0;
  struct Entry {
    uint64_t word = kFree;
    uint64_t canonical = 0;
  };
  size_t home(uint64_t word_hash) const {
    return static_cast<size_t>((word_hash * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void grow();

  std::vector<Entry> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t used_ = 0;
};

// True when a and b differ by exactly one substitution, insertion, deletion or swap of
// adjacent bytes.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace warta
