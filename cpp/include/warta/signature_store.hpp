// The signatures an index stores, one per document slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace warta {

// What an index keeps of each MinHash value: its low 16 bits (b-bit MinHash with b = 16),
// half the memory of the full values. Two different values share their low 16 bits with
// probability 2^-16, which raises an estimate by at most 2^-16 (1 - J): 128 values hold one
// spurious agreement in ~500 pairs, and LSH bands of two or more rows stay as selective.
using StoredValue = uint16_t;

// The stored form of a signature (`n` values).
void store_values(const uint32_t* signature, size_t n, StoredValue* out);
std::vector<StoredValue> stored_values(const std::vector<uint32_t>& signatures);

// Signatures in fixed blocks, so a growing index never reallocates (and briefly doubles)
// hundreds of megabytes.
class SignatureStore {
 public:
  explicit SignatureStore(size_t num_perm);
  SignatureStore(const SignatureStore&) = delete;
  SignatureStore& operator=(const SignatureStore&) = delete;
  SignatureStore(SignatureStore&&) = default;
  SignatureStore& operator=(SignatureStore&&) = default;
  StoredValue* append();  // space for one more signature
  const StoredValue* operator[](size_t slot) const {
    return blocks_[slot >> shift_].get() + (slot & (block_docs() - 1)) * num_perm_;
  }
  StoredValue* operator[](size_t slot) {
    return blocks_[slot >> shift_].get() + (slot & (block_docs() - 1)) * num_perm_;
  }
  size_t size() const { return size_; }
  size_t num_perm() const { return num_perm_; }
  size_t block_docs() const { return size_t{1} << shift_; }
  size_t memory_bytes() const { return blocks_.size() * block_docs() * num_perm_ * sizeof(StoredValue); }
  void clear() {
    blocks_.clear();
    size_ = 0;
  }

 private:
  size_t num_perm_;
  unsigned shift_;  // documents per block = 2^shift_, about 4 MB per block
  size_t size_ = 0;
  std::vector<std::unique_ptr<StoredValue[]>> blocks_;
};

}  // namespace warta
