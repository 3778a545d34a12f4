import Testing

@testable import TerminalUI

@Suite struct TextSanitizerTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(TextSanitizer.line("\u{1B}[31mred\u{1B}]0;title\u{07}") == "␛[31mred␛]0;title␇")
    }

    @Test func lineBreaksInOneLine() {
        #expect(TextSanitizer.line("a\nb\r\tc") == "a␤b␍ c")
        #expect(TextSanitizer.multiline("a\r\nb") == "a\nb")
    }

    @Test func bidiAndC1AreReplacedZeroWidthRemoved() {
        #expect(TextSanitizer.line("abc\u{202E}fed\u{2066}") == "abc\u{FFFD}fed\u{FFFD}")
        #expect(TextSanitizer.line("ad\u{200B}min\u{FEFF}") == "admin")
        #expect(TextSanitizer.line("x\u{9B}31m") == "x\u{FFFD}31m")
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["Воронка «Продажи»", "中文名", "e\u{301}", "👍🏽", "Ёлка"] {
            #expect(TextSanitizer.isClean(text))
        }
    }

    @Test func jsonEscapingKeepsDataExact() {
        #expect(TextSanitizer.escapeJSON("{\"n\":\"a\u{202E}b\"}") == "{\"n\":\"a\\u202eb\"}")
        #expect(TextSanitizer.escapeJSON("{\"n\":\"Иван\"}") == "{\"n\":\"Иван\"}")
    }
}
