#include "tagger.hpp"

#include <algorithm>
#include <cctype>
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

#include "recogniser.hpp"
#include "tagger_detail.hpp"

// The tagger: Viterbi decoding under BIO constraints (features are in
// tagger_features.cpp), averaged structured perceptron training (Collins
// 2002; averaging by the "w - u/c" bookkeeping of Daumé's thesis), and the model file.

namespace depeche {
using namespace tagger_detail;

namespace {

constexpr char kMagic[8] = {'D', 'P', 'T', 'A', 'G', 'G', 'E', 'R'};
constexpr std::uint32_t kFlagRules = 1u;
constexpr std::uint32_t kFlagNoLexicon = 2u;

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
