// The ids of an index's documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warta/key_chains.hpp"

namespace warta {

// A non-decreasing sequence of 64-bit offsets in 4 bytes each: the low 32 bits of every
// offset, and the positions from which the high 32 bits change (none below 4 GiB).
class Offsets {
 public:
  uint64_t operator[](size_t i) const {
    const uint64_t low = low_[i];
    return high_.empty() || i < high_[0].first ? low : low | uint64_t{high_from(i)} << 32;
  }
  void push_back(uint64_t offset);  // not below the last one
  size_t size() const { return low_.size(); }
  void clear();
  void reserve(size_t n) { low_.reserve(n); }
  void shrink_to_fit() { low_.shrink_to_fit(); }
  size_t memory_bytes() const { return low_.capacity() * sizeof(uint32_t) + high_.capacity() * sizeof(high_[0]); }

 private:
  uint32_t high_from(size_t i) const;
  std::vector<uint32_t> low_;
  std::vector<std::pair<size_t, uint32_t>> high_;  // (first position, high bits from it on), ascending
};

// Document ids by slot: slots are numbered in the order they are stored, and a removed
// document's id leaves the index (find) but keeps its bytes until compaction. Per id: its
// bytes, 4 bytes of offset and 6 of chains (KeyChains over the ids' XXH3 hashes, the bytes
// compared on a walk), where a string arena with 8-byte offsets and a hash set of the ids
// cost 8 + 24 to 48.
class IdTable {
 public:
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;
  uint32_t find(std::string_view id) const;
  // Appends id bytes for `slot` (slots are appended in order) and indexes them.
  void append(uint32_t slot, std::string_view id);
  void erase(uint32_t slot);  // from the index only
  std::string_view id(uint32_t slot) const {
    const uint64_t begin = slot ? ends_[slot - 1] : 0;
    return std::string_view(arena_).substr(begin, ends_[slot] - begin);
  }
  size_t size() const { return ends_.size(); }
  // Takes a whole arena (load, compaction): id i is arena[offsets[i], offsets[i + 1]); indexes
  // every slot with live[slot] set.
  void assign(std::string arena, const std::vector<uint64_t>& offsets, const std::vector<uint8_t>& live);
  size_t memory_bytes() const { return arena_.capacity() + ends_.memory_bytes() + index_.memory_bytes(); }

 private:
  static uint64_t hash(std::string_view id);

  std::string arena_;
  Offsets ends_;  // where each id ends in the arena
  KeyChains index_;
};

}  // namespace warta
