#include "warta/minhash.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace warta {
namespace {

constexpr uint64_t kMersenne61 = (uint64_t{1} << 61) - 1;

inline uint64_t fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

inline uint32_t fmix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

// x mod (2^61 - 1) without division: 2^61 is 1 modulo the prime.
inline uint64_t mod_mersenne61(uint64_t x) {
  uint64_t r = (x & kMersenne61) + (x >> 61);
  return r >= kMersenne61 ? r - kMersenne61 : r;
}

// The inner loops run over permutations, so they vectorize; target_clones lets one binary
// use AVX2 where the CPU has it and stay portable where it does not.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define WARTA_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WARTA_VECTOR_CLONES
#endif

WARTA_VECTOR_CLONES
void legacy_update(uint64_t h, const uint64_t* a, const uint64_t* b, uint32_t* sig, size_t k) {
  for (size_t p = 0; p < k; ++p) {
    const uint32_t v = static_cast<uint32_t>(mod_mersenne61(a[p] * h + b[p]));
    sig[p] = std::min(sig[p], v);
  }
}

WARTA_VECTOR_CLONES
void affine32_update(uint32_t h, const uint32_t* a, const uint32_t* b, uint32_t* sig, size_t k) {
  for (size_t p = 0; p < k; ++p) sig[p] = std::min(sig[p], a[p] * h + b[p]);
}

}  // namespace

MinHasher::MinHasher(Scheme scheme, size_t num_perm, uint64_t seed, std::vector<uint64_t> a, std::vector<uint64_t> b)
    : scheme_(scheme), num_perm_(num_perm), seed_(seed), a64_(std::move(a)), b64_(std::move(b)) {
  if (num_perm_ < 1 || num_perm_ > kMaxNumPerm)
    throw std::invalid_argument("num_perm must be in [1, " + std::to_string(kMaxNumPerm) + "], got " + std::to_string(num_perm_));
  if (scheme_ == Scheme::OnePermutation) {
    salt_ = fmix64(seed_ ^ 0x6A09E667F3BCC909ULL);
    probes_.resize(num_perm_ * kProbes);
    for (size_t bin = 0; bin < num_perm_; ++bin)
      for (size_t p = 0; p < kProbes; ++p) probes_[bin * kProbes + p] = static_cast<uint16_t>(probe(bin, p + 1));
    return;
  }
  if (a64_.size() != num_perm_ || b64_.size() != num_perm_)
    throw std::invalid_argument("permutation parameters must have num_perm entries each");
  if (scheme_ == Scheme::Affine32) {
    a32_.assign(a64_.begin(), a64_.end());
    b32_.assign(b64_.begin(), b64_.end());
  }
}

size_t MinHasher::probe(size_t bin, uint64_t attempt) const {
  const uint64_t r = fmix64(salt_ + (uint64_t{bin} << 32) + attempt);
  return static_cast<size_t>((static_cast<unsigned __int128>(r) * num_perm_) >> 64);
}

namespace {

// Bit b of the result is set when hit[b] == 0, for the bins [first, first + 64) (fewer at the end).
inline uint64_t empty_bits(const uint8_t* hit, size_t first, size_t count) {
  uint64_t bits = 0;
  size_t b = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (; b + 16 <= count; b += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hit + first + b));
    bits |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)))) << b;
  }
#endif
  for (; b < count; ++b) bits |= static_cast<uint64_t>(hit[first + b] == 0) << b;
  return bits;
}

}  // namespace

void MinHasher::sign_one_permutation(const uint64_t* hashes, size_t n, uint32_t* out) const {
  const size_t k = num_perm_;
  std::fill(out, out + k, kEmptyHash);
  if (n == 0) return;
  // Which bins got a value, one byte each: a plain store per shingle (a bitset needs a
  // read-modify-write, chaining shingles through memory), read back 16 bins at a time.
  uint8_t hit[kMaxNumPerm];
  std::memset(hit, 0, k);
  const uint64_t salt = salt_;
  const uint16_t* probes = probes_.data();
  // bin = floor(x * k / 2^64): a shift when k is a power of two, the same value either way
  const bool pow2 = (k & (k - 1)) == 0;
  const int shift = 64 - __builtin_ctzll(k);
  auto put = [&](uint64_t x) {
    const size_t bin = pow2 ? (shift == 64 ? 0 : static_cast<size_t>(x >> shift))
                            : static_cast<size_t>((static_cast<unsigned __int128>(x) * k) >> 64);
    // branch-free minimum: whether a shingle lowers its bin is a coin flip, which a
    // branch mispredicts about half the time
    const uint32_t v = static_cast<uint32_t>(x), cur = out[bin];
    const uint32_t lower = 0u - static_cast<uint32_t>(v < cur);
    out[bin] = (v & lower) | (cur & ~lower);
    hit[bin] = 1;
  };
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {  // four independent mixes in flight
    const uint64_t x0 = fmix64(hashes[i] ^ salt), x1 = fmix64(hashes[i + 1] ^ salt);
    const uint64_t x2 = fmix64(hashes[i + 2] ^ salt), x3 = fmix64(hashes[i + 3] ^ salt);
    put(x0);
    put(x1);
    put(x2);
    put(x3);
  }
  for (; i < n; ++i) put(fmix64(hashes[i] ^ salt));
  // Optimal densification: an empty bin copies the bin found by its own probe sequence,
  // which depends only on (seed, bin, attempt), so two sets probe identically. The first
  // kProbes steps of every sequence are computed once per MinHasher. A set of 200 shingles
  // leaves a sixth of 128 bins empty, and whether a probe hits is as unpredictable as the
  // minimum above, so the first filled one among the cached probes is picked by selects.
  for (size_t first = 0; first < k; first += 64) {
    for (uint64_t empty = empty_bits(hit, first, std::min<size_t>(64, k - first)); empty; empty &= empty - 1) {
      const size_t bin = first + static_cast<size_t>(__builtin_ctzll(empty));
      const uint16_t* cached = probes + bin * kProbes;
      const size_t c0 = cached[0], c1 = cached[1];
      size_t src = hit[c1] ? c1 : k;
      src = hit[c0] ? c0 : src;
      for (size_t a = 2; a < kProbes && src == k; ++a)
        if (hit[cached[a]]) src = cached[a];
      for (uint64_t attempt = kProbes + 1; src == k; ++attempt) {
        const size_t p = probe(bin, attempt);
        if (hit[p]) src = p;
      }
      out[bin] = out[src];
    }
  }
}

template <class H>
void MinHasher::sign(const H* hashes, size_t n, uint32_t* out) const {
  std::fill(out, out + num_perm_, kEmptyHash);
  if (scheme_ == Scheme::DatasketchLegacy) {
    for (size_t i = 0; i < n; ++i)
      legacy_update(static_cast<uint32_t>(hashes[i]), a64_.data(), b64_.data(), out, num_perm_);
  } else {
    for (size_t i = 0; i < n; ++i)
      affine32_update(fmix32(static_cast<uint32_t>(hashes[i])), a32_.data(), b32_.data(), out, num_perm_);
  }
}

void MinHasher::sign64(const uint64_t* hashes, size_t n, uint32_t* out) const {
  if (scheme_ == Scheme::OnePermutation) return sign_one_permutation(hashes, n, out);
  sign(hashes, n, out);
}

void MinHasher::sign32(const uint32_t* hashes, size_t n, uint32_t* out) const {
  if (scheme_ == Scheme::OnePermutation) {
    std::vector<uint64_t> wide(hashes, hashes + n);
    return sign_one_permutation(wide.data(), n, out);
  }
  sign(hashes, n, out);
}

namespace {

template <class Value>
double equal_share(const Value* x, const Value* y, size_t num_perm) {
  size_t equal = 0;
  for (size_t p = 0; p < num_perm; ++p) equal += x[p] == y[p];
  return static_cast<double>(equal) / static_cast<double>(num_perm);
}

}  // namespace

double estimate_jaccard(const uint32_t* x, const uint32_t* y, size_t num_perm) { return equal_share(x, y, num_perm); }
double estimate_jaccard(const uint16_t* x, const uint16_t* y, size_t num_perm) { return equal_share(x, y, num_perm); }

void sign_sets(const MinHasher& hasher, const std::vector<HashSetView>& sets, uint32_t* out, int n_jobs,
               const InterruptCheck& interrupted) {
  const size_t k = hasher.num_perm();
  parallel_for(
      sets.size(), n_jobs,
      [&](size_t i) {
        const HashSetView& set = sets[i];
        if (set.wide) hasher.sign64(static_cast<const uint64_t*>(set.data), set.size, out + i * k);
        else hasher.sign32(static_cast<const uint32_t*>(set.data), set.size, out + i * k);
      },
      interrupted);
}

}  // namespace warta
