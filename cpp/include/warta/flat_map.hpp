// The one hash table behind warta's lookups (word counts, spelling readings, vocabulary,
// automaton edges, document ids): tsl::robin_map, open addressing with robin-hood probing
// and backward-shift deletion, power-of-two sizes, at most half full. The key hash and the
// growth policy are fixed here so every table probes and deletes the same way.
#pragma once

#include <tsl/robin_map.h>
#include <tsl/robin_set.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

// Most keys are XXH3 values already, the others pack two 32-bit numbers; the table keeps
// the low bits of the hash, so one multiply folds every key bit into them (a second XXH3
// would cost more and spread no better).
struct KeyMix {
  size_t operator()(uint64_t key) const noexcept {
    const uint64_t m = key * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(m ^ (m >> 32));
  }
};

template <class Value>
using FlatMap = tsl::robin_map<uint64_t, Value, KeyMix, std::equal_to<uint64_t>,
                               std::allocator<std::pair<uint64_t, Value>>, false,
                               tsl::rh::power_of_two_growth_policy<2>>;

// Bytes held by a table's buckets (the library does not say; this is its bucket layout).
template <class Table>
size_t table_bytes(const Table& table) {
  return table.bucket_count() * sizeof(tsl::detail_robin_hash::bucket_entry<typename Table::value_type, false>);
}

// Strings numbered 0, 1, ... in the order they were appended, back to back in one arena,
// and an index from a string's bytes to its number. A number stays valid after its string
// is erased from the index (the bytes stay), so callers can number slots by it.
class StringTable {
 public:
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;
  static uint64_t hash(std::string_view s);  // XXH3-64, what find(s, hash) expects

  uint32_t find(std::string_view s) const { return find(s, hash(s)); }
  uint32_t find(std::string_view s, uint64_t hash) const {
    const auto it = index_.find(Probe{s, static_cast<uint32_t>(hash), this}, static_cast<uint32_t>(hash));
    return it == index_.end() ? kMissing : it->number;
  }
  // Appends `s` as number size() and indexes it; `s` must not be indexed already.
  uint32_t append(std::string_view s);
  uint32_t intern(std::string_view s);  // find, else append
  void erase(std::string_view s);       // from the index only
  // Takes a whole arena (load, compaction) and indexes the strings with indexed[i] set.
  void assign(std::string arena, std::vector<uint64_t> offsets, const std::vector<uint8_t>& indexed);

  std::string_view operator[](size_t i) const {
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  size_t size() const { return offsets_.size() - 1; }
  const std::string& arena() const { return arena_; }
  const std::vector<uint64_t>& offsets() const { return offsets_; }
  size_t memory_bytes() const { return arena_.capacity() + offsets_.capacity() * sizeof(uint64_t) + table_bytes(index_); }

 private:
  // 32 bits of the hash are the bucket hash (the table never has 2^32 buckets) and, kept in
  // the entry, let a probe skip other strings without reading their bytes.
  struct Entry {
    uint32_t hash;
    uint32_t number;
  };
  struct Probe {
    std::string_view text;
    uint32_t hash;
    const StringTable* table;
  };
  struct EntryHash {
    using is_transparent = void;
    size_t operator()(const Entry& e) const noexcept { return e.hash; }
    size_t operator()(const Probe& p) const noexcept { return p.hash; }
  };
  struct EntryEqual {
    using is_transparent = void;
    bool operator()(const Entry& a, const Entry& b) const noexcept { return a.number == b.number; }
    bool operator()(const Entry& e, const Probe& p) const noexcept {
      return e.hash == p.hash && (*p.table)[e.number] == p.text;
    }
    bool operator()(const Probe& p, const Entry& e) const noexcept { return (*this)(e, p); }
  };

  std::string arena_;
  std::vector<uint64_t> offsets_{0};
  tsl::robin_set<Entry, EntryHash, EntryEqual> index_;
};

}  // namespace warta
