#include "warta/flat_map.hpp"

#include <xxhash.h>

#include <stdexcept>

namespace warta {

uint64_t StringTable::hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

uint32_t StringTable::append(std::string_view s) {
  if (size() >= kMissing) throw std::length_error("a string table holds 2^32 - 1 strings at most");
  const auto number = static_cast<uint32_t>(size());
  const auto h = static_cast<uint32_t>(hash(s));
  arena_.append(s.data(), s.size());
  offsets_.push_back(arena_.size());
  index_.insert(Entry{h, number});
  return number;
}

uint32_t StringTable::intern(std::string_view s) {
  const uint32_t found = find(s);
  return found != kMissing ? found : append(s);
}

void StringTable::erase(std::string_view s) {
  const auto h = static_cast<uint32_t>(hash(s));
  index_.erase(Probe{s, h, this}, h);
}

void StringTable::assign(std::string arena, std::vector<uint64_t> offsets, const std::vector<uint8_t>& indexed) {
  arena_ = std::move(arena);
  offsets_ = std::move(offsets);
  index_.clear();
  size_t count = 0;
  for (uint8_t i : indexed) count += i;
  index_.reserve(count);
  for (size_t i = 0; i < indexed.size(); ++i)
    if (indexed[i]) index_.insert(Entry{static_cast<uint32_t>(hash((*this)[i])), static_cast<uint32_t>(i)});
}

}  // namespace warta
