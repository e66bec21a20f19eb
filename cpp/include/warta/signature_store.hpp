// The signatures an index stores, one per document slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace warta {

// Signatures in fixed blocks, so a growing index never reallocates (and briefly doubles)
// hundreds of megabytes.
class SignatureStore {
 public:
  explicit SignatureStore(size_t num_perm);
  SignatureStore(const SignatureStore&) = delete;
  SignatureStore& operator=(const SignatureStore&) = delete;
  SignatureStore(SignatureStore&&) = default;
  SignatureStore& operator=(SignatureStore&&) = default;
  uint32_t* append();  // space for one more signature
  const uint32_t* operator[](size_t slot) const {
    return blocks_[slot >> shift_].get() + (slot & (block_docs() - 1)) * num_perm_;
  }
  uint32_t* operator[](size_t slot) { return blocks_[slot >> shift_].get() + (slot & (block_docs() - 1)) * num_perm_; }
  size_t size() const { return size_; }
  size_t num_perm() const { return num_perm_; }
  size_t block_docs() const { return size_t{1} << shift_; }
  size_t memory_bytes() const { return blocks_.size() * block_docs() * num_perm_ * sizeof(uint32_t); }
  void clear() {
    blocks_.clear();
    size_ = 0;
  }

 private:
  size_t num_perm_;
  unsigned shift_;  // documents per block = 2^shift_, about 8 MB per block
  size_t size_ = 0;
  std::vector<std::unique_ptr<uint32_t[]>> blocks_;
};

}  // namespace warta
