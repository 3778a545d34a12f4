import Bitrix24
import Foundation
import Replay
import SetupModel
import TerminalUI

/// Draws the console: header with the "Integration is active" switch, side list, form,
/// status line and key bar; overlays for pick lists, dialogs and help.
extension ConsoleProgram {
    static let minWidth = 72
    static let minHeight = 20
    /// The side list gives the form room below 100 columns, but never less than its longest
    /// section name needs (" 3 " before it, an error count after it): Russian names are
    /// longer. The onboarding's step names need its full width.
    static func sidebarWidth(screenWidth: Int, onboarding: Bool) -> Int {
        if screenWidth >= 100 || onboarding { return 26 }
        let longest = Section.allCases.map { DisplayWidth.of($0.title) }.max() ?? 0
        return min(26, max(24, longest + 7))
    }

    public func view(_ model: ConsoleModel, into buffer: inout Buffer) {
        let theme = model.theme
        guard buffer.width >= Self.minWidth, buffer.height >= Self.minHeight else {
            buffer.drawTooSmall(needWidth: Self.minWidth, needHeight: Self.minHeight, style: theme[.screen])
            return
        }
        buffer.fill(buffer.area, style: theme[.screen])
        let (top, rest) = buffer.area.splitTop(1)
        // A long status (a refusal, a problem) wraps onto up to three lines instead of being cut.
        let statusLines = Self.statusLines(model.status.text, width: buffer.width)
        let (body, bottom) = rest.splitBottom(statusLines.count + 1)
        header(model, &buffer, top)
        let (side, main) = body.splitLeft(Self.sidebarWidth(screenWidth: buffer.width, onboarding: model.onboarding != nil))
        // Validation runs once a frame; the side list, the form and its rows share it.
        let problems = model.problems
        sidebar(model, problems, &buffer, side)
        form(model, problems, &buffer, main)
        for (i, line) in statusLines.enumerated() {
            var status = model.status
            status.text = line
            status.render(into: &buffer, in: bottom.row(i), theme: theme)
        }
        keyBar(model, &buffer, bottom.row(statusLines.count))
        // The layers in the order they were opened: the one taking keys is drawn last.
        for layer in model.layers {
            switch layer {
            case .editing: break  // drawn in its row by the form
            case .picker(let picker): pickerOverlay(picker, model, &buffer)
            case .modal(let modal):
                buffer.cursor = nil
                modal.modal.render(into: &buffer, theme: theme)
            case .pane(let pane):
                buffer.cursor = nil
                pane.renderBox(
                    into: &buffer, theme: theme,
                    hint: tr("↑↓ PgUp/PgDn scroll, Esc closes", ru: "↑↓ PgUp/PgDn прокрутка, Esc закрывает"))
            case .help(let offset):
                buffer.cursor = nil
                HelpOverlay.render(
                    [
                        model.keys.global.erased, model.keys.sidebar.erased, model.keys.form.erased,
                        FormScreen.editingKeymap.erased, FormScreen.singlePickerKeymap.erased, FormScreen.pickerKeymap.erased,
                    ],
                    into: &buffer, theme: theme, offset: offset)
            }
        }
    }

    func header(_ model: ConsoleModel, _ buffer: inout Buffer, _ rect: Rect) {
        let theme = model.theme
        buffer.fill(rect, style: theme[.header])
        let name =
            TextSanitizer.line(model.profile.name.isEmpty ? tr("(new profile)", ru: "(новый профиль)") : model.profile.name)
            + (model.isDirty ? "*" : "")
        let account =
            model.currentAccount.map { TextSanitizer.line($0.name.isEmpty ? $0.domain.host : $0.name) }
            ?? tr("no account", ru: "нет аккаунта")
        let connection: String =
            switch model.catalogState {
            case .none: tr("not connected", ru: "не подключено")
            case .loading: "\(Progress.spinner(model.tick)) " + tr("loading lists", ru: "загрузка списков")
            case .live: tr("● live", ru: "● на связи")
            case .stale(let at, _): tr("◌ stale ", ru: "◌ устарело ") + at.shortText
            case .failed: tr("✗ unreachable", ru: "✗ недоступен")
            case .cancelled: tr("loading cancelled", ru: "загрузка прервана")
            }
        let callGear: String =
            switch model.callGearState {
            case .none: ""
            case .loading: " │ CallGear \(Progress.spinner(model.tick))"
            case .live: " │ CallGear " + tr("● live", ru: "● на связи")
            case .stale: " │ CallGear " + tr("◌ stale", ru: "◌ устарело")
            case .failed, .cancelled: " │ CallGear ✗"
            }
        let active = model.profile.integrationActive
        let switchText = (active ? " [■] " : " [ ] ") + tr("Integration is active ", ru: "Интеграция активна ")
        // What must stay visible: profile, region, the states and the switch. The tool's
        // name goes first when space is short, then the account name is shortened.
        let room = rect.width - DisplayWidth.of(switchText) - 1
        // Plain http to a LAN portal is the operator's stored choice; it stays in sight.
        let insecure = model.currentAccount?.usesInsecureHTTP == true ? " ⚠ http" : ""
        var tail = "\(insecure) \(connection)\(callGear) "
        var head = " callgear-setup │ \(name) │ \(model.profile.region.displayName) │ "
        if DisplayWidth.of(head + account + tail) > room { head = " \(name) │ \(model.profile.region.displayName) │ " }
        // Longer words (Russian) would cut the states: then they show as their symbols.
        if DisplayWidth.of(head) + 4 + DisplayWidth.of(tail) > room {
            func symbol(_ text: String) -> String { text.split(separator: " ").first.map(String.init) ?? text }
            tail =
                "\(insecure) \(symbol(connection))"
                + (callGear.isEmpty ? "" : " │ CallGear " + symbol(String(callGear.dropFirst(12)))) + " "
        }
        let shortAccount = DisplayWidth.truncate(
            account, to: max(4, room - DisplayWidth.of(head) - DisplayWidth.of(tail)))
        buffer.put(head + shortAccount + tail, x: rect.x, y: rect.y, style: theme[.header], maxWidth: room)
        buffer.put(
            switchText, x: rect.maxX - DisplayWidth.of(switchText), y: rect.y, style: theme[active ? .switchOn : .switchOff])
    }

    func sidebar(_ model: ConsoleModel, _ problems: [ValidationProblem], _ buffer: inout Buffer, _ rect: Rect) {
        let theme = model.theme
        buffer.fill(rect, style: theme[.sidebar])
        if let onboarding = model.onboarding {
            buffer.put(
                tr(" Onboarding", ru: " Подключение"), x: rect.x, y: rect.y + 1, style: theme[.title], maxWidth: rect.width)
            buffer.put(" \(onboarding.progress)", x: rect.x, y: rect.y + 2, style: theme[.hint], maxWidth: rect.width)
            for step in Onboarding.Step.allCases {
                let y = rect.y + 4 + step.rawValue
                guard y < rect.maxY else { break }
                let passed = step.rawValue < onboarding.step.rawValue
                let complete = Onboarding.isComplete(
                    step, profile: model.profile, problems: problems,
                    verified: model.verification.first?.hasPrefix("✓") == true)
                let mark = step == onboarding.step ? "›" : passed ? (complete ? "✓" : "!") : " "
                let selected = step == onboarding.step
                let style = theme[selected ? (model.sidebarFocused ? .sidebarSelected : .listSelectedBlur) : .sidebar]
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width - 1, height: 1), style: style)
                buffer.put(" \(mark) \(step.title)", x: rect.x, y: y, style: style, maxWidth: rect.width - 1)
            }
            return
        }
        for section in Section.allCases {
            let y = rect.y + 1 + section.rawValue
            guard y < rect.maxY else { break }
            let selected = section == model.section
            let style = theme[selected ? (model.sidebarFocused ? .sidebarSelected : .listSelectedBlur) : .sidebar]
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width - 1, height: 1), style: style)
            let count = problems.filter { $0.severity == .error && section.owns($0.path) }.count
            buffer.put(" \(section.rawValue + 1) \(section.title)", x: rect.x, y: y, style: style, maxWidth: rect.width - 4)
            if count > 0 {
                buffer.put("✗\(count)", x: rect.maxX - 4, y: y, style: theme[.error])
            }
        }
        let errors = problems.filter { $0.severity == .error }.count
        let y = rect.y + Section.allCases.count + 2
        if y < rect.maxY {
            buffer.put(
                errors == 0
                    ? tr(" ✓ valid", ru: " ✓ без ошибок")
                    : " ✗ " + counted(errors, "problem", "problems", ru: "ошибка", "ошибки", "ошибок"), x: rect.x, y: y,
                style: theme[errors == 0 ? .success : .error], maxWidth: rect.width - 1)
        }
        if model.version != nil, y + 1 < rect.maxY {
            buffer.put(
                tr(" version ", ru: " версия ") + "\(model.version ?? 0)", x: rect.x, y: y + 1, style: theme[.hint],
                maxWidth: rect.width - 1)
        }
    }

    func form(_ model: ConsoleModel, _ problems: [ValidationProblem], _ buffer: inout Buffer, _ rect: Rect) {
        let theme = model.theme
        let rows = FormScreen.rows(model, problems: problems)
        let focus = FormScreen.focusIndex(rows, model)
        var title: String
        if let onboarding = model.onboarding, model.stack.isEmpty {
            title = "\(onboarding.progress) — \(onboarding.step.title)   (\(model.profile.region.displayName))"
        } else {
            // The innermost forms matter most: drop middle ones until the trail fits.
            var parts = ([FormContext.section(model.section)] + model.stack).map(\.title)
            while parts.count > 2, DisplayWidth.of(parts.joined(separator: " › ")) > rect.width - 2 {
                parts.remove(at: parts[1] == "…" ? 2 : 1)
                if parts[1] != "…" { parts.insert("…", at: 1) }
            }
            title = parts.joined(separator: " › ")
        }
        buffer.putRow(" " + title, in: rect.row(0), style: theme[.title])
        let names = FormScreen.names(model)
        let (labelWidth, valueWidth) = Self.formColumns(formWidth: rect.width, rows: rows)
        let valueX = rect.x + labelWidth + 2
        let geometry = Self.formGeometry(rows: rows, focus: focus, model: model, rect: rect)
        // Each problem's row, found once a frame (not once per row drawn).
        let owned = Dictionary(grouping: problems) { Field.owner(of: $0.path, in: rows) ?? -1 }
        let (result, detailHeight, listHeight, wrapped, offset) = (
            geometry.result, geometry.detailHeight, geometry.listHeight, geometry.wrapped, geometry.offset
        )
        var y = rect.y + 2
        var lastShown = offset - 1
        for index in offset..<rows.count {
            let field = rows[index]
            let height = wrapped[index].count
            guard y + height <= rect.y + 2 + listHeight else { break }
            lastShown = index
            defer { y += height }
            let focused = index == focus && !model.sidebarFocused && model.picker == nil && model.modal == nil
            switch field.kind {
            case .heading:
                buffer.put(" " + field.label, x: rect.x, y: y, style: theme[.title], maxWidth: rect.width - 1)
                continue
            case .note:
                for (i, line) in wrapped[index].enumerated() {
                    buffer.put("  " + line, x: rect.x, y: y + i, style: theme[.hint], maxWidth: rect.width - 1)
                }
                continue
            default:
                break
            }
            let labelStyle = theme[focused ? .valueFocused : field.required ? .labelRequired : .label]
            buffer.put(
                "  " + field.label + (field.required ? "*" : ""), x: rect.x, y: y, style: labelStyle, maxWidth: labelWidth + 1)
            let own = owned[index] ?? []
            if let editing = model.editing, focused, editing.path == field.path {
                var text = editing.field
                text.render(into: &buffer, in: Rect(x: valueX, y: y, width: valueWidth, height: 1), theme: theme, focused: true)
                continue
            }
            let (value, flagged) = Self.display(field, model, names)
            let style = theme[flagged ? .warning : .value]
            let x = buffer.put(value, x: valueX, y: y, style: style, maxWidth: valueWidth)
            let errors = own.filter { $0.severity == .error }
            if !errors.isEmpty, x + 4 < rect.maxX {
                buffer.put(errors.count == 1 ? " ✗" : " ✗\(errors.count)", x: x, y: y, style: theme[.error])
            }
            if focused { buffer.cursor = Point(x: valueX, y: y) }
        }
        // More rows than fit: say so at the end of the title row, above and below.
        var more: [String] = []
        if offset > 0 { more.append(tr("▲ \(offset) above", ru: "▲ выше \(offset)")) }
        if lastShown < rows.count - 1 {
            more.append(tr("▼ \(rows.count - 1 - lastShown) below", ru: "▼ ниже \(rows.count - 1 - lastShown)"))
        }
        if !more.isEmpty {
            let text = more.joined(separator: " · ") + " "
            buffer.put(text, x: rect.maxX - DisplayWidth.of(text), y: rect.y, style: theme[.hint])
        }
        // The focused row, read whole: the typed text's problem, a validation problem, the
        // label and value a column cut — wrapped; F3 shows all of it, hint included, in a pane.
        let detailY = rect.y + 2 + listHeight
        if rows.indices.contains(focus) {
            let (lines, role) = detail(
                rows[focus], problems: owned[focus] ?? [], model: model, names: names,
                cut: (label: labelWidth, value: valueWidth), width: rect.width - 4, height: detailHeight)
            // The usual two lines stay just above the status; more grow upwards into the room.
            let top = detailY + max(0, detailHeight - max(2, lines.count))
            for (i, line) in lines.prefix(detailHeight).enumerated() {
                buffer.putRow("  " + line, in: Rect(x: rect.x, y: top + i, width: rect.width, height: 1), style: theme[role])
            }
        }
        if let result {
            let top = detailY + detailHeight
            let focused = model.resultFocused && !model.sidebarFocused
            let header =
                tr(" Result", ru: " Результат") + (result.position.isEmpty ? "" : " — \(result.position)")
                + (result.isScrollable
                    ? (focused ? " — ↑↓ PgUp/PgDn Home/End" : tr(" — PgUp/PgDn, or ↓ into it", ru: " — PgUp/PgDn, ↓ в него"))
                    : "")
            buffer.putRow(
                header, in: Rect(x: rect.x, y: top, width: rect.width, height: 1), style: theme[focused ? .valueFocused : .title])
            result.render(
                into: &buffer, in: Rect(x: rect.x + 2, y: top + 1, width: rect.width - 3, height: result.rows),
                style: theme[.value])
            if focused { buffer.cursor = Point(x: rect.x, y: top) }
        }
    }

    /// What the detail lines say about the focused row — its problem, then its label and value
    /// when a column cut them — wrapped to the form; the last line says "F3" when more is left.
    func detail(
        _ field: Field, problems: [ValidationProblem], model: ConsoleModel, names: Names,
        cut: (label: Int, value: Int), width: Int, height: Int = 2
    ) -> (lines: [String], role: Role) {
        var paragraphs: [String] = []
        var role = Role.hint
        if let editing = model.editing, let message = editing.field.message {
            paragraphs.append("✗ " + message)
            role = .error
        } else if let problem = problems.first {
            paragraphs.append("\(problem.severity == .error ? "✗" : "!") \(problem.message)")
            role = problem.severity == .error ? .error : .warning
        }
        // In Russian the vendor's English label stays in sight: the cabinet is English.
        if Language.current == .ru, let english = SettingsCatalog.entry(at: field.path)?.label.en {
            paragraphs.append("EN: " + english)
        }
        if model.editing == nil {
            let (value, _) = Self.display(field, model, names)
            let label = field.label + (field.required ? "*" : "")
            if DisplayWidth.of(value) > cut.value || DisplayWidth.of(label) + 2 > cut.label + 1 {
                paragraphs.append("\(label): \(value)")
            }
        }
        // The hint is read with F3: shown on every move it would rewrite two lines per key.
        var lines = paragraphs.flatMap { TextWrap.lines($0, width: width) }
        if lines.count > height {
            lines = Array(lines.prefix(height))
            let last = lines[height - 1]
            let room = width - 8
            lines[height - 1] = (DisplayWidth.of(last) > room ? String(last.prefix(room)) : last) + " … F3"
        }
        return (lines, role)
    }

    struct FormGeometry {
        var result: TextPane?
        var detailHeight: Int
        var listHeight: Int
        var wrapped: [[String]]
        /// The first row shown.
        var offset: Int

        /// Where each shown row starts on the screen (a click's target).
        func rowTops(rect: Rect) -> [(index: Int, y: Int, height: Int)] {
            var tops: [(Int, Int, Int)] = []
            var y = rect.y + 2
            for index in offset..<wrapped.count {
                let height = wrapped[index].count
                guard y + height <= rect.y + 2 + listHeight else { break }
                tops.append((index, y, height))
                y += height
            }
            return tops
        }

        /// The result pane's first text row, under the header.
        func resultTop(rect: Rect) -> Int { rect.y + 2 + listHeight + detailHeight + 1 }
    }

    /// How the form lays out: the rows area, the two detail lines, on Simulate the result
    /// pane, and the first row shown so the focused one is visible. The view draws with it
    /// and a click is aimed with it.
    static func formGeometry(rows: [Field], focus: Int, model: ConsoleModel, rect: Rect) -> FormGeometry {
        let result = resultPane(model, formRect: rect)
        // Notes wrap to the form's width; every other row is one line.
        let wrapped: [[String]] = rows.map { field in
            if case .note = field.kind { return wrap(field.label, width: rect.width - 3) }
            return [field.label]
        }
        // Two detail lines; up to four when the rows leave the room (longer Russian labels
        // with the English one beside them are then read without F3).
        let room = rect.height - 2 - (result.map { $0.rows + 1 } ?? 0)
        let detailHeight = min(4, max(2, room - wrapped.reduce(0) { $0 + $1.count }))
        let listHeight = max(3, room - detailHeight)
        var offset = 0
        while offset < focus, wrapped[offset...focus].reduce(0, { $0 + $1.count }) > listHeight { offset += 1 }
        return FormGeometry(result: result, detailHeight: detailHeight, listHeight: listHeight, wrapped: wrapped, offset: offset)
    }

    /// The Simulate screen's result as a pane sized for this form, nil elsewhere or before a run.
    static func resultPane(_ model: ConsoleModel, formRect: Rect) -> TextPane? {
        guard var pane = model.result, model.section.hasResultPane, model.stack.isEmpty, model.onboarding == nil else {
            return nil
        }
        let rows = max(3, min(pane.lineCount, formRect.height / 2 - 1))
        pane.show(width: formRect.width - 3, rows: rows)
        return pane
    }

    /// The status split into lines of the screen's width, at most three (the third ends in
    /// "…" if even that is not enough).
    static func statusLines(_ text: String, width: Int) -> [String] {
        var lines = TextWrap.lines(text, width: width - 1)
        if lines.count > 3 {
            lines = Array(lines.prefix(3))
            lines[2] = String(lines[2].prefix(max(0, width - 2))) + "…"
        }
        return lines.isEmpty ? [""] : lines
    }

    static func wrap(_ text: String, width: Int) -> [String] { TextWrap.lines(text, width: width) }

    /// The value column's text, and whether it is flagged (a stored ID the portal lacks).
    /// The value column's text alone (the F3 pane shows it whole).
    static func valueText(_ field: Field, _ model: ConsoleModel, _ names: Names) -> String {
        Self.display(field, model, names).0
    }

    static func display(_ field: Field, _ model: ConsoleModel, _ names: Names) -> (String, Bool) {
        let ws = model.workspace
        switch field.kind {
        case .heading, .note: return ("", false)
        case .toggle(let get, _): return (get(ws) ? tr("[x] on", ru: "[x] вкл") : tr("[ ] off", ru: "[ ] выкл"), false)
        case .choice(let options, let get, _):
            let i = get(ws)
            return ("‹ \(options.indices.contains(i) ? options[i] : "—") ›", false)
        case .text(let get, _, let masked, let placeholder):
            let text = get(ws)
            if text.isEmpty { return (placeholder.isEmpty ? "—" : placeholder, false) }
            return (masked ? Secret(text).masked : TextSanitizer.line(text), false)
        case .pick(let picker, let get, _):
            let value = get(ws)
            let shown: String =
                switch picker {
                case .user: names.user(value)
                case .leadStage: names.leadStage(value)
                case .funnel: names.funnel(value)
                case .dealStage(let funnel): names.dealStage(value, funnel: funnel)
                case .channel: value.map(names.channel) ?? "—"
                case .field(let entity): value.map { names.field($0, of: entity) } ?? "—"
                case .listValue(let entity, let code):
                    value.map { id in
                        let items = model.catalog?.fields[entity.rawValue]?.first { $0.code == code }?.items
                        return items?.first { $0.id == id }.map { "\(TextSanitizer.line($0.name)) (\(TextSanitizer.line(id)))" }
                            ?? TextSanitizer.line(id)
                    } ?? "—"
                case .replayEvents:
                    value.flatMap { id in model.replay.result?.items.first { $0.event.id == id } }.map {
                        TextSanitizer.line(ReplayResult.line($0))
                    } ?? model.replay.counts.map { $0 + tr(" — Enter lists them", ru: " — Enter: список") }
                        ?? tr("— run a replay —", ru: "— выполните прогон —")
                case .account:
                    value.map { domain in
                        model.accounts.first { $0.domain.description == domain }.map {
                            "\(TextSanitizer.line($0.name.isEmpty ? $0.domain.host : $0.name)) (\($0.domain))"
                        } ?? tr("⚠ \(domain) — no such account", ru: "⚠ \(domain) — такого аккаунта нет")
                    } ?? "—"
                default: value.map(TextSanitizer.line) ?? "—"
                }
            return (shown, Names.isFlagged(shown))
        case .multi(let picker, let get, _):
            let values = get(ws)
            guard !values.isEmpty else { return (tr("— none —", ru: "— нет —"), false) }
            let shown: [String] =
                switch picker {
                case .channel: values.map(names.channel)
                case .entities: values.compactMap { CreatedEntity(rawValue: $0)?.label }
                default: values.map(TextSanitizer.line)
                }
            return (shown.joined(separator: ", "), shown.contains(where: Names.isFlagged))
        case .open(_, let summary): return ("› " + TextSanitizer.line(summary), false)
        case .action(_, let summary): return ("⏎ " + summary, false)
        }
    }

    func keyBar(_ model: ConsoleModel, _ buffer: inout Buffer, _ rect: Rect) {
        if let picker = model.picker {
            let keymap = picker.multi == nil ? FormScreen.singlePickerKeymap : FormScreen.pickerKeymap
            return KeyBar.render(keymap, into: &buffer, in: rect, theme: model.theme)
        }
        if model.editing != nil { return KeyBar.render(FormScreen.editingKeymap, into: &buffer, in: rect, theme: model.theme) }
        KeyBar.render(model.keys.global, into: &buffer, in: rect, theme: model.theme)
    }

    /// The form's label and value columns: as wide as its labels need, at most 3/5 of the form
    /// (a longer label is read whole under the form). The view draws with them and a text
    /// field being typed scrolls in them.
    static func formColumns(formWidth: Int, rows: [Field]) -> (label: Int, value: Int) {
        let widest =
            rows.filter(\.isFocusable).map { DisplayWidth.of($0.label) + ($0.required ? 1 : 0) + 3 }.max() ?? 20
        let label = max(16, min(widest, 52, formWidth * 3 / 5))
        return (label, formWidth - label - 3)
    }

    static func formWidth(_ model: ConsoleModel) -> Int {
        model.width - sidebarWidth(screenWidth: model.width, onboarding: model.onboarding != nil)
    }

    /// The rows a pick list shows: the screen less the overlay's margins, frame and filter line.
    static func pickerRows(screenHeight: Int) -> Int { max(1, screenHeight - 7) }

    func pickerOverlay(_ picker: PickerState, _ model: ConsoleModel, _ buffer: inout Buffer) {
        let theme = model.theme
        let box = buffer.area.centered(width: min(buffer.width - 4, 76), height: Self.pickerRows(screenHeight: buffer.height) + 3)
        let count = picker.multi.map { " — \($0.statusText)" } ?? ""
        buffer.drawBox(box, title: TextSanitizer.line(picker.title) + count, style: theme[.modal], titleStyle: theme[.modalTitle])
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
        buffer.fill(inner, style: theme[.modal])
        if var multi = picker.multi {
            multi.render(into: &buffer, in: inner, theme: theme, focused: true)
        } else if var list = picker.single {
            list.render(into: &buffer, in: inner, theme: theme, focused: true)
        }
        buffer.cursor = nil
    }
}

extension Keymap {
    /// The same bindings with their actions forgotten, so keymaps of different screens
    /// can share one help overlay.
    var erased: Keymap<String> {
        Keymap<String>(title, bindings.map { KeyBinding($0.keys, $0.keyNames, label: $0.label, help: $0.help) })
    }
}
