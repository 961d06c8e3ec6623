import ArabicText
import Testing
@testable import Importer

// Another country's ministry written with a clitic (ووزارة الإعلام …), a state's official name
// (اتحاد جزر القمر), and a verb's complement with ب after a ministry (issue #17). Each test is a
// page written for it, imported whole.

private func importPage(_ text: String) -> ImportedArticle {
    sharedImporter.importArticle(text, sourceURL: nil, fallbackSlug: "test")
}
private func names(_ a: ImportedArticle) -> [String] { a.organizations.map { ArabicNormalizer.normalize($0.name) } }
private func has(_ a: ImportedArticle, _ name: String) -> Bool { names(a).contains(ArabicNormalizer.normalize(name)) }
private let closing = "وتستمر الأنشطة حتى نهاية العام، على أن تنشر نتائجها في تقرير مفصل يوزع على المؤسسات المعنية."

@Suite struct ForeignMinistryClassTests {
    /// The registry knows «وزارة الإعلام» as Saudi Arabia's; after و, a longer ministry of another
    /// country must not be taken for it.
    @Test func anotherCountrysMinistryAfterAConjunctionIsNotTheRegistrysSaudiMinistry() {
        let a = importPage("""
        بروتوكول لتدريب الكوادر الإعلامية
        القاهرة - وقّعت الهيئة المصرية للتدريب الإعلامي ووزارة الإعلام والثقافة والسياحة الصومالية بروتوكول تعاون لتدريب الكوادر الإعلامية الصومالية.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام والثقافة والسياحة الصومالية"), "\(a.organizations.map(\.name))")
        #expect(!has(a, "وزارة الإعلام السعودية"), "\(a.organizations.map(\.name))")
    }

    /// "في اتحاد جزر القمر": the ministry is the Comoros' (القمرية), and the state's name is a
    /// country, not an organisation; a lunar month is not the Comoros.
    @Test func aStatesOfficialNameIsACountryNotABody() {
        let a = importPage("""
        الإمارات وجزر القمر تتفقان على تدريب الإعلاميين
        أبوظبي - وقّع مجلس الإعلام الاتحادي ووزارة الإعلام والاتصال في اتحاد جزر القمر مذكرة تفاهم لتدريب الإعلاميين.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام والاتصال القمرية"), "\(a.organizations.map(\.name))")
        #expect(!names(a).contains { $0.hasPrefix(ArabicNormalizer.normalize("اتحاد جزر")) }, "\(a.organizations.map(\.name))")
        #expect(a.countries.contains("KM"))
        let lunar = importPage("""
        إطلاق تقويم رقمي للمواقيت
        الرياض - أطلقت هيئة الإذاعة والتلفزيون تطبيقا يعرض بداية الشهر القمري وفق التقويم القمري المعتمد.
        \(closing)
        """)
        #expect(!lunar.countries.contains("KM"), "\(lunar.countries)")
    }

    /// "أشاد وكيل وزارة الثقافة والإعلام بالمبادرة": بالمبادرة is what he praised, not part of the name.
    @Test func aNounWithBaAfterAMinistryIsTheVerbs() {
        let a = importPage("""
        مبادرة لتدريب المراسلين
        الخرطوم - أطلقت وكالة السودان للأنباء مبادرة لتدريب المراسلين، وأشاد وكيل وزارة الثقافة والإعلام بالمبادرة، مؤكدا أن الوزارة تدعمها.
        \(closing)
        """)
        #expect(has(a, "وزارة الثقافة والإعلام السودانية"), "\(a.organizations.map(\.name))")
        #expect(!names(a).contains { $0.contains(ArabicNormalizer.normalize("بالمبادرة")) }, "\(a.organizations.map(\.name))")
    }
}
