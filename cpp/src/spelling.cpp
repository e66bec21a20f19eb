#include "warta/spelling.hpp"

#include <algorithm>
#include <xxhash.h>

namespace warta {
namespace {

uint64_t key_of(std::string_view s) { return XXH3_64bits_withSeed(s.data(), s.size(), 0x5EC7); }

// The word and each string made by deleting one byte of it: two words one edit apart
// always share one of these keys.
std::vector<uint64_t> deletion_keys(std::string_view w) {
  std::vector<uint64_t> keys{key_of(w)};
  std::string buf;
  for (size_t i = 0; i < w.size(); ++i) {
    buf.assign(w.substr(0, i));
    buf.append(w.substr(i + 1));
    keys.push_back(key_of(buf));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() != b.size()) return a.substr(i) == b.substr(i + 1);  // one insertion
  if (i == a.size()) return false;                                   // identical
  if (a.substr(i + 1) == b.substr(i + 1)) return true;               // one substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

WordCounts::WordCounts() : slots_(1024) {}

void WordCounts::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  used_ = 0;
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.hash) continue;
    size_t i = s.hash & mask;
    while (slots_[i].hash) i = (i + 1) & mask;
    slots_[i] = s;
    ++used_;
  }
}

void WordCounts::add(uint64_t hash, uint32_t docs, std::string_view text) {
  if (!hash) hash = 1;
  if (2 * (used_ + 1) > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].hash && slots_[i].hash != hash) i = (i + 1) & mask;
  Slot& slot = slots_[i];
  if (!slot.hash) {
    slot.hash = hash;
    slot.offset = static_cast<uint32_t>(arena_.size());
    slot.length = static_cast<uint32_t>(text.size());
    arena_.append(text);
    ++used_;
  }
  slot.docs += docs;
}

uint32_t WordCounts::docs(uint64_t hash) const {
  if (!hash) hash = 1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].hash; i = (i + 1) & mask)
    if (slots_[i].hash == hash) return slots_[i].docs;
  return 0;
}

void WordCounts::add_document(const TokenList& tokens, const std::vector<uint64_t>& word_hashes) {
  std::vector<std::pair<uint64_t, uint32_t>> distinct;
  distinct.reserve(word_hashes.size());
  for (size_t i = 0; i < word_hashes.size(); ++i)
    if (tokens.bounds[i + 1] - tokens.bounds[i] >= kMinWordLength)  // shorter words are never corrected
      distinct.emplace_back(word_hashes[i], static_cast<uint32_t>(i));
  std::sort(distinct.begin(), distinct.end());
  for (size_t k = 0; k < distinct.size(); ++k)
    if (k == 0 || distinct[k - 1].first != distinct[k].first)  // once per document
      add(distinct[k].first, 1, tokens.token(distinct[k].second));
}

void WordCounts::merge(const WordCounts& other) {
  other.for_each([&](const Word& w) { add(w.hash, w.docs, w.text); });
}

void SpellingMap::grow() {
  std::vector<Entry> old;
  old.swap(slots_);
  const size_t capacity = old.empty() ? 64 : old.size() * 2;
  slots_.assign(capacity, Entry{});
  mask_ = capacity - 1;
  shift_ = 64 - __builtin_ctzll(capacity);
  used_ = 0;
  for (const Entry& e : old)
    if (e.word != kFree) set(e.word, e.canonical);
}

void SpellingMap::set(uint64_t word_hash, uint64_t canonical_hash) {
  if (word_hash == kFree) return;
  if (2 * (used_ + 1) > slots_.size()) grow();
  for (size_t i = home(word_hash);; i = (i + 1) & mask_) {
    Entry& e = slots_[i];
    if (e.word == word_hash || e.word == kFree) {
      used_ += e.word == kFree;
      e = {word_hash, canonical_hash};
      return;
    }
  }
}

void SpellingMap::erase(uint64_t word_hash) {
  if (used_ == 0 || word_hash == kFree) return;
  size_t i = home(word_hash);
  while (slots_[i].word != word_hash) {
    if (slots_[i].word == kFree) return;
    i = (i + 1) & mask_;
  }
  // Backward-shift deletion: later entries of the probe run move up into the gap, so a
  // lookup can still stop at the first free slot.
  for (size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
    if (slots_[j].word == kFree) break;
    const size_t want = home(slots_[j].word);
    // slots_[j] may fill the gap at i unless its home lies cyclically in (i, j]
    const bool stays = i <= j ? (i < want && want <= j) : (i < want || want <= j);
    if (!stays) {
      slots_[i] = slots_[j];
      i = j;
    }
  }
  slots_[i] = Entry{};
  --used_;
}

SpellingMap SpellingMap::build(const WordCounts& counts, size_t min_length) {
  struct Word {
    uint64_t hash;
    uint32_t docs;
    std::string_view text;
  };
  std::vector<Word> common, rare;
  counts.for_each([&](const WordCounts::Word& w) {
    if (w.text.size() >= min_length) (w.docs >= 2 ? common : rare).push_back({w.hash, w.docs, w.text});
  });
  // (deletion key, common word) pairs, sorted so each key's words form one run.
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(common.size() * 9);
  for (uint32_t w = 0; w < common.size(); ++w)
    for (uint64_t key : deletion_keys(common[w].text)) keyed.emplace_back(key, w);
  std::sort(keyed.begin(), keyed.end());

  SpellingMap out;
  for (const Word& r : rare) {
    const Word* best = nullptr;
    for (uint64_t key : deletion_keys(r.text)) {
      auto lo = std::lower_bound(keyed.begin(), keyed.end(), std::make_pair(key, uint32_t{0}));
      for (auto it = lo; it != keyed.end() && it->first == key; ++it) {
        const Word& c = common[it->second];
        // the most common neighbour wins; ties go to the smaller hash, so the map does not
        // depend on hash-table order
        const bool better = !best || c.docs > best->docs || (c.docs == best->docs && c.hash < best->hash);
        if (better && one_edit_apart(r.text, c.text)) best = &c;
      }
    }
    if (best) out.set(r.hash, best->hash);
  }
  return out;
}

}  // namespace warta
