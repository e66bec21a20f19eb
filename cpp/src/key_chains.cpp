#include "warta/key_chains.hpp"

#include <stdexcept>

#include "warta/flat_map.hpp"

namespace warta {

size_t KeyChains::bucket(uint64_t hash) const { return KeyMix{}(hash) & mask_; }

void KeyChains::size_heads(size_t linked) {
  size_t buckets = 1024;
  while (buckets * 2 < linked) buckets *= 2;
  mask_ = buckets - 1;
  heads_.assign(buckets, kNone);
  heads_.shrink_to_fit();  // fewer heads than before after a compaction
}

void KeyChains::link(uint32_t slot, uint64_t hash) {
  uint32_t& head = heads_[bucket(hash)];
  next_[slot] = head;
  head = slot;
}

void KeyChains::erase(uint32_t slot, uint64_t hash) {
  if (!linked(slot)) return;
  uint32_t* at = &heads_[bucket(hash)];
  while (*at != slot && *at != kNone) at = &next_[*at];
  if (*at == kNone) throw std::logic_error("KeyChains::erase: slot missing from its chain");
  *at = next_[slot];
  next_[slot] = kUnlinked;
  --linked_;
}

}  // namespace warta
