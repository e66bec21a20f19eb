// Where each stored document of an index came from: the add_batch it came in and the stored
// document it matched best when it was stored, with their similarity. Batches only grow
// with the slots, and most documents match nothing, so both are kept sparse: a record per
// batch and one per document that matched, ~1 to 6 bytes per document instead of 12.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace warta {

class Provenance {
 public:
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;

  // Records slot size() (slots are appended in order).
  void append(uint32_t batch, uint32_t matched, float similarity);
  uint32_t batch(uint32_t slot) const;
  uint32_t matched(uint32_t slot) const;  // kNoSlot: none
  float similarity(uint32_t slot) const;  // 0 when it matched none
  size_t size() const { return size_; }
  void clear();
  void shrink_to_fit();
  size_t memory_bytes() const { return runs_.capacity() * sizeof(Run) + matches_.capacity() * sizeof(Match); }

 private:
  struct Run {  // slots from `first` on came in `batch`
    uint32_t first;
    uint32_t batch;
  };
  struct Match {
    uint32_t slot;
    uint32_t matched;  // kNoSlot when that document was removed since (its similarity stays)
    float similarity;
  };
  const Match* match(uint32_t slot) const;

  size_t size_ = 0;
  std::vector<Run> runs_;        // ascending first
  std::vector<Match> matches_;   // ascending slot
};

}  // namespace warta
