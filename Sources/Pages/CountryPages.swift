import SiteModel
import Templates

/// The countries' index and each country's list pages and feed.
extension Plan {
    func countryIndex() -> Planned {
        let frame = Frame(path: .countries, title: "الدول", description: "الدول في أخبار \(site.config.title) وعدد أخبار كل منها",
                          section: .countries, lastModified: shared.newestDay)
        let plan = self
        return html(.countries, frame) {
            let countries: [TemplateValue] = plan.shared.countriesWithArticles.map { country in
                [
                    "name": .text(country.name),
                    "href": .text(SitePath.country(country).href),
                    "count_text": .text(plan.format.count(plan.site.articlesByCountry[country.code]?.count ?? 0, .article)),
                ]
            }
            return [
                "countries": .list(countries),
                "count_text": .text(plan.format.count(plan.shared.countriesWithArticles.count, .country)),
            ]
        }
    }

    /// A country's list pages and its feed.
    func countryPages(_ country: Country, showing: Set<Int>? = nil) -> [Planned] {
        let found = site.partners(ofCountry: country.code, limit: NameLimits.partners)
        let partners = Shortlist(shown: found.shown.map { ($0.country.code, $0.count) }, more: found.more)
        let plan = self
        return listPagesAndFeed(of: country.name, first: .country(country), indices: site.articlesByCountry[country.code] ?? [],
                                description: nil, section: .countries, template: .country, showing: showing) { countText in
            plan.countryFields(country, partners: partners, countText: countText).merging([
                "network": plan.countryNetwork(country, partners: partners.shown.map { ($0.0, $0.1) }),
                "based_network": plan.countryOrganizationsNetwork(country),
                "activity": plan.activity(key: "c:" + country.code, name: country.name,
                                          indices: plan.site.articlesByCountry[country.code] ?? []),
            ]) { $1 }
        }
    }

    func countryFields(_ country: Country, partners: Shortlist<(String, Int)>, countText: String) -> [String: TemplateValue] {
        let based = shared.organizationsByCountry[country.code] ?? []
        let organizations = SharedValues.chipGroup("مؤسسات مقرها في \(country.name)", kind: "organizations", shared.countedChips(
            based.map { (shared.organizationChips[$0.id], site.articlesByOrganization[$0.id]?.count ?? 0) }))
        let partnerChips = SharedValues.chipGroup("الدول الشريكة وعدد الأخبار المشتركة", kind: "countries", shared.countedChips(
            partners.shown.map { (shared.countryChips[$0.0], $0.1) }), more: format.more(partners.more, .country))
        return [
            "country": ["name": .text(country.name), "count_text": .text(countText),
                        "search_href": site.config.search ? .text(SitePath.search(filter: "country", value: country.code)) : .flag(false)],
            "organizations": organizations,
            "partners": partnerChips,
        ]
    }
}
