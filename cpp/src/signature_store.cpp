#include "warta/signature_store.hpp"

namespace warta {

SignatureStore::SignatureStore(size_t num_perm) : num_perm_(num_perm), shift_(0) {
  // About 2M values (8 MB) per block, at least one document.
  while ((size_t{2} << shift_) * num_perm_ <= (size_t{1} << 21)) ++shift_;
}

uint32_t* SignatureStore::append() {
  if ((size_ & (block_docs() - 1)) == 0 && (size_ >> shift_) == blocks_.size())
    blocks_.emplace_back(new uint32_t[block_docs() * num_perm_]);
  return (*this)[size_++];
}

}  // namespace warta
