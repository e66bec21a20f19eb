// Slots chained by a 64-bit hash of a key each slot holds (an index's text hashes, its
// document ids): "the slots with this key" at 4 bytes per slot plus 2 per slot of bucket
// heads (load factor <= 2), where a hash table of key -> slot costs 24 to 48. A chain may
// mix keys that share a bucket, so a walk asks the caller whether a slot holds the key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "warta/growth.hpp"

namespace warta {

class KeyChains {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // Links `slot`, whose key hashes to `hash`; hash_of(s) gives the hash of any linked slot's
  // key (the chains are rebuilt when the heads grow). A linked slot stays as it is.
  template <class HashOf>
  void insert(uint32_t slot, uint64_t hash, const HashOf& hash_of);
  // Unlinks `slot` (whose key hashes to `hash`), if linked.
  void erase(uint32_t slot, uint64_t hash);
  // Links the slots [0, linked.size()) with linked[slot] set, dropping every other chain.
  template <class HashOf>
  void rebuild(const std::vector<uint8_t>& linked, const HashOf& hash_of);
  // The lowest linked slot of the chain of `hash` for which holds(slot), or -1.
  template <class Holds>
  int64_t first(uint64_t hash, const Holds& holds) const;
  bool linked(uint32_t slot) const { return slot < next_.size() && next_[slot] != kUnlinked; }
  size_t memory_bytes() const { return (heads_.capacity() + next_.capacity()) * sizeof(uint32_t); }

 private:
  // In next_: the slot is in no chain (slots stay below it: an index holds 2^32 - 2 at most).
  static constexpr uint32_t kUnlinked = 0xFFFFFFFEu;
  size_t bucket(uint64_t hash) const;
  void link(uint32_t slot, uint64_t hash);
  void size_heads(size_t linked);

  size_t mask_ = 0;
  size_t linked_ = 0;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;  // per slot: the next slot of its chain, kNone at its end, or kUnlinked
};

template <class HashOf>
void KeyChains::insert(uint32_t slot, uint64_t hash, const HashOf& hash_of) {
  if (next_.size() <= slot) {
    grow_for(next_, slot + 1 - next_.size());
    next_.resize(slot + 1, kUnlinked);
  }
  if (next_[slot] != kUnlinked) return;
  next_[slot] = kNone;  // linked from here on (rebuild links it below when the heads grow)
  ++linked_;
  if (heads_.empty() || linked_ > 2 * (mask_ + 1)) {
    std::vector<uint8_t> chained(next_.size());
    for (size_t s = 0; s < next_.size(); ++s) chained[s] = next_[s] != kUnlinked;
    return rebuild(chained, hash_of);
  }
  link(slot, hash);
}

template <class HashOf>
void KeyChains::rebuild(const std::vector<uint8_t>& linked, const HashOf& hash_of) {
  linked_ = 0;
  for (uint8_t l : linked) linked_ += l != 0;
  size_heads(linked_);
  next_.assign(linked.size(), kUnlinked);
  for (size_t s = 0; s < linked.size(); ++s)  // newest first in each chain, as insert makes them
    if (linked[s]) link(static_cast<uint32_t>(s), hash_of(static_cast<uint32_t>(s)));
}

template <class Holds>
int64_t KeyChains::first(uint64_t hash, const Holds& holds) const {
  if (heads_.empty()) return -1;
  int64_t found = -1;
  for (uint32_t s = heads_[bucket(hash)]; s != kNone; s = next_[s])
    if (holds(s)) found = s;  // chains run newest to oldest: the last seen is the first stored
  return found;
}

}  // namespace warta
