// The options types and small enums, bound once. Each struct validates itself in C++
// (validate(), see warta/validate.hpp); Python fills one through python/warta/_options.py,
// so warta.dedup, warta.dask, DedupIndex, the linker and the CLI share every check.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <utility>

#include "warta/cluster.hpp"
#include "warta/dedup.hpp"
#include "warta/gazetteer.hpp"
#include "warta/index.hpp"
#include "warta/linker.hpp"
#include "warta/minhash.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

using Pair = std::pair<int, int>;
using Weights = std::pair<double, double>;

// bands as None (chosen from the threshold) or (b, r); weights and the boilerplate fields
// flattened to the names the Python functions take.
template <class Options, class Class>
void bind_matching_fields(Class& cls) {
  cls.def_property(
         "bands",
         [](const Options& o) -> std::optional<Pair> {
           if (o.bands.automatic()) return std::nullopt;
           return Pair{o.bands.bands, o.bands.rows};
         },
         [](Options& o, const std::optional<Pair>& b) { o.bands = b ? BandParams{b->first, b->second} : BandParams{}; })
      .def_property(
          "weights", [](const Options& o) { return Weights{o.fp_weight, o.fn_weight}; },
          [](Options& o, const Weights& w) { std::tie(o.fp_weight, o.fn_weight) = w; })
      .def_property(
          "min_docs", [](const Options& o) { return o.boilerplate.min_docs; },
          [](Options& o, uint32_t v) { o.boilerplate.min_docs = v; })
      .def_property(
          "story_similarity", [](const Options& o) { return o.boilerplate.story_similarity; },
          [](Options& o, double v) { o.boilerplate.story_similarity = v; })
      .def_readwrite("threshold", &Options::threshold)
      .def_readwrite("strip_boilerplate", &Options::strip_boilerplate)
      .def_readwrite("correct_typos", &Options::correct_typos)
      .def_readwrite("max_bucket", &Options::max_bucket)
      .def_readwrite("measure", &Options::measure)
      .def_readwrite("min_jaccard", &Options::min_jaccard)
      .def_readwrite("number_agreement", &Options::number_agreement);
}

void bind_enums(py::module_& m) {
  py::enum_<Scheme>(m, "Scheme")
      .value("oph", Scheme::OnePermutation)
      .value("datasketch", Scheme::DatasketchLegacy)
      .value("affine32", Scheme::Affine32);
  py::enum_<Keep>(m, "Keep").value("first", Keep::First).value("longest", Keep::Longest);
  py::enum_<KeepRule>(m, "KeepRule")
      .value("first", KeepRule::First)
      .value("longest", KeepRule::Longest)
      .value("earliest", KeepRule::Earliest)
      .value("rank", KeepRule::Rank);
  py::enum_<ClusterMode>(m, "ClusterMode").value("connected", ClusterMode::Connected).value("star", ClusterMode::Star);
  py::enum_<Measure>(m, "Measure").value("jaccard", Measure::Jaccard).value("story", Measure::Story);
  py::enum_<EntityType>(m, "EntityType")
      .value("person", EntityType::Person)
      .value("office", EntityType::Office)
      .value("organization", EntityType::Organization)
      .value("place", EntityType::Place);
  py::enum_<LexiconKind>(m, "LexiconKind")
      .value("title", LexiconKind::Title)
      .value("acting", LexiconKind::Acting)
      .value("honorific", LexiconKind::Honorific)
      .value("abbreviation", LexiconKind::Abbreviation)
      .value("subdivision", LexiconKind::Subdivision)
      .value("given_name", LexiconKind::GivenName);
}

}  // namespace

void register_options(py::module_& m) {
  bind_enums(m);

  py::class_<DedupOptions> dedup_options(m, "DedupOptions");
  dedup_options.def(py::init<>())
      .def_readwrite("exact", &DedupOptions::exact)
      .def_readwrite("refine_sigmas", &DedupOptions::refine_sigmas)
      .def_readwrite("keep", &DedupOptions::keep)
      .def_readwrite("cluster", &DedupOptions::cluster)
      .def_readwrite("n_jobs", &DedupOptions::n_jobs)
      .def_readwrite("opening_bonus", &DedupOptions::opening_bonus)  // needs the texts: batches only
      .def("validate", &DedupOptions::validate, py::arg("num_perm"));
  bind_matching_fields<DedupOptions>(dedup_options);

  py::class_<IndexParams> index_params(m, "IndexParams");
  index_params.def(py::init<>())
      .def_readwrite("ngram", &IndexParams::ngram)
      .def_readwrite("max_lines", &IndexParams::max_lines)
      .def_readwrite("max_words", &IndexParams::max_words)
      .def_readwrite("window", &IndexParams::window)
      .def("validate", &IndexParams::validate, py::arg("num_perm"));
  bind_matching_fields<IndexParams>(index_params);

  py::class_<LinkerOptions>(m, "LinkerOptions")
      .def(py::init<>())
      .def_readwrite("fuzzy", &LinkerOptions::fuzzy)
      .def_readwrite("fuzzy_min_similarity", &LinkerOptions::fuzzy_min_similarity)
      .def("validate", &LinkerOptions::validate);
}

}  // namespace warta::bindings
