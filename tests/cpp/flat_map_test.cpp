// FlatMap, StringTable and WordCounts against the standard containers: random inserts,
// finds and erases through growth, with keys chosen so that many share a home bucket
// (long probe runs, backward shifts across them). Built with ASan and UBSan.
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "warta/flat_map.hpp"
#include "warta/word_counts.hpp"

namespace {

int failures = 0;

void check(bool ok, const char* what, int round, int op) {
  if (ok) return;
  if (failures++ < 10) std::printf("%s: round %d op %d differs from the reference\n", what, round, op);
}

// Keys whose mixed hash has `bits` low zero bits: they share a home bucket in every table
// of up to 2^bits buckets.
std::vector<uint64_t> colliding_keys(std::mt19937_64& rng, size_t n, int bits) {
  std::vector<uint64_t> keys;
  const warta::KeyMix mix;
  while (keys.size() < n) {
    const uint64_t k = rng();
    if ((mix(k) & ((uint64_t{1} << bits) - 1)) == 0) keys.push_back(k);
  }
  return keys;
}

void flat_map_against_unordered_map(std::mt19937_64& rng) {
  for (int round = 0; round < 60; ++round) {
    std::vector<uint64_t> keys;
    switch (round % 3) {
      case 0:  // dense small keys, and the same shifted into the high half (packed pairs)
        for (uint64_t k = 0; k < 1 + rng() % 3000; ++k) keys.push_back(rng() % 2 ? k : k << 32);
        break;
      case 1:
        keys = colliding_keys(rng, 1 + rng() % 600, 10);
        break;
      default:
        for (size_t i = 0; i < 5000; ++i) keys.push_back(rng());
    }
    warta::FlatMap<uint64_t> map;
    std::unordered_map<uint64_t, uint64_t> ref;
    const int ops = 20000;
    for (int op = 0; op < ops; ++op) {
      const uint64_t k = keys[rng() % keys.size()];
      switch (rng() % 4) {
        case 0:
        case 1: {  // grow faster than we erase
          const uint64_t v = rng();
          map[k] = v;
          ref[k] = v;
          break;
        }
        case 2:
          check(map.erase(k) == ref.erase(k), "FlatMap erase", round, op);
          break;
        default: {
          const auto it = map.find(k);
          const auto rt = ref.find(k);
          check((it == map.end()) == (rt == ref.end()) && (it == map.end() || it->second == rt->second), "FlatMap find",
                round, op);
        }
      }
      check(map.size() == ref.size(), "FlatMap size", round, op);
    }
    for (uint64_t k : keys) {
      const auto it = map.find(k);
      const auto rt = ref.find(k);
      check((it == map.end()) == (rt == ref.end()) && (it == map.end() || it->second == rt->second), "FlatMap final",
            round, ops);
    }
    size_t seen = 0;
    for (const auto& [k, v] : map) {
      ++seen;
      check(ref.count(k) && ref.at(k) == v, "FlatMap iteration", round, ops);
    }
    check(seen == ref.size(), "FlatMap iteration count", round, ops);
  }
}

// Strings whose XXH3 low bits agree, so they meet in one probe run and only their bytes tell
// them apart.
std::vector<std::string> colliding_strings(size_t n, int bits) {
  std::vector<std::string> out;
  for (uint64_t i = 0; out.size() < n; ++i) {
    std::string s = "w" + std::to_string(i);
    if ((warta::StringTable::hash(s) & ((uint64_t{1} << bits) - 1)) == 0) out.push_back(s);
  }
  return out;
}

void string_table_against_unordered_map(std::mt19937_64& rng) {
  const std::vector<std::string> colliding = colliding_strings(800, 9);
  for (int round = 0; round < 30; ++round) {
    std::vector<std::string> pool = colliding;
    if (round % 2)
      for (int i = 0; i < 3000; ++i) pool.push_back(std::string(rng() % 12, 'a' + static_cast<char>(rng() % 3)));
    pool.push_back("");
    warta::StringTable table;
    std::unordered_map<std::string, uint32_t> ref;  // indexed strings -> number
    std::vector<std::string> appended;
    for (int op = 0; op < 20000; ++op) {
      const std::string& s = pool[rng() % pool.size()];
      const auto rt = ref.find(s);
      switch (rng() % 3) {
        case 0: {
          const uint32_t n = table.intern(s);
          if (rt == ref.end()) {
            check(n == appended.size(), "StringTable intern numbers", round, op);
            ref[s] = n;
            appended.push_back(s);
          } else {
            check(n == rt->second, "StringTable intern", round, op);
          }
          break;
        }
        case 1:
          table.erase(s);
          if (rt != ref.end()) ref.erase(rt);
          break;
        default:
          check(table.find(s) == (rt == ref.end() ? warta::StringTable::kMissing : rt->second), "StringTable find",
                round, op);
      }
    }
    check(table.size() == appended.size(), "StringTable size", round, 0);
    for (size_t i = 0; i < appended.size(); ++i) check(table[i] == appended[i], "StringTable bytes", round, 0);
    // Reloading the arena with some strings left out indexes exactly the others.
    std::vector<uint8_t> indexed(appended.size());
    for (size_t i = 0; i < appended.size(); ++i) {
      const auto rt = ref.find(appended[i]);
      indexed[i] = rt != ref.end() && rt->second == i;
    }
    warta::StringTable loaded;
    loaded.assign(table.arena(), table.offsets(), indexed);
    for (const std::string& s : pool) {
      const auto rt = ref.find(s);
      check(loaded.find(s) == (rt == ref.end() ? warta::StringTable::kMissing : rt->second), "StringTable assign",
            round, 0);
    }
  }
}

void word_counts_against_unordered_map(std::mt19937_64& rng) {
  warta::WordCounts counts;
  std::unordered_map<uint64_t, std::pair<uint32_t, std::string>> ref;
  const std::vector<uint64_t> keys = colliding_keys(rng, 3000, 8);
  for (int op = 0; op < 30000; ++op) {
    uint64_t k = keys[rng() % keys.size()];
    if (op % 1000 == 0) k = 0;  // stored as 1, like saved indexes expect
    const std::string text = "word" + std::to_string(k % 977);
    const uint32_t docs = 1 + rng() % 3;
    counts.add(k, docs, text);
    auto& r = ref[k ? k : 1];
    if (r.first == 0) r.second = text;
    r.first += docs;
  }
  check(counts.size() == ref.size(), "WordCounts size", 0, 0);
  for (uint64_t k : keys) check(counts.docs(k) == (ref.count(k) ? ref[k].first : 0), "WordCounts docs", 0, 0);
  counts.for_each([&](const warta::WordCounts::Word& w) {
    check(ref.count(w.hash) && ref[w.hash].first == w.docs && ref[w.hash].second == w.text, "WordCounts for_each", 0, 0);
  });
}

}  // namespace

int main() {
  std::mt19937_64 rng(1);
  flat_map_against_unordered_map(rng);
  string_table_against_unordered_map(rng);
  word_counts_against_unordered_map(rng);
  if (failures) return 1;
  std::printf("ok\n");
  return 0;
}
