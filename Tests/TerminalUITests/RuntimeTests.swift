import Foundation
import Testing

@testable import TerminalUI

/// A tiny program: typing builds text, "l" loads (an effect), "q" quits.
struct Counter: Program {
    struct Model {
        var text = ""
        var loaded: [String] = []
        var width = 0
    }

    enum Msg: Sendable {
        case key(Key)
        case resized(Int)
        case loaded(String)
    }

    func message(for event: TerminalEvent) -> Msg {
        switch event {
        case .key(let k): .key(k)
        case .resize(let w, _): .resized(w)
        case .mouse: .resized(-1)
        }
    }

    func message(for signal: TerminalSignal) -> Msg? { nil }

    func update(_ model: inout Model, _ msg: Msg) -> Effect<Msg> {
        switch msg {
        case .key(.character("q")): return .quit
        case .key(.character("l")):
            let label = "load \(model.text)"
            return .task("load") { .loaded(label) }
        case .key(.character("x")): return .cancel("load")
        case .key(.character(let c)): model.text.append(c)
        case .key: break
        case .resized(let w): model.width = w
        case .loaded(let value):
            model.loaded.append(value)
            if model.text.hasSuffix("!") { return .quit }
        }
        return .none
    }

    func view(_ model: Model, into buffer: inout Buffer) {
        buffer.put("text: \(model.text) loaded: \(model.loaded.joined(separator: ","))", x: 0, y: 0, style: .plain)
    }
}

@Suite struct RuntimeTests {
    @Test func staleResultsAreDropped() async {
        var driver = TestDriver(Counter(), model: Counter.Model())
        driver.type("a")
        driver.press(.character("l"))
        driver.type("b")
        driver.press(.character("l"))
        // The first request's answer arrives last: it must be ignored.
        await driver.complete("load")
        await driver.complete("load", generation: 1)
        #expect(driver.model.loaded == ["load ab"])
        driver.press(.character("l"))
        driver.press(.character("x"))
        await driver.completeAll()
        #expect(driver.model.loaded == ["load ab"])
        #expect(driver.frame.line(0).hasPrefix("text: ab loaded: load ab"))
    }

    @Test @MainActor func runtimeDrainsInputAppliesResultsAndRendersOncePerBatch() throws {
        let backend = HeadlessBackend(
            width: 40, height: 3,
            script: [
                .key(.character("h")), .key(.character("i")), .resize(width: 50, height: 3), .key(.character("!")),
                .key(.character("l")),
            ])
        let runtime = Runtime(program: Counter(), model: Counter.Model(), backend: backend)
        let model = try runtime.run()
        #expect(model.text == "hi!")
        #expect(model.loaded == ["load hi!"])
        #expect(model.width == 50)
        // One first frame and one per input event; quitting draws nothing more.
        #expect(backend.frames.count == 6)
        #expect(backend.frames.last?.line(0).hasPrefix("text: hi! loaded:  ") == true)
    }
}
