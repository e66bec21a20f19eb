#include "warta/provenance.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "warta/growth.hpp"

namespace warta {

void Provenance::append(uint32_t batch, uint32_t matched, float similarity) {
  if (size_ >= kNoSlot) throw std::length_error("provenance holds 2^32 - 1 documents at most");
  const auto slot = static_cast<uint32_t>(size_++);
  if (runs_.empty() || runs_.back().batch != batch) {
    grow_for(runs_, 1);
    runs_.push_back({slot, batch});
  }
  if (matched == kNoSlot && similarity == 0.0f) return;
  grow_for(matches_, 1);
  matches_.push_back({slot, matched, similarity});
}

uint32_t Provenance::batch(uint32_t slot) const {
  const auto after = std::upper_bound(runs_.begin(), runs_.end(), slot,
                                      [](uint32_t s, const Run& r) { return s < r.first; });
  return after == runs_.begin() ? 0 : std::prev(after)->batch;
}

const Provenance::Match* Provenance::match(uint32_t slot) const {
  const auto it = std::lower_bound(matches_.begin(), matches_.end(), slot,
                                   [](const Match& m, uint32_t s) { return m.slot < s; });
  return it != matches_.end() && it->slot == slot ? &*it : nullptr;
}

uint32_t Provenance::matched(uint32_t slot) const {
  const Match* m = match(slot);
  return m ? m->matched : kNoSlot;
}

float Provenance::similarity(uint32_t slot) const {
  const Match* m = match(slot);
  return m ? m->similarity : 0.0f;
}

void Provenance::clear() {
  size_ = 0;
  runs_.clear();
  matches_.clear();
}

void Provenance::shrink_to_fit() {
  runs_.shrink_to_fit();
  matches_.shrink_to_fit();
}

}  // namespace warta
