#include "warta/key_chains.hpp"

#include <stdexcept>

#include "warta/flat_map.hpp"

namespace warta {

size_t KeyChains::bucket(uint64_t key) const { return KeyMix{}(key) & mask_; }

void KeyChains::link(uint32_t slot, const std::vector<uint64_t>& keys) {
  uint32_t& head = heads_[bucket(keys[slot])];
  next_[slot] = head;
  head = slot;
}

void KeyChains::insert(uint32_t slot, const std::vector<uint64_t>& keys) {
  if (in_.size() <= slot) {
    in_.resize(slot + 1, 0);
    next_.resize(slot + 1, kNone);
  }
  if (in_[slot] || !keys[slot]) return;
  in_[slot] = 1;
  ++linked_;
  if (heads_.empty() || linked_ > 2 * (mask_ + 1)) return rebuild(keys, in_);
  link(slot, keys);
}

void KeyChains::erase(uint32_t slot, const std::vector<uint64_t>& keys) {
  if (slot >= in_.size() || !in_[slot]) return;
  uint32_t* at = &heads_[bucket(keys[slot])];
  while (*at != slot && *at != kNone) at = &next_[*at];
  if (*at == kNone) throw std::logic_error("KeyChains::erase: slot missing from its chain");
  *at = next_[slot];
  in_[slot] = 0;
  --linked_;
}

void KeyChains::rebuild(const std::vector<uint64_t>& keys, const std::vector<uint8_t>& linked) {
  std::vector<uint8_t> keep(linked.size());  // `linked` may be in_ itself
  for (size_t s = 0; s < linked.size(); ++s) keep[s] = linked[s] && keys[s];
  in_ = std::move(keep);
  linked_ = 0;
  for (uint8_t l : in_) linked_ += l;
  size_t buckets = 1024;
  while (buckets * 2 < linked_) buckets *= 2;
  mask_ = buckets - 1;
  heads_.assign(buckets, kNone);
  next_.assign(in_.size(), kNone);
  for (size_t s = 0; s < in_.size(); ++s)  // newest first in each chain, as insert makes them
    if (in_[s]) link(static_cast<uint32_t>(s), keys);
}

int64_t KeyChains::first(uint64_t key, const std::vector<uint64_t>& keys) const {
  if (heads_.empty() || !key) return -1;
  int64_t found = -1;
  for (uint32_t s = heads_[bucket(key)]; s != kNone; s = next_[s])
    if (keys[s] == key) found = s;  // chains run newest to oldest: the last seen is the first stored
  return found;
}

}  // namespace warta
