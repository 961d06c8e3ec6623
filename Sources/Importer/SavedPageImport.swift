import ArabicText
import ContentLoading
import Diagnostics
import Foundation

extension ArticleImporter {
    /// Imports a saved web page, or says why it cannot: a page with no story text is an error
    /// naming the file (HTML itself never fails to parse).
    public func importSavedPage(html: String, path: String, sourceURL givenURL: String? = nil,
                                fallbackSlug: String = "article") throws(Diagnostic) -> ImportedArticle {
        let page = SavedPage.read(html: html)
        guard !page.paragraphs.isEmpty else { throw Self.noStory(page, path: path) }
        let article = importSavedPage(page, sourceURL: givenURL, fallbackSlug: fallbackSlug)
        // Blocks that were all furniture once read (a copyright line, a subscribe prompt outside
        // any <footer>): no story either, and an article of none must not be written.
        guard !article.body.isEmpty else { throw Self.noStory(page, path: path) }
        return article
    }

    static func noStory(_ page: SavedPage, path: String) -> Diagnostic {
        let found = page.title.map { " (only its title, \"\($0)\", was found)" } ?? ""
        return .error(at: SourceLocation(file: path), "the web page has no article text\(found)",
                      hint: "the page was probably saved before its article loaded: open the article in the browser, wait until its text shows, and save it again (\"Web Page, complete\"), or copy the article's text into a .txt file and import that")
    }

    /// The page's story goes through the text importer (names, countries, dateline, summary); what
    /// the page states about itself then replaces what the text importer guessed: the headline,
    /// the date (the site's day), the source and its address.
    public func importSavedPage(_ page: SavedPage, sourceURL givenURL: String? = nil, fallbackSlug: String = "article") -> ImportedArticle {
        // A known outlet's name left in the title ("مصراوي | …") goes before the text importer reads it.
        let exactTitle = page.title.map { SavedPage.stripSiteName($0, siteNames: page.siteNames) { self.outletNamed($0) != nil } }
        // The lines between the headline and the story go too, as an editor's copy has them: the
        // text importer knows bylines, date lines and datelines there.
        let text = page.text(withHeadLines: true, title: exactTitle)
        var article = importPlainText(text, sourceURL: givenURL, fallbackSlug: fallbackSlug)
        let read = [page.titleOrigin.map { "title from \($0.rawValue)" }, page.publishedOrigin.map { "date from \($0.rawValue)" }].compactMap { $0 }
        var notes = ["the file is a saved web page (HTML): " + (read.isEmpty ? "it states no headline or date of its own" : read.joined(separator: ", "))]

        if let title = exactTitle {
            if article.title != title || article.titleGenerated {
                // The headline line the text importer did not take must not stay in the story.
                let key = ArabicNormalizer.normalize(title)
                article.body.removeAll { block in
                    if case .paragraph(let p) = block { return ArabicNormalizer.normalize(p) == key }
                    return false
                }
                article.highlights.removeAll { ArabicNormalizer.normalize($0) == key }
                if article.kicker.map(ArabicNormalizer.normalize) == key { article.kicker = nil }
                article.title = title
                article.titleGenerated = false
                article.slug = Slug.make(from: title) ?? article.slug
                article.warnings.removeAll { $0.hasPrefix("no headline") }
            }
        }

        let pageURL = page.url
        article.sourceURL = givenURL ?? pageURL ?? article.sourceURL
        let outlet = savedPageOutlet(page, givenURL: givenURL)
        if let outlet {
            article.source = outlet.name
            article.warnings.removeAll { $0.contains("is not in content/sources.yaml") }
        } else if givenURL == nil, let name = page.siteNames.first(where: { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }) {
            // An outlet the table does not know, named by itself in Arabic.
            article.source = name
            article.warnings.removeAll { $0.contains("is not in content/sources.yaml") }
            notes.append("the outlet \"\(name)\" is not in content/sources.yaml: add it there with its domain")
        }

        if page.published == nil, page.headLinesFollowHeadline || article.date == nil,
           let (day, line) = Self.dateAboveStory(page.headLines), article.date != day {
            // The page's own date line beside the byline ("نشر في: الأحد 14 أبريل 2024"), which
            // the text importer may have taken for page furniture. Above a story with no <h1>
            // before it, such a line may be the site's "today" banner: only when nothing else dates it.
            article.date = day
            article.warnings.removeAll(where: Self.isDateGuess)
            notes.append("the date is from the line above the story (\"\(line)\"): check it")
        }
        if let published = page.published {
            let zone = outlet?.country.flatMap(Self.siteTimeZone)
            let day = published.day(in: zone)
            article.date = day
            article.warnings.removeAll(where: Self.isDateGuess)
            if day != published.day {
                let time = published.minutes.map { String(format: " %02d:%02d", $0 / 60, $0 % 60) } ?? ""
                notes.append("the page's time, \(published.day)\(time) UTC\(Self.offset(published.offsetMinutes ?? 0)), is \(day) at the site (\(zone?.identifier ?? "")): that day is the date")
            }
        }
        // Line numbers count lines of the text made from the page, not of the HTML file: left out.
        article.warnings = article.warnings.map { $0.replacingOccurrences(of: #" \(line \d+\)"#, with: "", options: .regularExpression) }
        article.warnings.insert(contentsOf: notes, at: 0)
        return article
    }

    /// The outlet: the address given on the command line, the page's own name for its site
    /// matched in `content/sources.yaml`, then the page's address.
    func savedPageOutlet(_ page: SavedPage, givenURL: String?) -> Outlet? {
        if let url = givenURL { return outlets.outlet(forURL: url) }
        for name in page.siteNames {
            if let outlet = outletNamed(name) { return outlet }
        }
        if let outlet = page.url.flatMap({ outlets.outlet(forURL: $0) }) { return outlet }
        // "مصراوي | العنوان": the site's name at one end of the page title.
        guard let title = page.documentTitle else { return nil }
        for separator in SavedPage.titleSeparators {
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            if let outlet = outletNamed(parts.last!.trimmingCharacters(in: .whitespaces)) ?? outletNamed(parts[0].trimmingCharacters(in: .whitespaces)) {
                return outlet
            }
        }
        return nil
    }

    /// "الخليج" for "صحيفة الخليج", "جريدة الرياض" for "الرياض": newspapers drop and add the word.
    func outletNamed(_ name: String) -> Outlet? {
        if let o = outlets.outlet(named: name) { return o }
        let words = name.split(separator: " ")
        let prefixes = ["صحيفة", "جريدة", "موقع", "بوابة"]
        if let first = words.first, prefixes.contains(String(first)), words.count > 1 {
            return outlets.outlet(named: words.dropFirst().joined(separator: " "))
        }
        return prefixes.lazy.compactMap { self.outlets.outlet(named: $0 + " " + name) }.first
    }

    /// What the text importer said about the date it looked for in the story: moot once the page
    /// gives its own.
    static func isDateGuess(_ warning: String) -> Bool {
        warning.contains("date") && !warning.contains("names and dates")
    }

    /// The first Gregorian date with a year in the lines between the headline and the story.
    static func dateAboveStory(_ lines: [String]) -> (Day, String)? {
        for line in lines {
            if let day = ArabicDateReader.mentions(in: line).first(where: { !$0.isHijri && $0.year != nil })?.gregorian { return (day, line) }
        }
        return nil
    }

    /// The zone a country's newsrooms date their pages in.
    static func siteTimeZone(_ country: String) -> TimeZone? {
        let zones = ["QA": "Asia/Qatar", "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "KW": "Asia/Kuwait", "BH": "Asia/Bahrain",
                     "OM": "Asia/Muscat", "YE": "Asia/Aden", "IQ": "Asia/Baghdad", "JO": "Asia/Amman", "SY": "Asia/Damascus",
                     "LB": "Asia/Beirut", "PS": "Asia/Gaza", "EG": "Africa/Cairo", "SD": "Africa/Khartoum", "LY": "Africa/Tripoli",
                     "TN": "Africa/Tunis", "DZ": "Africa/Algiers", "MA": "Africa/Casablanca", "MR": "Africa/Nouakchott",
                     "TR": "Europe/Istanbul"]
        return zones[country].flatMap { TimeZone(identifier: $0) }
    }

    static func offset(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return "\(sign)\(m / 60)" + (m % 60 == 0 ? "" : ":\(m % 60)")
    }
}
