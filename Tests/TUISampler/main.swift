// Test support, not part of the product: runs the Sampler on the real terminal, then prints
// its final state (sanitized) so a tmux test can check what the keys did.
import Foundation
import TerminalUI

@MainActor
func runSampler() -> Int32 {
    let program = Sampler()
    let runtime = Runtime(program: program, model: Sampler.Model(), backend: NcursesBackend())
    do {
        let model = try runtime.run()
        let lines = [
            "name=\(model.name.text)", "active=\(model.active.isOn)", "chosen=\(model.chosen ?? "")", "saves=\(model.saves)",
            "status=\(model.status.text)",
        ]
        for line in lines { print(TextSanitizer.line(line)) }
        return 0
    } catch {
        FileHandle.standardError.write(Data("sampler: \(error)\n".utf8))
        return 1
    }
}

exit(MainActor.assumeIsolated { runSampler() })
