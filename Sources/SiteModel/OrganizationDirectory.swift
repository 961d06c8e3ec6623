import ArabicText
import ContentLoading

/// Resolves what editors write in `organizations:` to registry entries: by id, Arabic name or
/// alias, after normalisation. A name the registry does not know still gets an organisation
/// (and a page); the caller warns with the closest registry entry.
public struct OrganizationDirectory: Sendable {
    public private(set) var registered: [String: Organization] = [:]
    private var index = NameIndex<String>()
    private var normalizedNames: [(normalized: String, name: String)] = []

    public init(records: [OrganizationRecord]) {
        for record in records where !record.id.isEmpty && !record.name.isEmpty {
            registered[record.id] = Organization(id: record.id, name: record.name, aliases: record.aliases,
                                                 country: record.country, website: record.website,
                                                 description: record.description, isRegistered: true)
            index.add(record.name, value: record.id)
            for alias in record.aliases { index.add(alias, value: record.id) }
            normalizedNames.append((ArabicNormalizer.normalize(record.name), record.name))
            for alias in record.aliases { normalizedNames.append((ArabicNormalizer.normalize(alias), record.name)) }
        }
    }

    /// The registry entry for a written name, id or alias.
    public func registeredID(for written: String) -> String? {
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if registered[trimmed] != nil { return trimmed }
        return index.lookup(trimmed)
    }

    /// An organisation for a name the registry does not know: its id is a slug of the
    /// normalised name, so two spellings of one name share a page. Nil if no letter survives.
    public static func unregistered(named written: String) -> Organization? {
        guard let slug = Slug.make(from: ArabicNormalizer.normalize(written), maxWords: 10) else { return nil }
        return Organization(id: slug, name: written.trimmingCharacters(in: .whitespacesAndNewlines), isRegistered: false)
    }

    /// The registry name closest to `written`, for "did you mean".
    public func suggestion(for written: String) -> String? {
        let normalized = ArabicNormalizer.normalize(written)
        // A registry name contained in what was written (or the reverse) is the likeliest intent.
        if let contained = normalizedNames.first(where: { normalized.contains($0.normalized) || $0.normalized.contains(normalized) }) {
            return contained.name
        }
        let byNormalized = Dictionary(normalizedNames.map { ($0.normalized, $0.name) }, uniquingKeysWith: { a, _ in a })
        return EditDistance.closest(to: normalized, among: byNormalized.keys).flatMap { byNormalized[$0] }
    }
}
