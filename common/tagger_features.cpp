#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "recogniser.hpp"
#include "tagger.hpp"
#include "tagger_detail.hpp"

// The tagger's features: what each token looks like (shapes, affixes, the
// gap before it, its lexicon key), the lexicon and rule spans around it, and
// their hashes, one per feature template.

namespace depeche {

using namespace tagger_detail;

namespace {

// Feature hashes: a template number, then its parts separated by 0x1f.
class Sink {
public:
    Sink(std::vector<std::uint32_t>& out, std::uint32_t mask) : out_(out), mask_(mask) {}
    void add(std::uint8_t tmpl, std::string_view a = {}, std::string_view b = {}, std::string_view c = {}) {
        std::uint64_t h = kFnvOffset;
        h ^= tmpl;
        h *= kFnvPrime;
        h = fnv_bytes(h, a);
        h ^= 0x1f;
        h *= kFnvPrime;
        h = fnv_bytes(h, b);
        h ^= 0x1f;
        h *= kFnvPrime;
        h = fnv_bytes(h, c);
        // final mix (murmur3 fmix64) so that the low bits are well spread
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
        out_.push_back(static_cast<std::uint32_t>(h) & mask_);
    }

private:
    std::vector<std::uint32_t>& out_;
    std::uint32_t mask_;
};

// ------------------------------------------------------------ token views

// Word shape of a token: X upper, x lower, d digit, other characters as
// themselves (punctuation inside a token), at most 8 characters (long), and
// the same with runs collapsed (short).
void shapes(std::string_view text, std::string& longs, std::string& shorts) {
    longs.clear();
    shorts.clear();
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(text.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        char k;
        if (c < 0)
            k = '?';
        else if (u_isupper(c) || u_istitle(c))
            k = 'X';
        else if (u_isalpha(c))
            k = 'x';
        else if (u_isdigit(c))
            k = 'd';
        else
            k = c < 0x80 ? static_cast<char>(c) : '*';
        if (longs.size() < 8) longs.push_back(k);
        if (shorts.empty() || shorts.back() != k) shorts.push_back(k);
    }
}

// The first / last `n` characters (code points) of a UTF-8 string.
std::string_view prefix_chars(std::string_view s, int n) {
    std::size_t i = 0;
    for (int k = 0; k < n && i < s.size(); ++k) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return s.substr(0, i);
}
std::string_view suffix_chars(std::string_view s, int n) {
    std::size_t i = s.size();
    for (int k = 0; k < n && i > 0; ++k) {
        --i;
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    }
    return s.substr(i);
}

// The separator between two tokens, as a feature value: spaces dropped, a line
// break as "N", other characters kept (at most 6 bytes); "_" for only spaces
// and "" for none at all.
std::string gap_value(std::string_view gap) {
    std::string out;
    bool space = false;
    for (char c : gap) {
        if (c == '\n') {
            if (out.empty() || out.back() != 'N') out.push_back('N');
        } else if (is_space_byte(c)) {
            space = true;
        } else if (out.size() < 6) {
            out.push_back(c);
        }
    }
    if (out.empty() && space) out = "_";
    return out;
}

bool ends_sentence(std::string_view gap) {
    for (char c : gap)
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"') return true;
    return gap.find("\xC2\xBB") != std::string_view::npos || gap.find("\xE2\x80\x94") != std::string_view::npos;
}

// The lexicon key of one token: Token::folded with anything that is not a
// letter or digit as a space ("aujourd'hui" -> "aujourd hui").
std::string key_of(const Token& t) {
    std::string k;
    k.reserve(t.folded.size());
    bool pending = false;
    for (char c : t.folded) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !std::isalnum(u)) {
            pending = !k.empty();
            continue;
        }
        if (pending) k.push_back(' ');
        pending = false;
        k.push_back(c);
    }
    return k;
}

// Digits as 0: "1906" -> "0000".
std::string digits_as_zero(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= '0' && c <= '9') c = '0';
    return out;
}

struct TokenInfo {
    std::string f;        // folded, digits as 0
    std::string key;      // lexicon key
    std::string raw;      // as written
    std::string shape;    // long shape
    std::string sshape;   // short shape
    std::string gap;      // separator before (gap_value)
    std::string elision;  // "l", "d", "qu"...
    bool bos = false;     // first word of a sentence (or of the text)
    bool cap = false;
    bool caps = false;
    bool first_name = false;
    bool surname = false;
    bool common = false;
    int rule = 0;  // rule-based label
};

std::string elision_of(std::string_view text, const Token& t) {
    std::string out;
    for (std::size_t i = t.elided_start; i < t.start && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalpha(c)) out.push_back(static_cast<char>(std::tolower(c)));
    }
    return out;
}

}  // namespace

Tagger::Features Tagger::features(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lex,
                                  const std::vector<Entity>* rule_names) const {
    const std::size_t n = tokens.size();
    std::vector<TokenInfo> info(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Token& t = tokens[i];
        TokenInfo& x = info[i];
        x.f = digits_as_zero(t.folded);
        x.key = key_of(t);
        x.raw = digits_as_zero(t.text);
        shapes(t.text, x.shape, x.sshape);
        const std::size_t prev_end = i ? tokens[i - 1].end : 0;
        const std::size_t from = std::min(prev_end, t.elided_start);
        const std::string_view gap = text.substr(from, t.elided_start - from);
        x.gap = i ? gap_value(gap) : "^";
        x.bos = i == 0 || ends_sentence(gap);
        x.elision = elision_of(text, t);
        x.cap = t.capitalised;
        x.caps = t.all_caps;
        if (options_.lexicon_features) {
            x.first_name = lex.first_names.count(x.key) != 0;
            x.surname = lex.surnames.count(x.key) != 0;
            x.common = lex.common_words.count(x.key) != 0;
        }
    }
    if (options_.rule_features && n) {
        std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>> spans;
        std::vector<Entity> computed;
        if (!rule_names) {
            computed = ::depeche::recognise_names(text, tokens, lex);
            rule_names = &computed;
        }
        for (const Entity& e : *rule_names) {
            if (e.kind == EntityKind::date) continue;
            for (const Mention& m : e.mentions)
                if (!m.in_title) spans.push_back({{m.start, m.end}, e.kind});
        }
        const auto labels = labels_from_byte_spans(text, tokens, spans);
        for (std::size_t i = 0; i < n; ++i) info[i].rule = labels[i];
    }
    // Lexicon names over 1-4 tokens joined by nothing, spaces, hyphens or an
    // elision: (start, length, kind letter) per match.
    struct LexHit {
        std::size_t start, len;
        char kind;
        std::string place_kind;
    };
    std::vector<LexHit> hits;
    if (options_.lexicon_features) {
        for (std::size_t i = 0; i < n; ++i) {
            if (!tokens[i].capitalised && !tokens[i].all_caps) continue;
            std::string key = info[i].key;
            for (std::size_t len = 1; len <= 4 && i + len <= n; ++len) {
                const std::size_t j = i + len - 1;
                if (len > 1) {
                    const std::string& g = info[j].gap;
                    if (!(g == "_" || g.empty() || g == "-" || g == "'" || g == "\xE2\x80\x99")) break;
                    if (!info[j].elision.empty()) key += " " + info[j].elision;
                    key += " " + info[j].key;
                }
                if (auto it = lex.places.find(key); it != lex.places.end()) {
                    std::string pk;
                    if (auto k = lex.place_kinds.find(entity_key(it->second)); k != lex.place_kinds.end())
                        pk = k->second;
                    hits.push_back({i, len, 'L', pk});
                }
                if (lex.persons.count(key)) hits.push_back({i, len, 'P', {}});
                if (lex.orgs.count(key)) hits.push_back({i, len, 'O', {}});
            }
        }
    }
    std::vector<std::vector<std::string>> lexfeats(n);
    for (const LexHit& h : hits) {
        const std::string k(1, h.kind);
        const std::string len = std::to_string(std::min<std::size_t>(h.len, 3));
        for (std::size_t j = h.start; j < h.start + h.len; ++j) {
            const std::string pos = j == h.start ? (h.len == 1 ? "U" : "B") : (j + 1 == h.start + h.len ? "E" : "I");
            lexfeats[j].push_back(k + pos + len);
            if (!h.place_kind.empty()) lexfeats[j].push_back(k + pos + h.place_kind);
        }
    }

    Features out;
    out.offsets.reserve(n + 1);
    out.feats.reserve(n * 64);
    Sink s(out.feats, static_cast<std::uint32_t>((std::size_t{1} << options_.hash_bits) - 1));
    static const TokenInfo kEdge = [] {
        TokenInfo e;
        e.f = e.key = e.raw = e.shape = e.sshape = "<edge>";
        return e;
    }();
    auto at = [&](std::ptrdiff_t j) -> const TokenInfo& {
        return j < 0 || j >= static_cast<std::ptrdiff_t>(n) ? kEdge : info[static_cast<std::size_t>(j)];
    };
    auto flags = [](const TokenInfo& x) {
        std::string fl;
        fl.push_back(x.bos ? 'S' : '-');
        fl.push_back(x.caps ? 'A' : x.cap ? 'C' : 'l');
        fl.push_back(x.common ? 'w' : '-');
        fl.push_back(x.first_name ? 'f' : '-');
        fl.push_back(x.surname ? 's' : '-');
        return fl;
    };
    for (std::size_t i = 0; i < n; ++i) {
        out.offsets.push_back(static_cast<std::uint32_t>(out.feats.size()));
        const auto ii = static_cast<std::ptrdiff_t>(i);
        const TokenInfo& x = info[i];
        const TokenInfo& p1 = at(ii - 1);
        const TokenInfo& p2 = at(ii - 2);
        const TokenInfo& n1 = at(ii + 1);
        const TokenInfo& n2 = at(ii + 2);
        s.add(1);
        s.add(2, x.f);
        s.add(3, x.raw);
        for (int k = 1; k <= 4; ++k) {
            const std::string kk(1, static_cast<char>('0' + k));
            s.add(4, kk, prefix_chars(x.f, k));
            s.add(5, kk, suffix_chars(x.f, k));
        }
        s.add(6, x.sshape);
        s.add(7, x.shape);
        const std::string fl = flags(x);
        s.add(8, fl);
        s.add(9, p1.f);
        s.add(10, n1.f);
        s.add(11, p2.f);
        s.add(12, n2.f);
        s.add(13, p1.f, x.f);
        s.add(14, x.f, n1.f);
        s.add(15, p1.sshape);
        s.add(16, n1.sshape);
        s.add(17, p1.sshape, x.sshape, n1.sshape);
        s.add(18, x.gap);
        s.add(19, n1.gap);
        s.add(20, x.gap, x.sshape);
        s.add(21, x.elision);
        s.add(22, flags(p1), fl, flags(n1));
        s.add(23, p1.f, x.sshape);
        s.add(24, x.sshape, n1.f);
        s.add(25, std::to_string(std::min<std::size_t>(x.f.size(), 12)), x.sshape);
        s.add(26, suffix_chars(p1.f, 3), x.sshape);
        s.add(27, p1.gap, p1.sshape, x.sshape);
        s.add(28, x.elision, x.sshape);
        s.add(29, p2.f, p1.f);
        s.add(30, n1.f, n2.f);
        s.add(31, fl, x.gap);
        for (const auto& lf : lexfeats[i]) {
            s.add(40, lf);
            s.add(41, lf, fl);
        }
        if (i > 0)
            for (const auto& lf : lexfeats[i - 1]) s.add(42, lf);
        if (i + 1 < n)
            for (const auto& lf : lexfeats[i + 1]) s.add(43, lf);
        if (options_.rule_features) {
            const std::string r(kLabelNames[x.rule]);
            s.add(50, r);
            s.add(51, kLabelNames[p1.rule], r, kLabelNames[n1.rule]);
            s.add(52, r, x.sshape);
            s.add(53, r, x.f);
            s.add(54, r, p1.f);
        }
    }
    out.offsets.push_back(static_cast<std::uint32_t>(out.feats.size()));
    return out;
}

}  // namespace depeche
