import TerminalUI

/// Clicks and the wheel, aimed with the same geometry the view draws with: a section or an
/// onboarding step in the side list, a row of the form (a second click edits it, as Enter), a
/// pick-list item (chosen, or ticked in a multi-select), a dialog's button, a key of the key
/// bar, the "Integration is active" switch in the header. The wheel scrolls lists, forms and
/// panes. The keyboard stays complete without any of it.
extension ConsoleProgram {
    /// Rows the wheel moves at a time.
    static let wheelStep = 3

    func handleMouse(_ mouse: MouseEvent, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard model.width >= Self.minWidth, model.height >= Self.minHeight else { return .none }
        switch model.layers.last {
        case .modal(let state)?:
            guard mouse.kind == .press,
                let key = state.modal.choice(
                    atX: mouse.x, y: mouse.y, screen: Rect(x: 0, y: 0, width: model.width, height: model.height))
            else { return .none }
            return handle(.character(key), &model)
        case .picker?:
            return pickerMouse(mouse, &model)
        case .pane?, .help?:
            switch mouse.kind {
            case .wheelUp: for _ in 0..<Self.wheelStep { _ = handle(.up, &model) }
            case .wheelDown: for _ in 0..<Self.wheelStep { _ = handle(.down, &model) }
            case .press: return handle(.escape, &model)
            }
            return .none
        case .editing?:
            return .none
        case nil:
            return screenMouse(mouse, &model)
        }
    }

    func pickerMouse(_ mouse: MouseEvent, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        switch mouse.kind {
        case .wheelUp: return .batch((0..<Self.wheelStep).map { _ in handle(.up, &model) })
        case .wheelDown: return .batch((0..<Self.wheelStep).map { _ in handle(.down, &model) })
        case .press: break
        }
        guard var picker = model.picker else { return .none }
        let rows = Self.pickerRows(screenHeight: model.height)
        let box = Rect(x: 0, y: 0, width: model.width, height: model.height).centered(
            width: min(model.width - 4, 76), height: rows + 3)
        // The frame, then the filter line, then the items.
        let row = mouse.y - (box.y + 2)
        guard mouse.x > box.x, mouse.x < box.maxX - 1, row >= 0 else { return .none }
        if var multi = picker.multi {
            multi.list.show(rows: rows)
            guard multi.list.select(visibleRow: row) else { return .none }
            picker.multi = multi
            model.picker = picker
            return handle(.character(" "), &model)
        }
        guard var single = picker.single else { return .none }
        single.show(rows: rows)
        guard single.select(visibleRow: row) else { return .none }
        picker.single = single
        model.picker = picker
        return handle(.enter, &model)
    }

    func screenMouse(_ mouse: MouseEvent, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let form = Self.formRect(model)
        // The key bar: the bottom line; the header's right end is the switch.
        if mouse.y == model.height - 1 {
            guard mouse.kind == .press,
                let key = KeyBar.key(model.keys.global, atX: mouse.x, width: model.width)
            else { return .none }
            return handle(key, &model)
        }
        if mouse.y == 0 {
            guard mouse.kind == .press, mouse.x >= model.width - 27 else { return .none }
            return perform(.toggleActive, &model)
        }
        if mouse.x < form.x {
            guard mouse.kind == .press else { return .none }
            return sidebarClick(y: mouse.y, &model)
        }
        guard mouse.y < form.maxY else { return .none }
        let rows = FormScreen.rows(model)
        let focus = FormScreen.focusIndex(rows, model)
        let geometry = Self.formGeometry(rows: rows, focus: focus, model: model, rect: form)
        // On Simulate's result pane the wheel scrolls it; a click goes into it.
        if geometry.result != nil, mouse.y >= geometry.resultTop(rect: form) - 1 {
            switch mouse.kind {
            case .press:
                model.resultFocused = true
                model.sidebarFocused = false
            case .wheelUp: for _ in 0..<Self.wheelStep { scrollResult(.up, &model) }
            case .wheelDown: for _ in 0..<Self.wheelStep { scrollResult(.down, &model) }
            }
            return .none
        }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            model.sidebarFocused = false
            model.resultFocused = false
            let key: Key = mouse.kind == .wheelUp ? .up : .down
            return .batch((0..<Self.wheelStep).map { _ in FormScreen.handle(key, &model, program: self) })
        case .press:
            guard let hit = geometry.rowTops(rect: form).first(where: { mouse.y >= $0.y && mouse.y < $0.y + $0.height }),
                rows[hit.index].isFocusable
            else { return .none }
            let wasFocused = hit.index == focus && !model.sidebarFocused && !model.resultFocused
            model.sidebarFocused = false
            model.resultFocused = false
            model.focus[model.focusKey] = hit.index
            // A second click on the focused row does what Enter does.
            return wasFocused ? FormScreen.handle(.enter, &model, program: self) : .none
        }
    }

    func sidebarClick(y: Int, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        if let onboarding = model.onboarding {
            // Steps start four lines under the header (the side list's title and progress first).
            guard let step = Onboarding.Step(rawValue: y - 5) else { return .none }
            return advance(&model, by: step.rawValue - onboarding.step.rawValue)
        }
        guard let section = Section(rawValue: y - 2) else { return .none }
        select(section, &model)
        model.sidebarFocused = false
        return .none
    }
}
