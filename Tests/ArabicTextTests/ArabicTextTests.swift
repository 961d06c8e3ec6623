import Testing
@testable import ArabicText

@Suite struct NormalizerTests {
    @Test func foldsHamzaTaMarbutaAlifMaqsuraDiacriticsAndTatweel() {
        #expect(ArabicNormalizer.normalize("المؤسسةُ العامّة") == ArabicNormalizer.normalize("المؤسسه العامة"))
        #expect(ArabicNormalizer.normalize("إعلام") == "اعلام")
        #expect(ArabicNormalizer.normalize("آفاق") == "افاق")
        #expect(ArabicNormalizer.normalize("مستشفى") == "مستشفي")
        #expect(ArabicNormalizer.normalize("الإعـــلام") == "الاعلام")
        #expect(ArabicNormalizer.normalize("قطر  ، الدوحة") == "قطر الدوحه")
    }

    @Test func foldsPersianLettersAndDigits() {
        #expect(ArabicNormalizer.normalize("کتاب یومی") == ArabicNormalizer.normalize("كتاب يومي"))
        #expect(ArabicNormalizer.normalize("٢٠٢٤ ۲۰۲۴") == "2024 2024")
    }
}

@Suite struct CliticTests {
    @Test func stripsConjunctionsPrepositionsAndArticle() {
        #expect(Clitics.stems(of: "بكتارا").contains("كتارا"))
        #expect(Clitics.stems(of: "والغابون").contains("الغابون"))
        #expect(Clitics.stems(of: "للمدينه").contains("المدينه"))
        #expect(Clitics.stems(of: "وبالدوحه").contains("الدوحه"))
        #expect(Clitics.stems(of: "فلسطين").first == "فلسطين")
    }

    @Test func keepsShortStems() {
        #expect(!Clitics.stems(of: "ول").contains("ل"))
    }
}

@Suite struct NameIndexTests {
    @Test func findsNamesWithCliticsAndVariantSpelling() {
        var index = NameIndex<String>()
        index.add("المدينة الإعلامية قطر", value: "qmc")
        index.add("كتارا", value: "katara")
        index.add("قطر", value: "QA")
        let found = index.matches(in: "صرح الرئيس التنفيذي للمدينة الاعلامية قطر، وقال بكتارا إن قطر").map(\.value)
        #expect(found == ["qmc", "katara", "QA"])
        #expect(index.lookup("المدينه الإعلاميه قطر") == "qmc")
        #expect(index.lookup("قطر الدوحة") == nil)
    }
}

@Suite struct SlugTests {
    @Test func keepsArabicLettersAndDropsMarks() {
        #expect(Slug.make(from: "كتارا تحتضن اجتماعَ الجمعيـة العمومية") == "كتارا-تحتضن-اجتماع-الجمعية-العمومية")
        #expect(Slug.make(from: "قمة الويب قطر ٢٠٢٤: توقيع") == "قمة-الويب-قطر-2024-توقيع")
    }

    @Test func limitsWordsAndNeverLeavesTheFolder() {
        #expect(Slug.make(from: "a b c d e f g h i j")!.split(separator: "-").count == 8)
        #expect(Slug.make(from: "../../etc/passwd") == "etc-passwd")
        #expect(Slug.make(from: "…،؟ !") == nil)
        #expect(!Slug.isSafe("../../etc"))
        #expect(!Slug.isSafe("a/b"))
        #expect(!Slug.isSafe("%2e%2e"))
        #expect(!Slug.isSafe("  "))
        #expect(!Slug.isSafe("a\u{0}b"))
        #expect(!Slug.isSafe("---"))
        #expect(Slug.isSafe("مذكرة-تفاهم-2024"))
    }

    @Test func percentEncodesUTF8() {
        #expect(Slug.percentEncoded("قطر-2024") == "%D9%82%D8%B7%D8%B1-2024")
    }
}

@Suite struct EditDistanceTests {
    @Test func suggestsCloseNamesOnly() {
        #expect(EditDistance.closest(to: "organisations", among: ["organizations", "countries"]) == "organizations")
        #expect(EditDistance.closest(to: "xyz", among: ["organizations", "countries"]) == nil)
    }
}
