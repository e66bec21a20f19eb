// The raw state of a DedupIndex, private to the index and its file format (store.cpp):
// what a file holds besides signatures, line statistics and word counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace warta {

struct IndexState {
  static constexpr uint8_t kFlagEmpty = 1;   // empty text: never matches
  static constexpr uint8_t kFlagMember = 2;  // a duplicate, member of its cluster
  std::vector<uint64_t> cluster;
  std::vector<uint8_t> flags;   // kFlagEmpty, kFlagMember
  std::vector<uint64_t> text_hash;  // XXH3-64 of each text's bytes, 0 = unknown (files before version 3)
  std::string id_arena;
  std::vector<uint64_t> id_offsets;
  uint64_t next_cluster = 0;
  uint64_t added = 0;
};

}  // namespace warta
