import Templates

/// The page a host serves for an address that is not found.
extension Plan {
    func notFound() -> Planned {
        // A host serves this page at whatever address was not found, at any depth, so it
        // reaches the site through base_url's path rather than through its own folders.
        let frame = Frame(path: .notFound, title: "الصفحة غير موجودة", description: site.config.description,
                          section: nil, indexed: false, root: shared.basePath)
        return html(.notFound, frame) { ["heading": "الصفحة غير موجودة"] }
    }
}
