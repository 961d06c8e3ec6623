import ArabicText
import ContentLoading
import Foundation
import Testing
@testable import Importer

private func importText(_ text: String, url: String? = nil) -> ImportedArticle {
    sharedImporter.importArticle(text, sourceURL: url, fallbackSlug: "test")
}

private let story = "وقعت وزارة الإعلام السعودية اتفاقية تعاون مع جامعة قطر لتدريب الصحفيين على صحافة البيانات، بحضور عدد من المسؤولين والخبراء في المجال."

@Suite struct CleaningTests {
    @Test func whiteSpaceIsNormalisedAndWordsKept() {
        let text = "عنوان الخبر هنا\n\n\n\n\u{00A0}\u{00A0}\n" + story.replacingOccurrences(of: " مع ", with: "  \u{00A0} مع\t") + "\r\n\n\n\nفقرة ثانية من النص تقول شيئا آخر عن التعاون بين الجانبين في مجال التدريب."
        let a = importText(TextFile.normalizingLineEndings(text))
        #expect(a.body == [.paragraph(story), .paragraph("فقرة ثانية من النص تقول شيئا آخر عن التعاون بين الجانبين في مجال التدريب.")])
    }

    @Test func persianLettersBecomeArabicWithoutChangingTheirLook() {
        #expect(ArticleCleaner.normalizeLine("کتارا تستضیف مؤتمرا فی الدوحة") == "كتارا تستضيف مؤتمرا فى الدوحة")
    }

    @Test func shareCommentSubscribeAndRelatedListsGo() {
        let text = """
        الرئيسية > أخبار > محليات
        شارك
        فيسبوك
        عنوان الخبر عن التعاون الإعلامي
        كتب: محمد علي
        \(story)
        اقرأ أيضاً
        خبر آخر لا علاقة له بهذا الموضوع
        فقرة ثانية من النص تقول شيئا آخر عن التعاون بين الجانبين في مجال التدريب الإعلامي والصحفي المتخصص.
        اشترك في النشرة البريدية
        الأكثر قراءة
        عنوان لا علاقة له
        عنوان آخر لا علاقة له
        جميع الحقوق محفوظة © 2024
        """
        let a = importText(text)
        #expect(a.title == "عنوان الخبر عن التعاون الإعلامي")
        #expect(a.body.count == 2)
        let markdown = FrontMatterWriter.markdown(a)
        for gone in ["الرئيسية", "شارك", "فيسبوك", "كتب:", "اقرأ", "خبر آخر", "اشترك", "الأكثر", "عنوان لا علاقة", "الحقوق"] {
            #expect(!markdown.contains(gone), "\(gone)")
        }
        #expect(a.warnings.contains { $0.hasPrefix("removed") })
    }

    @Test func bbcodeLinkGoesAndItsURLIsTheSource() {
        let a = importText(story + "\nhttps://www.alriyadh.com/2047895]إضغط هنا لقراءة المزيد...[/url]")
        #expect(a.sourceURL == "https://www.alriyadh.com/2047895")
        #expect(a.source == "جريدة الرياض")
        #expect(a.body == [.paragraph(story)])
        // A link with real words keeps them.
        let (kept, urls, _) = ArticleCleaner.stripLinks("زوروا [url=https://example.org/x]موقع المعرض[/url] للمزيد")
        #expect(kept == "زوروا موقع المعرض للمزيد")
        #expect(urls == ["https://example.org/x"])
    }

    @Test func duplicatedParagraphAndWireSignOffsGo() {
        let a = importText("الدوحة (قنا) - " + story + "\n" + "الدوحة (قنا) - " + story + "\nوأضاف أن التعاون سيستمر خلال السنوات المقبلة. /انتهى/\nع ع / م ح")
        #expect(a.body.count == 2)
        #expect(a.body.last == .paragraph("وأضاف أن التعاون سيستمر خلال السنوات المقبلة."))
        #expect(a.source == "وكالة الأنباء القطرية")
        #expect(a.removed.contains { $0.reason == .duplicate })
    }

    @Test func textCutOffMidSentenceIsReported() {
        let a = importText(story + "\nوأكد الجانبان أهمية تطوير المحتوى الرقمي الموجه للشباب وتدريب الكوادر في مركز")
        #expect(a.warnings.contains { $0.contains("cut off") })
    }

    @Test func markdownSpecialCharactersAreEscaped() {
        #expect(FrontMatterWriter.escapeMarkdown("- نقطة *مهمة* و<b>") == "\\- نقطة \\*مهمة\\* و\\<b>")
        #expect(FrontMatterWriter.escapeMarkdown("2024. عام") == "2024\\. عام")
        #expect(YAMLText.quoted("قال: \"نعم\"\\") == "\"قال: \\\"نعم\\\"\\\\\"")
    }
}

@Suite struct HeadlineTests {
    @Test func generatedTitleIsTheLeadsMainClause() {
        #expect(TitleWriter.title(fromLead: "أكد المغرب والغابون ، أمس الثلاثاء بليبروفيل ، إرادتهما المشتركة في نسج علاقات بناءة وإقامة شراكة مثمرة في قطاع التكنولوجيات.")
                == "أكد المغرب والغابون إرادتهما المشتركة في نسج علاقات بناءة وإقامة شراكة مثمرة")
        let long = "أعلنت الهيئة العامة للإعلام المرئي والمسموع عن إطلاق برنامج جديد لتأهيل الكفاءات الوطنية في مجالات الإنتاج التلفزيوني والإذاعي والرقمي خلال العام المقبل."
        let title = TitleWriter.title(fromLead: long)!
        #expect(title.split(separator: " ").count <= 14)
        #expect(long.hasPrefix(title))
        #expect(!["في", "من", "على", "و"].contains(String(title.split(separator: " ").last!)))
    }

    @Test func summaryIsCutAtAWordBoundary() {
        let long = String(repeating: "كلمة طويلة نسبيا ", count: 30)
        let summary = SummaryWriter.summary(of: long)
        #expect(summary.count <= 221)
        #expect(summary.hasSuffix("…"))
        #expect(long.hasPrefix(String(summary.dropLast())))
        #expect(SummaryWriter.summary(of: "فقرة قصيرة.") == "فقرة قصيرة.")
    }

    @Test func repeatedHeadlineAndNavigationAboveIt() {
        let text = """
        خبر رياضي عن مباراة كرة القدم أمس
        أسعار الذهب اليوم في الأسواق المحلية
        وقعت وزارة الإعلام اتفاقية مع جامعة قطر
        وقعت وزارة الإعلام اتفاقية مع جامعة قطر
        \(story)
        """
        let a = importText(text)
        #expect(a.title == "وقعت وزارة الإعلام اتفاقية مع جامعة قطر")
        #expect(a.removed.filter { $0.reason == .navigation }.count == 2)
        #expect(a.removed.contains { $0.reason == .repeatedHeadline })
    }
}

@Suite struct DateTests {
    private func day(_ text: String) -> String? { ArabicDateReader.firstDay(in: text)?.description }

    @Test func gregorianMonthsInEveryRegionalForm() {
        let months: [(String, Int)] = [
            ("يناير", 1), ("جانفي", 1), ("كانون الثاني", 1), ("فبراير", 2), ("فيفري", 2), ("شباط", 2), ("مارس", 3), ("آذار", 3),
            ("أبريل", 4), ("ابريل", 4), ("أفريل", 4), ("نيسان", 4), ("مايو", 5), ("ماي", 5), ("أيار", 5), ("يونيو", 6), ("يونيه", 6),
            ("جوان", 6), ("حزيران", 6), ("يوليو", 7), ("يوليوز", 7), ("جويلية", 7), ("تموز", 7), ("أغسطس", 8), ("غشت", 8), ("أوت", 8),
            ("آب", 8), ("سبتمبر", 9), ("شتنبر", 9), ("أيلول", 9), ("أكتوبر", 10), ("اكتوبر", 10), ("تشرين الأول", 10), ("نوفمبر", 11),
            ("نونبر", 11), ("تشرين الثاني", 11), ("ديسمبر", 12), ("دجنبر", 12), ("كانون الأول", 12),
        ]
        for (name, month) in months {
            #expect(day("في 9 \(name) 2023") == String(format: "2023-%02d-09", month), "\(name)")
        }
    }

    @Test func digitsOrderAndForms() {
        #expect(day("٢٨ فبراير ٢٠٢٤") == "2024-02-28")          // Arabic-Indic
        #expect(day("۲۸ فبراير ۲۰۲۴") == "2024-02-28")          // Persian
        #expect(day("فبراير 28، 2024") == "2024-02-28")          // month first
        #expect(day("28/02/2024") == "2024-02-28")
        #expect(day("2024-02-28") == "2024-02-28")
        #expect(day("03/28/2024") == "2024-03-28")               // month first when the day cannot be
        #expect(day("الرابع من مايو 2019") == "2019-05-04")      // ordinal words
        #expect(day("28 فبراير/شباط 2024") == "2024-02-28")
        #expect(day("يوم الأحد (9 مارس 2025)") == "2025-03-09")
        #expect(ArabicDateReader.mentions(in: "يوم الأحد (9 مارس 2025)").first?.hasWeekday == true)
        #expect(day("عام 2014 شهد تأسيس الشبكة") == nil)
        #expect(day("31 فبراير 2024") == nil)
    }

    @Test func rangesGiveTheFirstDay() {
        #expect(day("من 20 إلى 22 يناير 2020") == "2020-01-20")
        #expect(day("ما بين 20 إلى 22 يناير 2020") == "2020-01-20")
        #expect(day("20-22 يناير 2020") == "2020-01-20")
        #expect(day("من 30 ديسمبر إلى 2 يناير 2020") == "2019-12-30")
        #expect(day("ما بين 20 و22 يناير 2020") == "2020-01-20")
    }

    @Test func hijriBesideGregorianAndHijriAlone() {
        #expect(ArabicDateReader.mentions(in: "الأربعاء 18 شعبان 1445 هـ الموافق 28 فبراير 2024 م").compactMap(\.gregorian).map(\.description)
                == ["2024-02-28", "2024-02-28"])
        #expect(day("18 شعبان 1445هـ") == "2024-02-28")
        #expect(day("1 رمضان 1445 هـ") == "2024-03-11")
        #expect(day("10 ذو الحجة 1444") == "2023-06-28")
        let a = importText("عنوان الخبر عن الإعلام\nالأحد 18 شعبان 1445هـ - 28 فبراير 2024م\n" + story)
        #expect(a.date?.description == "2024-02-28")
    }

    @Test func headerDateBeatsStoryDatesAndBannersAreIgnored() {
        let text = """
        اليوم: الخميس 15 مايو 2025
        خبر رياضي عن مباراة كرة القدم أمس
        أسعار الذهب اليوم في الأسواق المحلية
        وزارة الإعلام توقع اتفاقية مع جامعة قطر
        نشر في: 12 مايو 2025
        وقعت وزارة الإعلام اتفاقية مع جامعة قطر يوم 1 يناير 2020 لتدريب الصحفيين على صحافة البيانات، بحضور عدد من المسؤولين.
        """
        #expect(importText(text).date?.description == "2025-05-12")
        let bannerOnly = text.replacingOccurrences(of: "نشر في: 12 مايو 2025\n", with: "").replacingOccurrences(of: "يوم 1 يناير 2020 ", with: "أمس ")
        let a = importText(bannerOnly)
        #expect(a.date == nil)
        #expect(a.warnings.contains { $0.contains("banner") })
    }

    @Test func relativeDateWithoutAnchorLeavesItEmpty() {
        let a = importText("الرباط - أكد المغرب والغابون، أمس الثلاثاء بليبروفيل، إرادتهما المشتركة في نسج علاقات بناءة في قطاع الإعلام والاتصال.")
        #expect(a.date == nil)
        #expect(a.warnings.contains { $0.contains("أمس") })
    }

    @Test func dateInTheSourceAddress() {
        let a = importText(story, url: "https://example.com/news/2024/03/05/media-deal")
        #expect(a.date?.description == "2024-03-05")
    }
}

@Suite struct DatelineTests {
    let reader = DatelineReader(outlets: sharedOutlets)

    @Test func theIssuesForms() {
        let cases: [(String, String, String?)] = [
            ("الدوحة – كتارا :", "الدوحة", "كتارا"),
            ("أبوظبي في 5 مارس / وام / أعلن المجلس", "أبوظبي", "وام"),
            ("عمّان (بترا) - قال الوزير", "عمّان", "بترا"),
            ("القاهرة-أ ش أ- بحث رئيس الهيئة", "القاهرة", "أ ش أ"),
            ("الرياض - واس: أعلنت الهيئة", "الرياض", "واس"),
            ("دمشق-سانا", "دمشق", "سانا"),
            ("بغداد/ واع", "بغداد", "واع"),
            ("بيروت - «النهار»", "بيروت", "النهار"),
            ("الرياض 10 رمضان 1445 هـ الموافق 20 مارس 2024 م واس", "الرياض", "واس"),
        ]
        for (text, city, credit) in cases {
            let d = reader.read(text)
            #expect(d?.city == city, "\(text)")
            #expect(d?.credit == credit, "\(text)")
        }
        #expect(reader.read("أبوظبي في 5 مارس / وام / أعلن المجلس")?.date.map { [$0.month, $0.day] } == [3, 5])
    }

    @Test func sentencesThatStartWithACityAreNotDatelines() {
        #expect(reader.read("الدوحة تستضيف مؤتمر الإعلام العربي الشهر المقبل بمشاركة واسعة") == nil)
        #expect(reader.read("والرياض - عاصمة المملكة - تحتضن") == nil)
        #expect(reader.read("قال الوزير - في تصريح - إن") == nil)
    }

    @Test func datelineCityAndAgencyFillTheFields() {
        let a = importText("عمّان (بترا) - " + story)
        #expect(a.dateline == "عمّان")
        #expect(a.source == "وكالة الأنباء الأردنية")
        #expect(a.summary?.hasPrefix("وقعت وزارة الإعلام") == true)
    }
}

@Suite struct SourceTests {
    @Test func givenAddressThenCreditLineThenTextAddress() {
        #expect(importText(story, url: "https://m.alriyadh.com/123").source == "جريدة الرياض")
        #expect(importText("عنوان الخبر\nأخبارنا المغربية - و م ع\n" + story).source == "أخبارنا المغربية")
        #expect(importText("عنوان الخبر\n(واس)\n" + story).source == "وكالة الأنباء السعودية")
        #expect(importText(story + "\nالمصدر: وكالة أنباء البحرين").source == "وكالة أنباء البحرين")
        let unknown = importText(story, url: "https://www.unknown-news.example/a/1")
        #expect(unknown.source == "unknown-news.example")
        #expect(unknown.warnings.contains { $0.contains("sources.yaml") })
    }
}

@Suite struct PageShapeTests {
    @Test func htmlPasteBecomesText() {
        let html = """
        <html><body><nav><a href="/">الرئيسية</a></nav><h1>وزارة الإعلام توقع اتفاقية مع جامعة قطر</h1>
        <p class="date">28 فبراير 2024</p><div class="body"><p>\(story)</p><p>وأضاف أن التعاون سيستمر خلال السنوات المقبلة &amp; سيشمل التدريب.</p></div>
        <script>var x = "<p>لا</p>";</script></body></html>
        """
        let a = importText(html)
        #expect(a.title == "وزارة الإعلام توقع اتفاقية مع جامعة قطر")
        #expect(a.date?.description == "2024-02-28")
        #expect(a.body == [.paragraph(story), .paragraph("وأضاف أن التعاون سيستمر خلال السنوات المقبلة & سيشمل التدريب.")])
        #expect(a.warnings.contains { $0.contains("HTML") })
        #expect(!HTMLText.looksLikeHTML("قال إن <b> ليست وسما"))
    }

    @Test func siteNameAfterTheHeadline() {
        let a = importText("وزارة الإعلام توقع اتفاقية مع جامعة قطر | اليوم السابع\n" + story)
        #expect(a.title == "وزارة الإعلام توقع اتفاقية مع جامعة قطر")
        #expect(a.source == "اليوم السابع")
    }

    @Test func bulletsLeaveHighlights() {
        let a = importText("وزارة الإعلام توقع اتفاقية مع جامعة قطر\n\n• تدريب الصحفيين على صحافة البيانات\n\n" + story)
        #expect(a.highlights == ["تدريب الصحفيين على صحافة البيانات"])
    }
}

@Suite struct HTMLEntityTests {
    @Test func numericEntities() {
        let page = SavedPage.read(html: "<html><body><p>&#1602;&#1591;&#1585; &#x645;&#x635;&#x631; &amp; &laquo;&#1605;&raquo;</p></body></html>")
        #expect(page.paragraphs == ["قطر مصر & «م»"])
    }
}

@Suite struct KickerTests {
    @Test func kickerFramesTheHeadlineAStandfirstFollowsIt() {
        let framed = importText("لتعزيز الشراكة الإعلامية\nوزارة الإعلام توقع اتفاقية مع جامعة قطر\n\n" + story)
        #expect(framed.kicker == "لتعزيز الشراكة الإعلامية")
        #expect(framed.title == "وزارة الإعلام توقع اتفاقية مع جامعة قطر")
        let standfirst = importText("وزارة الإعلام توقع اتفاقية\nالاتفاقية تشمل تدريب الصحفيين على صحافة البيانات في جامعة قطر\n\n" + story)
        #expect(standfirst.kicker == nil)
        #expect(standfirst.title == "وزارة الإعلام توقع اتفاقية")
        #expect(standfirst.highlights == ["الاتفاقية تشمل تدريب الصحفيين على صحافة البيانات في جامعة قطر"])
    }

    @Test func timeStampsAndCaptionsAreNotHeadlines() {
        let a = importText("وزارة الإعلام توقع اتفاقية مع جامعة قطر\n10:30 ص\nجانب من توقيع الاتفاقية\n" + story)
        #expect(a.title == "وزارة الإعلام توقع اتفاقية مع جامعة قطر")
        #expect(a.highlights.isEmpty)
    }
}

@Suite struct TokenizerTests {
    /// NameIndex match ranges index `ArabicNormalizer.words(text)`; the tokenizer must give the same words.
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func tokensLineUpWithTheNormalizersWords(_ prefix: String) throws {
        let (_, text) = try seed(prefix)
        for line in text.split(separator: "\n") {
            #expect(Tokenizer.tokens(line).map(\.norm) == ArabicNormalizer.words(String(line)))
        }
        let odd = "وقّعت  ـ الـمدينة، ء (قنا) ١٢/٣ کتارا\u{200C}ی 2024م «تيك توك»"
        #expect(Tokenizer.tokens(odd).map(\.norm) == ArabicNormalizer.words(odd))
    }
}
