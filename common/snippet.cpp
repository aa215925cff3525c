#include "snippet.hpp"

#include <algorithm>
#include <unordered_map>

#include "schema.hpp"

namespace depeche {
namespace {

const std::string kEllipsis = "\xE2\x80\xA6";  // …

bool in_ranges(const Token& t, const std::vector<ByteRange>& ranges) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&t](const ByteRange& r) { return t.start >= r.first && t.end <= r.second; });
}

// schema::make_term(prefix, value) into a reused buffer: a word of a
// dispatch costs no allocation unless it is over Xapian's term limit.
void term_of(std::string& out, std::string_view prefix, std::string_view value) {
    if (prefix.size() + value.size() <= schema::kMaxTermBytes)
        out.assign(prefix).append(value);
    else
        out = schema::make_term(prefix, value);
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens, const SnippetMarks& marks,
                     std::size_t max_bytes) {
    // The "word" a token matched as: its folded form, its stem term, its
    // phrase, or the entity range it lies in; interned, so that a token costs
    // no allocation and a window counts its distinct words without a set.
    constexpr int kNone = -1;
    std::vector<int> matched(tokens.size(), kNone);
    std::unordered_map<std::string, int> ids;
    auto intern = [&ids](std::string word) {
        return ids.emplace(std::move(word), static_cast<int>(ids.size())).first->second;
    };
    std::string term;  // reused for every lookup
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        term_of(term, "", t.folded);
        if (marks.terms.count(term)) {
            matched[i] = intern(t.folded);
            continue;
        }
        if (!t.stem.empty()) {
            term_of(term, schema::kStem, t.stem);
            if (marks.terms.count(term)) {
                matched[i] = intern("Z" + t.stem);
                continue;
            }
        }
        if (in_ranges(t, marks.ranges)) matched[i] = intern("@" + t.folded);
    }
    for (const auto& phrase : marks.phrases) {
        if (phrase.empty()) continue;
        int id = kNone;
        for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
            std::size_t k = 0;
            while (k < phrase.size() && tokens[i + k].folded == phrase[k]) ++k;
            if (k < phrase.size()) continue;
            if (id == kNone) id = intern("\"" + phrase.front());
            for (k = 0; k < phrase.size(); ++k) matched[i + k] = id;
        }
    }
    // Window [first, last] of tokens within max_bytes with the most distinct
    // matches (ties: the most matches, then the earliest).
    std::size_t best_first = 0, best_last = 0;
    int best_score = -1;
    std::vector<std::size_t> seen_in(ids.size(), tokens.size());  // the window (by `first`) that saw a word
    for (std::size_t first = 0; first < tokens.size(); ++first) {
        if (matched[first] == kNone && first != 0) continue;
        // Start a few words before the match, for context.
        std::size_t from = first;
        for (int back = 0; back < 4 && from > 0 && tokens[first].start - tokens[from - 1].elided_start < max_bytes / 4;
             ++back)
            --from;
        int distinct = 0, count = 0;
        std::size_t last = from;
        for (std::size_t j = from; j < tokens.size() && tokens[j].end - tokens[from].elided_start <= max_bytes; ++j) {
            last = j;
            if (matched[j] != kNone) {
                if (seen_in[matched[j]] != first) {
                    seen_in[matched[j]] = first;
                    ++distinct;
                }
                ++count;
            }
        }
        const int score = distinct * 1000 + count;
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
        if (matched[i] == kNone) continue;
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
