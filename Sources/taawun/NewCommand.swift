import ArgumentParser
import Authoring
import ContentLoading
import Foundation
import Terminal

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new article: content/articles/<slug>.md with today's date, as a draft.",
        discussion: """
        Every front-matter field is written, each with a short note in Arabic on how to fill it.
        An existing file is never replaced.
        Example: taawun new "مكتب الاتصال الحكومي يوقع مذكرة تفاهم"
        """
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The article's title, in quotes.")
    var title: String

    @Option(name: .long, help: "The file name without .md (default: made from the title).")
    var slug: String?

    func run() throws {
        let layout = SiteLayout(root: URL(fileURLWithPath: site.root))
        do throws(ScaffoldError) {
            let scaffold = try ArticleScaffold(title: title, fileStem: slug)
            let url = try scaffold.write(in: layout)
            print("created \(layout.display(url))")
            print("preview it with  taawun serve  and open the address it shows; set draft: false when it is ready")
        } catch {
            Console.standardError.print([error.diagnostic])
            throw ExitCode.failure
        }
    }
}
