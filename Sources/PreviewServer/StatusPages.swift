import Diagnostics
import Foundation

/// The pages the preview shows instead of the site: while the first build runs, when the content
/// has errors, and for an address with no page. Right-to-left Arabic pages; file paths, code and
/// the (English) messages sit in left-to-right `<bdi>`/`<code>` so the bidi algorithm cannot
/// reorder `content/articles/x.md:3:7` or a message that mixes Arabic names into English.
public enum StatusPages {
    /// The error page for a failed build. `source` gives a file's lines (relative path → text)
    /// to quote the line each finding points at.
    public static func errors(_ diagnostics: [Diagnostic], source: (String) -> [Substring]?) -> String {
        let errors = diagnostics.errors, warnings = diagnostics.warnings
        var items = ""
        var quoted: [String: [Substring]] = [:]
        for diagnostic in errors.sortedByLocation() + warnings.sortedByLocation() {
            let location = diagnostic.location
            let isError = diagnostic.severity == .error
            items += "<li class=\"\(isError ? "error" : "warning")\">\n"
            items += "<p class=\"where\"><span class=\"badge\">\(isError ? "خطأ" : "تنبيه")</span> "
                + "<code dir=\"ltr\"><bdi>\(escape(location.description))</bdi></code></p>\n"
            items += "<p class=\"message\"><bdi dir=\"ltr\">\(escape(diagnostic.message))</bdi></p>\n"
            if location.line > 0 {
                if quoted[location.file] == nil { quoted[location.file] = source(location.file) ?? [] }
                if let lines = quoted[location.file], location.line <= lines.count {
                    items += "<pre class=\"source\"><span class=\"line\" dir=\"ltr\">\(location.line)</span> "
                        + "<bdi dir=\"auto\">\(escape(String(lines[location.line - 1])))</bdi></pre>\n"
                }
            }
            if let hint = diagnostic.hint {
                items += "<p class=\"hint\">اقتراح: <bdi dir=\"ltr\">\(escape(hint))</bdi></p>\n"
            }
            items += "</li>\n"
        }
        let summary = errors.isEmpty ? "" : "وُجد في المحتوى \(count(errors.count, "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ"))"
            + (warnings.isEmpty ? "" : " و\(count(warnings.count, "تنبيه واحد", "تنبيهان", "تنبيهات", "تنبيهًا", "تنبيه"))") + "."
        return page(title: "أخطاء في المحتوى", body: """
            <h1>تعذّر بناء الموقع</h1>
            <p>\(summary) صحّح الملف واحفظه: ستتحدّث هذه الصفحة وحدها عندما يُبنى الموقع من جديد.</p>
            <ol class="findings">
            \(items)</ol>
            <p class="note">هذه الصفحة تظهر في المعاينة فقط (taawun serve)، ولا تُنشر.</p>
            """)
    }

    /// Shown until the first build finishes; it reloads itself then.
    public static let building = page(title: "جارٍ البناء", body: """
        <h1>جارٍ بناء الموقع…</h1>
        <p>ستظهر الصفحة المطلوبة هنا وحدها بعد لحظات.</p>
        """)

    /// For an address with no page when the site has no 404.html of its own.
    public static func notFound(_ path: String) -> String {
        page(title: "الصفحة غير موجودة", body: """
            <h1>لا توجد صفحة بهذا العنوان</h1>
            <p><code dir="ltr"><bdi>\(escape(path))</bdi></code></p>
            <p>إن كنت تكتب مقالًا جديدًا فاحفظه: ستتحدّث هذه الصفحة وحدها. <a href="/">الصفحة الرئيسية</a></p>
            """)
    }

    /// For a request addressed to another host (421): what a page on another site sends after
    /// pointing its own name at this computer (DNS rebinding) to read the drafts.
    public static func misdirected(_ host: String) -> String {
        page(title: "عنوان غير معروف", body: """
            <h1>هذه المعاينة لا تجيب طلبًا باسم مضيف آخر</h1>
            <p>وصل الطلب باسم <code dir="ltr"><bdi>\(escape(host))</bdi></code>. تجيب المعاينة فقط الطلبات الموجَّهة إلى \
            هذا الحاسوب (localhost أو 127.0.0.1 أو [::1]، أو العنوان المعطى في ‎--host)، كي لا يقرأ موقع آخر المسودات. \
            افتح العنوان الذي طبعه <code dir="ltr">taawun serve</code>.</p>
            <p lang="en" dir="ltr">This preview only answers requests addressed to this computer (localhost, 127.0.0.1, \
            [::1], or the --host given); this one named <code><bdi>\(escape(host))</bdi></code>. Another site can send such \
            requests to read your drafts (DNS rebinding). Open the address that <code>taawun serve</code> printed.</p>
            """)
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="ar" dir="rtl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — تعاون</title>
        <style>
        body{font-family:system-ui,"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,sans-serif;margin:0;background:#faf7f2;color:#222;line-height:1.7}
        main{max-width:52rem;margin:2rem auto;padding:0 1rem}
        h1{color:#8a1c1c}
        ol.findings{padding:0;list-style:none}
        ol.findings li{background:#fff;border:1px solid #ddd;border-inline-start:6px solid #c0392b;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
        ol.findings li.warning{border-inline-start-color:#d68910}
        .badge{display:inline-block;background:#c0392b;color:#fff;border-radius:4px;padding:0 .5rem;font-size:.9em}
        .warning .badge{background:#d68910}
        code,pre{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.95em}
        .message{font-weight:600;margin:.3rem 0}
        pre.source{background:#f4f1ea;padding:.4rem .6rem;border-radius:4px;white-space:pre-wrap;margin:.3rem 0}
        pre.source .line{color:#888;margin-inline-end:.6rem}
        .hint{color:#555;margin:.3rem 0}
        .note{color:#777;font-size:.9em}
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// Arabic number agreement (CLDR's categories): one, two, few 3–10, many 11–99, other.
    static func count(_ n: Int, _ one: String, _ two: String, _ few: String, _ many: String, _ other: String) -> String {
        switch n {
        case 1: return one
        case 2: return two
        default:
            switch n % 100 {
            case 3...10: return "\(n) \(few)"
            case 11...99: return "\(n) \(many)"
            default: return "\(n) \(other)"
            }
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
