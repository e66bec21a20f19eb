#include "warta/token_vocabulary.hpp"

namespace warta {

void TokenVocabulary::find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const {
  const size_t n = tokens.size();
  std::vector<uint64_t> hashes(n);
  for (size_t i = 0; i < n; ++i) hashes[i] = StringTable::hash(tokens.token(i));
  ids.resize(n);
  for (size_t i = 0; i < n; ++i) ids[i] = words_.find(tokens.token(i), hashes[i]) + 1;
}

std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary) {
  std::vector<uint32_t> ids;
  vocabulary.find_all(tokens, ids);
  return ids;
}

}  // namespace warta
