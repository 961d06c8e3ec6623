import ContentLoading
import Foundation
import Gazetteer
@testable import Importer
import TaawunTesting

/// One importer for all tests, with the repository's registries: building the country index is
/// the expensive part, so it is done once.
let sharedImporter: ArticleImporter = {
    let layout = Repository.layout
    let registries = ContentLoader.loadRegistries(layout)
    let (outlets, _) = OutletTable.load(layout)
    return ArticleImporter(organizations: registries.organizations, countries: registries.countries, outlets: outlets)
}()

let sharedOutlets: OutletTable = OutletTable.load(Repository.layout).0

func seed(_ prefix: String) throws -> (name: String, text: String) {
    let folder = Repository.seeds
    let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasPrefix(prefix) }!
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return (name, try ArticleImporter.decode(data, path: name))
}

func importSeed(_ prefix: String) throws -> ImportedArticle {
    let (name, text) = try seed(prefix)
    return sharedImporter.importArticle(text, fallbackSlug: name)
}

func fixture(_ name: String) throws -> String {
    let url = Repository.root.appendingPathComponent("Tests/ImporterTests/Fixtures").appendingPathComponent(name)
    return try ArticleImporter.decode(try Data(contentsOf: url), path: name)
}
