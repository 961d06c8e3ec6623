import ArabicText
import Testing
@testable import Importer

// A faculty, institute, centre or department named with its university is one organisation
// (issue #17): every university has a كلية الإعلام, so the faculty's name alone would put them all
// on one organisation page. Each page below is written for its test.

private func importPage(_ text: String) -> ImportedArticle {
    sharedImporter.importArticle(text, sourceURL: nil, fallbackSlug: "test")
}
private func folded(_ a: ImportedArticle) -> [String] { a.organizations.map { ArabicNormalizer.normalize($0.name) } }
private func has(_ a: ImportedArticle, _ name: String) -> Bool { folded(a).contains(ArabicNormalizer.normalize(name)) }
private let closing = "وتستمر الأنشطة حتى نهاية العام، على أن تنشر نتائجها في تقرير مفصل يوزع على المؤسسات المعنية."

@Suite struct UnitOfUniversityTests {
    @Test func facultyAttachedWithBaIsOneOrganisation() {
        let a = importPage("""
        كلية الإعلام بجامعة اليرموك تطلق مختبرا لصحافة البيانات
        إربد - أطلقت كلية الإعلام بجامعة اليرموك مختبرا لصحافة البيانات يتدرب فيه طلبة السنة الرابعة على تحليل الأرقام الرسمية.
        وقال عميد الكلية إن المختبر سيستقبل صحفيين من المؤسسات المحلية في الفصل المقبل.
        \(closing)
        """)
        #expect(has(a, "كلية الإعلام بجامعة اليرموك"))
        #expect(!has(a, "كلية الإعلام"))
        #expect(!has(a, "جامعة اليرموك"))
        #expect(a.organizations.count == 1)
    }

    @Test func facultyAttachedWithFiKeepsThePreposition() {
        let a = importPage("""
        تدريب المراسلين الميدانيين في عدن
        عدن - نظمت نقابة الصحفيين اليمنيين بالتعاون مع كلية الآداب في جامعة عدن دورة في التغطية الميدانية لعشرين مراسلا.
        \(closing)
        """)
        #expect(has(a, "كلية الآداب في جامعة عدن"))
        #expect(!has(a, "كلية الآداب") && !has(a, "جامعة عدن") && !has(a, "كلية الآداب بجامعة عدن"))
        #expect(has(a, "نقابة الصحفيين اليمنيين"))
    }

    @Test func facultyAfterADashIsWrittenWithBa() {
        let a = importPage("""
        ملتقى الإعلام الرقمي يختتم أعماله في جدة
        جدة - اختتم ملتقى الإعلام الرقمي أعماله أمس بتوصيات قدمتها كلية الاتصال والإعلام – جامعة الملك عبدالعزيز حول تدريب الصحفيين على أدوات التحقق.
        \(closing)
        """)
        #expect(has(a, "كلية الاتصال والإعلام بجامعة الملك عبدالعزيز"))
        #expect(!has(a, "كلية الاتصال والإعلام") && !has(a, "جامعة الملك عبدالعزيز"))
    }

    @Test func universityFirstWithoutPrepositionIsWrittenFacultyFirst() {
        let a = importPage("""
        جامعة الموصل كلية الإعلام تحتفي بتخرج الدفعة العاشرة
        الموصل - احتفت جامعة الموصل كلية الإعلام، يوم الخميس، بتخرج الدفعة العاشرة من طلبتها بحضور ممثلين عن القنوات المحلية.
        \(closing)
        """)
        #expect(has(a, "كلية الإعلام بجامعة الموصل"))
        #expect(!has(a, "كلية الإعلام") && !has(a, "جامعة الموصل"))
        #expect(a.organizations.count == 1)
    }

    @Test func universityActingOnItsOwnIsListedToo() {
        let a = importPage("""
        جامعة القاهرة توقع اتفاقية لتدريب طلبة الإعلام
        القاهرة - وقعت جامعة القاهرة اتفاقية مع الهيئة الوطنية للإعلام لتدريب طلبة كلية الإعلام بجامعة القاهرة في استوديوهات ماسبيرو.
        وقال رئيس الجامعة إن الاتفاقية تمتد ثلاث سنوات.
        \(closing)
        """)
        #expect(has(a, "جامعة القاهرة"))
        #expect(has(a, "كلية الإعلام بجامعة القاهرة"))
        #expect(has(a, "الهيئة الوطنية للإعلام"))
        #expect(!has(a, "كلية الإعلام"))
    }

    @Test func facultyWithNoUniversityStaysAsNamed() {
        let a = importPage("""
        طلبة الإعلام يزورون مقر الوكالة
        الرباط - استقبلت وكالة المغرب العربي للأنباء وفدا من طلبة كلية الإعلام في زيارة اطلعوا خلالها على غرفة الأخبار.
        \(closing)
        """)
        #expect(has(a, "كلية الإعلام"))
        #expect(folded(a).filter { $0.hasPrefix(ArabicNormalizer.normalize("كلية")) } == [ArabicNormalizer.normalize("كلية الإعلام")])
    }

    @Test func aFacultyNamedApartFromTheStorysOnlyUniversityIsThatUniversitys() {
        let a = importPage("""
        اتفاقية لتدريب طلبة الإعلام في استوديوهات التلفزيون
        عمان - وقعت مؤسسة الإذاعة والتلفزيون الأردنية اتفاقية مع جامعة اليرموك لتدريب طلبة كلية الإعلام في استوديوهاتها خلال العطلة الصيفية.
        وقال رئيس الجامعة إن طلبة قسم الصحافة في كلية الآداب سيشاركون في الدورة الثانية، وإن أساتذة كلية الإعلام بالجامعة نفسها سيشرفون عليها.
        \(closing)
        """)
        #expect(has(a, "جامعة اليرموك")) // a party to the agreement
        // The story's own "بالجامعة نفسها" gives the preposition; the other mention is the same faculty.
        #expect(has(a, "كلية الإعلام بجامعة اليرموك"))
        #expect(has(a, "قسم الصحافة في كلية الآداب بجامعة اليرموك"))
        #expect(!has(a, "كلية الإعلام") && !has(a, "كلية الآداب"))
    }

    @Test func aFacultyApartFromTwoUniversitiesStaysAsNamed() {
        let a = importPage("""
        برنامج مشترك لطلبة الإعلام
        عمان - أطلقت جامعة اليرموك وجامعة البترا برنامجا مشتركا يتدرب فيه طلبة كلية الإعلام على التحقق من الأخبار.
        \(closing)
        """)
        #expect(has(a, "جامعة اليرموك") && has(a, "جامعة البترا"))
        #expect(has(a, "كلية الإعلام"))
    }

    @Test func twoUniversitiesFacultiesOfTheSameNameAreTwoOrganisations() {
        let a = importPage("""
        مسابقة للتقارير المصورة بين طلبة الإعلام
        بيروت - تتنافس كلية الإعلام في الجامعة اللبنانية وكلية الإعلام بجامعة بغداد في مسابقة للتقارير المصورة تنظمها مؤسسة مهارات.
        \(closing)
        """)
        #expect(has(a, "كلية الإعلام في الجامعة اللبنانية"))
        #expect(has(a, "كلية الإعلام بجامعة بغداد"))
        #expect(!has(a, "كلية الإعلام") && !has(a, "الجامعة اللبنانية") && !has(a, "جامعة بغداد"))
    }

    @Test func departmentAndCentreOfAUniversity() {
        let a = importPage("""
        قسم الصحافة بجامعة الخرطوم يفتتح استوديو
        الخرطوم - افتتح قسم الصحافة والإعلام بكلية الآداب في جامعة الخرطوم استوديو للتدريب، بدعم من مركز تطوير الإعلام بجامعة بيرزيت.
        \(closing)
        """)
        // The headline's short form and the story's full one are one department.
        #expect(has(a, "قسم الصحافة والإعلام بكلية الآداب في جامعة الخرطوم"))
        #expect(has(a, "مركز تطوير الإعلام بجامعة بيرزيت"))
        #expect(!has(a, "جامعة الخرطوم") && !has(a, "كلية الآداب") && !has(a, "مركز تطوير الإعلام"))
    }

    @Test func anInstituteOfItsOwnAtAUniversityIsNotItsUnit() {
        let a = importPage("""
        ندوة عن التغطية الانتخابية في إربد
        إربد - عقد معهد الإعلام الأردني في جامعة اليرموك ندوة عن التغطية الانتخابية، ونظم مركز الجزيرة للتدريب بجامعة اليرموك ورشة مصاحبة.
        \(closing)
        """)
        #expect(has(a, "معهد الإعلام الأردني") && has(a, "جامعة اليرموك"))
        #expect(!folded(a).contains { $0.hasPrefix(ArabicNormalizer.normalize("معهد الإعلام الأردني")) && $0.contains(ArabicNormalizer.normalize("جامعة")) })
        #expect(!folded(a).contains { $0.hasPrefix(ArabicNormalizer.normalize("مركز الجزيرة")) && $0.contains(ArabicNormalizer.normalize("جامعة")) })
    }

    @Test func theArabLeagueIsNotAUniversity() {
        let a = importPage("""
        تكريم طلبة الإعلام الفائزين في القاهرة
        القاهرة - كرمت جامعة الدول العربية عشرة من طلبة كلية الإعلام الفائزين في مسابقة التقارير المصورة.
        \(closing)
        """)
        #expect(has(a, "جامعة الدول العربية"))
        #expect(has(a, "كلية الإعلام"))
    }

    @Test func aDualOfUniversitiesIsNotAFaculty() {
        let a = importPage("""
        جامعتا القاهرة والأزهر تطلقان دبلوما في الإعلام الرقمي
        القاهرة - أطلقت جامعتا القاهرة والأزهر دبلوما مشتركا في الإعلام الرقمي يبدأ في الخريف.
        \(closing)
        """)
        #expect(has(a, "جامعة القاهرة") && has(a, "جامعة الأزهر"))
        #expect(!folded(a).contains { $0.contains(ArabicNormalizer.normalize("كلية")) })
    }
}
