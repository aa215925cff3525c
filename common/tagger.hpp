#pragma once
// A statistical name tagger: an averaged structured perceptron over BIO labels
// (O, B/I-PER, B/I-LOC, B/I-ORG) with hashed features and constrained Viterbi
// decoding. It tags the tokens of `analyse(text)`, the same tokens the
// rule-based recogniser sees, so its mentions carry the same byte offsets.
//
// Features of a token: its folded and raw forms, prefixes and suffixes, word
// shape, capitalisation, the punctuation around it, the neighbouring words,
// lexicon membership (first names, surnames, common words, place / person /
// organisation names over 1-4 tokens) and, when the model was trained with
// them, the labels the rule-based recogniser gives (see TaggerOptions).
//
// Model file (all integers little-endian):
//   "DPTAGGER" magic, u32 format version (kTaggerFormatVersion), u32 flags,
//   u32 hash bits, u32 label count, f32 scale, f32 transitions
//   [(labels + 1) x labels] (row `labels` = sequence start), then
//   2^bits x labels i16 emission weights (value x scale), and a u64 FNV-1a
//   checksum of everything before it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.hpp"
#include "dates.hpp"
#include "entity.hpp"
#include "lexicon.hpp"

namespace depeche {

inline constexpr std::uint32_t kTaggerFormatVersion = 1;

/// The labels, in model order: O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG.
inline constexpr int kTagLabels = 7;
std::string_view tag_label_name(int label);
/// "O", "B-PER" ... (also B-pers, I-loc, B-LOC.city ... as HIPE writes them:
/// the first three letters of the type decide); -1 for an unknown type.
int parse_tag_label(std::string_view bio);
/// True when label `to` may follow label `from` (-1: sequence start) in BIO.
bool tag_transition_allowed(int from, int to);

/// Feature sets a model is trained with (recorded in the model file).
struct TaggerOptions {
    unsigned hash_bits = 20;       ///< 2^bits weight rows (memory: 2^bits x 7 x 2 bytes on disk)
    bool rule_features = false;    ///< feed the rule-based recogniser's labels as features
    bool lexicon_features = true;  ///< lexicon membership features
};

/// A tagged span: tokens [first, last) of one type (EntityKind person, place or org).
struct TagSpan {
    std::size_t first = 0;
    std::size_t last = 0;
    EntityKind kind = EntityKind::person;
};

/// The spans a valid or invalid label sequence encodes (an I-X without a
/// B-X/I-X before it starts a span, as in IOB1).
std::vector<TagSpan> spans_of_labels(const std::vector<int>& labels);

/// One training sequence: a text, its tokens and a label per token.
struct TaggedText {
    std::string text;
    std::vector<int> labels;  ///< one per token of analyse(text)
};

/// Gold labels for the tokens of analyse(text), from entity byte spans
/// [start, end) with a label type (EntityKind person/place/org): a token is
/// inside an entity when their bytes overlap; the first such token gets B.
std::vector<int> labels_from_byte_spans(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>>& spans);

/// The rules and the tagger together. The rules' entities stay as they are
/// (canonical names, kinds, coreference, dates); a mention of `tagged` (from
/// Tagger::recognise_names) is added only where it overlaps no mention of
/// `rules` outside the title, since the rules are more precise where they
/// fire and the tagger finds what they miss (lone surnames, titles, OCR
/// damage, organisations of old newspapers). An added mention joins the
/// rules' entity of its kind that has a mention with the same key ("Obama"
/// after the rules' "Barack Obama" ... "Obama"), else an entity of the
/// tagger's own. With `tagger_kind`, a rules mention whose span the tagger
/// found exactly with another name kind moves to that kind, keeping its
/// canonical name. Sorted by kind, then first mention.
std::vector<Entity> combine_entities(std::vector<Entity> rules, const std::vector<Entity>& tagged,
                                     bool tagger_kind = false);

class Tagger {
public:
    explicit Tagger(TaggerOptions options = {});

    const TaggerOptions& options() const { return options_; }

    /// Labels for `tokens` (from analyse(text)); always a valid BIO sequence.
    /// Thread-safe (const).
    /// `rule_names`: the rule-based recogniser's entities for this text, when
    /// the caller has them already (their date and title mentions are
    /// ignored); a model trained with rule features otherwise runs the rules
    /// itself.
    std::vector<int> tag(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons,
                         const std::vector<Entity>* rule_names = nullptr) const;

    /// People, places and organisations found by the tagger: one entity per
    /// kind and key of the span text, named by the span text of its first
    /// mention (whitespace runs as one space). Sorted by kind, then first mention.
    std::vector<Entity> recognise_names(std::string_view text, const std::vector<Token>& tokens,
                                        const Lexicons& lexicons,
                                        const std::vector<Entity>* rule_names = nullptr) const;

    /// recognise_names plus the rule-based dates (find_dates, one entity per
    /// value); where a date and a name overlap, the longer mention wins.
    std::vector<Entity> recognise_entities(std::string_view text, const std::vector<Token>& tokens,
                                           const Lexicons& lexicons, const PartialDate& published) const;

    /// Training: `epochs` passes over `data` in a shuffled order (seeded),
    /// averaged weights at the end. `on_epoch(epoch, mistakes)` after each pass
    /// (may be empty). Replaces any weights the tagger had.
    struct TrainReport {
        std::size_t sequences = 0;
        std::size_t tokens = 0;
        std::vector<std::size_t> token_errors;  ///< per epoch, during the pass
    };
    TrainReport train(const std::vector<TaggedText>& data, const Lexicons& lexicons, int epochs, unsigned seed = 1,
                      const std::function<void(int, std::size_t)>& on_epoch = {});

    /// Writes / reads the model file described above. load throws
    /// std::runtime_error on a file that is not a tagger model of this version
    /// or is damaged.
    void save(const std::filesystem::path& path) const;
    static Tagger load(const std::filesystem::path& path);
    /// The same as bytes.
    std::string serialise() const;
    static Tagger deserialise(std::string_view bytes);

private:
    // Feature hashes of each token, flattened: token i has
    // feats[offsets[i] .. offsets[i+1]).
    struct Features {
        std::vector<std::uint32_t> feats;
        std::vector<std::uint32_t> offsets;
    };
    Features features(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons,
                      const std::vector<Entity>* rule_names) const;
    // Best valid label sequence; emission = scale x sum of weights.
    template <typename W>
    std::vector<int> viterbi(const Features& f, const W* weights, float scale, const float* transitions) const;

    TaggerOptions options_;
    std::vector<std::int16_t> weights_;  // 2^bits x kTagLabels, times scale_
    float scale_ = 1;
    std::vector<float> transitions_;  // (kTagLabels + 1) x kTagLabels
};

}  // namespace depeche
