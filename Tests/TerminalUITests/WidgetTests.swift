import Testing

@testable import TerminalUI

let theme = Theme.builtinDefault
let hostile = "evil\u{1B}[2J\u{202E}exe.txt\u{200B}"

@Suite struct TextFieldTests {
    @Test func cyrillicEditingMovesByCharacter() {
        var field = TextField()
        for c in "Привет" { _ = field.handle(.character(c)) }
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.backspace)
        #expect(field.text == "Привет".replacingOccurrences(of: "в", with: ""))
        #expect(field.caret == 3)
        _ = field.handle(.character("ё"))
        #expect(field.text == "Приёет")
        _ = field.handle(.control("u"))
        #expect(field.text.isEmpty)
    }

    @Test func caretAndScrollByDisplayWidth() {
        var field = TextField("中文中文中文中文中文")
        var buffer = Buffer(width: 12, height: 1)
        field.render(into: &buffer, in: Rect(x: 0, y: 0, width: 12, height: 1), theme: theme, focused: true)
        // The caret at the end stays visible: the last wide glyphs are shown, the cursor after them.
        #expect(buffer.cursor == Point(x: 10, y: 0))
        #expect(buffer.line(0) == "文中文中文  ")
    }

    @Test func maskedShowsNoSecret() {
        var field = TextField("abcdef0123456789", masked: true)
        var buffer = Buffer(width: 30, height: 1)
        field.render(into: &buffer, in: buffer.area, theme: theme, focused: false)
        #expect(!buffer.line(0).contains("abc"))
        #expect(buffer.line(0).hasPrefix("••••••••••••••••"))
    }

    @Test func snapshotWithMessage() {
        var field = TextField("https://x.bitrix24.ru/crm")
        field.message = "the portal domain has extra parts '/crm'"
        var buffer = Buffer(width: 80, height: 24)
        buffer.put("Bitrix24 portal domain*", x: 2, y: 1, style: theme[.labelRequired])
        field.render(into: &buffer, in: Rect(x: 2, y: 2, width: 40, height: 2), theme: theme, focused: true)
        Snapshot.assert(buffer, named: "textfield-message")
    }
}

@Suite struct PickListTests {
    static let users = (0..<10_000).map { i in
        PickItem(id: "\(i)", title: i == 4242 ? "Семён Ёлкин" : "Пользователь \(i)", detail: "user\(i)@example.com")
    }

    @Test func filterIsCaseInsensitiveAndFoldsYo() {
        var list = PickList(Self.users)
        for c in "ЕЛКИН" { _ = list.handle(.character(c)) }
        #expect(list.matches.map { list.items[$0].id } == ["4242"])
        #expect(list.countText == "1/10000")
        _ = list.handle(.backspace)
        #expect(list.filter == "ЕЛКИ")
        _ = list.handle(.escape)
        #expect(list.filter.isEmpty && list.matches.count == 10_000)
        #expect(list.handle(.escape) == .cancelled)
    }

    @Test func narrowingAndBackspaceRestore() {
        var list = PickList(Self.users)
        for c in "999" { _ = list.handle(.character(c)) }
        let narrowed = list.matches.count
        _ = list.handle(.character("9"))
        _ = list.handle(.backspace)
        #expect(list.matches.count == narrowed)
    }

    @Test func disabledItemsCannotBeChosen() {
        var list = PickList([PickItem(id: "ID", title: "ID", detail: "read-only", isDisabled: true)])
        #expect(list.handle(.enter) == .handled)
    }

    @Test func snapshotWithHighlightAndHostileNames() {
        var items = (0..<40).map { PickItem(id: "\($0)", title: "Стадия \($0)", detail: "C\($0):NEW") }
        items.insert(PickItem(id: "x", title: hostile, detail: "中文名字"), at: 2)
        var list = PickList(items)
        for c in "стадия 1" { _ = list.handle(.character(c)) }
        _ = list.handle(.down)
        var buffer = Buffer(width: 80, height: 24)
        list.render(into: &buffer, in: Rect(x: 1, y: 1, width: 60, height: 8), theme: theme, focused: true)
        var all = PickList(items)
        all.render(into: &buffer, in: Rect(x: 1, y: 10, width: 60, height: 6), theme: theme, focused: false)
        Snapshot.assert(buffer, named: "picklist")
    }
}

@Suite struct MultiSelectTests {
    @Test func spaceTicksAndControlATicksVisible() {
        let channels = ["WhatsApp Web 111", "Telegram bot 35", "Email 13", "Web chattest"].enumerated().map {
            PickItem(id: "\($0.offset)", title: $0.element)
        }
        var select = MultiSelect(channels, selected: [])
        _ = select.handle(.character(" "))
        #expect(select.selected == ["0"])
        for c in "te" { _ = select.handle(.character(c)) }
        _ = select.handle(.control("a"))
        #expect(select.selected == ["0", "1", "3"])
        _ = select.handle(.control("a"))
        #expect(select.selected == ["0"])
        var buffer = Buffer(width: 80, height: 24)
        select.render(into: &buffer, in: Rect(x: 0, y: 0, width: 50, height: 6), theme: theme, focused: true)
        Snapshot.assert(buffer, named: "multiselect")
    }

    /// With a filter typed, Space still ticks (the key bar says "Space Tick").
    @Test func spaceTicksWithAFilterTyped() {
        let channels = ["WhatsApp Web 111", "Telegram bot 35"].enumerated().map {
            PickItem(id: "\($0.offset)", title: $0.element)
        }
        var select = MultiSelect(channels, selected: [])
        for c in "tele" { _ = select.handle(.character(c)) }
        _ = select.handle(.character(" "))
        #expect(select.selected == ["1"])
        #expect(select.list.filter == "tele")
    }
}

/// A pick list keeps its scroll between frames: screens draw copies of it, so the scroll is
/// decided by the keys, and moving back up a long list moves the highlight up the rows.
@Suite struct PickListScrollTests {
    @Test func movingBackUpMovesTheHighlightNotTheList() {
        let items = (1...50).map { PickItem(id: "\($0)", title: "Item \($0)", detail: "") }
        var list = PickList(items)
        list.show(rows: 10)
        for _ in 0..<30 { _ = list.handle(.down) }
        #expect(list.cursor == 30 && list.offset == 21)
        for _ in 0..<5 { _ = list.handle(.up) }
        // Drawn from a copy each frame, as the console does.
        var frame = Buffer(width: 30, height: 11)
        var copy = list
        copy.render(into: &frame, in: Rect(x: 0, y: 0, width: 30, height: 11), theme: .builtinDefault, focused: true)
        #expect(list.offset == 21, "the list stays where it was")
        #expect(frame.line(1 + 25 - 21).contains("Item 26"), "\(frame.text)")
        #expect(frame.line(10).contains("Item 31"))
        _ = list.handle(.pageDown)
        #expect(list.cursor == 35 && list.offset == 26)
    }

    @Test func aPreselectedItemFarDownStartsVisible() {
        let items = (1...50).map { PickItem(id: "\($0)", title: "Item \($0)", detail: "") }
        var list = PickList(items, selectedID: "40")
        list.show(rows: 8)
        #expect(list.offset <= 39 && 39 < list.offset + 8)
        _ = list.handle(.up)
        #expect(list.cursor == 38 && list.offset <= 38)
    }
}

/// A text field keeps its scroll between frames: moving the caret left through a long value
/// moves the caret on screen, not the text under a caret pinned to the right edge.
@Suite struct TextFieldScrollTests {
    @Test func movingLeftMovesTheCaretNotTheText() {
        var field = TextField(String(repeating: "abcdefghij", count: 5))
        field.show(columns: 20)
        #expect(field.scroll == 31, "the end of the text is in view, caret at the last column")
        for _ in 0..<5 { _ = field.handle(.left) }
        var frame = Buffer(width: 20, height: 1)
        var copy = field
        copy.render(into: &frame, in: Rect(x: 0, y: 0, width: 20, height: 1), theme: .builtinDefault, focused: true)
        #expect(field.scroll == 31, "the text stays where it was")
        #expect(frame.cursor == Point(x: 14, y: 0), "\(String(describing: frame.cursor))")
        for _ in 0..<20 { _ = field.handle(.left) }
        #expect(field.caret == 25 && field.scroll == 25)
    }
}
