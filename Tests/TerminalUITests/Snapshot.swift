import Foundation
import TerminalUI
import Testing

/// Golden text snapshots under Tests/TerminalUITests/Snapshots; `SNAPSHOT_UPDATE=1 swift test`
/// rewrites them (then read the diff before committing).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").path

    static func assert(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var text = buffer.snapshot + "\n"
        if let cursor = buffer.cursor { text += "cursor \(cursor.x),\(cursor.y)\n" }
        let path = folder + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] == "1" || !FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
            if ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] != "1" {
                Issue.record("new snapshot \(name) written — review it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = try! String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
    }
}
