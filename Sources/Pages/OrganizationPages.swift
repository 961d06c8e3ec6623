import SiteModel
import Templates

/// The organisations' index, grouped by country, and each organisation's list pages and feed.
extension Plan {
    func organizationIndex() -> Planned {
        let frame = Frame(path: .organizations, title: "المؤسسات",
                          description: "المؤسسات الإعلامية في أخبار \(site.config.title)، مرتبة حسب البلد",
                          section: .organizations, lastModified: shared.newestDay)
        let plan = self
        return html(.organizations, frame) { plan.organizationIndexFields() }
    }

    func organizationIndexFields() -> [String: TemplateValue] {
        let groups: [TemplateValue] = shared.organizationGroups.map { group in
            [
                "name": .text(group.country?.name ?? "دون بلد محدد"),
                "href": group.country.map { .text(SitePath.country($0).href) } ?? false,
                "organizations": .list(group.organizations.map { organization in
                    [
                        "name": .text(organization.name),
                        "href": .text(SitePath.organization(organization.id).href),
                        "count_text": .text(format.count(site.articlesByOrganization[organization.id]?.count ?? 0, .article)),
                    ]
                }),
            ]
        }
        return [
            "groups": .list(groups),
            "count_text": .text(format.count(shared.organizations.count, .organization)),
        ]
    }

    /// An organisation's list pages and its feed.
    func organizationPages(_ organization: Organization, showing: Set<Int>? = nil) -> [Planned] {
        let found = site.partners(ofOrganization: organization.id, limit: NameLimits.partners)
        let partners = Shortlist(shown: found.shown.map { ($0.organization.id, $0.count) }, more: found.more)
        let plan = self
        return listPagesAndFeed(of: organization.name, first: .organization(organization.id),
                                indices: site.articlesByOrganization[organization.id] ?? [], description: organization.description,
                                section: .organizations, template: .organization, showing: showing) { countText in
            plan.organizationFields(organization, partners: partners, countText: countText).merging([
                "network": plan.organizationNetwork(organization, partners: partners.shown.map { ($0.0, $0.1) }),
                "activity": plan.activity(key: "o:" + organization.id, name: organization.name,
                                          indices: plan.site.articlesByOrganization[organization.id] ?? []),
            ]) { $1 }
        }
    }

    func organizationFields(_ organization: Organization, partners: Shortlist<(String, Int)>, countText: String) -> [String: TemplateValue] {
        let country = organization.country.flatMap { site.countries[$0] }
        let website = SharedValues.webAddress(organization.website)
        let details: TemplateValue = [
            "name": .text(organization.name),
            "country": country.map { .object(SharedValues.chip($0.name, .country($0))) } ?? false,
            "website": website.map { ["href": .text($0), "text": .text(SharedValues.displayAddress($0))] } ?? false,
            "description": .optional(organization.description),
            "count_text": .text(countText),
            "is_registered": .flag(organization.isRegistered),
            "search_href": site.config.search ? .text(SitePath.search(filter: "organization", value: organization.id)) : .flag(false),
        ]
        let chips = shared.countedChips(partners.shown.map { (shared.organizationChips[$0.0], $0.1) })
        return [
            "organization": details,
            "partners": SharedValues.chipGroup("المؤسسات الشريكة وعدد الأخبار المشتركة", kind: "organizations", chips,
                                               more: format.more(partners.more, .partner)),
        ]
    }
}
