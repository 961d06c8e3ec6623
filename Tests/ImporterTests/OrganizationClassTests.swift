import ArabicText
import Testing
@testable import Importer

// The organisation rules added for the third held-out set's classes (issue #17), each on a page
// written for the test: acronyms, names cut or glued by the words around them, short forms.

private func importPage(_ text: String) -> ImportedArticle {
    sharedImporter.importArticle(text, sourceURL: nil, fallbackSlug: "test")
}
private func folded(_ a: ImportedArticle) -> [String] { a.organizations.map { ArabicNormalizer.normalize($0.name) } }
private func has(_ a: ImportedArticle, _ name: String) -> Bool { folded(a).contains(ArabicNormalizer.normalize(name)) }
private let closing = "وتستمر الأنشطة حتى نهاية العام، على أن تنشر نتائجها في تقرير مفصل يوزع على المؤسسات المعنية."

@Suite struct OrganizationClassTests {
    @Test func acronymInParenthesesIsOneOrganisationWithTheFullName() {
        let a = importPage("""
        اليونسكو تدعم تدريب الصحفيين في الأردن
        عمان - أعلنت منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو) تمويل برنامج لتدريب الصحفيين الشباب في المحافظات.
        وقالت ممثلة اليونسكو إن البرنامج يبدأ الشهر المقبل.
        \(closing)
        """)
        #expect(has(a, "منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو)"))
        #expect(!has(a, "اليونسكو"))
        #expect(a.organizations.count == 1)
    }

    @Test func acronymInQuotesIsWrittenInParentheses() {
        let a = importPage("""
        تعاون إعلامي بين الرياض ومنظمة دولية
        الرياض - وقعت منظمة الأمم المتحدة للتربية والعلم والثقافة "اليونسكو" مذكرة لحفظ الأرشيف الإذاعي في المملكة.
        \(closing)
        """)
        #expect(has(a, "منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو)"))
    }

    @Test func outletWrittenWithItsAcronymKeepsTheOutletTableName() {
        let a = importPage("""
        تعاون في تبادل الصور بين وكالتين
        عمان - وقعت وكالة الأنباء الأردنية (بترا) اتفاقا لتبادل الصور مع معهد الإعلام الأردني.
        \(closing)
        """)
        #expect(has(a, "وكالة الأنباء الأردنية"))
        #expect(!folded(a).contains { $0.contains("(") })
    }

    @Test func academyOfABroadcasterIsABodyOfItsOwn() {
        let a = importPage("""
        دورة في صحافة الموبايل لصحفيين شباب
        تونس - نظمت أكاديمية دويتشه فيله الألمانية دورة في صحافة الموبايل، وشارك فيها مدربون من أكاديمية بي بي سي الإعلامية.
        وطالبت منظمة مراسلون بلا حدود إلى التضامن مع الصحفيين المحتجزين.
        \(closing)
        """)
        #expect(has(a, "أكاديمية دويتشه فيله الألمانية"))
        #expect(has(a, "أكاديمية بي بي سي الإعلامية"))
        #expect(!has(a, "دويتشه فيله") && !has(a, "بي بي سي"))
        // "منظمة" before a well-known name is that organisation, and the sentence goes on after it.
        #expect(has(a, "مراسلون بلا حدود"))
        #expect(!folded(a).contains { $0.contains("التضامن") })
    }

    @Test func counterpartEndsAName() {
        let a = importPage("""
        تعاون إعلامي خليجي
        الكويت - بحثت وزارة الإعلام الكويتية ونظيرتها البحرينية تبادل البرامج الإذاعية.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام الكويتية"))
        #expect(!folded(a).contains { $0.contains("نظير") })
    }

    @Test func aComplementAfterANationalityBelongsToTheName() {
        let a = importPage("""
        جمعية حقوقية تنتقد برنامجا تلفزيونيا
        الرباط - انتقدت الجمعية المغربية لحقوق الإنسان برنامجا حواريا بثته قناة خاصة الأسبوع الماضي.
        \(closing)
        """)
        #expect(has(a, "الجمعية المغربية لحقوق الإنسان"))
        #expect(!has(a, "الجمعية المغربية لحقوق"))
    }

    @Test func twoBroadcastersJoinedByAndAreTwo() {
        let a = importPage("""
        التلفزيون الليبي والتلفزة التونسية يتبادلان البرامج
        طرابلس - وقع التلفزيون الليبي والتلفزة التونسية اتفاقا لتبادل البرامج الوثائقية.
        \(closing)
        """)
        #expect(!folded(a).contains { $0.contains("والتلفزه") })
    }

    @Test func universitiesWithANumberANationalityOrACity() {
        let a = importPage("""
        جامعات تفتح أبوابها لطلبة الإعلام
        الجزائر - وقعت جامعة الجزائر 3 اتفاقا مع الجامعة اللبنانية والجامعة الأميركية في بيروت لتبادل الطلبة.
        \(closing)
        """)
        #expect(has(a, "جامعة الجزائر 3"))
        #expect(has(a, "الجامعة اللبنانية"))
        #expect(has(a, "الجامعة الأميركية في بيروت"))
        #expect(!has(a, "جامعة الجزائر") && !has(a, "الجامعة الأميركية"))
    }

    @Test func headAndNationalityIsAShortFormOfALongerName() {
        let a = importPage("""
        التلفزيون العماني يوقع مذكرة مع شبكة عراقية
        مسقط - وقعت الهيئة العامة للإذاعة والتلفزيون العمانية مذكرة تفاهم مع شبكة الإعلام العراقي لتبادل الأخبار.
        \(closing)
        """)
        #expect(has(a, "الهيئة العامة للإذاعة والتلفزيون العمانية"))
        #expect(!has(a, "التلفزيون العماني"))
    }

    @Test func postsStaffAndUnitsAreNotOrganisations() {
        let a = importPage("""
        جامعة قطر تطلق برنامجا للصحافة الرقمية
        الدوحة - أعلن نائب رئيس الجامعة للشؤون الأكاديمية في جامعة قطر إطلاق البرنامج بمشاركة أعضاء هيئة التدريس.
        وتقام الورش في مركز التدريب التابع للجامعة في الدوحة، وتقدم منصة واتش إت التابعة للشركة المتحدة للخدمات الإعلامية محتوى تدريبيا.
        \(closing)
        """)
        #expect(has(a, "جامعة قطر"))
        #expect(has(a, "الشركة المتحدة للخدمات الإعلامية"))
        #expect(!folded(a).contains { $0.contains("للشوون") || $0.contains("التدريس") || $0.contains("التابع") })
    }

    // The fourth held-out set's classes (issue #17): each rule on a page written for the test.

    @Test func aSecretariatIsNamedThroughItsBodyAndTheBodyIsNotListedThere() {
        let a = importPage("""
        منتدى للإعلاميين الشباب في القاهرة
        القاهرة - نظمت الأمانة العامة لجامعة الدول العربية منتدى للإعلاميين الشباب، وقالت الأمانة العامة إن المنتدى سيعقد كل عام.
        \(closing)
        """)
        #expect(has(a, "الأمانة العامة لجامعة الدول العربية"))
        #expect(!has(a, "جامعة الدول العربية"))
        #expect(!has(a, "الأمانة العامة"))
    }

    @Test func committeesThatAreNotJointCountWhenTheirNameSaysMoreThanTheirTask() {
        let a = importPage("""
        متابعة التغطية الإعلامية للانتخابات في العراق
        بغداد - عقدت لجنة الرصد الإعلامي المستقل اجتماعها الأول، وقررت اللجنة الأولمبية العراقية تزويدها بالبيانات، فيما رفعت لجنة التحكيم بالنقابة تقريرها.
        \(closing)
        """)
        #expect(has(a, "لجنة الرصد الإعلامي المستقل"))
        #expect(has(a, "اللجنة الأولمبية العراقية"))
        #expect(!folded(a).contains { $0.contains("التحكيم") })
    }

    @Test func chainsOfThreeNounsAPapersNameAndADateAreNames() {
        let a = importPage("""
        تكريم صحفيين مخضرمين في القاهرة
        القاهرة - كرمت رابطة خريجي كليات الإعلام عددا من الصحفيين المخضرمين من مؤسسة الأهرام ودار أخبار اليوم، بحضور ممثل عن مؤسسة 14 أكتوبر للصحافة والطباعة والنشر في عدن.
        \(closing)
        """)
        #expect(has(a, "رابطة خريجي كليات الإعلام"))
        #expect(has(a, "دار أخبار اليوم"))
        #expect(has(a, "مؤسسة 14 أكتوبر للصحافة والطباعة والنشر"))
    }

    @Test func aPlaceThenARegionBeforeTheComplementIsOneName() {
        let a = importPage("""
        ندوة عن الإعلام المتوسطي في تونس
        تونس - نظم معهد تونس أوروبا للدراسات الإعلامية ندوة عن تغطية الهجرة في وسائل الإعلام.
        \(closing)
        """)
        #expect(has(a, "معهد تونس أوروبا للدراسات الإعلامية"))
        #expect(!has(a, "معهد تونس"))
    }

    @Test func theGenitiveOfAConstructComplementBelongsToTheName() {
        let a = importPage("""
        دورة في التحقق من الصور للإعلاميين
        عمان - نظم المركز الإقليمي لتأهيل الإعلاميين دورة في التحقق من الصور والفيديو لمراسلين من عشر دول.
        \(closing)
        """)
        #expect(has(a, "المركز الإقليمي لتأهيل الإعلاميين"))
        #expect(!has(a, "المركز الإقليمي لتأهيل"))
    }

    @Test func aVerbalNounAfterACompleteNameIsTheObject() {
        let a = importPage("""
        فرص تدريب لطلاب الآثار في الأقصر
        القاهرة - تتيح الوزارة لطلاب كلية الآثار التسجيل في دورة التوثيق المصور حتى نهاية الشهر.
        \(closing)
        """)
        #expect(has(a, "كلية الآثار"))
        #expect(!folded(a).contains { $0.contains("التسجيل") })
    }

    @Test func universitiesNamedByTwoWordsByAnAdjectiveOrWithAComplement() {
        let a = importPage("""
        جامعة زايد تطلق برنامجا مشتركا للصحافة
        أبوظبي - أطلقت جامعة زايد برنامجا مشتركا مع جامعة بني سويف والجامعة الهاشمية وجامعة طيبة للعلوم والتقنية لتبادل طلبة الإعلام.
        وقالت جامعة زايد إن البرنامج يبدأ في الخريف.
        \(closing)
        """)
        #expect(has(a, "جامعة زايد"))
        #expect(has(a, "جامعة بني سويف"))
        #expect(has(a, "الجامعة الهاشمية"))
        #expect(has(a, "جامعة طيبة للعلوم والتقنية"))
        #expect(!folded(a).contains { $0.contains("تطلق") })
    }

    @Test func aProperNameWithAnInstitutionalAdjectiveIsANameSeenOnce() {
        let a = importPage("""
        تعاون إذاعي بين الرباط وباريس
        الرباط - وقعت الشركة الوطنية للإذاعة والتلفزة اتفاقا لتبادل البرامج الثقافية مع إذاعة مونت كارلو الدولية.
        \(closing)
        """)
        #expect(has(a, "إذاعة مونت كارلو الدولية"))
    }

    @Test func aUniversitysCentreIsNamedByItsTask() {
        let a = importPage("""
        دورة في الصحافة العلمية في إربد
        إربد - نظم معهد الإعلام بجامعة اليرموك دورة في الصحافة العلمية، فيما يعد مركز الأخبار تقريرا عن الدورة.
        \(closing)
        """)
        // (Named with its university, the institute is one organisation: UnitOfUniversityTests.)
        #expect(has(a, "معهد الإعلام بجامعة اليرموك"))
        #expect(!has(a, "معهد الإعلام") && !has(a, "جامعة اليرموك"))
        #expect(!has(a, "مركز الأخبار"))
    }

    @Test func aRegistryShortNameContinuedByAndTheIsTheLongerBody() {
        let a = importPage("""
        خطة لتطوير الإعلام الرسمي في عدن
        عدن - أعلنت وزارة الإعلام والثقافة والسياحة إطلاق خطة لتطوير الإذاعة والتلفزيون في المحافظات.
        \(closing)
        """)
        // (Named without its country in a story filed from عدن: the Yemeni ministry, by the README's rule.)
        #expect(has(a, "وزارة الإعلام والثقافة والسياحة اليمنية"))
        #expect(!a.organizations.contains { $0.registryID != nil })
    }

    @Test func aStateBodyNamedByItsCountryAndByItsAdjectiveIsOne() {
        let a = importPage("""
        برامج رمضانية جديدة على الشاشة الكويتية
        الكويت - أعلن التلفزيون الكويتي خريطة برامجه الرمضانية، وقال مدير تلفزيون الكويت إن الخريطة تضم عشرة برامج جديدة.
        \(closing)
        """)
        #expect(has(a, "تلفزيون الكويت"))
        #expect(!has(a, "التلفزيون الكويتي"))
    }

    @Test func aDefinitePluralShortFormIsTheConstructName() {
        let a = importPage("""
        ناشرو الصحف العرب يبحثون أزمة الورق
        دبي - بحث اتحاد ناشري الصحف العربية أزمة أسعار الورق، وقال رئيس اتحاد الناشرين إن الأسعار تضاعفت.
        \(closing)
        """)
        #expect(has(a, "اتحاد ناشري الصحف العربية"))
        #expect(!has(a, "اتحاد الناشرين"))
    }

    @Test func anAgencysShortNameAfterACounterpartIsThatAgency() {
        let a = importPage("""
        تعاون في تبادل الصور بين مسقط وأنقرة
        مسقط - بحثت وكالة الأنباء العمانية ونظيرتها التركية الأناضول تبادل الصور والأخبار.
        \(closing)
        """)
        #expect(has(a, "وكالة الأناضول"))
        #expect(has(a, "وكالة الأنباء العمانية"))
    }

    @Test func aCreditBeforeADashAndAnAdjectiveWithTheArticleNameNoAgency() {
        let a = importPage("""
        المكتبة الوطنية تعرض أرشيف الصحف القديمة
        وطنية - افتتحت المكتبة الوطنية معرضا لأرشيف الصحف اللبنانية القديمة بحضور باحثين وطلاب.
        \(closing)
        """)
        #expect(!has(a, "الوكالة الوطنية للإعلام"))
    }

    @Test func anOutletNamedInTheStoryByWhatItIsIsThatOutlet() {
        let a = importPage("""
        جوائز الصحافة المحلية في مسقط
        مسقط - فاز فريق من جريدة عمان بجائزة التحقيق الصحفي، فيما شاركت وكالة تونس أفريقيا للأنباء بصفة ضيف شرف في الجائزة التي تغطي صحف الخليج.
        \(closing)
        """)
        #expect(has(a, "جريدة عمان"))
        #expect(has(a, "وكالة تونس أفريقيا للأنباء"))
        #expect(!has(a, "وكالة تونس"))
        // A one-word outlet name is a word too: "الخليج" here is the Gulf, not the paper.
        #expect(!has(a, "صحيفة الخليج"))
    }

    @Test func aChainOfFourNounsIsOneName() {
        let a = importPage("""
        اجتماع لوكالات الأنباء الخليجية في المنامة
        المنامة - عقد اتحاد وكالات أنباء دول الخليج اجتماعه السنوي، وبحث تبادل الصور بين الوكالات الأعضاء.
        \(closing)
        """)
        #expect(has(a, "اتحاد وكالات أنباء دول الخليج"))
    }

    @Test func aBareMinistryInAStoryFiledFromOneCountryIsThatCountrys() {
        let a = importPage("""
        تعاون إعلامي بين الكويت وبكين
        الكويت - بحثت وزارة الإعلام مع وفد من وكالة أنباء شينخوا الصينية تبادل البرامج الوثائقية.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام الكويتية"))
        #expect(!has(a, "وزارة الإعلام السعودية"))
        // Filed from Riyadh, the bare name is the registry's Saudi ministry.
        let b = importPage("""
        تعاون إعلامي بين الرياض وبكين
        الرياض - بحثت وزارة الإعلام مع وفد من وكالة أنباء شينخوا الصينية تبادل البرامج الوثائقية.
        \(closing)
        """)
        #expect(has(b, "وزارة الإعلام السعودية"))
    }

    @Test func aBareMinistryWithoutADatelineIsItsOutletsCountrys() {
        let a = importPage("""
        القبس
        وزارة الإعلام تطلق مسابقة للأفلام القصيرة
        كتب: سالم العلي
        أطلقت وزارة الإعلام مسابقة للأفلام القصيرة يشارك فيها طلبة الجامعات والمعاهد، وتعرض الأفلام الفائزة على شاشة التلفزيون.
        \(closing)
        """)
        #expect(has(a, "وزارة الإعلام الكويتية"))
    }

    @Test func aBodyNamedByAGenericGenitiveThatNamesItsKind() {
        // هيئة الإعلام is a name (Jordan's media commission); هيئة المعلومات is not.
        let a = importPage("""
        دليل جديد للتغطية الانتخابية
        عمان - أطلقت هيئة الإعلام ومعهد الإعلام الأردني دليلا للتغطية الانتخابية، وأرسلت نسخة منه إلى هيئة المعلومات في كل وزارة.
        \(closing)
        """)
        #expect(has(a, "هيئة الإعلام"))
        #expect(has(a, "معهد الإعلام الأردني"))
        #expect(!has(a, "هيئة المعلومات"))
    }

    @Test func theMaghrebsTelevisionAndNationalBroadcastersAreBodies() {
        let a = importPage("""
        ورشة حول أخلاقيات المهنة في نواكشوط
        نواكشوط - نظمت السلطة العليا للصحافة والسمعيات البصرية ورشة لصحفيي الوكالة الموريتانية للأنباء والتلفزة الموريتانية والإذاعة الوطنية.
        \(closing)
        """)
        #expect(has(a, "الوكالة الموريتانية للأنباء"))
        #expect(has(a, "التلفزة الموريتانية"))
        #expect(has(a, "الإذاعة الوطنية"))
        #expect(!folded(a).contains { $0.contains("والتلفزه") })
    }

    @Test func aPapersNameAfterAnAcademy() {
        let a = importPage("""
        دورة في الإعلانات الرقمية
        القاهرة - نظمت أكاديمية أخبار اليوم دورة في الإعلانات الرقمية لطلاب الإعلام.
        \(closing)
        """)
        #expect(has(a, "أكاديمية أخبار اليوم"))
    }

    @Test func aPrepositionThatFoldsToTheArticleEndsAName() {
        let a = importPage("""
        دعوة لتسهيل منح الإجازات الإعلامية
        بغداد - دعت نقابة الصحفيين العراقيين هيئة الإعلام والاتصالات إلى تسهيل إجراءات منح الإجازات للمؤسسات الإعلامية الجديدة.
        \(closing)
        """)
        #expect(has(a, "هيئة الإعلام والاتصالات"))
        #expect(!folded(a).contains { $0.hasSuffix(" الي") })
    }
    @Test func aBodyNamedAfterAPersonIsNamedOnce() {
        let a = importPage("""
        أرشيف رقمي لصحف الستينيات
        بيروت - أطلقت الجامعة اللبنانية أرشيفا رقميا لصحف الستينيات بدعم من الاتحاد الأوروبي ومؤسسة جبران تويني.
        \(closing)
        """)
        #expect(has(a, "مؤسسة جبران تويني"))
        let b = importPage("""
        إعلان الفائزين بجائزة الإعلام العربي
        دبي - أعلنت جائزة محمد بن راشد للإعلام العربي أسماء الفائزين في دورتها الجديدة، وحضر الحفل ممثلو جائزة الصحافة العربية.
        \(closing)
        """)
        #expect(has(b, "جائزة محمد بن راشد للإعلام العربي"))
        // A prize named by its field is an award, not a body.
        #expect(!folded(b).contains { $0.contains("الصحافه العربيه") })
    }

    @Test func aUniversitysBranchInAPlaceKeepsThePlace() {
        let a = importPage("""
        ندوة عن الإعلام والذكاء الاصطناعي
        الدوحة - شارك باحثون من جامعة قطر وجامعة كارنيجي ميلون في قطر في ندوة نظمتها جامعة جورجتاون في قطر.
        \(closing)
        """)
        #expect(has(a, "جامعة كارنيجي ميلون في قطر"))
        #expect(has(a, "جامعة جورجتاون في قطر"))
        #expect(has(a, "جامعة قطر"))
        #expect(!has(a, "جامعة جورجتاون") && !has(a, "جامعة قطر في قطر"))
    }

    @Test func relationsWithStayInAMinistrysName() {
        let a = importPage("""
        ورشة حول قانون الصحافة الجديد
        نواكشوط - حضر الافتتاح ممثل عن وزارة الثقافة والشباب والرياضة والعلاقات مع البرلمان، ووقعت وزارة التحول الرقمي مع السلطة العليا للصحافة والسمعيات البصرية اتفاقية.
        \(closing)
        """)
        // (Filed from نواكشوط: Mauritania's ministries, written with the adjective.)
        #expect(has(a, "وزارة الثقافة والشباب والرياضة والعلاقات مع البرلمان الموريتانية"))
        #expect(has(a, "وزارة التحول الرقمي الموريتانية"))
        #expect(!folded(a).contains { $0.contains(ArabicNormalizer.normalize("الرقمي مع")) })
    }

    @Test func aListOfComplementsGoesOnThroughAConstruct() {
        let a = importPage("""
        اتفاقية لتدريب الإعلاميين الشباب
        الدوحة - وقعت مؤسسة قطر للتربية والعلوم وتنمية المجتمع اتفاقية لتدريب الإعلاميين الشباب.
        \(closing)
        """)
        #expect(has(a, "مؤسسة قطر للتربية والعلوم وتنمية المجتمع"))
    }
    @Test func aOneWordNameSeenOnceIsABodyInAListOfBodies() {
        let a = importPage("""
        دورات في التحقق من الأخبار
        بيروت - قدم مدربون من مؤسسة مهارات ومن وكالة الصحافة الفرنسية دورات عملية، بالتعاون مع جمعية نون.
        وزار الطلاب وزارة الإعلام ومركز تدريب للمصورين في الضاحية.
        \(closing)
        """)
        #expect(has(a, "مؤسسة مهارات"))
        #expect(has(a, "جمعية نون"))
        // A verbal noun after the head describes a place, not a body.
        #expect(!folded(a).contains { $0.contains("تدريب") })
    }
    @Test func aMinistryNamedWithoutItsCountryIsTheCountryTheStoryIsFiledFrom() {
        // One ministry, one page: the dateline's country is written as the ministry's adjective.
        let a = importPage("""
        برنامج لتأهيل الصحفيين الشباب
        الرباط - أطلقت وزارة الشباب والثقافة والتواصل برنامجا لتأهيل الصحفيين الشباب في الجهات.
        \(closing)
        """)
        #expect(has(a, "وزارة الشباب والثقافة والتواصل المغربية"))
        #expect(!has(a, "وزارة الشباب والثقافة والتواصل"))
        // Named with its country elsewhere in the story: that one ministry, as the story writes it.
        let b = importPage("""
        تعاون إعلامي بين عمّان والقاهرة
        عمان - وقعت وزارة الاتصال الحكومي الأردنية مذكرة تفاهم مع الهيئة الوطنية للإعلام، وقالت وزارة الاتصال الحكومي إن المذكرة تشمل التدريب.
        \(closing)
        """)
        #expect(has(b, "وزارة الاتصال الحكومي الأردنية"))
        #expect(b.organizations.filter { ArabicNormalizer.normalize($0.name).hasPrefix(ArabicNormalizer.normalize("وزارة الاتصال")) }.count == 1)
        // Nothing says whose: as written.
        let c = importPage("""
        برنامج لطلاب الإعلام في ثلاث دول
        أعلنت وزارة التعليم العالي برنامجا لطلاب الإعلام يشمل جامعات في بريطانيا وفرنسا وكندا.
        \(closing)
        """)
        #expect(has(c, "وزارة التعليم العالي"))
    }
    @Test func aProgrammeOrAFundOfAWellKnownBodyIsABodyOfItsOwn() {
        let a = importPage("""
        منصة للتحقق من الأخبار في لبنان
        بيروت - أطلقت وزارة الإعلام اللبنانية، بالتعاون مع برنامج الأمم المتحدة الإنمائي وصندوق الأمم المتحدة للسكان، منصة للتحقق من الأخبار ضمن برنامج تدريبي للصحفيين.
        \(closing)
        """)
        #expect(has(a, "برنامج الأمم المتحدة الإنمائي"))
        #expect(has(a, "صندوق الأمم المتحدة للسكان"))
        #expect(!has(a, "الأمم المتحدة"))
        let b = importPage("""
        دورة لتغطية الانتخابات البلدية
        طرابلس - نظم المركز الليبي لحرية الصحافة دورة بدعم من بعثة الأمم المتحدة للدعم في ليبيا، وأرسلت الوزارة بعثة إعلامية لتغطيتها.
        \(closing)
        """)
        #expect(has(b, "بعثة الأمم المتحدة للدعم في ليبيا"))
        #expect(!has(b, "الأمم المتحدة") && !folded(b).contains { $0.contains("اعلاميه") })
        // A programme is a body only as a well-known body's.
        #expect(!folded(a).contains { $0.contains("تدريبي") })
    }
    @Test func aBodyOfAPlacesGovernmentIsNamedWithIt() {
        let a = importPage("""
        زيارة لمقر الصحيفة
        الشارقة - زار وفد من المكتب الإعلامي لحكومة الشارقة مقر الصحيفة، وقدمت وزارة الإعلام الدعم لحكومة اليمن.
        \(closing)
        """)
        #expect(has(a, "المكتب الإعلامي لحكومة الشارقة"))
        #expect(!folded(a).contains { $0.contains("اليمن") })
    }

    @Test func aNameThatRunsOnToItsAcronymIsNamedByAllOfIt() {
        let a = importPage("""
        ندوة عن التشريعات الإعلامية
        بيروت - نظمت جمعية صحفيون بلا قيود من أجل حرية التعبير (صبق) ندوة عن التشريعات، ووقعت شبكة الجزيرة اتفاقا مع وكالة الأنباء القطرية (قنا).
        \(closing)
        """)
        #expect(has(a, "جمعية صحفيون بلا قيود من أجل حرية التعبير (صبق)"))
        // Another body's head ends the run: two bodies, not one.
        #expect(has(a, "شبكة الجزيرة"))
        #expect(!folded(a).contains { $0.contains("اتفاقا") })
    }

    @Test func aUnitWithANameOfItsOwnIsListedAUnitNamedByItsTaskIsNot() {
        let a = importPage("""
        تخريج دفعة جديدة من المذيعين
        القاهرة - قالت الهيئة الوطنية للإعلام إن المتدربين تخرجوا في معهد الإذاعة والتلفزيون التابع للهيئة، بعد دورة في مركز الأخبار التابع للهيئة.
        \(closing)
        """)
        #expect(has(a, "معهد الإذاعة والتلفزيون"))
        #expect(has(a, "الهيئة الوطنية للإعلام"))
        #expect(!has(a, "مركز الأخبار"))
    }
    @Test func aProperNameReadOnDifferentlyAtEachMentionIsWhatTheyShare() {
        let a = importPage("""
        دليل جديد للتحقق من الصور
        عمان - أطلقت منصة كاشف دليلا جديدا للصحفيين عن التحقق من الصور.
        وقالت منصة كاشف إن الدليل مجاني ومتاح بالعربية والإنجليزية.
        \(closing)
        """)
        #expect(has(a, "منصة كاشف"))
        #expect(!folded(a).contains { $0.contains("دليلا") })
    }
    @Test func departmentsAcademiesOfALanguageAndMediaCities() {
        let a = importPage("""
        ملتقى لصناع المحتوى في أبوظبي
        أبوظبي - نظمت دائرة الثقافة والسياحة ومدينة دبي للإعلام ملتقى لصناع المحتوى، بمشاركة مجمع الملك سلمان العالمي للغة العربية.
        وقال المنظمون إن مدينة أبوظبي ستستضيف الدورة المقبلة، وإن الملتقى كان في دائرة الاهتمام الإعلامي طوال أسبوع في مجمع المحاكم.
        \(closing)
        """)
        #expect(has(a, "دائرة الثقافة والسياحة"))
        #expect(has(a, "مدينة دبي للإعلام"))
        #expect(has(a, "مجمع الملك سلمان العالمي للغة العربية"))
        #expect(!folded(a).contains { $0.contains("الاهتمام") || $0.contains("المحاكم") || $0 == ArabicNormalizer.normalize("مدينة أبوظبي") })
    }

    @Test func anIndefiniteHeadWithAPurposeIsADescription() {
        let a = importPage("""
        منصة للمحتوى الرقمي العربي
        تونس - أطلقت المنظمة العربية للتربية والثقافة والعلوم (ألكسو) منصة للمحتوى الرقمي، وقالت الألكسو إنها مجانية.
        \(closing)
        """)
        #expect(has(a, "المنظمة العربية للتربية والثقافة والعلوم (ألكسو)"))
        #expect(a.organizations.count == 1)
    }

    @Test func aKingsOrdinalIsPartOfAUniversitysName() {
        let a = importPage("""
        ندوة عن الإعلام الرقمي في الرباط
        الرباط - احتضنت جامعة محمد الخامس بالرباط ندوة حول الإعلام الرقمي.
        \(closing)
        """)
        #expect(has(a, "جامعة محمد الخامس بالرباط"))
    }
    @Test func anEventsOfficeAndABuildingsRoomsAreNotBodies() {
        let a = importPage("""
        جولة للصحفيين في مقر التلفزيون
        دبي - زار الصحفيون مركز الأخبار ومركز التدريب واستوديوهات البث، ويضم المركز الإعلامي للمعرض أكثر من مئتي صحفي.
        \(closing)
        """)
        #expect(a.organizations.isEmpty)
    }
    @Test func anAgencyWrittenShortWithTheTablesAcronymIsTheTablesAgency() {
        let a = importPage("""
        توثيق الاعتداءات على الصحفيين
        رام الله - قالت وكالة الأنباء الفلسطينية (وفا) إن نقابة الصحفيين الفلسطينيين وثقت الاعتداءات خلال الشهر الماضي.
        \(closing)
        """)
        #expect(has(a, "وكالة الأنباء والمعلومات الفلسطينية"))
        #expect(!folded(a).contains { $0.contains("(") })
    }
    @Test func aDescriptionWithNoProperWordAndAHeadlinesShortFormAreNotMoreBodies() {
        let a = importPage("""
        المجلس الأعلى للإعلام يحيل ثلاث قنوات للتحقيق
        القاهرة - قرر المجلس الأعلى لتنظيم الإعلام إحالة ثلاث قنوات فضائية إلى التحقيق، وقال إن الوكالة الرسمية للأنباء ستنشر القرار.
        \(closing)
        """)
        #expect(has(a, "المجلس الأعلى لتنظيم الإعلام"))
        #expect(a.organizations.count == 1)
    }
    @Test func aFutureVerbAfterAUniversitysNameIsNotPartOfIt() {
        let a = importPage("""
        خدمة إخبارية باللغة الأمازيغية
        طرابلس - قال مدير الوكالة إن فريقا من جامعة طرابلس سيشارك في الترجمة، وإن جامعة بنغازي ستتولى التدقيق.
        \(closing)
        """)
        #expect(has(a, "جامعة طرابلس"))
        #expect(has(a, "جامعة بنغازي"))
        #expect(!folded(a).contains { $0.contains("سيشارك") || $0.contains("ستتولي") })
    }
    @Test func foundationsThatFundNewsroomsAndAPairedAdjective() {
        let a = importPage("""
        تنصيب أعضاء سلطة ضبط الصحافة
        الجزائر - أشرف الوزير على تنصيب أعضاء سلطة ضبط الصحافة المكتوبة والإلكترونية، بحضور ممثلين عن مؤسسة فريدريش إيبرت.
        \(closing)
        """)
        #expect(has(a, "سلطة ضبط الصحافة المكتوبة والإلكترونية"))
        #expect(has(a, "مؤسسة فريدريش إيبرت"))
    }
    @Test func aBodysOwnPlatformAndADescribedBrandWordAreNotBodies() {
        let a = importPage("""
        منصة جديدة لتلقي بلاغات المواطنين
        الرياض - أطلقت وزارة التعليم منصة جديدة، وتعمل منصة الوزارة على تلقي البلاغات، وقال مسؤول في شركة اتصالات كبرى إن الربط جاهز.
        \(closing)
        """)
        #expect(has(a, "وزارة التعليم السعودية"))
        #expect(a.organizations.count == 1)
    }
    @Test func aChannelOrARadioNamedByItsPlaceIsABroadcaster() {
        let a = importPage("""
        تدريب طلاب الإعلام في مؤسسات الشركة
        أبوظبي - وتشمل المذكرة تدريب الطلاب في قناة أبوظبي وإذاعة الكويت، بعد أن عبرت سفينة التدريب قناة السويس.
        \(closing)
        """)
        #expect(has(a, "قناة أبوظبي"))
        #expect(has(a, "إذاعة الكويت"))
        #expect(!folded(a).contains { $0.contains("السويس") })
    }
    @Test func aDefinitePluralAfterAProperNameIsTheVerbsObject() {
        let a = importPage("""
        توثيق الانتهاكات الرقمية بحق الصحفيين
        بيروت - وثقت مؤسسة سمكس الانتهاكات الرقمية بحق الصحفيين، وأصدرت وكالة أنباء الإمارات تقريرا مماثلا.
        \(closing)
        """)
        #expect(!folded(a).contains { $0.contains(ArabicNormalizer.normalize("الانتهاكات")) })
        #expect(has(a, "وكالة أنباء الإمارات"))
    }
    @Test func aRadioStationsNameEndsOnItsBand() {
        let a = importPage("""
        برنامج يومي عن الصحافة المحلية
        تونس - قالت إذاعة موزاييك أف أم إن البرنامج سيبث يوميا، وأعاد راديو شمس إف إم بث الحلقة الأولى.
        وسمع السكان الخبر عبر راديو السيارة.
        \(closing)
        """)
        #expect(has(a, "إذاعة موزاييك أف أم"))
        #expect(has(a, "راديو شمس إف إم"))
        #expect(!folded(a).contains { $0.contains("السياره") })
    }
    @Test func aDualHeadNamesTwoBodies() {
        let a = importPage("""
        بروتوكول تعاون بين النقابتين
        القاهرة - وقعت نقابتا الصحفيين والإعلاميين بروتوكول تعاون، بحضور أساتذة من جامعتي القاهرة وعين شمس.
        \(closing)
        """)
        #expect(has(a, "نقابة الصحفيين"))
        #expect(has(a, "نقابة الإعلاميين"))
        #expect(has(a, "جامعة القاهرة"))
    }
    @Test func twoInstitutionalAdjectivesMakeANameSeenOnce() {
        let a = importPage("""
        توصيات بشأن الإعلام الرقمي
        أبوظبي - أقر المجلس الوطني الاتحادي توصيات بشأن الإعلام الرقمي، وناقش المؤتمر العام قضايا النشر.
        \(closing)
        """)
        #expect(has(a, "المجلس الوطني الاتحادي"))
        #expect(a.organizations.count == 1)
    }
}
