#include "warta/name_index.hpp"

#include <xxhash.h>

#include <algorithm>

namespace warta {

int allowed_typos(size_t length) { return length < 15 ? 1 : 1 + static_cast<int>((length - 5) / 10); }

int bounded_edit_distance(std::string_view a, std::string_view b, int max_distance) {
  if (a.size() > b.size()) std::swap(a, b);
  if (static_cast<int>(b.size() - a.size()) > max_distance) return max_distance + 1;
  std::vector<int> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = static_cast<int>(i);
  for (size_t j = 1; j <= b.size(); ++j) {
    int diagonal = row[0];
    row[0] = static_cast<int>(j);
    int row_min = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      const int up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
      row_min = std::min(row_min, row[i]);
    }
    if (row_min > max_distance) return max_distance + 1;  // every path already costs more
  }
  return std::min(row[a.size()], max_distance + 1);
}

Eigen::SparseVector<float> FuzzyNameIndex::trigrams(std::string_view text) const {
  // Padded with spaces so first and last letters weigh as much as inner ones.
  const std::string padded = " " + std::string(text) + " ";
  std::vector<int> dims;
  for (size_t i = 0; i + 3 <= padded.size(); ++i)
    dims.push_back(static_cast<int>(XXH3_64bits(padded.data() + i, 3) & (kDims - 1)));
  std::sort(dims.begin(), dims.end());
  Eigen::SparseVector<float> v(kDims);
  v.reserve(static_cast<Eigen::Index>(dims.size()));
  for (size_t i = 0; i < dims.size();) {
    size_t j = i;
    while (j < dims.size() && dims[j] == dims[i]) ++j;
    v.insertBack(dims[i]) = static_cast<float>(j - i);
    i = j;
  }
  const float norm = v.norm();
  if (norm > 0) v /= norm;
  return v;
}

void FuzzyNameIndex::add(std::string_view normalized_name, uint32_t payload) {
  names_.emplace_back(normalized_name);
  payloads_.push_back(payload);
}

void FuzzyNameIndex::build() {
  std::vector<Eigen::Triplet<float>> entries;
  for (size_t n = 0; n < names_.size(); ++n) {
    const Eigen::SparseVector<float> v = trigrams(names_[n]);
    for (Eigen::SparseVector<float>::InnerIterator it(v); it; ++it)
      entries.emplace_back(static_cast<int>(it.index()), static_cast<int>(n), it.value());
  }
  matrix_.resize(kDims, static_cast<Eigen::Index>(names_.size()));
  matrix_.setFromTriplets(entries.begin(), entries.end());
  matrix_.makeCompressed();
}

std::optional<FuzzyNameIndex::Hit> FuzzyNameIndex::lookup(std::string_view normalized, float min_similarity) const {
  if (names_.empty() || normalized.empty()) return std::nullopt;
  // cosine(name, query) for every name sharing a trigram: the query's rows of the matrix,
  // weighted and summed (a sparse row-vector times sparse-matrix product).
  const Eigen::SparseVector<float> query = trigrams(normalized);
  Eigen::SparseVector<float> scores = (query.transpose() * matrix_).transpose();
  const int bound = allowed_typos(normalized.size());
  std::optional<Hit> best;
  bool tie = false;
  for (Eigen::SparseVector<float>::InnerIterator it(scores); it; ++it) {
    if (it.value() < min_similarity) continue;
    const auto n = static_cast<size_t>(it.index());
    const int d = bounded_edit_distance(normalized, names_[n], bound);
    if (d > bound) continue;
    const Hit hit{payloads_[n], it.value(), d};
    if (!best || d < best->distance || (d == best->distance && hit.similarity > best->similarity + 1e-6f)) {
      best = hit;
      tie = false;
    } else if (d == best->distance && std::abs(hit.similarity - best->similarity) <= 1e-6f && hit.payload != best->payload) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

}  // namespace warta
