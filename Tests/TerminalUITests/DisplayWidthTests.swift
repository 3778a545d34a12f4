import CNcursesw
import Foundation
import Testing

@testable import TerminalUI

@Suite(.serialized) struct DisplayWidthTests {
    @Test func knownWidths() {
        #expect(DisplayWidth.of("Привет") == 6)
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("ｱ") == 1)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }

    /// The table must agree with what ncursesw draws: glibc's wcwidth under a UTF-8 locale.
    @Test func agreesWithWcwidthUnderUTF8() throws {
        let old = String(cString: setlocale(LC_CTYPE, nil))
        defer { setlocale(LC_CTYPE, old) }
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x52F, 0x2000...0x206F, 0x2190...0x21FF,
            0x2500...0x257F, 0x3000...0x303F, 0x3040...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAD00, 0xFF00...0xFFEF,
            0x1F600...0x1F64F, 0x1F680...0x1F6C5,
        ]
        ranges.append(0x1F900...0x1F9FF)
        var disagreements: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
                let expected = Int(cnc_wcwidth(value))
                if expected < 0 { continue }
                if DisplayWidth.of(scalar) != expected {
                    disagreements.append(String(format: "U+%04X ours %d wcwidth %d", value, DisplayWidth.of(scalar), expected))
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test func truncation() {
        #expect(DisplayWidth.truncate("Воронка продаж", to: 8) == "Воронка…")
        #expect(DisplayWidth.truncate("中文中文", to: 5) == "中文…")
        #expect(DisplayWidth.prefix("中文", fitting: 3) == "中")
    }
}
