import ArgumentParser

/// Options every command that reads a site folder shares.
public struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder holding content/ and templates/ (default: the current folder).")
    public var root: String = "."

    public init() {}
}

/// `taawun serve`'s options, parsed by `taawun` (for its help and errors) and again by the
/// `taawun-serve` executable it hands them to.
public struct ServeOptions: ParsableArguments {
    public static let abstract = "Preview the site with drafts in a browser; pages reload by themselves on every save."
    public static let discussion = """
        Builds into a temporary folder (public/ is left alone), serves it, watches content/ and \
        templates/, rebuilds what changed and reloads open pages. When an article has errors the \
        page shows them, and recovers when the file is fixed. Press Ctrl-C to stop.
        """

    @OptionGroup public var site: SiteOptions

    @Option(name: .long, help: "The port to listen on.")
    public var port: UInt16 = 8080

    @Option(name: .long, help: "The address to listen on. The default, 127.0.0.1, is this computer only; 0.0.0.0 shows the drafts to the whole network.")
    public var host: String = "127.0.0.1"

    public init() {}

    /// The options as command-line arguments, for the executable that serves.
    public var arguments: [String] { ["--root", site.root, "--port", String(port), "--host", host] }
}
