#include "warta/signature_store.hpp"

namespace warta {

SignatureStore::SignatureStore(size_t num_perm) : num_perm_(num_perm), shift_(0) {
  // About 2M values (4 MB) per block, at least one document.
  while ((size_t{2} << shift_) * num_perm_ <= (size_t{1} << 21)) ++shift_;
}

StoredValue* SignatureStore::append() {
  if ((size_ & (block_docs() - 1)) == 0 && (size_ >> shift_) == blocks_.size())
    blocks_.emplace_back(new StoredValue[block_docs() * num_perm_]);
  return (*this)[size_++];
}

void store_values(const uint32_t* signature, size_t n, StoredValue* out) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<StoredValue>(signature[i]);
}

std::vector<StoredValue> stored_values(const std::vector<uint32_t>& signatures) {
  std::vector<StoredValue> out(signatures.size());
  store_values(signatures.data(), signatures.size(), out.data());
  return out;
}

}  // namespace warta
