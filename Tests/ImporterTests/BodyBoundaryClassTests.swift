import ArabicText
import Testing
@testable import Importer

// Organisation classes missed on pages nobody tuned on (issue #17): where a ministry's name ends,
// a body's board, agencies named by a short acronym, faculties named with their university. Each
// test is a page written for it, imported whole.

private func importPage(_ text: String) -> ImportedArticle {
    sharedImporter.importArticle(text, sourceURL: nil, fallbackSlug: "test")
}
private func folded(_ a: ImportedArticle) -> [String] { a.organizations.map { ArabicNormalizer.normalize($0.name) } }
private func has(_ a: ImportedArticle, _ name: String) -> Bool { folded(a).contains(ArabicNormalizer.normalize(name)) }
private func mentions(_ a: ImportedArticle, _ word: String) -> Bool { folded(a).contains { $0.contains(ArabicNormalizer.normalize(word)) } }
private let closing = "وتستمر الأنشطة حتى نهاية العام، على أن تنشر نتائجها في تقرير مفصل يوزع على المؤسسات المعنية."

@Suite struct BodyBoundaryClassTests {
    @Test func aMinistrysNameEndsWithItsPortfolio() {
        let a = importPage("""
        ورشة لتطوير نشرات الأخبار المحلية
        عدن - افتتح وكيل وزارة الإعلام والثقافة والسياحة اليمنية لقطاع الإعلام ورشة لمحرري النشرات المحلية، بمشاركة وزارة الاتصال والقطاع الخاص.
        وقدمت وزارة الشباب والرياضة ومديرية التربية في المحافظة قاعة التدريب، فيما أرسلت وزارة التعليم الفني قطاع التدريب المهني مدربين اثنين.
        وأعلنت وزارة التربية والتعليم بالمحافظة مشاركة معلمي الإعلام التربوي، وتابعت وزارة الداخلية الحدث عن كثب.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام والثقافة والسياحة اليمنية"))
        #expect(has(a, "وزارة الاتصال اليمنية"))
        #expect(has(a, "وزارة الشباب والرياضة اليمنية"))
        #expect(has(a, "وزارة التعليم الفني اليمنية"))
        #expect(has(a, "وزارة التربية والتعليم اليمنية"))
        #expect(has(a, "وزارة الداخلية اليمنية"))
        for unit in ["قطاع", "القطاع", "مديرية", "بالمحافظة", "الحدث"] { #expect(!mentions(a, unit), "«\(unit)» is not part of a ministry's name") }
    }

    @Test func anyBodysNameEndsBeforeAUnitOrASector() {
        let a = importPage("""
        شراكة لتطوير الإنتاج الدرامي
        صنعاء - وقعت المؤسسة العامة للإذاعة والتلفزيون والقطاع الخاص اتفاقية لإنتاج مسلسلات درامية، بحضور ممثلين عن المجلس الأعلى لقطاع الإعلام.
        \(closing)
        """)
        #expect(has(a, "المؤسسة العامة للإذاعة والتلفزيون"))
        #expect(!folded(a).contains { $0.contains("الخاص") }, "\(a.organizations.map(\.name))")
    }

    @Test func aRegistryMinistryBeforeAUnitIsTheRegistrysEntry() {
        let a = importPage("""
        مذكرة لتدريب الصحفيين
        الرياض - وقعت وزارة الإعلام والقطاع الخاص مذكرة لتدريب الصحفيين السعوديين على صحافة البيانات.
        \(closing)
        """)
        #expect(a.organizations.map(\.name) == ["وزارة الإعلام السعودية"])
        #expect(a.organizations.first?.registryID != nil)
    }

    @Test func aMinisterOfStatesComplementAndADefiniteMinistrysPortfolioStay() {
        let a = importPage("""
        تمويل ألماني لتدريب الصحفيين الأردنيين
        عمان - وقعت وزارة الدولة لشؤون الإعلام اتفاقا مع الوزارة الاتحادية الألمانية للتعاون الاقتصادي والتنمية لتمويل برنامج تدريبي.
        \(closing)
        """)
        #expect(mentions(a, "وزارة الدولة لشؤون الإعلام"))
        #expect(has(a, "الوزارة الاتحادية الألمانية للتعاون الاقتصادي والتنمية"))
    }

    @Test func aBodysBoardIsNotABody() {
        let a = importPage("""
        خطة جديدة لتطوير الأخبار في السودان
        الخرطوم - عقد مجلس إدارة وكالة السودان للأنباء اجتماعه الدوري، وناقش خطة تطوير التغطية الإخبارية في الولايات.
        وأقر مجلس أمناء مؤسسة الشروق للإعلام ميزانية العام الجديد، كما اجتمع مجلس أمناء جامعة الخرطوم لبحث إنشاء قسم للإعلام الرقمي.
        وأعلنت الهيئة العامة للإذاعة والتلفزيون أن مجلس إدارة الهيئة العامة للإذاعة والتلفزيون صادق على الخطة، وقال رئيس مجلس إدارة المؤسسة إن العمل بدأ.
        \(closing)
        """)
        #expect(has(a, "وكالة السودان للأنباء"))
        #expect(has(a, "جامعة الخرطوم"))
        #expect(has(a, "الهيئة العامة للإذاعة والتلفزيون"))
        #expect(!mentions(a, "مجلس"), "a board is its body's organ: \(a.organizations.map(\.name))")
    }

    @Test func anOrganEveryBodyHasIsItsBodys() {
        let a = importPage("""
        انتخابات نقابية في مسقط
        مسقط - عقدت الجمعية العمومية لجمعية الصحفيين العمانية اجتماعها السنوي، وانتخبت أعضاء المكتب التنفيذي للجمعية.
        وشارك في الاجتماع عضو المجلس التنفيذي لاتحاد الصحفيين العرب، وأشاد بتنظيمه.
        \(closing)
        """)
        #expect(has(a, "جمعية الصحفيين العمانية"))
        #expect(has(a, "اتحاد الصحفيين العرب"))
        #expect(!mentions(a, "العمومية") && !mentions(a, "التنفيذي"), "\(a.organizations.map(\.name))")
    }

    @Test func anAgencysShortNameInParenthesesAfterAPrepositionIsAParty() {
        let a = importPage("""
        ورشة خليجية للتحقق من الأخبار
        الكويت - أعلنت وزارة الإعلام الكويتية تنظيم ورشة حول التحقق من الأخبار الرقمية بالتعاون مع (العمانية) و(بنا)، يشارك فيها محررون من الوكالات الثلاث.
        \(closing)
        """)
        #expect(has(a, "وكالة الأنباء العمانية"))
        #expect(has(a, "وكالة أنباء البحرين"))
    }

    @Test func aHeadAndANationalityIsTheBodyNamedByItsCountry() {
        let a = importPage("""
        اتفاقية لإنتاج برامج وثائقية مشتركة
        عمان - وقعت مؤسسة الإذاعة والتلفزيون الأردنية ومجموعة تونس للإعلام اتفاقية لإنتاج برامج وثائقية مشتركة.
        وقال مدير المجموعة التونسية إن الاتفاقية تشمل تبادل الخبرات، مضيفا أن المجموعة التونسية ستوفد فريقا إلى عمان.
        \(closing)
        """)
        #expect(has(a, "مجموعة تونس للإعلام"))
        #expect(!has(a, "المجموعة التونسية"), "\(a.organizations.map(\.name))")
    }

    @Test func aHeadWrittenWithItsArticleIsDefiniteAfterAConjunction() {
        let a = importPage("""
        دورات في صحافة البيانات
        بيروت - يشمل البرنامج دورات في التحقق من المعلومات وإنتاج التقارير المصورة والإدارة التحريرية، بالشراكة مع الإدارة العامة للإعلام والإدارة العامة للإعلام.
        \(closing)
        """)
        #expect(!mentions(a, "التحريرية"), "\(a.organizations.map(\.name))")
        #expect(has(a, "الإدارة العامة للإعلام"))
    }

    @Test func aPostsPortfolioOrAPurposeAfterTheBodyNamedBeforeIsNotABody() {
        let a = importPage("""
        مذكرة تفاهم في الإعلام الرقمي
        الرياض - وقع وكيل الوزارة للإعلام الدولي مذكرة تفاهم مع نائب رئيس الجامعة للشؤون الأكاديمية ونائب رئيس الجامعة للتدويل، بحضور ممثلين عن جامعة الملك سعود.
        وتأتي المذكرة ضمن استراتيجية الجامعة للتحول الرقمي.
        \(closing)
        """)
        #expect(has(a, "جامعة الملك سعود"))
        #expect(!mentions(a, "للإعلام الدولي") && !mentions(a, "للتدويل") && !mentions(a, "للتحول"), "\(a.organizations.map(\.name))")
    }

    @Test func agenciesNamedByTheirAcronymAreTheOutletTablesAgencies() {
        let a = importPage("""
        تبادل إخباري بين وكالات خليجية
        المنامة - وقعت بنا وواس اتفاقية لتبادل الأخبار والصور، وقالت قنا إن الاتفاق يشمل تدريب المحررين.
        وأشارت سبأ إلى مشاركة محرريها في التدريب، وذكرت وكالة كيب أن مراسلها حضر التوقيع، ونقلت أ ف ب عن مسؤول أن الاتفاقية الأولى من نوعها.
        \(closing)
        """)
        for name in ["وكالة أنباء البحرين", "وكالة الأنباء السعودية", "وكالة الأنباء القطرية", "وكالة الأنباء اليمنية", "وكالة الصحافة الفرنسية"] {
            #expect(has(a, name), "\(name) in \(a.organizations.map(\.name))")
        }
        // An acronym the outlet table does not know is not made a body.
        #expect(!mentions(a, "كيب"))
        #expect(!folded(a).contains(ArabicNormalizer.normalize("وكالة واس")))
    }

    @Test func anAgencysHeadBeforeItsAcronymIsThatAgency() {
        let a = importPage("""
        وكالتا سبأ وواس توقعان برنامجا للتدريب
        الرياض - وقعت وكالتا سبأ وواس برنامجا تنفيذيا لتدريب المحررين والمصورين، على أن تستضيف وكالة واس الدورات في مقرها.
        \(closing)
        """)
        #expect(has(a, "وكالة الأنباء اليمنية"))
        #expect(has(a, "وكالة الأنباء السعودية"))
        #expect(!has(a, "وكالة سبأ") && !has(a, "وكالة واس"))
    }

    @Test func aLatinAcronymIsTheAgencyOfTheStorysCountryOnly() {
        let algeria = importPage("""
        تعاون إعلامي جزائري تونسي
        الجزائر - أوردت APS أن الوزير استقبل وفدا من الصحفيين التونسيين لبحث تبادل البرامج بين البلدين.
        \(closing)
        """)
        #expect(has(algeria, "وكالة الأنباء الجزائرية"))
        // APS is also Senegal's agency: in a Senegalese story it is not Algeria's.
        let senegal = importPage("""
        تعاون إعلامي مغربي سنغالي
        داكار - أوردت APS أن الوفد المغربي بحث مع مسؤولين سنغاليين تبادل البرامج الإذاعية.
        \(closing)
        """)
        #expect(!has(senegal, "وكالة الأنباء الجزائرية"))
        // A Latin acronym that is also a word (MENA, a region) names the agency only where written as one.
        let egypt = importPage("""
        مؤتمر للإعلام الرقمي في القاهرة
        القاهرة - يناقش مؤتمر الإعلام الرقمي مستقبل المنصات في منطقة MENA بمشاركة خبراء من مصر والأردن.
        \(closing)
        """)
        #expect(!has(egypt, "وكالة أنباء الشرق الأوسط"))
    }

    /// Faculties of different universities stay apart, each one body with its university (the
    /// README's rule, UnitOfUniversity.swift), and «القديس» opens the name of جامعة القديس يوسف.
    @Test func facultiesOfDifferentUniversitiesAreEachOneBodyWithTheirUniversity() {
        let a = importPage("""
        دورة في التحقق من الأخبار لطلاب الإعلام
        بيروت - نظمت كلية الإعلام في الجامعة اللبنانية دورة تدريبية بالتعاون مع كلية الآداب بجامعة القديس يوسف.
        وشارك في الدورة طلاب من كلية الإعلام والاتصال بجامعة الشارقة.
        \(closing)
        """)
        for name in ["كلية الإعلام في الجامعة اللبنانية", "كلية الآداب بجامعة القديس يوسف", "كلية الإعلام والاتصال بجامعة الشارقة"] {
            #expect(has(a, name), "\(name) in \(a.organizations.map(\.name))")
        }
        #expect(a.organizations.count == 3, "\(a.organizations.map(\.name))")
    }
}
