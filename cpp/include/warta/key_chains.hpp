// Slots chained by a 64-bit key held per slot (an index's text hashes): "the slots with this
// key" at 4 bytes per slot plus 2 per slot of bucket heads (load factor <= 2), where a hash
// table of key -> slot costs ~48. A chain may mix keys that share a bucket, so a walk
// compares the keys themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace warta {

class KeyChains {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // Links `slot`, whose key is keys[slot] (non-zero); keys holds every slot's key.
  void insert(uint32_t slot, const std::vector<uint64_t>& keys);
  void erase(uint32_t slot, const std::vector<uint64_t>& keys);
  // Links the slots with a non-zero key and linked[slot] set, dropping every other chain.
  void rebuild(const std::vector<uint64_t>& keys, const std::vector<uint8_t>& linked);
  // The lowest linked slot whose key is `key`, or -1.
  int64_t first(uint64_t key, const std::vector<uint64_t>& keys) const;
  size_t memory_bytes() const { return (heads_.capacity() + next_.capacity()) * sizeof(uint32_t); }

 private:
  size_t bucket(uint64_t key) const;
  void link(uint32_t slot, const std::vector<uint64_t>& keys);

  size_t mask_ = 0;
  size_t linked_ = 0;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;  // per slot; kNone also marks "not linked" for the chain end
  std::vector<uint8_t> in_;     // per slot: linked
};

}  // namespace warta
