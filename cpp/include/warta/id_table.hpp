// The ids of an index's documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warta/flat_map.hpp"

namespace warta {

// Document ids by slot: slots are numbered in the order they are stored, and removed
// documents' ids leave the index but keep their bytes until compaction.
class IdTable {
 public:
  static constexpr uint32_t kMissing = StringTable::kMissing;
  uint32_t find(std::string_view id) const { return strings_.find(id); }
  // Appends id bytes for `slot` (slots are appended in order) and indexes them.
  void append(uint32_t slot, std::string_view id);
  void erase(std::string_view id) { strings_.erase(id); }
  std::string_view id(uint32_t slot) const { return strings_[slot]; }
  const std::string& arena() const { return strings_.arena(); }
  const std::vector<uint64_t>& offsets() const { return strings_.offsets(); }
  // Takes a whole arena (load, compaction) and indexes every slot not marked dead.
  void assign(std::string arena, std::vector<uint64_t> offsets, const std::vector<uint8_t>& live) {
    strings_.assign(std::move(arena), std::move(offsets), live);
  }
  size_t memory_bytes() const { return strings_.memory_bytes(); }

 private:
  StringTable strings_;
};

}  // namespace warta
