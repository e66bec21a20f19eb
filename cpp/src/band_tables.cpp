#include "warta/band_tables.hpp"

#include <stdexcept>
#include <xxhash.h>

#include "warta/growth.hpp"

namespace warta {

size_t BandTables::bucket(const StoredValue* sig, int band) const {
  const size_t rows = static_cast<size_t>(params_.rows);
  return XXH3_64bits_withSeed(sig + band * rows, rows * sizeof(StoredValue), static_cast<uint64_t>(band)) & mask_;
}

void BandTables::resize_heads(size_t docs) {
  // Load factor <= kMaxLoad per band: a quarter of the heads of one per document (1 byte per
  // document and band instead of 4), for chains two or three entries longer on average: a
  // query walks ~60 more entries over its bands, a few microseconds.
  size_t buckets = 1024;
  while (buckets * kMaxLoad < docs) buckets *= 2;
  mask_ = buckets - 1;
  heads_.assign(static_cast<size_t>(params_.bands) * buckets, kNone);
  heads_.shrink_to_fit();
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
  const size_t bands = static_cast<size_t>(params_.bands);
  if (slots() <= slot) {
    grow_for(next_, (slot + 1 - slots()) * bands);
    next_.resize((size_t{slot} + 1) * bands, kUnlinked);
  }
  if (linked(slot)) return;
  ++linked_count_;
  if (heads_.empty() || linked_count_ > kMaxLoad * (mask_ + 1)) {
    std::vector<uint8_t> chained(slots());
    for (size_t s = 0; s < chained.size(); ++s) chained[s] = s == slot || linked(static_cast<uint32_t>(s));
    rebuild(sigs, chained);
    return;
  }
  link(slot, sigs);
}

void BandTables::erase(uint32_t slot, const SignatureStore& sigs) {
  if (!linked(slot)) return;
  const StoredValue* sig = sigs[slot];
  for (int band = 0; band < params_.bands; ++band) {
    uint32_t* link_to = &heads_[band * (mask_ + 1) + bucket(sig, band)];
    while (*link_to != slot && *link_to != kNone) link_to = &next_[size_t{*link_to} * params_.bands + band];
    if (*link_to == kNone) throw std::logic_error("BandTables::erase: slot missing from its chain");
    *link_to = next_[size_t{slot} * params_.bands + band];
  }
  next_[size_t{slot} * params_.bands] = kUnlinked;
  --linked_count_;
}

void BandTables::rebuild(const SignatureStore& sigs, const std::vector<uint8_t>& linked) {
  linked_count_ = 0;
  for (uint8_t l : linked) linked_count_ += l != 0;
  next_.assign(linked.size() * params_.bands, kUnlinked);
  next_.shrink_to_fit();  // fewer slots than before after a compaction
  resize_heads(linked_count_);  // insert doubles the heads when kMaxLoad is exceeded
  for (size_t slot = 0; slot < linked.size(); ++slot)
    if (linked[slot]) link(static_cast<uint32_t>(slot), sigs);
}

}  // namespace warta
