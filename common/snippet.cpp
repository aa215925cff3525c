#include "snippet.hpp"

#include <algorithm>

#include "schema.hpp"

namespace depeche {
namespace {

const std::string kEllipsis = "\xE2\x80\xA6";  // …

bool in_ranges(const Token& t, const std::vector<ByteRange>& ranges) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&t](const ByteRange& r) { return t.start >= r.first && t.end <= r.second; });
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens, const SnippetMarks& marks,
                     std::size_t max_bytes) {
    // The "word" a token matched as: its folded form, its stem term, its
    // phrase, or the entity range it lies in.
    std::vector<std::string> matched(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (marks.terms.count(schema::make_term("", t.folded)))
            matched[i] = t.folded;
        else if (!t.stem.empty() && marks.terms.count(schema::make_term(schema::kStem, t.stem)))
            matched[i] = "Z" + t.stem;
        else if (in_ranges(t, marks.ranges))
            matched[i] = "@" + t.folded;
    }
    for (const auto& phrase : marks.phrases) {
        if (phrase.empty()) continue;
        for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
            std::size_t k = 0;
            while (k < phrase.size() && tokens[i + k].folded == phrase[k]) ++k;
            if (k < phrase.size()) continue;
            for (k = 0; k < phrase.size(); ++k) matched[i + k] = "\"" + phrase.front();
        }
    }
    // Window [first, last] of tokens within max_bytes with the most distinct
    // matches (ties: the most matches, then the earliest).
    std::size_t best_first = 0, best_last = 0;
    int best_score = -1;
    for (std::size_t first = 0; first < tokens.size(); ++first) {
        if (matched[first].empty() && first != 0) continue;
        // Start a few words before the match, for context.
        std::size_t from = first;
        for (int back = 0; back < 4 && from > 0 && tokens[first].start - tokens[from - 1].elided_start < max_bytes / 4;
             ++back)
            --from;
        std::set<std::string> distinct;
        int count = 0;
        std::size_t last = from;
        for (std::size_t j = from; j < tokens.size() && tokens[j].end - tokens[from].elided_start <= max_bytes; ++j) {
            last = j;
            if (!matched[j].empty()) {
                distinct.insert(matched[j]);
                ++count;
            }
        }
        const int score = static_cast<int>(distinct.size()) * 1000 + count;
        if (score > best_score) {
            best_score = score;
            best_first = from;
            best_last = last;
        }
    }
    Snippet snippet;
    if (tokens.empty()) {
        snippet.text = std::string(text.substr(0, std::min(text.size(), max_bytes)));
        return snippet;
    }
    const std::size_t start = best_first == 0 ? 0 : tokens[best_first].elided_start;
    std::size_t end = tokens[best_last].end;
    // Keep the punctuation that closes the passage ("Londres." not "Londres").
    while (end < text.size() && end - start < max_bytes + 8 &&
           (text[end] == '.' || text[end] == '"' || text[end] == ')'))
        ++end;
    if (best_last + 1 == tokens.size()) end = text.size();
    const std::string prefix = start > 0 ? kEllipsis : "";
    snippet.text = prefix + std::string(text.substr(start, end - start)) + (end < text.size() ? kEllipsis : "");
    for (std::size_t i = best_first; i <= best_last; ++i) {
        if (matched[i].empty()) continue;
        const std::size_t s = tokens[i].start - start + prefix.size(), e = tokens[i].end - start + prefix.size();
        // Neighbouring matches separated by blanks only read as one: "[État islamique]".
        if (!snippet.highlights.empty() && snippet.text.find_first_not_of(" \t", snippet.highlights.back().second) >= s)
            snippet.highlights.back().second = e;
        else
            snippet.highlights.emplace_back(s, e);
    }
    return snippet;
}

}  // namespace depeche
