// Site chrome detection. A line repeated in many documents is not enough: a press release
// republished by sixty sites repeats its paragraphs as often as a site repeats its footer.
// The difference is what surrounds the line: chrome sits in documents about different
// stories, a story's paragraph sits in copies of that story. So a line is boilerplate when
// it occurs in at least `min_docs` documents AND the documents sampled among them are
// mostly not near-duplicates of each other (median pairwise MinHash similarity of their
// full texts below `story_similarity`).
#pragma once

#include <cstdint>
#include <functional>
#include <unordered_set>
#include <vector>

namespace warta {

struct BoilerplateOptions {
  uint32_t min_docs = 3;
  double story_similarity = 0.5;
  void validate() const;  // min_docs >= 2, story_similarity in [0, 1]
};

// The lines of a batch of documents, in the order the documents were added, before they
// are counted into LineStats (LineStats::plus).
class LineBatch {
 public:
  // Takes each distinct non-zero line hash of document `doc` once. Documents must be added
  // in a fixed order (input order) so the sampled documents are deterministic.
  void add(uint32_t doc, const std::vector<uint64_t>& line_hashes);

 private:
  friend class LineStats;
  struct Seen {
    uint64_t line;
    uint32_t doc;
    uint32_t order;  // which add() took it, so sorting by (line, order) keeps document order
  };
  std::vector<Seen> seen_;
  uint32_t documents_ = 0;  // add() calls so far
};

// For each line: the documents it occurs in, counted, and the first kSamples of them.
// Most lines occur in one document (a story's own paragraphs): those cost their hash and
// that document (12 bytes, in sorted arrays); the others their hash, count and samples (16
// bytes plus 4 per sample). A hash table of whole entries cost ~72 bytes a line.
class LineStats {
 public:
  static constexpr uint32_t kSamples = 8;

  LineStats() = default;
  explicit LineStats(LineBatch batch) : LineStats(LineStats().plus(std::move(batch))) {}

  // These statistics with the batch's documents counted after the ones counted already
  // (each line's samples: its earlier ones, then the batch's in the order they were added).
  // A new object, so a caller can drop it and keep the statistics it started from.
  LineStats plus(LineBatch batch) const;

  // The estimated Jaccard similarity of two documents counted (by the numbers given to add()).
  using Similarity = std::function<double(uint32_t doc_a, uint32_t doc_b)>;
  std::unordered_set<uint64_t> boilerplate(const Similarity& similarity, const BoilerplateOptions& options) const;

  size_t size() const { return once_line_.size() + many_.size(); }

  // One line: the documents counted, and the first `sampled` of them.
  struct Line {
    uint64_t hash;
    uint32_t docs;
    uint32_t sampled;
    const uint32_t* sample;
  };
  // Calls visit(const Line&) for every line, in increasing hash order.
  template <class Visit>
  void for_each(Visit&& visit) const;

  // Appends a line, as read back from a file: its hash must be above every line appended
  // before it (std::invalid_argument otherwise), sampled <= min(docs, kSamples).
  void append(uint64_t hash, uint32_t docs, const uint32_t* sample, uint32_t sampled);
  void shrink_to_fit();  // after the last append(): hand back what growing the arrays reserved
  // Renames every sampled document (an index names its batch's documents provisionally).
  void rename_samples(const std::function<uint32_t(uint32_t)>& rename);
  // The lines counted in at least `min_docs` documents.
  LineStats counted_in(uint32_t min_docs) const;
  size_t memory_bytes() const;

 private:
  struct Many {
    uint64_t hash;
    uint32_t docs;
    uint32_t sample_end;  // its samples are samples_[previous line's sample_end, sample_end)
  };
  const uint32_t* samples_of(size_t many, uint32_t& sampled) const;
  // Calls emit(const Line&) for every line of these statistics and the batch's (`seen`,
  // sorted by line, then order) together, in increasing hash order.
  template <class Emit>
  void merge(const std::vector<LineBatch::Seen>& seen, Emit&& emit) const;
  // The statistics of the lines `source(emit)` emits in increasing hash order (it is called
  // twice: once to size the arrays exactly, once to fill them).
  template <class Source>
  static LineStats built(Source&& source);
  void push(const Line& line);

  std::vector<uint64_t> once_line_;  // lines seen in one document, sorted
  std::vector<uint32_t> once_doc_;   // ... and that document
  std::vector<Many> many_;           // every other line, sorted by hash
  std::vector<uint32_t> samples_;
};

template <class Visit>
void LineStats::for_each(Visit&& visit) const {
  size_t o = 0, m = 0;
  while (o < once_line_.size() || m < many_.size()) {
    if (m == many_.size() || (o < once_line_.size() && once_line_[o] < many_[m].hash)) {
      visit(Line{once_line_[o], 1, 1, &once_doc_[o]});
      ++o;
    } else {
      uint32_t sampled = 0;
      const uint32_t* sample = samples_of(m, sampled);
      visit(Line{many_[m].hash, many_[m].docs, sampled, sample});
      ++m;
    }
  }
}

}  // namespace warta
