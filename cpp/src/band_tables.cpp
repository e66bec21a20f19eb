#include "warta/band_tables.hpp"

#include <stdexcept>
#include <xxhash.h>

namespace warta {

size_t BandTables::bucket(const StoredValue* sig, int band) const {
  const size_t rows = static_cast<size_t>(params_.rows);
  return XXH3_64bits_withSeed(sig + band * rows, rows * sizeof(StoredValue), static_cast<uint64_t>(band)) & mask_;
}

void BandTables::resize_heads(size_t docs) {
  // Load factor <= 2 per band: half the heads of one per document, for chains one entry
  // longer on average (a walk compares the band's rows, which stay in cache).
  size_t buckets = 1024;
  while (buckets * 2 < docs) buckets *= 2;
  mask_ = buckets - 1;
  heads_.assign(static_cast<size_t>(params_.bands) * buckets, kNone);
}

void BandTables::link(uint32_t slot, const SignatureStore& sigs) {
  const StoredValue* sig = sigs[slot];
  for (int band = 0; band < params_.bands; ++band) {
    uint32_t& head = heads_[band * (mask_ + 1) + bucket(sig, band)];
    next_[size_t{slot} * params_.bands + band] = head;
    head = slot;
  }
}

void BandTables::insert(uint32_t slot, const SignatureStore& sigs) {
  if (linked_.size() <= slot) {
    linked_.resize(slot + 1, 0);
    next_.resize(linked_.size() * params_.bands, kNone);
  }
  if (linked_[slot]) return;
  linked_[slot] = 1;
  ++linked_count_;
  if (heads_.empty() || linked_count_ > 2 * (mask_ + 1)) {
    rebuild(sigs, linked_);
    return;
  }
  link(slot, sigs);
}

void BandTables::erase(uint32_t slot, const SignatureStore& sigs) {
  if (slot >= linked_.size() || !linked_[slot]) return;
  const StoredValue* sig = sigs[slot];
  for (int band = 0; band < params_.bands; ++band) {
    uint32_t* link_to = &heads_[band * (mask_ + 1) + bucket(sig, band)];
    while (*link_to != slot && *link_to != kNone) link_to = &next_[size_t{*link_to} * params_.bands + band];
    if (*link_to == kNone) throw std::logic_error("BandTables::erase: slot missing from its chain");
    *link_to = next_[size_t{slot} * params_.bands + band];
  }
  linked_[slot] = 0;
  --linked_count_;
}

void BandTables::rebuild(const SignatureStore& sigs, const std::vector<uint8_t>& linked) {
  std::vector<uint8_t> keep(linked);  // `linked` may be linked_ itself
  linked_ = std::move(keep);
  linked_count_ = 0;
  for (uint8_t l : linked_) linked_count_ += l;
  next_.assign(linked_.size() * params_.bands, kNone);
  resize_heads(linked_count_);  // load factor <= 2; insert doubles the heads when it is exceeded
  for (size_t slot = 0; slot < linked_.size(); ++slot)
    if (linked_[slot]) link(static_cast<uint32_t>(slot), sigs);
}

}  // namespace warta
