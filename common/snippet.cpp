#include "snippet.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "analyzer.hpp"

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

constexpr int kNone = -1;

// The tokens a snippet is made of, by reference: the lazy path gathers them
// from the runs it analysed without copying a Token (two strings each).
class TokenList {
public:
    TokenList() = default;
    explicit TokenList(const std::vector<Token>& tokens) {
        refs_.reserve(tokens.size());
        for (const Token& t : tokens) refs_.push_back(&t);
    }
    const Token& operator[](std::size_t i) const { return *refs_[i]; }
    std::size_t size() const { return refs_.size(); }
    bool empty() const { return refs_.empty(); }
    void clear() { refs_.clear(); }
    void reserve(std::size_t n) { refs_.reserve(n); }
    void push_back(const Token& t) { refs_.push_back(&t); }

private:
    std::vector<const Token*> refs_;
};

// The "word" each token matched as (kNone: none): its folded form, its stem
// term, its phrase, or the entity range it lies in; interned, so that a token
// costs no allocation and a window counts its distinct words without a set.
// gap_before[i] (empty: never) says that tokens of the text were left out just
// before tokens[i]: no phrase runs across. Returns the number of words.
std::size_t match_tokens(const TokenList& tokens, const std::vector<char>& gap_before, const SnippetMarks& marks,
                         std::vector<int>& matched) {
    matched.assign(tokens.size(), kNone);
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
            while (k < phrase.size() && (k == 0 || gap_before.empty() || !gap_before[i + k]) &&
                   tokens[i + k].folded == phrase[k])
                ++k;
            if (k < phrase.size()) continue;
            if (id == kNone) id = intern("\"" + phrase.front());
            for (k = 0; k < phrase.size(); ++k) matched[i + k] = id;
        }
    }
    return ids.size();
}

// The passage: tokens [from, last] within max_bytes of tokens[from], with
// the most distinct matches (ties: the most matches, then the earliest).
struct Window {
    std::size_t from = 0;
    std::size_t last = 0;
};

// Windows start at the first token and a few words before each match. A
// window's score needs only the matched tokens and the tokens just before
// each: tokens left out (unmatched ones, far from any match) change no score,
// only `last`, which the lazy path finds again.
Window best_window(const TokenList& tokens, const std::vector<int>& matched, std::size_t words, std::size_t max_bytes) {
    Window best;
    int best_score = -1;
    std::vector<std::size_t> seen_in(words, tokens.size());  // the window (by `first`) that saw a word
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
            best = {from, last};
        }
    }
    return best;
}

// The snippet of the passage from tokens[from] (the text's first token when
// `from` is 0) to `last`, which `last_of_text` says is the text's last token.
Snippet compose(std::string_view text, const TokenList& tokens, const std::vector<int>& matched, std::size_t from,
                const Token& last, bool last_of_text, std::size_t max_bytes) {
    Snippet snippet;
    const std::size_t start = from == 0 ? 0 : tokens[from].elided_start;
    std::size_t end = last.end;
    // Keep the punctuation that closes the passage ("Londres." not "Londres").
    while (end < text.size() && end - start < max_bytes + 8 &&
           (text[end] == '.' || text[end] == '"' || text[end] == ')'))
        ++end;
    if (last_of_text) end = text.size();
    const std::string prefix = start > 0 ? kEllipsis : "";
    snippet.text = prefix + std::string(text.substr(start, end - start)) + (end < text.size() ? kEllipsis : "");
    for (std::size_t i = from; i < tokens.size() && tokens[i].end <= last.end; ++i) {
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

// Lazy snippets. A text is cut into blocks of at least kBlockBytes, each
// starting after an ASCII blank and at a printable ASCII byte. ICU's word
// rules always break there (nothing joins a blank to what follows but
// another blank or a combining mark), and its iterator reads forward from a
// boundary, so analysing a run of whole blocks gives exactly the tokens
// analyse(text) gives there (positions aside, which snippets do not use);
// the test "lazy snippets equal the full analysis" checks it on corpus/.
constexpr std::size_t kBlockBytes = 64;

bool is_blank(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// The tokens of a block: a stretch of the run that analysed it.
struct TokenSpan {
    const Token* first = nullptr;
    const Token* last = nullptr;  // one past
    const Token* begin() const { return first; }
    const Token* end() const { return last; }
    bool empty() const { return first == last; }
    std::size_t size() const { return static_cast<std::size_t>(last - first); }
};

class LazyTokens {
public:
    explicit LazyTokens(std::string_view text) : text_(text) {
        // A block is at least kBlockBytes long: the next cut is looked for
        // from there on, not tested at every byte.
        cuts_.push_back(0);
        for (std::size_t p = kBlockBytes; p < text.size();) {
            if (is_blank(text[p - 1]) && text[p] > ' ' && text[p] < 0x7F) {
                cuts_.push_back(p);
                p += kBlockBytes;
            } else {
                ++p;
            }
        }
        cuts_.push_back(text.size());
        spans_.resize(blocks());
        done_.resize(blocks(), 0);
    }

    std::size_t blocks() const { return cuts_.size() - 1; }
    std::size_t start(std::size_t block) const { return cuts_[block]; }
    std::size_t end(std::size_t block) const { return cuts_[block + 1]; }
    /// The block holding byte `at` (the last one past the end).
    std::size_t block_of(std::size_t at) const {
        const auto it = std::upper_bound(cuts_.begin(), cuts_.end() - 1, at);
        return static_cast<std::size_t>(it - cuts_.begin()) - 1;
    }

    /// Analyses the blocks of [first, last] not analysed yet, each run of
    /// them in one call. A run's tokens stay where analyse put them (the
    /// vector moves into runs_, its elements do not): each block's are a
    /// stretch of them, in order.
    void analyse_blocks(std::size_t first, std::size_t last) {
        last = std::min(last, blocks() - 1);
        for (std::size_t k = first; k <= last;) {
            if (done_[k]) {
                ++k;
                continue;
            }
            std::size_t run_end = k;
            while (run_end + 1 <= last && !done_[run_end + 1]) ++run_end;
            const std::size_t offset = start(k);
            std::vector<Token> run = analyse(text_.substr(offset, end(run_end) - offset));
            const Token* t = run.data();
            const Token* const run_last = t + run.size();
            for (Token* u = run.data(); u != run_last; ++u) {
                u->start += offset;
                u->end += offset;
                u->elided_start += offset;
            }
            for (; k <= run_end; ++k) {
                const Token* from = t;
                while (t != run_last && t->elided_start < end(k)) ++t;
                spans_[k] = {from, t};
                done_[k] = 1;
            }
            runs_.push_back(std::move(run));
        }
    }

    bool done(std::size_t block) const { return done_[block] != 0; }
    TokenSpan tokens(std::size_t block) const { return spans_[block]; }

private:
    std::string_view text_;
    std::vector<std::size_t> cuts_;  // block k is [cuts_[k], cuts_[k + 1])
    std::vector<std::vector<Token>> runs_;
    std::vector<TokenSpan> spans_;
    std::vector<char> done_;
};

// out += fold(s), for valid UTF-8 s, cheaply: ASCII (most of a French
// text) is copied and lower-cased eight bytes at a time, and fold, which
// folds code point by code point, sees only the runs of other code points.
void append_fold(std::string& out, std::string_view s) {
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
        const char* run = p;
        std::uint64_t x = 0;
        while (end - p >= 8 && (std::memcpy(&x, p, 8), (x & kHigh) == 0)) p += 8;
        while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
        if (p > run) {
            const std::size_t at = out.size();
            out.append(run, static_cast<std::size_t>(p - run));
            char* c = &out[at];
            char* const stop = c + (p - run);
            for (; stop - c >= 8; c += 8) {
                // Each byte is below 0x80: adding 0x3F sets its high bit
                // from 'A' on, adding 0x25 from 'Z' + 1 on, with no carry
                // into the next byte; upper case letters get 0x20.
                std::memcpy(&x, c, 8);
                x |= ((x + 0x3F3F3F3F3F3F3F3FULL) & ~(x + 0x2525252525252525ULL) & kHigh) >> 2;
                std::memcpy(c, &x, 8);
            }
            for (; c < stop; ++c)
                if (*c >= 'A' && *c <= 'Z') *c = static_cast<char>(*c + ('a' - 'A'));
        }
        run = p;
        while (p < end && static_cast<unsigned char>(*p) >= 0x80) ++p;
        if (p > run) out += fold(std::string_view(run, static_cast<std::size_t>(p - run)));
    }
}

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool has_ascii_alnum(std::string_view s) {
    return std::any_of(s.begin(), s.end(), is_ascii_alnum);
}

}  // namespace

std::string_view stem_prefix(std::string_view stem) {
    return stem.substr(0, std::max<std::size_t>(stem.size(), 3) - 2);
}

Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens, const SnippetMarks& marks,
                     std::size_t max_bytes) {
    if (tokens.empty()) return {std::string(text.substr(0, std::min(text.size(), max_bytes))), {}};
    const TokenList list(tokens);
    std::vector<int> matched;
    const std::size_t words = match_tokens(list, {}, marks, matched);
    const Window best = best_window(list, matched, words, max_bytes);
    return compose(text, list, matched, best.from, tokens[best.last], best.last + 1 == tokens.size(), max_bytes);
}

Snippet make_snippet(std::string_view text, const SnippetMarks& marks, std::size_t max_bytes) {
    if (text.empty() || !is_valid_utf8(text)) return make_snippet(text, analyse(text), marks, max_bytes);
    LazyTokens lazy(text);
    const std::size_t blocks = lazy.blocks();

    // A token folds to a run of the folded bytes of its block (the analyser
    // folds code point by code point, as fold does), and every mark is a
    // prefix of the folded word it marks (up to the case of "I", see below):
    // a marked word, a phrase word, or the prefix of a marked stem. A block
    // whose folded bytes hold none holds no marked token. fold is code point
    // by code point and a block starts at an ASCII byte, so a block's folded
    // bytes are fold(block).
    std::string folded;
    std::vector<std::size_t> folded_at;  // where each block's folded bytes start
    folded.reserve(text.size() + text.size() / 8);
    folded_at.reserve(blocks + 1);
    for (std::size_t k = 0; k < blocks; ++k) {
        folded_at.push_back(folded.size());
        append_fold(folded, text.substr(lazy.start(k), lazy.end(k) - lazy.start(k)));
    }
    folded_at.push_back(folded.size());
    // One code point folds to an upper-case letter: "İ" (U+0130) to "I" (its
    // simple case folding is itself, its NFD "I" + U+0307), and the stemmer
    // lower-cases that "I" (Snowball marks vowels I, U, Y and lowers them
    // after): "İstanbul" folds to "Istanbul" and stems to "istanbul", whose
    // prefix is no prefix of the folded word. Where the text holds one, its
    // folded bytes are looked in with "I" as "i", and every key lower-cased;
    // elsewhere no folded byte is upper case, and a lower-cased key only finds
    // more. (The test "only İ folds to upper case" checks every code point.)
    if (text.find("\xC4\xB0") != std::string_view::npos) std::replace(folded.begin(), folded.end(), 'I', 'i');
    // Only ASCII letters and digits, and letters that fold to them (all
    // ALetter in UAX #29), fold to ASCII letters and digits, and ICU never
    // breaks a word between two of those (what lies between folds to nothing
    // only when WB4 ignores it): a key that starts a token with one is not
    // preceded by one, and a whole word that ends with one is not followed by
    // one (unless cut at kMaxWordBytes). A word that ends otherwise may be:
    // ICU breaks "中a" (Han, kana, Hangul, Thai are not ALetter) in two.
    // candidate[k]: 0 no mark can be in block k; else 1 + the tokens a
    // phrase found there may need on either side.
    std::vector<std::size_t> candidate(blocks, 0);
    std::size_t reach = 0;  // of the key being searched
    std::string key;        // the mark being searched, in ASCII lower case
    auto find_key = [&](std::string_view mark, bool whole) {
        if (mark.empty()) return;
        key.assign(mark);
        for (char& c : key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
        const bool alnum_first = is_ascii_alnum(key.front());
        whole = whole && is_ascii_alnum(key.back()) && key.size() + 4 < kMaxWordBytes;
        for (std::size_t at = folded.find(key); at != std::string::npos; at = folded.find(key, at + 1)) {
            const auto k =
                static_cast<std::size_t>(std::upper_bound(folded_at.begin(), folded_at.end(), at) - folded_at.begin()) -
                1;
            if (alnum_first && at > folded_at[k] && is_ascii_alnum(folded[at - 1])) continue;
            if (whole && at + key.size() < folded.size() && is_ascii_alnum(folded[at + key.size()])) continue;
            candidate[k] = std::max(candidate[k], reach + 1);
            if (k + 1 == blocks) break;
            at = folded_at[k + 1] - 1;  // the next block
        }
    };
    for (const std::string& term : marks.terms) {
        // Entity terms (other prefixes) are no folded word: not found, rightly.
        if (!term.empty() && term.front() == schema::kStem[0])
            find_key(stem_prefix(std::string_view(term).substr(1)), false);
        else
            find_key(term, true);
    }
    // A phrase is found by its words that are not stop words ("de" is in
    // every block): each block where one may stand is analysed with enough
    // blocks around it to hold the rest of the phrase.
    for (const auto& phrase : marks.phrases) {
        if (phrase.empty()) continue;
        reach = phrase.size() - 1;
        const bool all_stop = std::all_of(phrase.begin(), phrase.end(), [](const auto& w) { return is_stop_word(w); });
        for (const auto& word : phrase)
            if (all_stop || !is_stop_word(word)) find_key(word, true);
    }
    for (const ByteRange& r : marks.ranges)
        if (r.first < r.second && r.first < text.size())
            for (std::size_t k = lazy.block_of(r.first); k <= lazy.block_of(r.second - 1); ++k)
                candidate[k] = std::max<std::size_t>(candidate[k], 1);

    // The text's first token (a window starts there), and each block that
    // may hold a mark with the bytes before it where its window may start.
    for (std::size_t k = 0; k < blocks; ++k) {
        lazy.analyse_blocks(k, k);
        if (!lazy.tokens(k).empty()) break;
    }
    const std::size_t back = max_bytes / 4;
    auto with_context = [&](std::size_t at) {  // the tokens a window starting at byte `at` may start with
        lazy.analyse_blocks(lazy.block_of(at > back ? at - back : 0), lazy.block_of(at));
    };
    for (std::size_t k = 0; k < blocks; ++k) {
        if (!candidate[k]) continue;
        with_context(lazy.start(k));
        const std::size_t need = candidate[k] - 1;
        std::size_t before = 0, after = 0;
        for (std::size_t j = k; j-- > 0 && before < need;) {
            lazy.analyse_blocks(j, j);
            before += lazy.tokens(j).size();
        }
        for (std::size_t j = k + 1; j < blocks && after < need; ++j) {
            lazy.analyse_blocks(j, j);
            after += lazy.tokens(j).size();
        }
    }
    TokenList tokens;
    std::vector<char> gap_before;
    auto collect = [&] {  // the tokens analysed, in order
        // A stretch left out that holds a token breaks phrases. One with an
        // ASCII letter or digit surely does; any other is analysed, so gaps
        // are exact.
        for (std::size_t k = 0; k < blocks;) {
            if (lazy.done(k)) {
                ++k;
                continue;
            }
            std::size_t last = k;
            while (last + 1 < blocks && !lazy.done(last + 1)) ++last;
            if (!has_ascii_alnum(text.substr(lazy.start(k), lazy.end(last) - lazy.start(k))))
                lazy.analyse_blocks(k, last);
            k = last + 1;
        }
        tokens.clear();
        gap_before.clear();
        std::size_t count = 0;
        for (std::size_t k = 0; k < blocks; ++k) count += lazy.tokens(k).size();
        tokens.reserve(count);
        gap_before.reserve(count);
        bool gap = false;
        for (std::size_t k = 0; k < blocks; ++k) {
            if (!lazy.done(k)) {
                gap = true;
                continue;
            }
            for (const Token& t : lazy.tokens(k)) {
                tokens.push_back(t);
                gap_before.push_back(gap);
                gap = false;
            }
        }
    };
    collect();
    if (tokens.empty()) return make_snippet(text, std::vector<Token>{}, marks, max_bytes);  // a text without a word
    std::vector<int> matched;
    std::size_t words = match_tokens(tokens, gap_before, marks, matched);
    // A phrase's stop words lie in blocks analysed for the phrase only: a
    // window may start a few words before them too. Analysing those adds no
    // match (every match is in a block found above), so one more pass ends.
    bool more = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (matched[i] == kNone) continue;
        const std::size_t at = tokens[i].start;
        for (std::size_t k = lazy.block_of(at > back ? at - back : 0); k <= lazy.block_of(at); ++k)
            more = more || !lazy.done(k);
        with_context(at);
    }
    if (more) {
        collect();
        words = match_tokens(tokens, gap_before, marks, matched);
    }
    const Window best = best_window(tokens, matched, words, max_bytes);

    // The passage ends at the last token within max_bytes of its first: in
    // the block that holds that limit or one before it (the first token at
    // worst). It runs to the end of the text when no token follows it.
    const Token& from = tokens[best.from];
    const std::size_t limit = from.elided_start + max_bytes;
    const Token* last = &from;
    for (std::size_t k = lazy.block_of(limit); k + 1 > lazy.block_of(from.elided_start) && last == &from; --k) {
        lazy.analyse_blocks(k, k);
        const TokenSpan in = lazy.tokens(k);
        for (const Token* t = in.end(); t != in.begin();) {
            --t;
            if (t->end <= limit && t->start > from.start) {
                last = t;
                break;
            }
        }
        if (k == 0) break;
    }
    bool last_of_text = true;
    for (std::size_t k = lazy.block_of(last->start); k < blocks && last_of_text; ++k) {
        lazy.analyse_blocks(k, k);
        for (const Token& t : lazy.tokens(k))
            if (t.start > last->start) last_of_text = false;
    }
    return compose(text, tokens, matched, best.from, *last, last_of_text, max_bytes);
}

}  // namespace depeche
