#include "warta/id_table.hpp"

#include <stdexcept>

namespace warta {

void IdTable::append(uint32_t slot, std::string_view id) {
  if (slot != strings_.size()) throw std::logic_error("IdTable::append: slots must be appended in order");
  strings_.append(id);
}

}  // namespace warta
