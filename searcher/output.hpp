#pragma once
// Rendering search results: text for people, JSON for scripts.

#include <string>

#include "search.hpp"

namespace depeche {

/// The JSON contract of depeche-search --json (see README.md), one line.
std::string render_json(const SearchResult& result);

/// Text for a terminal: numbered hits with snippets, then the facets.
/// `emphasis`: ANSI bold for highlights (a terminal), else [brackets].
std::string render_text(const SearchResult& result, bool emphasis);

/// One stored dispatch (--id), as JSON (the stored record) or text.
std::string render_dispatch_json(const StoredDispatch& dispatch);
std::string render_dispatch_text(const StoredDispatch& dispatch);

}  // namespace depeche
