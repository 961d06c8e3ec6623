/// What ICU does not have: the spellings Arabic newsrooms actually use for country names.
/// (Demonyms and capitals, used to find countries in imported text, live with the importer.)
public enum CountryVariants {
    /// Display names that replace ICU's where ICU's are not the newsroom form.
    public static let displayNames: [String: String] = [
        "PS": "فلسطين",
        "CN": "الصين",
        "SA": "السعودية",
        "AE": "الإمارات",
        "OM": "عُمان",
        "US": "الولايات المتحدة",
        "HK": "هونغ كونغ",
    ]

    /// Other spellings by ISO code, matched after normalisation (so hamza and ta marbuta
    /// variants need not be listed).
    public static let spellings: [String: [String]] = [
        "SA": ["المملكة العربية السعودية", "السعودية"],
        "AE": ["الإمارات العربية المتحدة", "دولة الإمارات"],
        "QA": ["دولة قطر"],
        "OM": ["سلطنة عمان"],
        "NG": ["نيجريا"],
        "SG": ["سنغافورا"],
        "MZ": ["موزامبيق"],
        "BA": ["البوسنة و الهرسك", "البوسنه والهرسك"],
        "TR": ["الجمهورية التركية", "تركيا"],
        "KR": ["كوريا الجنوبية", "جمهورية كوريا"],
        "KP": ["كوريا الشمالية"],
        "PS": ["فلسطين", "دولة فلسطين"],
        "CN": ["الصين", "جمهورية الصين الشعبية"],
        "US": ["أمريكا", "امريكا", "الولايات المتحدة الأمريكية"],
        "GB": ["بريطانيا", "المملكة المتحدة"],
        "HU": ["المجر"],
        "MA": ["المملكة المغربية"],
        "JO": ["المملكة الأردنية الهاشمية"],
        "BH": ["مملكة البحرين"],
        "KW": ["دولة الكويت"],
        "EG": ["جمهورية مصر العربية"],
        "SY": ["سوريا", "سورية"],
        "MR": ["موريتانيا"],
        "DZ": ["الجزائر"],
        "LY": ["ليبيا"],
        "SD": ["السودان"],
        "IQ": ["العراق"],
        "LB": ["لبنان"],
        "YE": ["اليمن"],
        "TN": ["تونس"],
        "RU": ["روسيا"],
        "FR": ["فرنسا"],
        "DE": ["ألمانيا", "المانيا"],
        "IT": ["إيطاليا", "ايطاليا"],
        "ES": ["إسبانيا", "اسبانيا"],
        "IN": ["الهند"],
        "JP": ["اليابان"],
        "PK": ["باكستان"],
        "ID": ["إندونيسيا", "اندونيسيا"],
        "MY": ["ماليزيا"],
        "TW": ["تايوان"],
        "PH": ["الفلبين"],
        "MX": ["المكسيك"],
    ]
}
