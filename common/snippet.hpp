#pragma once
// Snippets: the passage of a dispatch that best shows why it matched, with
// the matched words located by the analyser's byte offsets (so stems,
// accents and elisions highlight the words as written).

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer.hpp"

namespace depeche {

using ByteRange = std::pair<std::size_t, std::size_t>;  ///< [start, end) in bytes

struct Snippet {
    std::string text;                   ///< a passage of the dispatch, "…" where cut
    std::vector<ByteRange> highlights;  ///< byte ranges of `text`, in order, not overlapping
};

/// The passage of at most about `max_bytes` of `text` (tokens from
/// analyse(text)) that holds the most distinct matching words. A token
/// matches when its folded form or "Z" + its stem is in `terms` (Xapian
/// terms as the query matched them), or when it lies in one of `ranges`
/// (byte ranges of the text, e.g. entity mentions). With no match, the start
/// of the text.
Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens, const std::set<std::string>& terms,
                     const std::vector<ByteRange>& ranges, std::size_t max_bytes = 240);

}  // namespace depeche
