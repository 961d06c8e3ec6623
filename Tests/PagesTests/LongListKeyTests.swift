import ContentLoading
import Foundation
@testable import Pages
@testable import SiteModel
import Templates
import Testing

/// Cards and partner lists show the first names of a long list and how many more there are
/// (`NameLimits`); their keys hash exactly that. The sample site plus one article naming 40
/// organisations and 14 countries, edited past the cut: a page whose bytes change changes its
/// key, and a page whose bytes cannot change (the home page's cards) keeps it.
@Suite struct LongListKeyTests {
    typealias Edit = @Sendable (inout Article) -> Void

    static let extra: [Organization] = (0..<44).map { n in
        let letters = Array("ثجحخدذرزسشصضطظعغقمن")
        let word = String(repeating: "ت", count: n / letters.count + 1) + String(letters[n % letters.count])
        return Organization(id: "long-\(n)", name: "شبكة \(word) الإعلامية", isRegistered: true)
    }
    static let countries: [String: Country] = SiteSample.countries.merging(
        ["TN", "DZ", "MA", "LY", "SD", "IQ", "KW", "BH", "OM", "YE"].map { ($0, Country(code: $0, name: "دولة \($0)")) }) { a, _ in a }

    static let edits: [(name: String, cardChanges: Bool, edit: Edit)] = [
        ("a name past the card's first replaced", false, { $0.organizationIDs[30] = "long-42" }),
        ("two names past the card's first swapped", false, { $0.organizationIDs.swapAt(20, 30) }),
        ("a name added past the card's first", true, { $0.organizationIDs.append("long-43") }),
        ("a name removed past the card's first", true, { $0.organizationIDs.removeLast() }),
        ("a name within the card's first replaced", true, { $0.organizationIDs[3] = "long-42" }),
        ("a country past the card's first replaced", false, { $0.countryCodes[13] = "YE" }),
        ("a country added past the card's first", true, { $0.countryCodes.append("YE") }),
    ]

    static func site(_ edit: Edit?) -> Site {
        var long = SiteSample.article("long-list", "خبر يسمي أربعين مؤسسة", "2024-03-20",
                                      organizations: ["qatar-media-city"] + extra.prefix(39).map(\.id),
                                      countries: ["QA", "EG", "SA", "AE", "JO", "TN", "DZ", "MA", "LY", "SD", "IQ", "KW", "BH", "OM"])
        edit?(&long)
        var organizations = SiteSample.organizations
        for organization in extra { organizations[organization.id] = organization }
        return Site(config: SiteSample.site().config, articles: SiteSample.articles + [long], organizations: organizations,
                    countries: countries)
    }

    @Test(arguments: edits.indices)
    func keysFollowWhatTheShortenedListsShow(_ index: Int) throws {
        let (name, cardChanges, edit) = Self.edits[index]
        let before = try PageKeyTests.rendered(Self.site(nil))
        let after = try PageKeyTests.rendered(Self.site(edit))
        #expect(Set(before.keys) == Set(after.keys))
        for (path, page) in after {
            let old = try #require(before[path])
            if old.bytes != page.bytes { #expect(old.key != page.key, "\(name): \(path) changed but kept its key") }
        }
        // The article's own page shows every name; the home page only its card, and the network
        // picture, which changes when the organisations it draws do.
        let article = "articles/long-list/index.html"
        #expect(before[article]!.bytes != after[article]!.bytes, "\(name)")
        #expect(before[article]!.key != after[article]!.key, "\(name)")
        let (homeBefore, pictureBefore) = Self.splitPicture(before["index.html"]!.bytes)
        let (homeAfter, pictureAfter) = Self.splitPicture(after["index.html"]!.bytes)
        #expect(!pictureBefore.isEmpty)
        #expect((homeBefore != homeAfter) == cardChanges, "\(name)")
        #expect((before["index.html"]!.key != after["index.html"]!.key) == (cardChanges || pictureBefore != pictureAfter), "\(name)")
    }

    /// A home page without its network picture, and the picture.
    static func splitPicture(_ bytes: Data) -> (page: String, picture: String) {
        let html = String(decoding: bytes, as: UTF8.self)
        guard let start = html.range(of: "<figure class=\"net-figure net-home\">"),
              let end = html.range(of: "</figure>", range: start.upperBound..<html.endIndex) else { return (html, "") }
        return (String(html[..<start.lowerBound] + html[end.upperBound...]), String(html[start.lowerBound..<end.upperBound]))
    }

    @Test func theFirstOrganisationsPageShowsItsPartnersCutWithACount() throws {
        let files = try PageKeyTests.rendered(Self.site(nil))
        let html = String(decoding: try #require(files["organizations/qatar-media-city/index.html"]).bytes, as: UTF8.self)
        // 39 from the long article, katara from the sample's first: 40 partners, 24 shown.
        #expect(html.contains("<li class=\"chips-more\">و 16 شريكًا آخر</li>"))
        let home = String(decoding: try #require(files["index.html"]).bytes, as: UTF8.self)
        #expect(home.contains("<li class=\"chips-more\">و 28 مؤسسةً أخرى</li>"))
        #expect(home.contains("<li class=\"chips-more\">ودولتان أخريان</li>"))
    }
}
