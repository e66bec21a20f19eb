// Python forms of what a batch is given instead of learning it (warta.dask's statistics of the
// whole frame): readings as (words, canonical) hash arrays, chrome lines as a hash array.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "warta/batch_statistics.hpp"

namespace warta::bindings {

// Null for None.
std::shared_ptr<const SpellingMap> spelling_from(const pybind11::object& readings);
// Members null where the argument is None (learned from the batch then).
Learned learned_from(const pybind11::object& readings, const pybind11::object& chrome);

}  // namespace warta::bindings
