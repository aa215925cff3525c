#include "tagger.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using depeche::EntityKind;
using depeche::Lexicons;
using depeche::TaggedText;
using depeche::Tagger;
using depeche::TaggerOptions;

namespace {

const Lexicons& mini() {
    static const Lexicons lexicons = depeche::load_lexicons(DEPECHE_SOURCE_DIR "/tests/data/lexicons-mini");
    return lexicons;
}

// A text with [[PER:...]], [[LOC:...]], [[ORG:...]] marks -> a training text.
TaggedText marked(const std::string& marked_text) {
    std::string text;
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>> spans;
    std::size_t i = 0;
    while (i < marked_text.size()) {
        if (marked_text.compare(i, 2, "[[") == 0) {
            const std::size_t colon = marked_text.find(':', i);
            const std::size_t close = marked_text.find("]]", colon);
            const std::string type = marked_text.substr(i + 2, colon - i - 2);
            const std::size_t start = text.size();
            text += marked_text.substr(colon + 1, close - colon - 1);
            spans.push_back({{start, text.size()},
                             type == "PER"   ? EntityKind::person
                             : type == "LOC" ? EntityKind::place
                                             : EntityKind::org});
            i = close + 2;
        } else {
            text.push_back(marked_text[i++]);
        }
    }
    TaggedText t;
    t.text = text;
    t.labels = depeche::labels_from_byte_spans(text, depeche::analyse(text), spans);
    return t;
}

const std::vector<std::string> kTiny = {
    "Hier, [[PER:Jean Dupont]] est arrivé à [[LOC:Lyon]] avec la délégation de la [[ORG:Société Générale]].",
    "Le ministre [[PER:Pierre Martin]] a quitté [[LOC:Paris]] pour [[LOC:Marseille]] ce matin.",
    "La [[ORG:Banque de France]] annonce que [[PER:Marie Curie]] visitera [[LOC:Bordeaux]].",
    "On apprend de [[LOC:Toulouse]] que [[PER:Louis Blanc]] est souffrant.",
    "Le conseil de la [[ORG:Compagnie du Nord]] s'est réuni à [[LOC:Lille]] sous la présidence de [[PER:Henri "
    "Bernard]].",
    "Une dépêche de [[LOC:Nantes]] confirme le départ de [[PER:Paul Durand]].",
};

std::vector<TaggedText> tiny_set() {
    std::vector<TaggedText> data;
    for (const auto& s : kTiny) data.push_back(marked(s));
    return data;
}

std::vector<int> tag(const Tagger& t, const std::string& text) {
    return t.tag(text, depeche::analyse(text), mini());
}

bool valid_bio(const std::vector<int>& labels) {
    int prev = -1;
    for (int l : labels) {
        if (l < 0 || l >= depeche::kTagLabels || !depeche::tag_transition_allowed(prev, l)) return false;
        prev = l;
    }
    return true;
}

Tagger trained(TaggerOptions o = {}) {
    o.hash_bits = 16;
    Tagger t(o);
    t.train(tiny_set(), mini(), 15);
    return t;
}

}  // namespace

TEST_CASE("labels: names, parsing and BIO transitions") {
    CHECK(depeche::tag_label_name(0) == "O");
    CHECK(depeche::parse_tag_label("B-PER") == 1);
    CHECK(depeche::parse_tag_label("I-pers") == 2);
    CHECK(depeche::parse_tag_label("B-loc.adm.town") == 3);
    CHECK(depeche::parse_tag_label("I-ORG") == 6);
    CHECK(depeche::parse_tag_label("B-time") == -1);
    CHECK(depeche::parse_tag_label("O") == 0);
    CHECK_FALSE(depeche::tag_transition_allowed(-1, 2));
    CHECK_FALSE(depeche::tag_transition_allowed(0, 4));
    CHECK_FALSE(depeche::tag_transition_allowed(1, 4));
    CHECK(depeche::tag_transition_allowed(1, 2));
    CHECK(depeche::tag_transition_allowed(2, 2));
    CHECK(depeche::tag_transition_allowed(4, 5));
    // IOB1: an I-X after O opens a span
    const auto spans = depeche::spans_of_labels({0, 2, 2, 0, 3, 4, 1});
    REQUIRE(spans.size() == 3);
    CHECK((spans[0].first == 1 && spans[0].last == 3 && spans[0].kind == EntityKind::person));
    CHECK((spans[1].first == 4 && spans[1].last == 6 && spans[1].kind == EntityKind::place));
    CHECK((spans[2].first == 6 && spans[2].last == 7));
}

TEST_CASE("gold labels land on the analyser's tokens") {
    const TaggedText t = marked("Arrivée de [[PER:M. Jean-Marc Ayrault]] à l'[[LOC:Élysée]].");
    // tokens: Arrivée de M Jean Marc Ayrault à Élysée
    CHECK(t.labels == std::vector<int>{0, 0, 1, 2, 2, 2, 0, 3});
}

TEST_CASE("training on a tiny hand-made set learns it") {
    const Tagger t = trained();
    const std::vector<TaggedText> data = tiny_set();
    for (const TaggedText& d : data) CHECK(tag(t, d.text) == d.labels);
    const std::string& text = data[0].text;
    const auto entities = t.recognise_names(text, depeche::analyse(text), mini());
    REQUIRE(entities.size() == 3);
    CHECK(entities[0].kind == EntityKind::person);
    CHECK(entities[0].name == "Jean Dupont");
    CHECK(entities[1].name == "Lyon");
    CHECK(entities[2].name == "Société Générale");
    // byte offsets of the mention
    CHECK(text.substr(entities[1].mentions[0].start, entities[1].mentions[0].end - entities[1].mentions[0].start) ==
          "Lyon");
}

TEST_CASE("an untrained tagger finds nothing and stays valid") {
    const Tagger t(TaggerOptions{10, false, true});
    const auto labels = tag(t, "Jean Dupont est à Lyon.");
    CHECK(labels == std::vector<int>(5, 0));
    CHECK(t.recognise_names("", depeche::analyse(""), mini()).empty());
}

TEST_CASE("model save/load round trip gives identical predictions") {
    const Tagger t = trained();
    const std::string bytes = t.serialise();
    const Tagger back = Tagger::deserialise(bytes);
    CHECK(back.serialise() == bytes);
    CHECK(back.options().hash_bits == 16);
    const std::vector<std::string> texts = {
        "Hier, Jean Martin est arrivé à Lyon.",
        "La Compagnie de Lyon et la Banque du Nord se sont réunies à Paris avec Marie Dupont.",
        "rien à signaler ici",
        kTiny[2],
    };
    for (const auto& s : texts) CHECK(tag(back, s) == tag(t, s));

    const auto path = std::filesystem::temp_directory_path() / "depeche_test_tagger.bin";
    t.save(path);
    const Tagger file = Tagger::load(path);
    for (const auto& s : texts) CHECK(tag(file, s) == tag(t, s));
    std::filesystem::remove(path);
}

TEST_CASE("damaged or foreign model files are refused") {
    const std::string bytes = trained().serialise();
    CHECK_THROWS(Tagger::deserialise("not a model"));
    CHECK_THROWS(Tagger::deserialise(bytes.substr(0, bytes.size() - 1)));
    std::string flipped = bytes;
    flipped[flipped.size() / 2] ^= 0x10;
    CHECK_THROWS(Tagger::deserialise(flipped));
    std::string version = bytes;
    version[8] = 99;
    CHECK_THROWS_WITH(Tagger::deserialise(version), Catch::Contains("format"));
}

TEST_CASE("decoding never produces invalid BIO") {
    // Random weights and transitions that favour I labels everywhere: the
    // constrained Viterbi must still give valid sequences.
    const Tagger t = trained();
    std::string bytes = t.serialise();
    std::mt19937 rng(7);
    // scramble every weight byte pair and transition, keep the header
    const std::size_t header = 8 + 5 * 4;
    for (std::size_t i = header; i + 8 < bytes.size(); ++i) bytes[i] = static_cast<char>(rng() & 0xff);
    // repair the scale (first f32 after the header fields) to a sane positive value
    const float scale = 0.01f;
    std::memcpy(&bytes[header - 4], &scale, 4);
    // transitions must stay finite: write small values
    for (int k = 0; k < (depeche::kTagLabels + 1) * depeche::kTagLabels; ++k) {
        const float v = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 10.0f;
        std::memcpy(&bytes[header + 4 * k], &v, 4);
    }
    // recompute the checksum (FNV-1a 64 over everything before it)
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i + 8 < bytes.size(); ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 1099511628211ull;
    }
    for (int i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = static_cast<char>((h >> (8 * i)) & 0xff);
    const Tagger noisy = Tagger::deserialise(bytes);
    const std::vector<std::string> texts = {
        "Jean Dupont est à Lyon.",
        "L'Assemblée nationale, réunie à Versailles, a élu M. Paul Doumer président de la République.",
        "a",
        "É É É É É É 1906 ... - , Paris-Plage ; LONDRES (Havas).",
    };
    for (const auto& s : texts) {
        const auto labels = tag(noisy, s);
        CHECK(labels.size() == depeche::analyse(s).size());
        CHECK(valid_bio(labels));
    }
    const std::vector<TaggedText> data = tiny_set();
    for (const TaggedText& d : data) CHECK(valid_bio(tag(t, d.text)));
}

TEST_CASE("dates stay with the rules; names and dates never overlap") {
    const Tagger t = trained();
    const std::string text = kTiny[0] + " Le 15 janvier 2015, rien.";
    const auto entities = t.recognise_entities(text, depeche::analyse(text), mini(), depeche::PartialDate{2015, 1, 20});
    bool date = false;  // ("Hier" is a date too: 2015-01-19)
    for (const auto& e : entities)
        if (e.kind == EntityKind::date && e.name == "2015-01-15") date = true;
    CHECK(date);
    for (const auto& a : entities)
        for (const auto& b : entities)
            for (const auto& ma : a.mentions)
                for (const auto& mb : b.mentions)
                    if (&ma != &mb) CHECK((ma.end <= mb.start || mb.end <= ma.start));
}

// ------------------------------------------------------------ combination

namespace {

depeche::Mention at(const std::string& text, const std::string& what, std::size_t from = 0) {
    const std::size_t s = text.find(what, from);
    REQUIRE(s != std::string::npos);
    return depeche::Mention{what, s, s + what.size()};
}

const depeche::Entity* find(const std::vector<depeche::Entity>& es, EntityKind kind, const std::string& name) {
    for (const auto& e : es)
        if (e.kind == kind && e.name == name) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("combination: rules stay, tagger spans only where the rules found nothing") {
    using depeche::Entity;
    const std::string text = "M. Obama a vu Barack Obama puis Obama et Durand à Paris le 3 mai.";
    // the rules: one person with its canonical name and two mentions, a place, a date
    const std::vector<Entity> rules = {
        Entity{EntityKind::person, "Barack Obama", {at(text, "M. Obama"), at(text, "Barack Obama")}},
        Entity{EntityKind::place, "Paris", {at(text, "Paris")}},
        Entity{EntityKind::date, "2015-05-03", {at(text, "3 mai")}},
    };
    const std::vector<Entity> tagged = {
        // overlaps a rules person mention: dropped
        Entity{EntityKind::person, "Obama", {at(text, "Obama", 3), at(text, "Obama", 32)}},
        // a new person nowhere in the rules: added as the tagger names it
        Entity{EntityKind::person, "Durand", {at(text, "Durand")}},
        // overlaps the rules' place with another kind: dropped, the place stays
        Entity{EntityKind::org, "à Paris", {at(text, "à Paris")}},
        // overlaps the rules' date: dropped
        Entity{EntityKind::place, "mai", {at(text, "mai")}},
    };
    const auto out = depeche::combine_entities(rules, tagged);
    REQUIRE(out.size() == 5);
    const Entity* obama = find(out, EntityKind::person, "Barack Obama");
    REQUIRE(obama);
    // The rules' entity keeps its canonical name and mentions. The lone
    // "Obama" the rules missed has no rules mention of its key ("m obama",
    // "barack obama"), so it stands as the tagger's own entity.
    CHECK(obama->mentions.size() == 2);
    CHECK(find(out, EntityKind::person, "Obama"));
    CHECK(find(out, EntityKind::person, "Durand"));
    CHECK(find(out, EntityKind::place, "Paris")->mentions.size() == 1);
    CHECK_FALSE(find(out, EntityKind::org, "à Paris"));
    CHECK_FALSE(find(out, EntityKind::place, "mai"));
    CHECK(find(out, EntityKind::date, "2015-05-03"));
    // sorted by kind, then first mention
    CHECK(out[0].name == "Barack Obama");
    CHECK(out[1].name == "Obama");
    CHECK(out[1].mentions.size() == 1);
    CHECK(out[1].mentions[0].start == text.find("Obama", 32));
    CHECK(out[2].name == "Durand");
}

TEST_CASE("combination: an added mention joins the rules' entity with a mention of its key") {
    using depeche::Entity;
    const std::string text = "Barack Obama, dit Obama, puis Obama seul.";
    const std::vector<Entity> rules = {
        Entity{EntityKind::person, "Barack Obama", {at(text, "Barack Obama"), at(text, "Obama", 14)}},
    };
    const std::vector<Entity> tagged = {Entity{EntityKind::person, "Obama", {at(text, "Obama", 26)}},
                                        Entity{EntityKind::place, "Obama", {at(text, "Obama", 26)}}};
    const auto out = depeche::combine_entities(rules, tagged);
    const Entity* obama = find(out, EntityKind::person, "Barack Obama");
    REQUIRE(obama);
    REQUIRE(obama->mentions.size() == 3);
    CHECK(obama->mentions[2].start == text.find("Obama", 26));
    // only the person joins; the same span as a place is a separate entity (no overlap with a rules mention)
    CHECK(find(out, EntityKind::place, "Obama"));
}

TEST_CASE("combination: title mentions keep their place, the tagger's kind only on request") {
    using depeche::Entity;
    const std::string text = "Orange recrute. Orange est à Orange.";
    depeche::Mention title{"Orange", 0, 6};
    title.in_title = true;
    const std::vector<Entity> rules = {
        Entity{EntityKind::place, "Orange", {title, at(text, "Orange"), at(text, "Orange", 16)}},
    };
    // tagger: the first two text mentions are the company; a title span does not block text spans
    const std::vector<Entity> tagged = {
        Entity{EntityKind::org, "Orange", {at(text, "Orange"), at(text, "Orange", 16)}}};
    const auto kept = depeche::combine_entities(rules, tagged);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].kind == EntityKind::place);
    CHECK(kept[0].mentions.size() == 3);

    const auto moved = depeche::combine_entities(rules, tagged, true);
    REQUIRE(moved.size() == 2);
    const Entity* place = find(moved, EntityKind::place, "Orange");
    const Entity* org = find(moved, EntityKind::org, "Orange");
    REQUIRE(place);
    REQUIRE(org);
    REQUIRE(place->mentions.size() == 1);
    CHECK(place->mentions[0].in_title);
    REQUIRE(org->mentions.size() == 2);
    CHECK(org->mentions[0].start == 0);
    CHECK(org->mentions[1].start == 16);
}

TEST_CASE("combination with a trained tagger: the rules' entities are untouched") {
    const Tagger& t = trained();
    const std::string text = "Le ministre Jean Dupont est arrivé à Lyon.";
    const auto tokens = depeche::analyse(text);
    // hand-made rules output: a place with a canonical name that differs from its text
    const std::vector<depeche::Entity> rules = {depeche::Entity{EntityKind::place, "Lyon (Rhône)", {at(text, "Lyon")}}};
    const auto tagged = t.recognise_names(text, tokens, mini(), &rules);
    const auto out = depeche::combine_entities(rules, tagged);
    const depeche::Entity* lyon = find(out, EntityKind::place, "Lyon (Rhône)");
    REQUIRE(lyon);
    CHECK(lyon->mentions.size() == 1);
    for (const auto& e : out)
        for (const auto& m : e.mentions)
            if (&e != lyon) CHECK((m.end <= lyon->mentions[0].start || m.start >= lyon->mentions[0].end));
}
