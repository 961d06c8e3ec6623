import ArgumentParser
import Terminal

@main
struct Taawun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taawun",
        abstract: "Taawun (تعاون): builds the Arabic digest of media-cooperation news.",
        discussion: """
        The site folder holds content/ (articles, organizations.yaml, site.yaml) and templates/.
        Run the commands from that folder, or pass --root.
        """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, ImportCommand.self, NewCommand.self, CheckCommand.self, ServeCommand.self, DeployCommand.self]
    )
}
