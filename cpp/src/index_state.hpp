// The raw state of a DedupIndex, private to the index and its file format (store.cpp):
// what a file holds besides signatures, line statistics and word counts.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "warta/index.hpp"

namespace warta {

struct IndexState {
  static constexpr uint8_t kFlagEmpty = 1;   // empty text: never matches
  static constexpr uint8_t kFlagMember = 2;  // a duplicate, member of its cluster
  static constexpr uint8_t kFlagDead = 4;    // removed (a segment written before the removal holds it)
  std::vector<uint64_t> cluster;
  std::vector<uint8_t> flags;   // kFlagEmpty, kFlagMember, kFlagDead
  std::vector<uint64_t> text_hash;  // XXH3-64 of each text's bytes, 0 = unknown (files before version 3)
  std::string id_arena;
  std::vector<uint64_t> id_offsets;
  // Per document; empty (files before segments): undated, rank 0, batch 0, nothing matched.
  std::vector<int64_t> date;
  std::vector<float> rank;
  std::vector<uint32_t> batch;
  std::vector<uint32_t> matched;
  std::vector<float> match_sim;
  // Per document with measure Story (empty otherwise).
  std::vector<uint32_t> shingles;
  std::vector<uint32_t> number_end;
  std::vector<uint32_t> numbers;
  std::vector<std::pair<uint64_t, uint64_t>> merged;  // absorbed cluster -> the cluster it joined
  std::vector<IndexEvent> events;
  uint64_t next_cluster = 0;
  uint64_t added = 0;
  uint32_t batches = 0;
  int64_t newest = kUndated;
};

}  // namespace warta
