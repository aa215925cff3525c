#include "tagger.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "recogniser.hpp"

// The tagger: feature extraction, Viterbi decoding under BIO constraints,
// averaged structured perceptron training (Collins 2002; averaging by the
// "w - u/c" bookkeeping of Daumé's thesis), and the model file.

namespace depeche {
namespace {

constexpr int L = kTagLabels;
constexpr char kMagic[8] = {'D', 'P', 'T', 'A', 'G', 'G', 'E', 'R'};
constexpr std::uint32_t kFlagRules = 1u;
constexpr std::uint32_t kFlagNoLexicon = 2u;

const char* const kLabelNames[L] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};

// ------------------------------------------------------------ hashing

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv_bytes(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

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

bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

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

int b_label(EntityKind k) {
    return k == EntityKind::person ? 1 : k == EntityKind::place ? 3 : 5;
}

EntityKind label_kind(int label) {
    return label <= 2 ? EntityKind::person : label <= 4 ? EntityKind::place : EntityKind::org;
}

// ------------------------------------------------------------ bytes

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_f32(std::string& out, float f) {
    std::uint32_t v;
    std::memcpy(&v, &f, 4);
    put_u32(out, v);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : b_(bytes) {}
    std::uint64_t uint(int n) {
        need(n);
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
        pos_ += n;
        return v;
    }
    float f32() {
        const auto v = static_cast<std::uint32_t>(uint(4));
        float f;
        std::memcpy(&f, &v, 4);
        return f;
    }
    std::string_view take(std::size_t n) {
        need(n);
        const auto out = b_.substr(pos_, n);
        pos_ += n;
        return out;
    }
    std::size_t pos() const { return pos_; }

private:
    void need(std::size_t n) {
        if (b_.size() - pos_ < n) throw std::runtime_error("tagger model: truncated file");
    }
    std::string_view b_;
    std::size_t pos_ = 0;
};

// Weights are kept on the grid of the file's 16-bit integers, so that a
// model read back predicts exactly what the trained one did.
float quantisation_scale(const std::vector<float>& w) {
    float m = 0;
    for (float x : w) m = std::max(m, std::fabs(x));
    return m > 0 ? m / 32767.0f : 1.0f;
}

}  // namespace

// ------------------------------------------------------------ labels

std::string_view tag_label_name(int label) {
    return label >= 0 && label < L ? kLabelNames[label] : "?";
}

int parse_tag_label(std::string_view bio) {
    if (bio.empty() || bio == "O" || bio == "_") return 0;
    if (bio.size() < 3 || (bio[0] != 'B' && bio[0] != 'I') || bio[1] != '-') return -1;
    std::string type;
    for (char c : bio.substr(2, 3)) type.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    int base;
    if (type == "per")
        base = 1;
    else if (type == "loc")
        base = 3;
    else if (type == "org")
        base = 5;
    else
        return -1;
    return base + (bio[0] == 'I' ? 1 : 0);
}

bool tag_transition_allowed(int from, int to) {
    if (to == 0 || to % 2 == 1) return true;  // O and B-X anywhere
    return from == to || from == to - 1;      // I-X after B-X or I-X
}

std::vector<TagSpan> spans_of_labels(const std::vector<int>& labels) {
    std::vector<TagSpan> spans;
    int cur = -1;  // B label of the open span
    std::size_t start = 0;
    for (std::size_t i = 0; i <= labels.size(); ++i) {
        const int l = i < labels.size() ? labels[i] : 0;
        const bool inside = l != 0 && l % 2 == 0;
        const int base = l == 0 ? 0 : (l % 2 == 1 ? l : l - 1);
        if (cur >= 0 && !(inside && base == cur)) {
            spans.push_back(TagSpan{start, i, label_kind(cur)});
            cur = -1;
        }
        if (l != 0 && cur < 0) {
            cur = base;
            start = i;
        }
    }
    return spans;
}

std::vector<int> labels_from_byte_spans(
    std::string_view, const std::vector<Token>& tokens,
    const std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>>& spans) {
    std::vector<int> labels(tokens.size(), 0);
    for (const auto& [range, kind] : spans) {
        bool first = true;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].start < range.second && tokens[i].end > range.first) {
                if (labels[i] != 0) {  // already in another entity: keep the earlier one
                    first = false;
                    continue;
                }
                labels[i] = b_label(kind) + (first ? 0 : 1);
                first = false;
            }
        }
    }
    return labels;
}

// ------------------------------------------------------------ tagger

Tagger::Tagger(TaggerOptions options) : options_(options) {
    if (options_.hash_bits < 8 || options_.hash_bits > 26)
        throw std::invalid_argument("tagger: hash bits out of 8..26");
    weights_.assign((std::size_t{1} << options_.hash_bits) * L, 0);
    transitions_.assign((L + 1) * L, 0.0f);
}

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

template <typename W>
std::vector<int> Tagger::viterbi(const Features& f, const W* w, float scale, const float* trans) const {
    const std::size_t n = f.offsets.empty() ? 0 : f.offsets.size() - 1;
    std::vector<int> out(n, 0);
    if (!n) return out;
    constexpr float kNo = -std::numeric_limits<float>::infinity();
    std::vector<float> score(n * L);
    std::vector<std::uint8_t> back(n * L, 0);
    for (std::size_t i = 0; i < n; ++i) {
        // integer weights add up exactly in 32 bits (at most ~100 features x 32767)
        using Acc = std::conditional_t<std::is_integral_v<W>, std::int32_t, float>;
        Acc acc[L] = {0};
        for (std::uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
            const W* row = w + static_cast<std::size_t>(f.feats[k]) * L;
            for (int l = 0; l < L; ++l) acc[l] += row[l];
        }
        float em[L];
        for (int l = 0; l < L; ++l) em[l] = static_cast<float>(acc[l]) * scale;
        for (int to = 0; to < L; ++to) {
            float best = kNo;
            int arg = 0;
            if (i == 0) {
                if (tag_transition_allowed(-1, to)) best = trans[L * L + to];
            } else {
                for (int from = 0; from < L; ++from) {
                    if (!tag_transition_allowed(from, to)) continue;
                    const float v = score[(i - 1) * L + from] + trans[from * L + to];
                    if (v > best) {
                        best = v;
                        arg = from;
                    }
                }
            }
            score[i * L + to] = best + em[to];
            back[i * L + to] = static_cast<std::uint8_t>(arg);
        }
    }
    int best = 0;
    for (int l = 1; l < L; ++l)
        if (score[(n - 1) * L + l] > score[(n - 1) * L + best]) best = l;
    for (std::size_t i = n; i-- > 0;) {
        out[i] = best;
        best = back[i * L + best];
    }
    return out;
}

std::vector<int> Tagger::tag(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons,
                             const std::vector<Entity>* rule_names) const {
    return viterbi(features(text, tokens, lexicons, rule_names), weights_.data(), scale_, transitions_.data());
}

Tagger::TrainReport Tagger::train(const std::vector<TaggedText>& data, const Lexicons& lexicons, int epochs,
                                  unsigned seed, const std::function<void(int, std::size_t)>& on_epoch) {
    TrainReport report;
    std::vector<Features> feats;
    std::vector<const std::vector<int>*> gold;
    feats.reserve(data.size());
    for (const TaggedText& t : data) {
        const std::vector<Token> tokens = analyse(t.text);
        if (tokens.size() != t.labels.size())
            throw std::invalid_argument("tagger training: labels do not match the tokens of a text");
        if (tokens.empty()) continue;
        feats.push_back(features(t.text, tokens, lexicons, nullptr));
        gold.push_back(&t.labels);
        report.tokens += tokens.size();
    }
    report.sequences = feats.size();

    const std::size_t rows = std::size_t{1} << options_.hash_bits;
    std::vector<float> w(rows * L, 0.0f), tr((L + 1) * L, 0.0f);
    std::vector<double> u(rows * L, 0.0), utr((L + 1) * L, 0.0);  // sum of c * update
    double c = 1;
    std::vector<std::size_t> order(feats.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(seed);
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        std::size_t mistakes = 0;
        for (std::size_t s : order) {
            const Features& f = feats[s];
            const std::vector<int>& g = *gold[s];
            const std::vector<int> p = viterbi(f, w.data(), 1.0f, tr.data());
            for (std::size_t i = 0; i < g.size(); ++i) {
                const int gp = i ? g[i - 1] : L;  // row L: start
                const int pp = i ? p[i - 1] : L;
                if (g[i] != p[i]) {
                    ++mistakes;
                    for (std::uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
                        const std::size_t row = static_cast<std::size_t>(f.feats[k]) * L;
                        w[row + g[i]] += 1;
                        u[row + g[i]] += c;
                        w[row + p[i]] -= 1;
                        u[row + p[i]] -= c;
                    }
                }
                if (g[i] != p[i] || gp != pp) {
                    tr[gp * L + g[i]] += 1;
                    utr[gp * L + g[i]] += c;
                    tr[pp * L + p[i]] -= 1;
                    utr[pp * L + p[i]] -= c;
                }
            }
            c += 1;
        }
        report.token_errors.push_back(mistakes);
        if (on_epoch) on_epoch(epoch, mistakes);
    }
    // averaged weights: w - u / c, kept as 16-bit integers times a scale
    for (std::size_t k = 0; k < w.size(); ++k) w[k] = static_cast<float>(w[k] - u[k] / c);
    scale_ = quantisation_scale(w);
    weights_.assign(rows * L, 0);
    for (std::size_t k = 0; k < w.size(); ++k)
        weights_[k] = static_cast<std::int16_t>(std::clamp<long>(std::lround(w[k] / scale_), -32767, 32767));
    transitions_.assign((L + 1) * L, 0.0f);
    for (std::size_t k = 0; k < tr.size(); ++k) transitions_[k] = static_cast<float>(tr[k] - utr[k] / c);
    return report;
}

// ------------------------------------------------------------ entities

std::vector<Entity> Tagger::recognise_names(std::string_view text, const std::vector<Token>& tokens,
                                            const Lexicons& lexicons, const std::vector<Entity>* rule_names) const {
    const std::vector<int> labels = tag(text, tokens, lexicons, rule_names);
    std::vector<Entity> entities;
    std::map<std::pair<int, std::string>, std::size_t> by_key;
    for (const TagSpan& sp : spans_of_labels(labels)) {
        const std::size_t start = tokens[sp.first].start, end = tokens[sp.last - 1].end;
        const std::string_view surface = text.substr(start, end - start);
        std::string name;
        bool space = false;
        for (char ch : surface) {
            if (is_space_byte(ch)) {
                space = !name.empty();
                continue;
            }
            if (space) name.push_back(' ');
            space = false;
            name.push_back(ch);
        }
        std::string key = entity_key(name);
        if (key.empty()) key = name;
        auto [it, added] = by_key.emplace(std::make_pair(static_cast<int>(sp.kind), key), entities.size());
        if (added) entities.push_back(Entity{sp.kind, name, {}});
        entities[it->second].mentions.push_back(Mention{std::string(surface), start, end});
    }
    std::stable_sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
        return a.mentions.front().start < b.mentions.front().start;
    });
    return entities;
}

std::vector<Entity> Tagger::recognise_entities(std::string_view text, const std::vector<Token>& tokens,
                                               const Lexicons& lexicons, const PartialDate& published) const {
    return with_dates(recognise_names(text, tokens, lexicons), text, tokens, published);
}

// ------------------------------------------------------------ model file

std::string Tagger::serialise() const {
    std::string out(kMagic, sizeof kMagic);
    put_u32(out, kTaggerFormatVersion);
    std::uint32_t flags = 0;
    if (options_.rule_features) flags |= kFlagRules;
    if (!options_.lexicon_features) flags |= kFlagNoLexicon;
    put_u32(out, flags);
    put_u32(out, options_.hash_bits);
    put_u32(out, L);
    put_f32(out, scale_);
    for (float t : transitions_) put_f32(out, t);
    out.reserve(out.size() + weights_.size() * 2 + 8);
    for (std::int16_t q : weights_) {
        const auto v = static_cast<std::uint16_t>(q);
        out.push_back(static_cast<char>(v & 0xff));
        out.push_back(static_cast<char>(v >> 8));
    }
    put_u64(out, fnv_bytes(kFnvOffset, out));
    return out;
}

Tagger Tagger::deserialise(std::string_view bytes) {
    if (bytes.size() < sizeof kMagic || bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic))
        throw std::runtime_error("not a depeche tagger model");
    Reader r(bytes);
    r.take(sizeof kMagic);
    const auto version = static_cast<std::uint32_t>(r.uint(4));
    if (version != kTaggerFormatVersion)
        throw std::runtime_error("tagger model format " + std::to_string(version) + ", this build reads " +
                                 std::to_string(kTaggerFormatVersion));
    const auto flags = static_cast<std::uint32_t>(r.uint(4));
    TaggerOptions o;
    o.hash_bits = static_cast<unsigned>(r.uint(4));
    o.rule_features = flags & kFlagRules;
    o.lexicon_features = !(flags & kFlagNoLexicon);
    if (r.uint(4) != L) throw std::runtime_error("tagger model: unexpected label count");
    if (o.hash_bits < 8 || o.hash_bits > 26) throw std::runtime_error("tagger model: bad hash size");
    const std::size_t expected = sizeof kMagic + 5 * 4 + 4 * (L + 1) * L + 2 * (std::size_t{1} << o.hash_bits) * L + 8;
    if (bytes.size() != expected) throw std::runtime_error("tagger model: wrong size (damaged file?)");
    const std::uint64_t sum = fnv_bytes(kFnvOffset, bytes.substr(0, bytes.size() - 8));
    Reader tail(bytes.substr(bytes.size() - 8));
    if (tail.uint(8) != sum) throw std::runtime_error("tagger model: checksum mismatch (damaged file?)");
    Tagger t(o);
    const float scale = r.f32();
    if (!(scale > 0) || !std::isfinite(scale)) throw std::runtime_error("tagger model: bad scale");
    t.scale_ = scale;
    for (float& x : t.transitions_) x = r.f32();
    for (std::int16_t& x : t.weights_) x = static_cast<std::int16_t>(static_cast<std::uint16_t>(r.uint(2)));
    return t;
}

void Tagger::save(const std::filesystem::path& path) const {
    const std::string bytes = serialise();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) throw std::runtime_error("cannot write tagger model " + path.string());
}

Tagger Tagger::load(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot read tagger model " + path.string());
    std::ostringstream ss;
    ss << f.rdbuf();
    try {
        return deserialise(ss.str());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path.string() + ": " + e.what());
    }
}

}  // namespace depeche
