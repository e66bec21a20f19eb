// IdTable (ids in an arena, 4-byte offsets, KeyChains over their hashes) against a
// std::unordered_map: appends through the chains' growth, erases, ids added again after
// their slot was removed, and a rebuild by assign(); and Offsets across 4 GiB boundaries
// (jumps of several at once included), which no test can reach with real ids. Built with
// ASan and UBSan.
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "warta/id_table.hpp"

namespace {

int failures = 0;

void check(bool ok, const char* what, int round) {
  if (ok) return;
  if (failures++ < 10) std::printf("%s: round %d differs from the reference\n", what, round);
}

void offsets_past_4_gib(std::mt19937_64& rng) {
  for (int round = 0; round < 20; ++round) {
    warta::Offsets offsets;
    std::vector<uint64_t> ref;
    uint64_t at = round % 2 ? (uint64_t{1} << 32) - 5 : 0;  // starting just below a boundary
    for (int i = 0; i < 3000; ++i) {
      switch (rng() % 8) {
        case 0:
          at += (rng() % 3) << 32;  // one id of several GiB (or none)
          break;
        case 1:
          at += uint64_t{1} << 31;
          break;
        default:
          at += rng() % 100;
      }
      offsets.push_back(at);
      ref.push_back(at);
    }
    bool same = offsets.size() == ref.size();
    for (size_t i = 0; same && i < ref.size(); ++i) same = offsets[i] == ref[i];
    check(same, "offsets", round);
  }
}

std::string id_of(std::mt19937_64& rng) {
  std::string id = "https://berita" + std::to_string(rng() % 50) + ".example/" + std::to_string(rng() % 5000);
  if (rng() % 10 == 0) id.clear();  // an empty id is an id too
  return id;
}

void ids_against_unordered_map(std::mt19937_64& rng) {
  for (int round = 0; round < 10; ++round) {
    warta::IdTable table;
    std::vector<std::string> ids;  // per slot
    std::vector<uint8_t> live;
    std::unordered_map<std::string, uint32_t> ref;  // live id -> slot
    for (int op = 0; op < 6000; ++op) {
      const std::string id = id_of(rng);
      const auto it = ref.find(id);
      check(table.find(id) == (it == ref.end() ? warta::IdTable::kMissing : it->second), "find", round);
      if (it == ref.end() && rng() % 3) {
        const auto slot = static_cast<uint32_t>(ids.size());
        table.append(slot, id);
        ids.push_back(id);
        live.push_back(1);
        ref[id] = slot;
      } else if (it != ref.end() && rng() % 2) {
        table.erase(it->second);
        live[it->second] = 0;
        ref.erase(it);
      }
    }
    bool same = table.size() == ids.size();
    for (size_t s = 0; same && s < ids.size(); ++s) same = table.id(static_cast<uint32_t>(s)) == ids[s];
    check(same, "ids by slot", round);
    // What a load or a compaction does: the whole arena, the live slots indexed.
    std::string arena;
    std::vector<uint64_t> offsets{0};
    for (const std::string& id : ids) offsets.push_back((arena += id).size());
    warta::IdTable loaded;
    loaded.assign(arena, offsets, live);
    for (const std::string& id : ids) {
      const auto it = ref.find(id);
      check(loaded.find(id) == (it == ref.end() ? warta::IdTable::kMissing : it->second), "find after assign", round);
    }
  }
}

}  // namespace

int main() {
  std::mt19937_64 rng(13);
  offsets_past_4_gib(rng);
  ids_against_unordered_map(rng);
  if (failures) {
    std::printf("%d checks failed\n", failures);
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
