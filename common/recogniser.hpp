#pragma once
// Named entities in French dispatches: people, places, organisations.
// Dates live in dates.hpp; `recognise_entities` returns all four kinds.

#include <string_view>
#include <vector>

#include "analyzer.hpp"
#include "dates.hpp"
#include "entity.hpp"
#include "lexicon.hpp"

namespace depeche {

/// People, places and organisations in `text` (tokens from `analyse(text)`),
/// each with its canonical name and every mention, coreference resolved within
/// the text ("Philip Hammond" ... "M. Hammond" -> one person "Philip Hammond").
/// Entities are sorted by kind then by first mention. Thread-safe.
std::vector<Entity> recognise_names(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons);

/// Names and dates together: recognise_names plus find_dates grouped by value
/// (one Entity of kind date per distinct value).
std::vector<Entity> recognise_entities(std::string_view text, const std::vector<Token>& tokens,
                                       const Lexicons& lexicons, const PartialDate& published);

/// `names` (from any recogniser of names) with the dates of `text` added,
/// grouped by value; where two mentions overlap the longer stays ("Pâques"
/// the date over a name), and an entity left without mentions goes. Sorted
/// by kind, then first mention.
std::vector<Entity> with_dates(std::vector<Entity> names, std::string_view text, const std::vector<Token>& tokens,
                               const PartialDate& published);

}  // namespace depeche
