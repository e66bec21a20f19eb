#include "warta/id_table.hpp"

#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "warta/growth.hpp"

namespace warta {

uint32_t Offsets::high_from(size_t i) const {
  const auto after = std::upper_bound(high_.begin(), high_.end(), i,
                                      [](size_t at, const std::pair<size_t, uint32_t>& h) { return at < h.first; });
  return std::prev(after)->second;  // operator[]: i is at or after the first change
}

void Offsets::push_back(uint64_t offset) {
  const auto high = static_cast<uint32_t>(offset >> 32);
  if (high != (high_.empty() ? 0 : high_.back().second)) high_.emplace_back(low_.size(), high);
  grow_for(low_, 1);
  low_.push_back(static_cast<uint32_t>(offset));
}

void Offsets::clear() {
  low_.clear();
  high_.clear();
}

uint64_t IdTable::hash(std::string_view id) { return XXH3_64bits(id.data(), id.size()); }

uint32_t IdTable::find(std::string_view id) const {
  const int64_t slot = index_.first(hash(id), [&](uint32_t s) { return this->id(s) == id; });
  return slot < 0 ? kMissing : static_cast<uint32_t>(slot);
}

void IdTable::append(uint32_t slot, std::string_view id) {
  if (slot != size()) throw std::logic_error("IdTable::append: slots must be appended in order");
  grow_for(arena_, id.size());
  arena_.append(id.data(), id.size());
  ends_.push_back(arena_.size());
  index_.insert(slot, hash(id), [&](uint32_t s) { return hash(this->id(s)); });
}

void IdTable::erase(uint32_t slot) { index_.erase(slot, hash(id(slot))); }

void IdTable::assign(std::string arena, const std::vector<uint64_t>& offsets, const std::vector<uint8_t>& live) {
  arena_ = std::move(arena);
  arena_.shrink_to_fit();  // an arena read from several segments, or compacted, grew by doubling
  ends_.clear();
  ends_.reserve(offsets.size() - 1);
  for (size_t i = 1; i < offsets.size(); ++i) ends_.push_back(offsets[i]);
  ends_.shrink_to_fit();
  index_.rebuild(live, [&](uint32_t s) { return hash(id(s)); });
}

}  // namespace warta
