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

/// What a snippet marks: words (Xapian terms as the query matched them: a
/// token matches when its folded form or "Z" + its stem is one), phrases
/// (folded words, marked only where they occur whole and in order) and byte
/// ranges of the text (entity mentions, marked token by token).
struct SnippetMarks {
    std::set<std::string> terms;
    std::vector<std::vector<std::string>> phrases;
    std::vector<ByteRange> ranges;
};

/// The passage of at most about `max_bytes` of `text` (tokens from
/// analyse(text)) that holds the most distinct marks, with the marks as byte
/// ranges of the snippet. With no mark, the start of the text.
Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens, const SnippetMarks& marks,
                     std::size_t max_bytes = 240);

/// The same snippet as make_snippet(text, analyse(text), marks, max_bytes),
/// byte for byte, analysing only what can change it: the blocks (at least
/// 64 bytes, cut after a blank) whose folded bytes hold a marked word, a
/// phrase word or the stem_prefix of a marked stem, or that a byte range
/// touches, with the few words before each (where a passage may start); the
/// text's first token; the end of the passage chosen. A search hit's snippet
/// is made this way. Invalid UTF-8 is analysed whole.
Snippet make_snippet(std::string_view text, const SnippetMarks& marks, std::size_t max_bytes = 240);

/// The prefix that every folded word whose Snowball French stem is `stem`
/// starts with: the stem less its last two bytes (the first byte of a shorter
/// one). The stemmer edits only a word's end, never its first two letters,
/// and no edit leaves more than two bytes that differ from the word
/// ("chevaux" -> "cheval", "heureuse" -> "heureux", "publication" -> "publiqu").
std::string_view stem_prefix(std::string_view stem);

}  // namespace depeche
