import Testing

@testable import TerminalUI

@Suite struct BufferTests {
    @Test func wideGlyphTakesTwoCellsAndIsNotCutInHalf() {
        var b = Buffer(width: 5, height: 1)
        let end = b.put("a中文", x: 0, y: 0, style: .plain)
        #expect(end == 3 + 2)
        #expect(b.line(0) == "a中文")
        var c = Buffer(width: 4, height: 1)
        c.put("ab中", x: 1, y: 0, style: .plain)
        #expect(c.line(0) == " ab ")
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("中文", x: 0, y: 0, style: .plain)
        b.put("x", x: 1, y: 0, style: .plain)
        #expect(b.line(0) == " x文")
    }

    @Test func controlCharactersNeverReachCells() {
        var b = Buffer(width: 30, height: 1)
        b.put("\u{1B}[2Jevil\u{202E}txt\n", x: 0, y: 0, style: .plain)
        #expect(b.line(0).hasPrefix("␛[2Jevil\u{FFFD}txt␤"))
        #expect(!b.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func combiningMarksStayInOneCell() {
        var b = Buffer(width: 3, height: 1)
        b.put("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].text == "e\u{301}")
        #expect(b[1, 0].text == "x")
    }

    @Test func changesListOnlyWhatDiffers() {
        var a = Buffer(width: 10, height: 2)
        a.put("hello", x: 0, y: 0, style: .plain)
        var b = a
        b.put("J", x: 0, y: 1, style: .plain)
        #expect(b.changes(since: a).map { "\($0.x),\($0.y)" } == ["0,1"])
        #expect(b.changes(since: nil).count == 20)
    }

    @Test func snapshotQuotesRows() {
        var b = Buffer(width: 4, height: 2)
        b.put("ok", x: 0, y: 0, style: .plain)
        #expect(b.snapshot == "\"ok  \"\n\"    \"")
    }

    @Test func tooSmallSaysWhatItNeeds() {
        var b = Buffer(width: 40, height: 10)
        b.drawTooSmall(needWidth: 80, needHeight: 24, style: .plain)
        #expect(b.text.contains("need 80×24, have 40×10"))
    }
}
