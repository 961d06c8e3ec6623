import ArabicText
import ContentLoading
import Diagnostics
import Foundation
import Gazetteer

/// One block of the story as it is written to Markdown.
public enum BodyBlock: Sendable, Hashable {
    case paragraph(String)
    /// A short line inside the story that heads the paragraphs after it ("موقع الكتروني وورشة عمل").
    case subheading(String)
}

/// An article read out of a pasted news page: the front-matter fields and the story.
public struct ImportedArticle: Sendable, Hashable {
    public var title: String
    public var titleGenerated: Bool
    public var kicker: String?
    public var highlights: [String]
    public var date: Day?
    public var summary: String?
    public var source: String?
    public var sourceURL: String?
    public var dateline: String?
    public var organizations: [FoundOrganization]
    public var countries: [String]
    public var body: [BodyBlock]
    /// What an editor should look at (no date, generated title, text cut off …).
    public var warnings: [String]
    /// What was taken out of the page, line by line.
    public var removed: [Removal]
    /// Fields guessed weakly, for the editor to check (the report lists them, the file says so beside them).
    public var checks: [FieldCheck] = []
    /// The file name to write, without ".md".
    public var slug: String
}

/// A field the importer guessed weakly: which field (and which item of a list), and why to check it.
public struct FieldCheck: Sendable, Hashable {
    /// The front-matter key: title, date, organizations.
    public var field: String
    /// For a list: the item meant.
    public var item: String?
    public var reason: String

    public init(field: String, item: String? = nil, reason: String) {
        self.field = field
        self.item = item
        self.reason = reason
    }
}

/// Turns the text of a news page into an article. Pure: no file system, no clock.
public struct ArticleImporter: Sendable {
    let cleaner: ArticleCleaner
    let datelines: DatelineReader
    let countryFinder: CountryFinder
    let organizationFinder: OrganizationFinder
    let outlets: OutletTable

    /// How much of a story is searched for names and dates: a news story is far shorter; a
    /// 10 MB paste is not read to its end for them (every pass stays linear anyway).
    static let analysisLimit = 60_000

    public init(organizations: [OrganizationRecord] = [], countries: [CountryRecord] = [], outlets: OutletTable = OutletTable(),
                gazetteer: CountryGazetteer? = nil) {
        self.outlets = outlets
        cleaner = ArticleCleaner(outlets: outlets)
        datelines = DatelineReader(outlets: outlets)
        countryFinder = CountryFinder(gazetteer: gazetteer ?? CountryGazetteer(overrides: countries), overrides: countries)
        organizationFinder = OrganizationFinder(registry: organizations, countries: countryFinder)
    }

    /// Reads an input file's bytes as text, or says why it is not an article: invalid UTF-8,
    /// a binary file, an empty one. BOM and CRLF are handled by `TextFile`.
    public static func decode(_ data: Data, path: String) throws(Diagnostic) -> String {
        if data.isEmpty || data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            throw .error(at: SourceLocation(file: path), "the file is empty", hint: "copy the article's text from the web page into the file")
        }
        let text = try TextFile.decode(data, displayPath: path)
        // Control characters other than tab and new line mean a binary file that happens to decode.
        var controls = 0, total = 0
        for s in text.unicodeScalars.prefix(65_536) {
            total += 1
            if s.value < 0x20 && s != "\n" && s != "\t" || s.value == 0x7F || s.value == 0xFFFD { controls += 1 }
        }
        if controls > 8 && controls * 100 > total {
            throw .error(at: SourceLocation(file: path), "the file is not text (it looks like a binary file)",
                         hint: "import the article's text, saved as a .txt file, not a document, image or archive")
        }
        if !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            throw .error(at: SourceLocation(file: path), "the file has no words in it", hint: "copy the article's text from the web page into the file")
        }
        return text
    }

    public func importArticle(_ text: String, sourceURL givenURL: String? = nil, fallbackSlug: String = "article") -> ImportedArticle {
        // A saved web page is read through its own metadata first (SavedPageImport.swift).
        if HTMLText.looksLikeHTML(text) { return importSavedPage(SavedPage.read(html: text), sourceURL: givenURL, fallbackSlug: fallbackSlug) }
        return importPlainText(text, sourceURL: givenURL, fallbackSlug: fallbackSlug)
    }

    func importPlainText(_ text: String, sourceURL givenURL: String?, fallbackSlug: String) -> ImportedArticle {
        var warnings: [String] = []
        var page = cleaner.clean(text)
        var removed = page.removed

        // A dateline on a line of its own above the story ("الدوحة – كتارا :") is not a highlight.
        var datelineText: String?
        var dateline: Dateline?
        if let k = page.head.lastIndex(where: { line in
            line.wordCount <= 16 && datelines.read(line.text).map { $0.length >= line.text.count - 1 } == true
        }) {
            datelineText = page.head[k].text
            dateline = datelines.read(page.head[k].text)
            page.head.remove(at: k)
        } else if let k = page.head.lastIndex(where: { line in
            // "دبي: محمد إبراهيم": the dateline with the reporter's name after it.
            line.wordCount <= 6 && line.text.contains(":") && datelines.read(line.text).map { $0.credit == nil && $0.date == nil } == true
        }), let found = datelines.read(page.head[k].text) {
            dateline = found
            let isDate = page.dateLines.contains { $0.number == page.head[k].number }
            if !isDate { removed.append(Removal(line: page.head[k].number, text: page.head[k].text, reason: .byline)) }
            page.head.remove(at: k)
        }

        let headlineContext = HeadlineContext(outlets: outlets, sourceURL: givenURL ?? page.links.first,
                                              namesCountry: { [countryFinder] in !countryFinder.countries(in: $0).isEmpty })
        var headline = HeadlineExtractor.extract(head: page.head, body: page.body, usesBlankLines: page.usesBlankLines, dateLines: page.dateLines,
                                                 context: headlineContext)
        removed += headline.dropped
        // Wire copy pasted with its lead above the headline ("عمان 3 أيلول (بترا) - بحثت …", then
        // "بترا والأناضول تبحثان …"): nothing above the story, the lead opens with a dateline, and
        // the short line under it, no sentence, says what the lead says. That line is the headline.
        // The dateline may stand on its own line above the lead ("دمشق-سانا").
        if headline.title == nil, page.body.count >= 3, let lead = page.body.first, datelines.read(lead.text) != nil || dateline != nil {
            // A section's label may stand between them ("الإمارات").
            var k = 1
            while k < min(page.body.count - 1, 3), HeadlineExtractor.label(page.body[k], context: headlineContext) != nil { k += 1 }
            let line = page.body[k]
            let labels = page.body[1..<k]
            let rest = [lead] + page.body.dropFirst(k + 1)
            let related = BodyVocabulary([lead]).looseRelatedness(of: line.text)
            if (4...16).contains(line.wordCount), !ArticleCleaner.endsSentence(line.text), !line.text.hasSuffix(":"), !line.text.hasSuffix("،"),
               related >= 0.6, HeadlineExtractor.notHeadline(line, outlets: outlets) == nil {
                headline.title = line.text
                headline.titleLine = line.number
                headline.score = related
                page.body = Array(rest)
                removed += labels.map { Removal(line: $0.number, text: $0.text, reason: .navigation) }
            }
        }
        var checks: [FieldCheck] = []

        // The story's paragraphs; the headline repeated as the first paragraph goes.
        var body = page.body
        if let title = headline.title {
            let key = ArabicNormalizer.normalize(title)
            body.removeAll { line in
                guard ArabicNormalizer.normalize(line.text) == key else { return false }
                removed.append(Removal(line: line.number, text: line.text, reason: .repeatedHeadline))
                return true
            }
        }
        // A dateline that opens the first paragraph ("عمّان (بترا) - …").
        var lead = body.first?.text ?? ""
        if dateline == nil, let first = body.first, let found = datelines.read(first.text) {
            dateline = found
            lead = String(first.text.dropFirst(found.length))
        } else if let datelineText, !body.isEmpty,
                  dateline?.credit != nil || dateline?.date != nil || datelineText.dropFirst(dateline?.city.count ?? 0).contains(where: \.isLetter) {
            // Keep the journalist's dateline with the first paragraph it belongs to; a city with
            // only dots and a slash ("نواكشوط / ...") says nothing the dateline field does not.
            body[0].text = datelineText + " " + body[0].text
        }

        // Title. A page title copied from the browser ends with the site's name: "… | اليوم السابع".
        let bylines = removed.filter { $0.reason == .byline }.map(\.text)
        var title = headline.title.map { HeadlineExtractor.tidy($0, bylines: bylines) }
        var siteFromTitle: Outlet?
        if let t = title {
            for separator in [" | ", " - ", " – ", " — "] {
                guard let range = t.range(of: separator, options: .backwards) else { continue }
                let tail = String(t[range.upperBound...])
                if let outlet = outlets.outlet(named: tail), t.distance(from: t.startIndex, to: range.lowerBound) > 10 {
                    title = String(t[..<range.lowerBound])
                    siteFromTitle = outlet
                    break
                }
            }
            // An unknown site's name after a bar: a few words the story never uses ("… | موقع النبأ").
            if siteFromTitle == nil, let range = t.range(of: " | ", options: .backwards),
               case let tail = String(t[range.upperBound...]), (1...4).contains(tail.split(separator: " ").count),
               t[..<range.lowerBound].split(separator: " ").count >= 4, BodyVocabulary(body).relatedness(of: tail) < 0.5 {
                title = String(t[..<range.lowerBound])
            }
        }
        var titleGenerated = false
        if title != nil, let score = headline.score, score < HeadlineExtractor.confident {
            checks.append(FieldCheck(field: "title", reason: "the line taken as the headline shares few words with the story"))
        }
        if title == nil, let generated = TitleWriter.title(fromLead: lead) {
            title = generated
            titleGenerated = true
            if let score = headline.score, score < HeadlineExtractor.threshold {
                warnings.append("no line above the story reads like its headline: the title was made from the first sentence — check it")
            } else {
                warnings.append("no headline on the page: the title was made from the first sentence — check it")
            }
            checks.append(FieldCheck(field: "title", reason: "written from the lead: the page has no headline"))
        }
        if title == nil {
            title = fallbackSlug
            titleGenerated = true
            warnings.append("no headline and no story text: the title is the file name")
        }

        // Links: the read-more URL is the source URL unless one was given.
        let sourceURL = givenURL ?? page.links.first { ArticleLoader.isWebAddress($0) }

        // Date.
        var dateCheck: String?
        let date = chooseDate(page: page, headline: headline, dateline: dateline, lead: lead, body: body, sourceURL: sourceURL,
                              warnings: &warnings, weak: &dateCheck)
        if date != nil, let dateCheck { checks.append(FieldCheck(field: "date", reason: dateCheck)) }

        // Source.
        var source = chooseSource(page: page, dateline: dateline, givenURL: givenURL, sourceURL: sourceURL, body: body, warnings: &warnings)
        if let site = siteFromTitle, source == nil || outlets.outlet(named: source!)?.isAgency == true && givenURL == nil {
            source = site.name
        }

        // Countries and organisations, from everything the article keeps.
        var paragraphs: [Substring] = []
        if let kicker = headline.kicker { paragraphs.append(Substring(kicker)) }
        paragraphs.append(Substring(title!))
        paragraphs += headline.highlights.map { Substring($0) }
        var budget = Self.analysisLimit
        for line in body where budget > 0 {
            let part = line.text.prefix(budget)
            paragraphs.append(part)
            budget -= part.count
        }
        if budget <= 0 { warnings.append("the text is very long: names and dates were looked for in its first \(Self.analysisLimit) characters") }
        let tokens = paragraphs.map { Tokenizer.tokens($0) }
        // A newspaper's name is not its city (جريدة الرياض); an agency's name does name its country.
        let masks = tokens.map { words in
            outlets.index.matches(inWords: words.map(\.norm)).filter { !outlets.outlets[$0.value].isAgency }.map(\.wordRange)
                + Self.languageNames(in: words)
        }
        var countries = countryFinder.countries(in: tokens, masked: masks)
        // The story's own spelling of a name wins over the headline's short form: body paragraphs first.
        let headCount = paragraphs.count - min(paragraphs.count, body.count)
        let bodyFirst = Array(tokens[headCount...]) + Array(tokens[..<headCount])
        // The country the story is filed from: its dateline's city, else its outlet's country.
        let home = dateline.flatMap { d -> String? in
            let found = countryFinder.countries(in: d.city)
            return found.count == 1 ? found[0] : nil
        } ?? source.flatMap { outlets.outlet(named: $0)?.country }
        // A story that names no country is its home's (as its countries will be, below).
        let storyCountries = countries.isEmpty ? Set([home].compactMap { $0 }) : Set(countries)
        // Whose a bare ministry is: the home's, else the only country the story names.
        var organizations = organizationFinder.organizations(in: bodyFirst, countries: storyCountries,
                                                             home: home ?? (countries.count == 1 ? countries[0] : nil))
        warnings += organizations.notes
        // An agency the story names only by its acronym ("زار الوزير مقر واج"): the outlet table's
        // full name. A short acronym can be a common word or a town (بنا، قنا): it counts when it is
        // an agency of the story's countries and is long, said twice, or credits the copy too.
        let datelineEnd = max(dateline?.length ?? 0, datelineText.map { $0.count + 1 } ?? 0)
        var acronyms: [Int: Int] = [:] // outlet → bare mentions in the story
        var namedAsAgency = Set<Int>() // outlets an acronym names in a way only an agency is named
        var namedInCapitals = Set<Int>() // outlets named by their Latin acronym as only an agency is
        for (p, words) in bodyFirst.enumerated() {
            for (k, word) in words.enumerated() {
                // "بالتعاون مع (العمانية) و(بنا)": in parentheses after a preposition or "and", an agency's
                // short name, article and all, is a party of the sentence, not a credit.
                if k > 0, words[k - 1].gapAfter.contains("("), word.gapAfter.contains(")"),
                   Self.partyCues.contains(words[k - 1].norm), let i = outlets.aliasIndex[word.norm] ?? outlets.acronymIndex[word.norm] {
                    acronyms[i, default: 0] += 1
                    namedAsAgency.insert(i)
                    continue
                }
                // "نقلت أ ش أ", "مع (و م ع)": a wire abbreviation spelled in letters, where only an agency
                // is named (credit lines, "القاهرة (أ ش أ) -", are read elsewhere).
                if word.norm.count == 1, let i = Self.spelledAbbreviation(at: k, in: words, outlets: outlets),
                   Self.namesAnAgency(at: k, in: words, acronyms: outlets.acronymIndex)
                    || k > 0 && words[k - 1].gapAfter.contains("(") && Self.partyCues.contains(words[k - 1].norm) {
                    acronyms[i, default: 0] += 1
                    namedAsAgency.insert(i)
                    continue
                }
                // "(كونا)" and the dateline's "(واج) -" credit the copy; they do not name the agency in the story.
                if k > 0, words[k - 1].gapAfter.contains("(") || words[k - 1].gapAfter.contains("/") { continue }
                if word.gapAfter.contains(")") { continue }
                // "وطنية - أطلقت …": the word that opens the story before a dash credits the copy.
                if p == 0, k == 0, word.gapAfter.contains("-") || word.gapAfter.contains("–") || word.gapAfter.contains(":") { continue }
                if p == 0, let first = body.first?.text, first.distance(from: first.startIndex, to: word.raw.startIndex) < datelineEnd { continue }
                // "ونظيرتها التركية الأناضول": after a counterpart, an agency's short name, article and all.
                let afterCounterpart = (1...2).contains { d in k >= d && Self.counterpartWords.contains(words[k - d].norm) }
                if afterCounterpart, let i = outlets.aliasIndex[word.norm] {
                    acronyms[i, default: 0] += 1
                    continue
                }
                // "نقلت APS", "وMAP": an agency's Latin acronym, in capitals as written (the table
                // knows it from the agency's web domain).
                let latin = word.raw.hasPrefix("و") ? word.raw.dropFirst() : word.raw
                if latin.count >= 3, latin.allSatisfy({ $0.isASCII && $0.isUppercase }),
                   let i = outlets.latinAcronymIndex[latin.lowercased()] {
                    acronyms[i, default: 0] += 1
                    // ("MENA" is also a region's name: only written as an agency is, "أوردت APS".)
                    if Self.namesAnAgency(at: k, in: words, acronyms: outlets.acronymIndex) { namedInCapitals.insert(i) }
                    continue
                }
                // (An acronym never carries the article: "المكتبة الوطنية" does not name وطنية.)
                guard let stem = Clitics.stems(of: word.norm).first(where: { !$0.hasPrefix("ال") && !word.norm.contains("ال" + $0) && $0.count >= 3 && outlets.acronymIndex[$0] != nil }),
                      let i = outlets.acronymIndex[stem] else { continue }
                acronyms[i, default: 0] += 1
                if Self.namesAnAgency(at: k, in: words, acronyms: outlets.acronymIndex) { namedAsAgency.insert(i) }
            }
        }
        let credits = Set([dateline?.credit, page.removed.last(where: { $0.reason == .signOff })?.text].compactMap { $0 }.map { OutletTable.fold($0) })
        for (i, count) in acronyms.sorted(by: { $0.key < $1.key }) {
            let outlet = outlets.outlets[i]
            // Named as only an agency is ("وكالتا سبأ وواس", «واس», "وقالت قنا"): the table's agency,
            // whatever countries the story names. Otherwise the agency of one of the story's countries.
            if !namedAsAgency.contains(i) {
                guard let country = outlet.country, countries.contains(country) else { continue }
                let credited = outlet.aliases.contains { credits.contains(OutletTable.fold($0)) }
                guard count >= 2 || credited || namedInCapitals.contains(i) || outlet.aliases.contains(where: { !$0.contains(" ") && $0.count >= 4 }) else { continue }
            }
            let found = organizationFinder.organization(named: outlet.name)
            if !organizations.organizations.contains(where: { ArabicNormalizer.normalize($0.name) == ArabicNormalizer.normalize(found.name) }) {
                organizations.organizations.append(found)
            }
        }
        // An outlet of content/sources.yaml named in the story by a name that opens with what it is
        // ("فريق من جريدة عمان", "وكالة تونس أفريقيا للأنباء"): that outlet, by the table's name.
        // (Credit lines and mastheads are gone by now; one-word names such as الخليج are words too.)
        var namedOutlets: [String] = []
        let kickerIndex = headline.kicker == nil ? -1 : bodyFirst.count - headCount
        for (p, words) in bodyFirst.enumerated() where p != kickerIndex {
            for match in outlets.index.matches(inWords: words.map(\.norm)) where match.wordRange.count >= 2 {
                guard Clitics.stems(of: words[match.wordRange.lowerBound].norm).contains(where: Self.outletHeads.contains) else { continue }
                if p == 0, let first = body.first?.text, first.distance(from: first.startIndex, to: words[match.wordRange.lowerBound].raw.startIndex) < datelineEnd { continue }
                let found = organizationFinder.organization(named: outlets.outlets[match.value].name)
                namedOutlets.append(ArabicNormalizer.normalize(found.name))
                if !organizations.organizations.contains(where: { ArabicNormalizer.normalize($0.name) == ArabicNormalizer.normalize(found.name) }) {
                    organizations.organizations.append(found)
                }
            }
        }
        // A name cut short inside an outlet's ("وكالة تونس" of "وكالة تونس أفريقيا للأنباء") goes.
        organizations.organizations.removeAll { organization in
            let key = ArabicNormalizer.normalize(organization.name)
            return organization.isNew && namedOutlets.contains { $0 != key && $0.hasPrefix(key + " ") }
        }
        // A new name that is a known outlet's, maybe with its country's adjective after it
        // ("وكالة أنباء شينخوا الصينية"), is that outlet, named as the outlet table names it.
        var seenNames = Set(organizations.organizations.filter { !$0.isNew }.map { ArabicNormalizer.normalize($0.name) })
        organizations.organizations = organizations.organizations.compactMap { organization in
            guard organization.isNew else { return organization }
            var name = organization.name
            // "وكالة الأنباء الأردنية (بترا)": the outlet table's name stands for the acronym too.
            if name.hasSuffix(")"), let open = name.lastIndex(of: "("), outlets.outlet(named: String(name[..<open]).trimmingCharacters(in: .whitespaces)) != nil {
                name = String(name[..<open]).trimmingCharacters(in: .whitespaces)
            } else if name.hasSuffix(")"), let open = name.lastIndex(of: "("),
                      let outlet = outlets.outlet(named: String(name[name.index(after: open)...].dropLast())),
                      OrganizationFinder.headStem(ArabicNormalizer.words(String(name[..<open])).first) == OrganizationFinder.headStem(ArabicNormalizer.words(outlet.name).first) {
                // "وكالة الأنباء الفلسطينية (وفا)": the acronym is the table's, and so is the agency
                // (وكالة الأنباء والمعلومات الفلسطينية), named as the table names it.
                name = outlet.name
            }
            // "وكالة واس", "وكالتا سبأ وواس": an agency's head before the table's acronym is that agency.
            let parts = ArabicNormalizer.words(name)
            if parts.count == 2, OrganizationFinder.headStem(parts[0]) == Self.agencyHead, let i = outlets.acronymIndex[parts[1]] {
                name = outlets.outlets[i].name
            }
            let words = name.split(separator: " ")
            if let outlet = outlets.outlet(named: name) ?? (words.count >= 3 ? outlets.outlet(named: words.dropLast().joined(separator: " ")) : nil),
               ArabicNormalizer.words(outlet.name).count >= 2 {
                name = outlet.name
            }
            let found = name == organization.name ? organization : organizationFinder.organization(named: name)
            return seenNames.insert(ArabicNormalizer.normalize(found.name)).inserted ? found : nil
        }
        // A story that names no country is about its outlet's own (هسبريس: Morocco).
        if countries.isEmpty, let source, let country = outlets.outlet(named: source)?.country {
            countries = [country]
            checks.append(FieldCheck(field: "countries", reason: "the story names no country: this is its outlet's"))
        }

        // Body blocks, with subheadings for short lines inside the story.
        var blocks: [BodyBlock] = []
        for (k, line) in body.enumerated() {
            let isLast = k == body.count - 1
            if !isLast, k > 0, line.wordCount <= 8, !ArticleCleaner.endsSentence(line.text), !line.text.hasSuffix(":"),
               !line.text.hasSuffix("،"), ArticleCleaner.isParagraph(body[k + 1]) {
                blocks.append(.subheading(line.text))
            } else {
                blocks.append(.paragraph(line.text))
            }
        }
        if let last = body.last, !ArticleCleaner.endsSentence(last.text), last.wordCount >= 6,
           !last.text.hasSuffix("،") || last.wordCount > 0 {
            if !last.text.hasSuffix("،") && !last.text.hasSuffix(":") {
                warnings.append("the text seems cut off: its last paragraph ends mid-sentence (line \(last.number))")
            }
        }
        let furniture = removed.filter { $0.reason != .date && $0.reason != .credit }
        if !furniture.isEmpty {
            let reasons = Dictionary(grouping: furniture, by: \.reason).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
            warnings.append("removed \(furniture.count) line\(furniture.count == 1 ? "" : "s") of page furniture: " + reasons.joined(separator: ", "))
        }

        let summary = lead.isEmpty ? nil : SummaryWriter.summary(of: lead)
        let slug = Slug.make(from: title!) ?? Slug.make(from: fallbackSlug) ?? "article"
        // Bullets in front of highlights are the page's styling, not the words.
        let highlights = headline.highlights.map { String($0.drop { "•·▪●◦-–*".contains($0) || $0 == " " }) }.filter { !$0.isEmpty }
        for organization in organizations.organizations where organization.isNew {
            checks.append(FieldCheck(field: "organizations", item: organization.name, reason: "not in the registry (content/organizations.yaml): check the name"))
        }
        return ImportedArticle(title: title!, titleGenerated: titleGenerated, kicker: headline.kicker, highlights: highlights,
                               date: date, summary: summary, source: source, sourceURL: sourceURL, dateline: dateline?.city,
                               organizations: organizations.organizations, countries: countries, body: blocks,
                               warnings: warnings, removed: removed.sorted { $0.line < $1.line }, checks: checks, slug: slug)
    }

    /// What an outlet's name opens with when the story names it as a body.
    static let outletHeads: Set<String> = Set(["وكالة", "صحيفة", "جريدة", "قناة", "مجلة", "إذاعة", "تلفزيون", "شبكة", "بوابة"].map(ArabicNormalizer.normalize))

    /// Words after which a name in parentheses is a party of the sentence (مع، من، و …), folded.
    static let partyCues: Set<String> = Set(["مع", "من", "عن", "إلى", "و", "لدى", "بين", "ومع", "ومن"].map(ArabicNormalizer.normalize))
    static let agencyHead = ArabicNormalizer.normalize("وكالة")
    /// Feminine verbs of reporting: "وقالت قنا", "ذكرت وام" (an agency is feminine).
    static let reportingVerbs: Set<String> = Set(["قالت", "ذكرت", "أفادت", "نقلت", "أوردت", "أعلنت", "بثت", "نشرت", "أشارت", "أضافت",
                                                   "أكدت", "وزعت"].map(ArabicNormalizer.normalize))

    /// An acronym at `k` written as only an agency is named: in quotes («واس»), after an agency's
    /// head (وكالة قنا), joined by "and" to another agency's acronym (بنا وواس), or as the subject of a
    /// verb of reporting (وقالت قنا، ذكرت وام).
    static func namesAnAgency(at k: Int, in words: [Token], acronyms: [String: Int]) -> Bool {
        let word = words[k]
        if k > 0, words[k - 1].gapAfter.contains(where: { "«\"“”".contains($0) }), word.gapAfter.contains(where: { "»\"“”".contains($0) }) { return true }
        guard k == 0 || words[k - 1].joinsNext else { return false }
        if k > 0 {
            let before = words[k - 1].norm
            if OrganizationLexicon.dualHeads[before] == "وكالة" || Clitics.stems(of: before).contains(where: { OrganizationFinder.headStem($0) == agencyHead }) { return true }
            if Clitics.stems(of: before).contains(where: reportingVerbs.contains) || reportingVerbs.contains(before) { return true }
            if word.norm.hasPrefix("و"), acronyms[before] != nil { return true }
        }
        if k + 1 < words.count, word.joinsNext, words[k + 1].norm.hasPrefix("و"), acronyms[String(words[k + 1].norm.dropFirst())] != nil { return true }
        return false
    }

    /// An agency's abbreviation spelled in two to four one-letter words from `k` (أ ش أ، و م ع، أ ف ب):
    /// the outlet table's agency.
    static func spelledAbbreviation(at k: Int, in words: [Token], outlets: OutletTable) -> Int? {
        var end = k
        while end < words.count, end - k < 4, words[end].norm.count == 1, end == k || words[end - 1].joinsNext || words[end - 1].gapAfter == "." { end += 1 }
        guard end - k >= 2 else { return nil }
        let spelled = words[k..<end].map(\.norm).joined(separator: " ")
        guard let outlet = outlets.outlet(named: spelled), outlet.isAgency else { return nil }
        return outlets.outlets.firstIndex(of: outlet)
    }

    static let counterpartWords: Set<String> = Set(["ونظيرتها", "نظيرتها", "ونظيرها", "نظيرها", "ونظيره", "نظيره"].map(ArabicNormalizer.normalize))

    /// "اليوم الثلاثاء" or "أمس الأربعاء" in the story, when `day` is not that day: the words said.
    /// -1 when the story names `day` as tomorrow ("غدا الأربعاء"), +1 when as yesterday ("أمس الأربعاء").
    static func relativeShift(to day: Day, story: String) -> Int? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else { return nil }
        let weekday = calendar.component(.weekday, from: date)
        let words = ArabicNormalizer.words(String(story.prefix(600)))
        for (w, next) in zip(words, words.dropFirst()) where ArabicDateReader.weekdays[next] == weekday {
            if w == "غدا" { return -1 }
            if Clitics.stems(of: w).contains("امس") { return 1 }
        }
        return nil
    }

    static func day(_ day: Day, plus days: Int) -> Day? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
              let moved = calendar.date(byAdding: .day, value: days, to: date) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: moved)
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }

    static func weekdayContradiction(_ day: Day, story: String) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else { return nil }
        let weekday = calendar.component(.weekday, from: date) // 1 = Sunday, as ArabicDateReader.weekdays
        let words = ArabicNormalizer.words(String(story.prefix(600)))
        for (w, next) in zip(words, words.dropFirst()) {
            guard let named = ArabicDateReader.weekdays[next] else { continue }
            let name = ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"][named - 1]
            if w == "اليوم", named != weekday { return "اليوم " + name }
            if w == "امس", named % 7 + 1 != weekday { return "أمس " + name }
        }
        return nil
    }

    /// Words that name a language, not a country: "باللغات العربية والفرنسية"، "ترجمة إلى
    /// الإنجليزية"، "خدماتها بالعربية والإنجليزية والفرنسية".
    static func languageNames(in words: [Token]) -> [Range<Int>] {
        let cues: Set<String> = ["لغه", "اللغه", "باللغه", "اللغات", "باللغات", "بلغه", "بلغات", "لغات", "ترجمه", "مترجم", "مترجمه",
                                 "دبلجه", "مدبلج", "مدبلجه", "الناطقه", "الناطقين", "ناطقه", "ناطق",
                                 "اللغتين", "باللغتين", "لغتين", "بلغتين", "اللغتان"].map(ArabicNormalizer.normalize).reduce(into: []) { $0.insert($1) }
        var ranges: [Range<Int>] = []
        var inList = false
        for (k, word) in words.enumerated() {
            let w = word.norm
            let bare = w.hasPrefix("و") ? String(w.dropFirst()) : w
            if cues.contains(w) { inList = true; continue }
            if inList, ["الي", "من", "عن", "مع"].contains(w) { continue }
            // "بالفرنسية": in French, a language wherever it stands.
            let inLanguage = bare.hasPrefix("بال") && Self.languages.contains(String(bare.dropFirst()))
            // In a list of languages every definite adjective is one, known or not
            // ("باللغات العربية والكازاخية والروسية").
            let listedLanguage = inList && bare.hasPrefix("ال") && bare.hasSuffix("يه")
            // "العربية والفرنسية": a language joined to Arabic or English is a language.
            let pairedLanguage = w.hasPrefix("و") && Self.languages.contains(bare) && k > 0
                && Self.pairedWithLanguages.contains(words[k - 1].norm.hasPrefix("و") ? String(words[k - 1].norm.dropFirst()) : words[k - 1].norm)
            if pairedLanguage, ranges.last != (k - 1)..<k { ranges.append((k - 1)..<k) }
            if inLanguage || pairedLanguage || inList && (Self.languages.contains(bare) || listedLanguage) {
                ranges.append(k..<(k + 1))
                inList = word.joinsNext || word.gapAfter == "،" || word.gapAfter == ","
                continue
            }
            inList = false
        }
        return ranges
    }

    /// Languages other languages are listed with ("العربية والفرنسية"), folded.
    static let pairedWithLanguages: Set<String> = Set(["العربية", "الإنجليزية", "الانجليزية", "الإنكليزية"].map(ArabicNormalizer.normalize))

    /// Languages whose names are also a country's adjective (الفرنسية، الإنجليزية …), folded.
    static let languages: Set<String> = Set(["العربية", "الإنجليزية", "الانجليزية", "الإنكليزية", "الفرنسية", "الإسبانية", "الاسبانية",
        "الألمانية", "العبرية", "الروسية", "الصينية", "التركية", "الفارسية", "الإيطالية", "اليابانية", "البرتغالية", "الكورية",
        "الأمازيغية", "الكردية", "السواحيلية", "الأوردية", "الهندية"].map(ArabicNormalizer.normalize))

    // MARK: date

    /// The publication date: a date line under the headline, then the dateline's date, then a
    /// date in the source address, then a date the lead ties to a weekday, then (with a
    /// warning) the first full date of the lead. Date lines above the headline with navigation
    /// between them and it are the page's "today" banner, not the article's date.
    func chooseDate(page: CleanedPage, headline: Headline, dateline: Dateline?, lead: String, body: [PageLine],
                    sourceURL: String?, warnings: inout [String], weak: inout String?) -> Day? {
        func best(_ mentions: [DateMention]) -> Day? {
            mentions.first { !$0.isHijri && $0.gregorian != nil }?.gregorian ?? mentions.lazy.compactMap(\.gregorian).first
        }
        let navigationLines = headline.dropped.filter { $0.reason == .navigation }.map(\.line)
        var under: [(Day, Bool)] = [], above: [Day] = [], aboveNavigation: [(Day, String)] = [], anyYear: Int?
        for line in page.dateLines {
            let mentions = ArabicDateReader.mentions(in: line.text)
            guard let day = best(mentions) else { continue }
            anyYear = anyYear ?? day.year
            let folded = ArabicNormalizer.normalize(line.text)
            let isUpdate = folded.contains("تحديث")
            if let titleLine = headline.titleLine, line.number < titleLine {
                // "اليوم: الخميس 15 مايو", "… | الدوحة 38°": the day the page was opened.
                if folded.hasPrefix("اليوم") || line.text.contains("°") || folded.contains("الطقس") {
                    warnings.append("ignored the page's date banner \"\(line.text)\" (line \(line.number)): it is not the article's date")
                } else if navigationLines.contains(where: { $0 > line.number && $0 < titleLine }) {
                    aboveNavigation.append((day, line.text))
                } else {
                    above.append(day)
                }
            } else {
                under.append((day, isUpdate))
            }
        }
        if let day = under.first(where: { !$0.1 })?.0 ?? under.first?.0 { return day }
        if let mention = dateline?.date {
            if let day = mention.gregorian { return day }
            // "أبوظبي في 5 مارس": the year from another date of the page.
            if let year = anyYear, let day = Day(year: year, month: mention.month, day: mention.day) { return day }
            warnings.append("the dateline gives a day without a year: date left empty — fill it in")
            return nil
        }
        if let url = sourceURL, let day = Self.date(inURL: url) { return day }
        if let day = above.first {
            // A "today" banner: the story's "اليوم الثلاثاء" or "أمس الأربعاء" says which day it was written.
            if let said = Self.weekdayContradiction(day, story: lead) {
                warnings.append("ignored the date at the top of the page (\(day)): the story says \"\(said)\", another day — fill in the date")
                return nil
            }
            return day
        }
        let leadParagraphs = [lead] + body.dropFirst().prefix(1).map(\.text)
        let leadMentions = leadParagraphs.flatMap { ArabicDateReader.mentions(in: $0.prefix(3000)) }
        if let withWeekday = leadMentions.first(where: { $0.hasWeekday && $0.gregorian != nil }), let day = withWeekday.gregorian {
            weak = "taken from the story (a day it names), not from the page's header or dateline"
            // "تنطلق غدا الأربعاء 9 أبريل": the story was written the day before the day it names;
            // "أمس الأربعاء 9 أبريل": the day after.
            if let shift = Self.relativeShift(to: day, story: leadParagraphs.joined(separator: " ")), let moved = Self.day(day, plus: shift) {
                weak = "counted from the day the story names (\"\(shift < 0 ? "غداً" : "أمس")\"), not from the page's header or dateline"
                return moved
            }
            return day
        }
        if let (day, text) = aboveNavigation.first {
            warnings.append("the only date is at the top of the page (\"\(text)\"), above the site's menus: check that it is the article's date")
            weak = "the only date is at the top of the page, above its menus"
            return day
        }
        let relative = ArabicDateReader.relativeDayWords(in: lead)
        if let word = relative.first {
            warnings.append("no date: the story says \"\(word)\" but the page gives no day to count from — fill in the date")
            return nil
        }
        // An anniversary ("بثه الأول في 28 أيار 1959") lies years before the page's latest date:
        // not the story's day.
        let pageDays = page.dateLines.flatMap { ArabicDateReader.mentions(in: $0.text) }.compactMap(\.gregorian)
            + leadMentions.compactMap(\.gregorian)
        let latest = pageDays.map(\.year).max() ?? 0
        let near = leadMentions.filter { ($0.gregorian?.year ?? 0) >= latest - 1 }
        if let day = best(near) {
            warnings.append("no publication date on the page: \(day) is the first date of the story — check it")
            weak = "taken from the story, not from the page's header or dateline"
            return day
        }
        warnings.append("no date found: fill in the date")
        return nil
    }

    /// /2024/02/28/, /20240228/ or 2024-02-28 in a web address.
    static func date(inURL url: String) -> Day? {
        guard let path = URLComponents(string: url)?.path else { return nil }
        if let r = path.range(of: #"/(19|20)\d\d/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(/|$)"#, options: .regularExpression) {
            let parts = path[r].split(separator: "/").compactMap { Int($0) }
            if parts.count == 3 { return Day(year: parts[0], month: parts[1], day: parts[2]) }
        }
        if let r = path.range(of: #"(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"#, options: .regularExpression) {
            return Day(iso: String(path[r]))
        }
        // "/2025-03/11/": year and month joined, the day in the next segment.
        if let r = path.range(of: #"/(19|20)\d\d-(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(/|$)"#, options: .regularExpression) {
            let parts = path[r].split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
            if parts.count == 3 { return Day(year: parts[0], month: parts[1], day: parts[2]) }
        }
        return nil
    }

    // MARK: source

    /// The outlet: from the given address, a credit line, an address in the text, the dateline's
    /// agency, in that order. An unknown web site is named by its domain (with a warning).
    func chooseSource(page: CleanedPage, dateline: Dateline?, givenURL: String?, sourceURL: String?, body: [PageLine],
                      warnings: inout [String]) -> String? {
        if let url = givenURL, let outlet = outlets.outlet(forURL: url) { return outlet.name }
        // Credit lines: the site before the agency ("أخبارنا المغربية - و م ع").
        for line in page.creditLines {
            var text = Substring(line.text)
            if ArticleCleaner.creditLabel(ArabicNormalizer.normalize(line.text)) {
                text = text.drop { $0 != ":" && $0 != "-" && $0 != "–" }.dropFirst()
            }
            let parts = text.split(whereSeparator: { "-–—/|()«»".contains($0) }).map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
                .map { part in part.range(of: " من ").map { String(part[..<$0.lowerBound]) } ?? part }
            let found = parts.compactMap { outlets.outlet(named: $0) }
            if let site = found.first(where: { !$0.isAgency }) ?? found.first { return site.name }
            if let first = parts.first, first.split(separator: " ").count <= 6 { return first }
        }
        if let url = sourceURL, let outlet = outlets.outlet(forURL: url) { return outlet.name }
        if let credit = dateline?.credit, let outlet = outlets.outlet(named: credit) { return outlet.name }
        // "بيروت - «الأخبار»": a newspaper's name in quotation marks, known or not.
        if let credit = dateline?.credit, dateline?.creditQuoted == true { return credit }
        // "(قنا)" signing off the last paragraph.
        if let signOff = page.removed.last(where: { $0.reason == .signOff }),
           let outlet = outlets.outlet(named: signOff.text.trimmingCharacters(in: CharacterSet(charactersIn: " ()/.-"))) { return outlet.name }
        if let url = givenURL ?? sourceURL, let host = OutletTable.host(of: url) {
            warnings.append("the outlet \(host) is not in content/sources.yaml: the source is its domain — add it there")
            return host
        }
        return nil
    }
}
