import ContentLoading
import Foundation
import SiteModel
import Support
import TaawunTesting
import Testing
@testable import BuildState

/// Every type the build record stores has one codec, derived from its Codable conformance
/// (`BinaryCoding`): each one, filled from the seed site, reads back equal.
@Suite struct StoredTypesTests {
    func roundTrip<T: Codable>(_ value: T) throws -> T {
        var writer = ByteWriter()
        try BinaryCoding.encode(value, into: &writer)
        return try writer.bytes.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes)
            let decoded = try BinaryCoding.decode(T.self, from: &reader)
            #expect(reader.isAtEnd, "\(T.self) left bytes unread")
            return decoded
        }
    }

    @Test func theSeedSiteReadsBackEqual() throws {
        let fixture = try TestSite()
        let content = ContentLoader.load(fixture.layout, includeDrafts: true)
        let site = try SiteBuilder.build(content).site
        #expect(!content.articles.isEmpty && !site.organizations.isEmpty && !site.countries.isEmpty)

        for var source in content.articles {
            source.body = "" // the record keeps no Markdown
            #expect(try roundTrip(source) == source, "\(source.path)")
            let body = BuildRecord.StoredBody(allowUnsafeHTML: false, firstParagraph: "الفقرة الأولى من \(source.title)",
                                              hash: 7, offset: 1, length: 2)
            let record = try roundTrip(BuildRecord.FileRecord(source: source, body: body))
            #expect(record.source == source && record.body?.firstParagraph == body.firstParagraph && record.body?.length == 2)
            #expect(try roundTrip(BuildRecord.FileRecord(source: source)).body == nil)
        }
        for article in site.articles {
            // The body is kept apart, in the bodies file: everything else reads back.
            var expected = article
            expected.body = ArticleBody(html: "")
            #expect(try roundTrip(article) == expected, "\(article.path)")
        }
        for organization in site.organizations.values { #expect(try roundTrip(organization) == organization) }
        for country in site.countries.values { #expect(try roundTrip(country) == country) }

        let registries = ContentLoader.loadRegistries(fixture.layout)
        #expect(!registries.organizations.isEmpty)
        var parsed = ArticleCache.Registries()
        parsed.organizations = (11, registries.organizations)
        parsed.countries = (12, registries.countries)
        let stored = try roundTrip(BuildRecord.StoredRegistries(parsed)).registries
        #expect(stored.organizations?.fingerprint == 11 && stored.organizations?.records == registries.organizations)
        #expect(stored.countries?.fingerprint == 12 && stored.countries?.records == registries.countries)
        #expect(try roundTrip(BuildRecord.StoredRegistries(ArticleCache.Registries())).registries.organizations == nil)
    }
}
