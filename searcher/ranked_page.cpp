#include "ranked_page.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace depeche {
namespace {

// The documents of a sorted docid list, weightless: the right side of an
// OP_FILTER that restricts a query to them.
class DocidList : public Xapian::PostingSource {
public:
    explicit DocidList(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {}
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    void init(const Xapian::Database&) override { at_ = kBefore; }
    void next(double) override { at_ = at_ == kBefore ? 0 : at_ + 1; }
    void skip_to(Xapian::docid did, double) override {
        const std::size_t from = at_ == kBefore ? 0 : at_;
        at_ = static_cast<std::size_t>(
            std::lower_bound(docids_.begin() + static_cast<std::ptrdiff_t>(from), docids_.end(), did) -
            docids_.begin());
    }
    bool at_end() const override { return at_ != kBefore && at_ >= docids_.size(); }
    Xapian::docid get_docid() const override { return docids_[at_]; }
    std::string name() const override { return "depeche::DocidList"; }

private:
    static constexpr std::size_t kBefore = static_cast<std::size_t>(-1);
    std::vector<Xapian::docid> docids_;  // ascending
    std::size_t at_ = kBefore;
};

}  // namespace

Xapian::MSet restricted_mset(Xapian::Enquire& enquire, const Xapian::Query& query, std::vector<Xapian::docid> docids,
                             Xapian::doccount offset, Xapian::doccount limit) {
    std::sort(docids.begin(), docids.end());
    DocidList kept(std::move(docids));
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&kept)));
    Xapian::MSet mset = enquire.get_mset(offset, limit);
    enquire.set_query(query);
    return mset;
}

void RankedPage::offer(Xapian::docid did, double weight) {
    if (size_ == 0) return;
    if (best_.size() < size_) {
        best_.push_back(weight);
        std::push_heap(best_.begin(), best_.end(), std::greater<double>());
    } else if (weight > best_.front()) {
        std::pop_heap(best_.begin(), best_.end(), std::greater<double>());
        best_.back() = weight;
        std::push_heap(best_.begin(), best_.end(), std::greater<double>());
    } else if (weight < best_.front() - margin(best_.front())) {
        return;  // below the page by more than rounding: it cannot enter
    }
    kept_.emplace_back(weight, did);
    if (kept_.size() >= 2 * size_ + 64) prune();  // amortised: at least size_ + 64 offers between prunes
}

void RankedPage::prune() {
    if (size_ == 0 || best_.size() < size_) return;  // no page, or room left: every match is kept
    const double floor = best_.front() - margin(best_.front());
    kept_.erase(std::remove_if(kept_.begin(), kept_.end(), [floor](const auto& k) { return k.first < floor; }),
                kept_.end());
}

bool RankedPage::page(Xapian::Enquire& enquire, const Xapian::Query& query, Xapian::doccount offset,
                      Xapian::doccount limit, Xapian::MSet& mset) {
    prune();
    std::unordered_map<Xapian::docid, double> weights;
    std::vector<Xapian::docid> docids;
    for (const auto& [weight, did] : kept_) {
        weights.emplace(did, weight);
        docids.push_back(did);
    }
    Xapian::MSet ranked = restricted_mset(enquire, query, std::move(docids), offset, limit);
    for (auto it = ranked.begin(); it != ranked.end(); ++it) {
        const auto w = weights.find(*it);
        if (w == weights.end() || std::abs(w->second - it.get_weight()) > margin(it.get_weight()) / 8) return false;
    }
    mset = std::move(ranked);
    return true;
}

}  // namespace depeche
